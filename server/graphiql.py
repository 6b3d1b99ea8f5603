"""GraphiQL served entirely by Rajut, so it works on a closed network.

Strawberry's GraphiQL page loads React, GraphiQL and its explorer plugin from unpkg.com; on
a network without the internet (or a self-hosted install offline) it stays on "Loading…".
The same files, at the same versions, are vendored from npm under
``static/public/vendor/graphiql/<package>@<version>/`` with their licences, and the page is served
with every ``https://unpkg.com/`` URL pointing there. The pages' integrity hashes stay, so
the browser proves the vendored files are the published ones.

Refresh after upgrading Strawberry (its page names the versions): ``make vendor``, which
runs ``python -m server.graphiql`` (needs ``npm``, which downloads the packages with
``npm pack``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from functools import cache
from pathlib import Path

from strawberry.http.ides import get_graphql_ide_html

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_URL = "/vendor/graphiql/"
VENDOR_DIR = STATIC_DIR / "public" / "vendor" / "graphiql"
CDN = "https://unpkg.com/"
_ASSET = re.compile(r"https://unpkg\.com/((?:@[^/@\"]+/)?[^/@\"]+)@([^/\"]+)/([^\"]+)")


@cache
def offline_graphiql_html() -> str:
    """Strawberry's GraphiQL page with every asset from this server."""
    html = get_graphql_ide_html(graphql_ide="graphiql")
    return html.replace(CDN, VENDOR_URL)


def cdn_assets() -> list[tuple[str, str, str]]:
    """(package, version, path inside the package) for every asset the page loads."""
    html = get_graphql_ide_html(graphql_ide="graphiql")
    return sorted(set(_ASSET.findall(html)))


def refresh(target: Path = VENDOR_DIR) -> None:
    """Download each package with ``npm pack`` and copy its assets and licence."""
    assets = cdn_assets()
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        for package, version in sorted({(p, v) for p, v, _ in assets}):
            spec = f"{package}@{version}"
            packed = subprocess.run(
                ["npm", "pack", spec, "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
            unpacked = Path(tmp) / spec.replace("/", "_")
            with tarfile.open(Path(tmp) / packed) as archive:
                archive.extractall(unpacked, filter="data")
            source = unpacked / "package"
            destination = target / spec
            for pkg, ver, path in assets:
                if (pkg, ver) == (package, version):
                    (destination / path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source / path, destination / path)
            _copy_licence(source, destination, spec)
            print(f"vendored {spec}")


def _copy_licence(source: Path, destination: Path, spec: str) -> None:
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "license"):
        if (source / name).exists():
            shutil.copyfile(source / name, destination / "LICENSE")
            return
    # some packages ship no licence file; record what their package.json declares
    meta = json.loads((source / "package.json").read_text())
    (destination / "LICENSE").write_text(
        f"{spec} is published on npm under the {meta.get('license', 'unknown')} licence "
        f"(package.json; the package ships no licence file).\n"
        f"Author: {meta.get('author', 'see the repository')}\n"
        f"Repository: {json.dumps(meta.get('repository'))}\n"
    )


if __name__ == "__main__":
    refresh(Path(sys.argv[1]) if len(sys.argv) > 1 else VENDOR_DIR)
