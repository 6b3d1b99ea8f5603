"""The outbox sender against a real SMTP server (aiosmtpd) and the real test databases.

Nothing is mocked: mail goes over TCP to an aiosmtpd server started here, rows live in the
SQLite and PostgreSQL databases of the session-wide `server` fixture (which migrates and opens
Tortoise in this process). Failures are real too: a port nobody listens on, a server that
answers 550, wrong credentials.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from models.accounts import OutboxEmail
from server.mailer import MAX_ATTEMPTS, RETRY_SCHEDULE, SmtpSettings, run_sender, send_pending
from tests.support import free_port

ROOT = Path(__file__).resolve().parent.parent
SUBJECT = "Pengingat sesi: Rabu, 14.00 WIB — jangan lupa ya"
BODY = (
    "Halo Sri Wahyuni,\n\n"
    "Sesi mentoring Anda dengan Budi Santoso dimulai besok pukul 14.00 WIB.\n"
    "Topik: “Mengelola keuangan koperasi” — siapkan laporan kas bulan lalu.\n\n"
    "Salam hangat, tim Rajut ✿\n"
)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Inbox:
    """aiosmtpd handler that keeps every message; refuses recipients starting with 'bounce'."""

    messages: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, _o: Any):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.rcpt_tos]


def settings_for(port: int, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "starttls": False,
        "sender": "Rajut <noreply@rajut.test>",
        "timeout": 5.0,
    }
    return SmtpSettings(**{**values, **overrides})


def start_smtp(port: int, inbox: Inbox, **smtp_kwargs: Any) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **smtp_kwargs)
    controller.start()
    return controller


@pytest.fixture
async def outbox(server: str) -> AsyncIterator[None]:
    """The shared test database: mark mail queued by other tests as sent, so counts are ours."""
    await OutboxEmail.filter(sent_at__isnull=True).update(sent_at=datetime.now(UTC))
    yield


@pytest.fixture
def smtp(outbox: None) -> Iterator[tuple[SmtpSettings, Inbox]]:
    port, inbox = free_port(), Inbox()
    controller = start_smtp(port, inbox)
    yield settings_for(port), inbox
    controller.stop()


def address(tag: str = "orang") -> str:
    return f"{tag}-{secrets.token_hex(4)}@contoh.test"


async def queue(to: str, subject: str = SUBJECT, body: str = BODY) -> OutboxEmail:
    return await OutboxEmail.create(to_address=to, subject=subject, body=body)


async def backdate(mail: OutboxEmail, by: timedelta) -> None:
    """Make the mail older instead of waiting for its retry to come due."""
    await OutboxEmail.filter(id=mail.id).update(created_at=datetime.now(UTC) - by)


def test_settings_from_env() -> None:
    assert SmtpSettings.from_env({}).enabled is False
    defaults = SmtpSettings.from_env({"SMTP_HOST": "mail.example.org"})
    assert (defaults.port, defaults.starttls, defaults.sender) == (
        587,
        True,
        "Rajut <noreply@localhost>",
    )
    assert (defaults.username, defaults.password, defaults.enabled) == (None, None, True)
    custom = SmtpSettings.from_env(
        {
            "SMTP_HOST": "smtp.example.org",
            "SMTP_PORT": "2525",
            "SMTP_USERNAME": "rajut",
            "SMTP_PASSWORD": "rahasia",
            "SMTP_STARTTLS": "off",
            "MAIL_FROM": "Rajut Kita <halo@rajut.id>",
        }
    )
    assert custom == SmtpSettings(
        "smtp.example.org", 2525, "rajut", "rahasia", False, "Rajut Kita <halo@rajut.id>"
    )


async def test_queued_mail_is_delivered_once_with_its_content(smtp) -> None:
    settings, inbox = smtp
    people = [address() for _ in range(3)]
    mails = [await queue(to) for to in people]
    assert await send_pending(settings) == 3
    assert await send_pending(settings) == 0  # nothing is sent twice
    for to in people:
        (got,) = inbox.to(to)
        assert got.rcpt_tos == [to] and got.mail_from == "noreply@rajut.test"
        assert got.message["From"] == "Rajut <noreply@rajut.test>"
        assert got.message["To"] == to
        assert got.message["Subject"] == SUBJECT
        assert got.message.get_content().replace("\r\n", "\n") == BODY  # CRLF on the wire
        assert got.message["Message-ID"].endswith("@rajut.test>")
    for mail in mails:
        await mail.refresh_from_db()
        assert mail.sent_at is not None and mail.attempts == 1


async def test_batch_limits_each_call(smtp) -> None:
    settings, inbox = smtp
    people = [address() for _ in range(5)]
    for to in people:
        await queue(to)
    assert await send_pending(settings, batch=2) == 2
    assert await send_pending(settings, batch=2) == 2
    assert await send_pending(settings, batch=2) == 1
    assert sorted(r for m in inbox.messages for r in m.rcpt_tos) == sorted(people)


async def test_concurrent_senders_deliver_each_mail_once(smtp) -> None:
    settings, inbox = smtp
    people = [address() for _ in range(30)]
    for to in people:
        await queue(to)
    sent = await asyncio.gather(*(send_pending(settings, batch=15) for _ in range(4)))
    assert sum(sent) == 30
    delivered = sorted(r for m in inbox.messages for r in m.rcpt_tos)
    assert delivered == sorted(people)  # every mail, none twice


async def test_concurrent_senders_deliver_retries_once(smtp) -> None:
    """Mails due for a retry stay due after a claim; a second sender must still not send."""
    settings, inbox = smtp
    people = [address() for _ in range(20)]
    mails = [await queue(to) for to in people]
    ids = [mail.id for mail in mails]
    await OutboxEmail.filter(id__in=ids).update(
        attempts=1, created_at=datetime.now(UTC) - RETRY_SCHEDULE[-1] - timedelta(minutes=1)
    )
    sent = await asyncio.gather(*(send_pending(settings, batch=10) for _ in range(4)))
    delivered = sorted(r for m in inbox.messages for r in m.rcpt_tos)
    assert delivered == sorted(people), sent  # every mail, none twice
    assert sum(sent) == 20
    attempts = await OutboxEmail.filter(id__in=ids).values_list("attempts", flat=True)
    assert list(attempts) == [2] * 20  # one claim each: calls in a process never steal


SENDER_PROCESS = """
import asyncio, sys
from server.db import open_database
from server.mailer import SmtpSettings, send_pending

