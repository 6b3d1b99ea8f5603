"""The `rajut` command as `make run` uses it: migrate, seed the demo once, serve with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support import Api, rajut, serving

DEMO_PASSWORD = "rajut-demo-2026"


async def test_fresh_install_migrates_seeds_once_and_serves(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/var/rajut.sqlite3"}
    env.pop("REDIS_URL", None)
    await rajut("migrate", cwd=tmp_path, env=env)
    first = await rajut("seed-demo", "--if-empty", cwd=tmp_path, env=env)
    assert "koordinator@rajut.test" in first and DEMO_PASSWORD in first
    second = await rajut("seed-demo", "--if-empty", cwd=tmp_path, env=env)
    assert "koordinator@rajut.test" not in second
    matched = await rajut(
        "match",
        "--organisation",
        "merajut-asa",
        "--programme",
        "kampanye-2026",
        "--coordinator",
        "koordinator@rajut.test",
        "--approve",
        cwd=tmp_path,
        env=env,
    )
    assert "run 1 (optimal):" in matched and "approved:" in matched and "[####" in matched

    async with serving(env, tmp_path) as served, Api(served.base_url) as api:
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
    # uvicorn shuts down gracefully, then re-raises SIGTERM as its exit status
    assert served.returncode in {0, -15}, served.output
    assert "Application shutdown complete." in served.output
    assert (tmp_path / "var" / "secret_key").exists()


async def test_a_served_app_delivers_its_mail_over_smtp(tmp_path: Path) -> None:
    """`rajut serve` with SMTP_HOST set: a password-reset mail reaches a real SMTP server."""
    import asyncio

    from tests.databases import migrated_sqlite
    from tests.test_mailer import Inbox, free_port, start_smtp

    smtp_port, inbox = free_port(), Inbox()
    controller = start_smtp(smtp_port, inbox)
    env = {
        **os.environ,
        "DATABASE_URL": migrated_sqlite(tmp_path / "rajut.sqlite3"),
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_STARTTLS": "0",
        "PUBLIC_BASE_URL": "https://rajut.example",
    }
    env.pop("REDIS_URL", None)
    try:
        async with (
            serving(env, tmp_path) as served,
            Api(served.base_url, database_url=env["DATABASE_URL"]) as api,
        ):
            person = await api.register("Wayan Surat")
            await api.ok(
                "mutation($e: String!) { requestPasswordReset(email: $e) }", {"e": person.email}
            )
            async with asyncio.timeout(30):
                while len(inbox.to(person.email)) < 2:  # the confirmation, then the reset
                    await asyncio.sleep(0.2)
    finally:
        controller.stop()
    confirmation, mail = inbox.to(person.email)
    assert "https://rajut.example/#/verify-email?token=" in confirmation.message.get_content()
    body = mail.message.get_content()
    assert "https://rajut.example/#/reset-password?token=" in body
    assert "reset your password" in mail.message["Subject"]
