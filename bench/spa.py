"""Benchmark of the web app's weight and speed on a slow link, as a cheap phone sees it.

Not a test. Seeds a fresh demo, serves it with `rajut serve`, and opens pages in Debian's
Chromium (Playwright) on an emulated slow 3G link: 400 ms round trip, 400 kbit/s each way,
browser cache off, no service worker yet (a first visit). One JSON line per page:

    {"bench": "spa", "page": …, "kb_compressed": …, "requests": …, "interactive_ms_slow3g": …}

``kb_compressed`` is every byte the page transferred (HTML, JS, CSS, icons, GraphQL answers;
headers included) as Chromium counts it on the wire. ``interactive_ms_slow3g`` runs from the
start of navigation until the screen's heading is shown and nothing on it is still loading,
i.e. the member can act. Lazy parts (the room, the notes editor) are reported by size only:
they load when a member opens a room.

    .venv/bin/python bench/spa.py

Targets (issue 11): sign-in page ≤ 60 KB compressed in total; a signed-in member's home
interactive within 4 s on this link.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import free_port  # noqa: E402

PASSWORD = "rajut-demo-2026"
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
READY = "() => { const h = document.querySelector('main h1');"
READY += " return h && !document.querySelector('main .loading, main [aria-busy=\"true\"]'); }"


def serve(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{path}/rajut.sqlite3"}
    env.pop("REDIS_URL", None)
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "server.cli", *command],
            cwd=path,
            env=env,
            check=True,
            capture_output=True,
        )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
        cwd=path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return process, base
        time.sleep(0.1)
    raise SystemExit("rajut serve did not start")


def login(base: str, email: str) -> str:
    query = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
    request = urllib.request.Request(
        f"{base}/graphql",
        data=json.dumps({"query": query, "variables": {"e": email, "p": PASSWORD}}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["data"]["login"]["token"]


def measure(page: Page, url: str) -> dict[str, Any]:
    """Load ``url`` on the slow link; bytes on the wire and time until the screen is usable."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    sizes: dict[str, float] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]),
    )
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, timeout=60_000, polling=50)
    interactive_ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    return {
        "kb_compressed": round(sum(sizes.values()) / 1024, 1),
        "requests": len(sizes),
        "interactive_ms_slow3g": round(interactive_ms),
    }


def lazy_chunks() -> list[dict[str, Any]]:
    """Gzipped sizes of the on-demand parts, from the committed bundle."""
    chunks = ROOT / "static" / "public" / "dist" / "c"
    report = []
    for part in ("room", "notes"):
        files = [f for f in chunks.glob("*.js") if f.name.startswith(part)]
        size = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
        if files:
            report.append(
                {"bench": "spa", "page": f"{part} (lazy)", "kb_compressed": round(size / 1024, 1)}
            )
    return report


def main() -> None:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        process, base = serve(Path(folder))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
                pages = [
                    ("sign-in", None, "/signin"),
                    ("home (mentee, signed in)", "mentee001@rajut.test", "/"),
                    ("directory (mentee, signed in)", "mentee040@rajut.test", "/directory"),
                ]
                for name, email, path in pages:
                    context = browser.new_context(
                        viewport={"width": 360, "height": 740},
                        service_workers="block",
                        locale="id-ID",
                        timezone_id="Asia/Jakarta",
                    )
                    if email:
                        token = json.dumps(login(base, email))
                        context.add_init_script(f"localStorage.setItem('rajut.token', {token})")
                    page = context.new_page()
                    result = measure(page, f"{base}/#{path}")
                    print(json.dumps({"bench": "spa", "page": name, **result}), flush=True)
                    context.close()
                browser.close()
            for line in lazy_chunks():
                print(json.dumps(line), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