async def main() -> None:
    ctx = await open_database(sys.argv[1])
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    print(await send_pending(SmtpSettings.from_env(), batch=1000), flush=True)
    await ctx.close_connections()

asyncio.run(main())
"""


class SlowInbox(Inbox):
    """Takes a while per message, so the senders' work overlaps."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


async def test_two_sender_processes_deliver_each_mail_once(outbox, database_url: str) -> None:
    """This process and another one send at once; PostgreSQL row locks keep them apart.

    The mails are overdue retries, the hard case: a claimed mail still looks due to the
    other process, so only the lock held while sending stops a second delivery.
    """
    if not database_url.startswith("postgres"):
        pytest.skip("SQLite runs the sender in one process only")
    port, inbox = free_port(), SlowInbox()
    controller = start_smtp(port, inbox)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "MAIL_FROM"))},
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_STARTTLS": "0",
    }
    try:
        people = [address() for _ in range(60)]
        ids = [(await queue(to)).id for to in people]
        overdue = datetime.now(UTC) - RETRY_SCHEDULE[-1] - timedelta(minutes=1)
        await OutboxEmail.filter(id__in=ids).update(attempts=1, created_at=overdue)
        other = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            SENDER_PROCESS,
            database_url,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert other.stdout is not None and other.stdin is not None
        assert await asyncio.wait_for(other.stdout.readline(), timeout=60) == b"ready\n"
        other.stdin.write(b"go\n")
        await other.stdin.drain()
        mine = await send_pending(settings_for(port), batch=1000)
        out, _ = await asyncio.wait_for(other.communicate(), timeout=60)
        assert other.returncode == 0
    finally:
        controller.stop()
    theirs = int(out.strip())
    assert mine + theirs == 60
    assert mine > 0 and theirs > 0, (mine, theirs)  # they really did share the work
    assert sorted(r for m in inbox.messages for r in m.rcpt_tos) == sorted(people)
    attempts = await OutboxEmail.filter(id__in=ids).values_list("attempts", flat=True)
    assert max(attempts) < MAX_ATTEMPTS  # a lost race costs an attempt, never the mail


async def test_smtp_outage_counts_an_attempt_and_retries_with_backoff(outbox) -> None:
    port, inbox = free_port(), Inbox()
    settings = settings_for(port)  # nothing listens on the port yet
    first, second = await queue(address("satu")), await queue(address("dua"))
    assert await send_pending(settings) == 0
    await first.refresh_from_db()
    await second.refresh_from_db()
    assert (first.sent_at, first.attempts) == (None, 1)
    assert second.attempts == 0  # the batch stopped at the dead server: no attempt wasted

    controller = start_smtp(port, inbox)
    try:
        assert await send_pending(settings) == 1  # the untried mail goes at once
        assert [m.rcpt_tos for m in inbox.messages] == [[second.to_address]]
        assert await send_pending(settings) == 0  # the failed one waits for its backoff
        await backdate(first, RETRY_SCHEDULE[1] + timedelta(seconds=1))
        assert await send_pending(settings) == 1
    finally:
        controller.stop()
    assert len(inbox.to(first.to_address)) == 1
    await first.refresh_from_db()
    assert first.sent_at is not None and first.attempts == 2


