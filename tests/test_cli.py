"""The `rajut` command as `make run` uses it: migrate, seed the demo once, serve with uvicorn."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support import Api

DEMO_PASSWORD = "rajut-demo-2026"


def rajut(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_fresh_install_migrates_seeds_once_and_serves(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/var/rajut.sqlite3"}
    env.pop("REDIS_URL", None)
    rajut("migrate", cwd=tmp_path, env=env)
    first = rajut("seed-demo", "--if-empty", cwd=tmp_path, env=env)
    assert "koordinator@rajut.test" in first.stdout and DEMO_PASSWORD in first.stdout
    second = rajut("seed-demo", "--if-empty", cwd=tmp_path, env=env)
    assert "koordinator@rajut.test" not in second.stdout

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            for _ in range(100):
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("the server did not become ready")
        async with Api(base) as api:
            login = await api.ok(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                {"e": "koordinator@rajut.test", "p": DEMO_PASSWORD},
            )
            token = login["login"]["token"]
            orgs = await api.ok("{ myOrganisations { id slug } }", token=token)
            org = next(o for o in orgs["myOrganisations"] if o["slug"] == "merajut-asa")
            programmes = await api.ok(
                "query($o: ID!) { programmes(organisationId: $o) { id status } }",
                {"o": org["id"]},
                token,
            )
            programme = programmes["programmes"][0]
            assert programme["status"] == "REGISTRATION_OPEN"
            page = await api.ok(
                "query($p: ID!) { mentorDirectory(programmeId: $p, first: 5) { totalCount "
                "edges { node { displayName expertise { skill } } } } }",
                {"p": programme["id"]},
                token,
            )
            directory = page["mentorDirectory"]
            assert 20 <= directory["totalCount"] <= 30
            assert all(e["node"]["expertise"] for e in directory["edges"])
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # uvicorn shuts down gracefully, then re-raises SIGTERM as its exit status
    assert server.returncode in {0, -15}, output
    assert "Application shutdown complete." in output
    assert (tmp_path / "var" / "secret_key").exists()
