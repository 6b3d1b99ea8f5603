"""The committed web app (static/public) is exactly what static/build.mjs makes from static/src
and the locked npm packages, and every string the app shows exists in both languages."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parent.parent / "static"
GENERATED = ("dist", "index.html", "sw.js", "licenses.txt")


def files_under(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for name in GENERATED:
        path = root / name
        if path.is_file():
            found[name] = path.read_bytes()
        for file in sorted(path.rglob("*")) if path.is_dir() else []:
            if file.is_file():
                found[str(file.relative_to(root))] = file.read_bytes()
    return found


def test_committed_bundle_matches_its_sources(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (STATIC / "node_modules" / "esbuild").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and static/node_modules are needed (make installs them)")
        pytest.skip("node or static/node_modules missing: make spa")
    subprocess.run(
        [node, "build.mjs", "--out", str(tmp_path)],
        cwd=STATIC,
        check=True,
        capture_output=True,
        timeout=120,
    )
    built, committed = files_under(tmp_path), files_under(STATIC / "public")
    assert sorted(built) == sorted(committed), "run `make spa` and commit static/public"
    stale = [name for name in built if built[name] != committed[name]]
    assert not stale, f"stale after a source change, run `make spa`: {stale}"


def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for file in sorted((STATIC / "src" / "locales" / lang).glob("*.json")):
        entries = json.loads(file.read_text(encoding="utf-8"))
        clash = set(entries) & set(merged)
        assert not clash, f"{file.name} repeats {sorted(clash)}"
        merged |= entries
    return merged


def test_both_languages_have_the_same_keys() -> None:
    indonesian, english = catalogue("id"), catalogue("en")
    assert sorted(set(indonesian) - set(english)) == [], "missing in English"
    assert sorted(set(english) - set(indonesian)) == [], "missing in Indonesian"
    assert all(text.strip() for text in (indonesian | english).values())


# a whole literal argument: t("a.b") or t("a.b", {…}); t("a.status." + value) is a prefix
KEY = re.compile(r"""\bt\(\s*["']([\w.-]+)["']\s*[,)]""")


def test_every_key_the_app_uses_is_translated() -> None:
    indonesian = catalogue("id")
    used = {
        key
        for source in (STATIC / "src").rglob("*.js")
        for key in KEY.findall(source.read_text(encoding="utf-8"))
    }
    assert used, "the pattern found no t(...) calls"
    assert sorted(used - set(indonesian)) == []


SCHEMA = STATIC.parent / "schema.graphql"
# Enums the app shows through keys it builds at run time (t(`prefix${value}`)), which the
# pattern above cannot see: every value of each needs a string in both languages.
LABELLED_ENUMS = {
    "NotificationKind": "notifications.kind.",
    "MentorLevel": "recognition.levelName.",
    "CertificateKind": "recognition.certificate.",
    "TrainingStatus": "recognition.training.",
}


def enum_values(name: str) -> list[str]:
    found = re.search(
        rf"^enum {name} \{{(.*?)^\}}", SCHEMA.read_text(encoding="utf-8"), re.M | re.S
    )
    assert found, f"no enum {name} in schema.graphql"
    return re.findall(r"^\s+([A-Z][A-Z0-9_]*)\s*$", found.group(1), re.M)


@pytest.mark.parametrize("enum", sorted(LABELLED_ENUMS))
def test_every_enum_value_the_app_shows_has_a_label(enum: str) -> None:
    values = enum_values(enum)
    assert values, f"{enum} has no values"
    for lang in ("id", "en"):
        strings = catalogue(lang)
        missing = [v for v in values if LABELLED_ENUMS[enum] + v not in strings]
        assert missing == [], f"no {lang} label for {enum} values"


def test_every_area_is_in_its_language_module() -> None:
    """The app loads a language through locales/<lang>.js: an area file it does not import
    would pass the checks above and still be missing in the browser."""
    for lang in ("id", "en"):
        module = (STATIC / "src" / "locales" / f"{lang}.js").read_text(encoding="utf-8")
        imported = set(re.findall(rf"""from\s+["']\./{lang}/([\w-]+\.json)["']""", module))
        spread = set(re.findall(r"\.\.\.(\w+)", module))
        areas = {file.name for file in (STATIC / "src" / "locales" / lang).glob("*.json")}
        assert sorted(areas - imported) == [], f"{lang}.js does not import these"
        names = set(re.findall(rf"""import\s+(\w+)\s+from\s+["']\./{lang}/""", module))
        assert sorted(names - spread) == [], f"{lang}.js imports but does not merge these"
