"""Browser tests: Debian's Chromium, driven by Playwright for Python, against a real
`rajut serve` on a freshly seeded demo (SQLite, as `make run` makes it).

One demo serves the whole session (seeding takes ~12 s); tests keep out of each other's way by
signing in as different demo members. Every page a test opens is watched: a script error, a
refused content-security-policy load or a request to another host fails the test. Screenshots
go to build/screenshots/ (CI keeps that folder as an artefact).

Chromium comes from apt (the Makefile installs it); under CI=true a missing browser fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from tests.databases import migrated_sqlite  # noqa: E402
from tests.support import free_port  # noqa: E402

DEMO_PASSWORD = "rajut-demo-2026"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--allow-loopback-in-peer-connection",
]


@dataclass
class Demo:
    """The served demo: its address and its SQLite file (for reading the mail outbox)."""

    base_url: str
    database: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def graphql(self, query: str, variables: dict[str, Any] | None = None, token: str = "") -> dict:
        request = urllib.request.Request(
            f"{self.base_url}/graphql",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"content-type": "application/json"}
            | ({"authorization": f"Bearer {token}"} if token else {}),
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def login(self, email: str, password: str = DEMO_PASSWORD) -> str:
        """A token for a demo login, signing in once per person per run."""
        if email not in self.tokens:
            query = (
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
            )
            self.tokens[email] = self.graphql(query, {"e": email, "p": password})["login"]["token"]
        return self.tokens[email]

    def last_mail(self, to_address: str) -> str:
        with contextlib.closing(sqlite3.connect(self.database)) as db:
            row = db.execute(
                "SELECT body FROM outbox_emails WHERE to_address = ? ORDER BY id DESC LIMIT 1",
                (to_address,),
            ).fetchone()
        assert row is not None, f"no mail to {to_address}"
        return row[0]


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    path = tmp_path_factory.mktemp("browser-demo")
    database = path / "rajut.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite://{database}",
        # every open_app signs in once; the default 20 a minute per address is for attackers
        "LOGIN_LIMIT_PER_ADDRESS": "1000/minute",
        "LOGIN_LIMIT_PER_ACCOUNT": "1000/minute",
        "REGISTER_LIMIT_PER_ADDRESS": "100/hour",
    }
    env.pop("REDIS_URL", None)
    migrated_sqlite(database)
    subprocess.run(
        [sys.executable, "-m", "server.cli", "seed-demo"],
        cwd=path,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = free_port()
    log = (path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
        cwd=path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base_url}/healthz", timeout=1).close()
                break
            assert process.poll() is None, (path / "serve.log").read_text()
            time.sleep(0.1)
        else:
            raise AssertionError("rajut serve did not start within a minute")
        yield Demo(base_url, database)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for one test module. Not for the session: Playwright's sync API keeps an event
    loop running in this thread while it is open, and the async tests that follow need it."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed (the Makefile installs it with apt)")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What went wrong on a page: script errors, CSP refusals, requests to other hosts."""

    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page, origin: str) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((origin, "data:", "blob:", "ws://127.0.0.1"))
                else self.problems.append(f"request to another host: {request.url}")
            ),
        )


@pytest.fixture
def open_app(browser: Browser, demo: Demo) -> Iterator[Callable[..., Page]]:
    """``open_app(email=None, path="/", viewport=PHONE, locale="id")``: a new browser context,
    signed in as ``email`` (a demo login) when given, opened at ``/#<path>``."""
    contexts: list[BrowserContext] = []
    watch = Watch()

    def open_(
        email: str | None = None,
        path: str = "/",
        viewport: dict[str, int] = PHONE,
        locale: str = "id",
        timezone: str = "Asia/Jakarta",
    ) -> Page:
        context = browser.new_context(
            viewport=viewport, locale="id-ID" if locale == "id" else "en-GB", timezone_id=timezone
        )
        contexts.append(context)
        # Only on the first load, so what the test changes (language, signing out) sticks.
        first = f"localStorage.setItem('rajut.locale', {json.dumps(locale)});"
        if email is not None:
            first += f"localStorage.setItem('rajut.token', {json.dumps(demo.login(email))});"
        script = (
            "if (!sessionStorage.getItem('rajut.test.started')) {"
            f"{first} sessionStorage.setItem('rajut.test.started', '1'); }}"
        )
        context.add_init_script(script)
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch.attach(page, demo.base_url)
        page.goto(f"{demo.base_url}/#{path}")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)


AXE = Axe()


def check_a11y(page: Page) -> None:
    """axe-core on what the page shows now: no serious or critical violation."""
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in bad
    )


def screenshot(page: Page, name: str) -> None:
    """Save what the page shows as build/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