async def test_gives_up_after_the_last_attempt(outbox, caplog) -> None:
    port, inbox = free_port(), Inbox()
    mail = await queue(address())
    await OutboxEmail.filter(id=mail.id).update(attempts=MAX_ATTEMPTS - 1)
    await backdate(mail, RETRY_SCHEDULE[-1] + timedelta(seconds=1))
    with caplog.at_level(logging.ERROR, logger="rajut.mailer"):
        assert await send_pending(settings_for(port)) == 0
    assert f"outbox email {mail.id} failed {MAX_ATTEMPTS} times, giving up" in caplog.text
    controller = start_smtp(port, inbox)
    try:
        assert await send_pending(settings_for(port)) == 0
    finally:
        controller.stop()
    assert inbox.messages == []
    await mail.refresh_from_db()
    assert (mail.sent_at, mail.attempts) == (None, MAX_ATTEMPTS)


async def test_permanent_rejection_is_given_up_at_once(smtp, caplog) -> None:
    settings, inbox = smtp
    bounce, fine = await queue(address("bounce")), await queue(address("baik"))
    with caplog.at_level(logging.ERROR, logger="rajut.mailer"):
        assert await send_pending(settings) == 1
    assert f"outbox email {bounce.id} rejected permanently" in caplog.text
    assert [m.rcpt_tos for m in inbox.messages] == [[fine.to_address]]
    await bounce.refresh_from_db()
    assert (bounce.sent_at, bounce.attempts) == (None, MAX_ATTEMPTS)
    await backdate(bounce, RETRY_SCHEDULE[-1] + timedelta(days=1))
    assert await send_pending(settings) == 0


async def test_unsendable_mail_is_given_up_without_blocking_the_queue(smtp, caplog) -> None:
    settings, inbox = smtp
    broken = await queue(address(), subject="Baris satu\nBcc: semua@contoh.test")
    fine = await queue(address())
    with caplog.at_level(logging.ERROR, logger="rajut.mailer"):
        assert await send_pending(settings) == 1
    assert f"outbox email {broken.id} rejected permanently" in caplog.text
    assert [m.rcpt_tos for m in inbox.messages] == [[fine.to_address]]  # no header injection
    await broken.refresh_from_db()
    assert (broken.sent_at, broken.attempts) == (None, MAX_ATTEMPTS)


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any):
    ok = isinstance(auth_data, LoginPassword) and auth_data == (b"rajut", b"rahasia")
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
async def test_logs_in_with_the_configured_credentials(outbox) -> None:
    port, inbox = free_port(), Inbox()
    controller = start_smtp(
        port, inbox, authenticator=_authenticator, auth_required=True, auth_require_tls=False
    )
    try:
        mail = await queue(address())
        wrong = settings_for(port, username="rajut", password="salah")
        assert await send_pending(wrong) == 0
        await mail.refresh_from_db()
        assert (mail.sent_at, mail.attempts) == (None, 1)
        await backdate(mail, RETRY_SCHEDULE[1] + timedelta(seconds=1))
        assert await send_pending(settings_for(port, username="rajut", password="rahasia")) == 1
    finally:
        controller.stop()
    assert [m.rcpt_tos for m in inbox.messages] == [[mail.to_address]]


async def test_disabled_mailer_sends_nothing(smtp) -> None:
    _, inbox = smtp
    disabled = SmtpSettings.from_env({"SMTP_PORT": "25", "SMTP_STARTTLS": "0"})
    mail = await queue(address())
    assert await send_pending(disabled) == 0
    await asyncio.wait_for(run_sender(disabled, asyncio.Event(), interval=0.01), timeout=1)
    await mail.refresh_from_db()
    assert (mail.sent_at, mail.attempts) == (None, 0)  # still queued, untouched
    assert inbox.messages == []


async def test_run_sender_delivers_until_stopped(smtp) -> None:
    settings, inbox = smtp
    stop = asyncio.Event()
    loop = asyncio.create_task(run_sender(settings, stop, interval=0.05))
    try:
        to = address()
        await queue(to)
        for _ in range(200):
            if inbox.to(to):
                break
            await asyncio.sleep(0.025)
        assert len(inbox.to(to)) == 1
    finally:
        stop.set()
        await asyncio.wait_for(loop, timeout=5)
    late = await queue(address())
    await asyncio.sleep(0.2)
    await late.refresh_from_db()
    assert late.sent_at is None  # a stopped loop sends nothing more
