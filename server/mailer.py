"""The outbox sender: delivers queued `OutboxEmail` rows over SMTP.

Mail is queued in the same transaction as the change that causes it, so it is never sent for
a rolled-back change nor lost with a committed one. This module drains that queue.

Delivery guarantee
------------------
SMTP and the database cannot commit together, so when the SMTP server has accepted a mail but
``sent_at`` cannot be written (crash, lost database connection) the mail is either sent again
(at-least-once) or never retried (at-most-once). We choose **at-least-once, bounded**: a lost
password reset or session reminder hurts more than a second copy. Each message carries a
``Message-ID`` derived from its row, so such a repeat is recognisable (many mail systems drop
it). Concurrent senders, however, never deliver the same row:

1. *Claim* (short transaction): take the oldest due row (``FOR UPDATE SKIP LOCKED`` where the
   database has row locks) and increment ``attempts`` with a compare-and-set
   (``WHERE attempts = k``). The attempt is durable before any byte goes to SMTP, so even a
   crash loop sends a mail at most ``MAX_ATTEMPTS`` times.
2. *Send* (PostgreSQL): lock the row again, ``FOR UPDATE`` and only if ``attempts`` still
   equals our claim, and hold the lock for the SMTP conversation. Another process cannot
   send it meanwhile; a process that dies releases the lock with its connection.
3. *Confirm*: write ``sent_at`` in that same transaction.

Retries and claims: with only ``attempts`` and ``created_at`` there is no "claimed until"
mark, so between steps 1 and 2 a mail that is overdue for a retry still looks due. Calls in
one process are kept apart by an in-process set of rows in flight; a sender in *another*
process can still win the row in that millisecond window, which costs the loser's attempt
(never a second delivery: the loser's step 2 finds the count changed and skips).

SQLite has no row locks: there the sender must run in **one process** (the app process), and
the in-process set alone keeps concurrent calls apart. No transaction is held across the SMTP
conversation there, because Tortoise's SQLite client serialises all transactions of the app.

Backoff uses ``attempts`` and ``created_at``: attempt ``k + 1`` is due ``RETRY_SCHEDULE[k]``
after the mail was queued, so after a long outage the remaining attempts come due together;
the loop's own backoff (`run_sender`) and stopping a batch at the first server failure keep
that from burning them. Permanent rejections (5xx for the recipient or the content) are given
up at once by setting ``attempts`` to ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.accounts import OutboxEmail, now

log = logging.getLogger("rajut.mailer")

# Attempt k + 1 may start this long after the mail was queued; its length bounds the attempts.
RETRY_SCHEDULE: tuple[timedelta, ...] = (
    timedelta(0),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(RETRY_SCHEDULE)
# The loop waits at most this long after SMTP server failures (it doubles from `interval`).
MAX_LOOP_BACKOFF = 300.0

_FALSE = {"0", "false", "no", "off"}

# Rows this process has claimed and not finished: its own concurrent calls leave them alone.
_in_flight: set[int] = set()


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand mail over; ``host=None`` disables sending (mail stays queued)."""

    host: str | None
    port: int = 587
    username: str | None = None
    password: str | None = None
    starttls: bool = True
    sender: str = "Rajut <noreply@localhost>"
    timeout: float = 30.0  # seconds per SMTP operation, so a stuck server cannot hang the loop

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings:
        env = os.environ if env is None else env
        return cls(
            host=env.get("SMTP_HOST") or None,
            port=int(env.get("SMTP_PORT") or 587),
            username=env.get("SMTP_USERNAME") or None,
            password=env.get("SMTP_PASSWORD") or None,
            starttls=(env.get("SMTP_STARTTLS") or "1").strip().lower() not in _FALSE,
            sender=env.get("MAIL_FROM") or "Rajut <noreply@localhost>",
        )


class _ServerTrouble(Exception):
    """The SMTP server (not this message) failed: stop the batch, retry later."""


class _Rejected(Exception):
    """The server refused this message permanently (5xx): retrying cannot help."""


class _Smtp:
    """One blocking smtplib session per batch, used from a worker thread."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.client: smtplib.SMTP | None = None
        self.envelope_from = parseaddr(settings.sender)[1] or settings.sender

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        client = smtplib.SMTP(s.host or "", s.port, timeout=s.timeout)
        try:
            client.ehlo()
            if s.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if s.username:
                client.login(s.username, s.password or "")
        except BaseException:
            client.close()
            raise
        return client

    def send(self, message: EmailMessage, to_address: str) -> None:
        """Send one message; classify failures as server trouble, rejection or transient."""
        try:
            client = self.client or self._open()
        except OSError as exc:  # refused, timeout, TLS, auth (SMTPException is an OSError)
            raise _ServerTrouble(f"{type(exc).__name__}: {exc}") from exc
        self.client = client
        try:
            client.send_message(message, self.envelope_from, [to_address])
        except smtplib.SMTPNotSupportedError as exc:  # e.g. a non-ASCII address, no SMTPUTF8
            raise _Rejected(str(exc)) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise _Rejected(f"recipient refused: {codes}") from exc
            raise  # 4xx: transient for this message; smtplib reset the session, reuse it
        except smtplib.SMTPDataError as exc:
            if exc.smtp_code >= 500:
                raise _Rejected(f"message refused: {exc.smtp_code}") from exc
            raise
        except OSError as exc:  # sender refused, disconnect, timeout: the server's trouble
            self.close()
            raise _ServerTrouble(f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                client.quit()
            client.close()


def _due(moment: datetime) -> Q:
    """Unsent rows whose next attempt is due by the schedule (given-up rows never are)."""
    by_attempts = [
        Q(attempts=k, created_at__lte=moment - delay) for k, delay in enumerate(RETRY_SCHEDULE)
    ]
    return Q(*by_attempts, join_type=Q.OR) & Q(sent_at__isnull=True)


def _message(row: OutboxEmail, settings: SmtpSettings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(now())
    domain = (parseaddr(settings.sender)[1].rpartition("@")[2]) or "localhost"
    # Stable per row, so a repeat after a failed confirmation is recognisably the same mail.
    message["Message-ID"] = f"<outbox-{row.id}.{int(row.created_at.timestamp())}@{domain}>"
    message.set_content(row.body)
    return message


async def _claim(skip: set[int], locking: bool) -> tuple[OutboxEmail, int] | None:
    """Durably count an attempt on the oldest due row; return it with the new count.

    A won claim enters `_in_flight` before the commit yields, so sibling calls in this process
    never claim it again while it is being sent (see "Retries and claims" above).
    """
    while True:
        won, row = 0, None
        try:
            async with in_transaction() as conn:
                query = OutboxEmail.filter(_due(now()))
                if skip:
                    query = query.exclude(id__in=skip)
                if locking:
                    query = query.select_for_update(skip_locked=True)
                row = await query.order_by("id").using_db(conn).first()
                if row is None:
                    return None
                skip.add(row.id)
                if row.id in _in_flight:
                    continue
                won = (
                    await OutboxEmail.filter(id=row.id, attempts=row.attempts, sent_at__isnull=True)
                    .using_db(conn)
                    .update(attempts=row.attempts + 1)
                )
                if won:
                    _in_flight.add(row.id)
        except BaseException:
            if won and row is not None:
                _in_flight.discard(row.id)
            raise
        if won and row is not None:
            row.attempts += 1
            return row, row.attempts


async def _deliver(smtp: _Smtp, row: OutboxEmail, attempts: int, locking: bool) -> bool:
    """Send a claimed row and write `sent_at`; False when another sender took it meanwhile."""
    try:
        message = _message(row, smtp.settings)
    except (ValueError, TypeError) as exc:  # e.g. a line break in the subject: never sendable
        raise _Rejected(f"cannot build the message: {exc}") from exc
    if not locking:  # only this process sends (`_in_flight` keeps its own calls apart)
        await asyncio.to_thread(smtp.send, message, row.to_address)
        await OutboxEmail.filter(id=row.id).update(sent_at=now())
        return True
    async with in_transaction() as conn:
        mine = (
            await OutboxEmail.filter(id=row.id, attempts=attempts, sent_at__isnull=True)
            .select_for_update()  # wait out a sibling's claim scan; re-checked after the wait
            .using_db(conn)
            .first()
        )
        if mine is None:
            return False
        await asyncio.to_thread(smtp.send, message, row.to_address)
        await OutboxEmail.filter(id=row.id).using_db(conn).update(sent_at=now())
    return True


async def _send_batch(settings: SmtpSettings, batch: int) -> tuple[int, bool]:
    """Return (mails sent, whether the SMTP server itself failed)."""
    if not settings.enabled:
        return 0, False
    locking = bool(OutboxEmail._meta.db.capabilities.support_for_update)
    smtp = _Smtp(settings)
    sent = 0
    skip: set[int] = set()
    try:
        for _ in range(batch):
            claimed = await _claim(skip, locking)
            if claimed is None:
                break
            row, attempts = claimed
            try:
                sent += await _deliver(smtp, row, attempts, locking)
            except _Rejected as exc:
                await OutboxEmail.filter(id=row.id, attempts=attempts).update(attempts=MAX_ATTEMPTS)
                log.error("outbox email %s rejected permanently, giving up: %s", row.id, exc)
            except (_ServerTrouble, smtplib.SMTPException) as exc:
                if attempts >= MAX_ATTEMPTS:
                    log.error(
                        "outbox email %s failed %d times, giving up: %s", row.id, attempts, exc
                    )
                else:
                    log.warning("outbox email %s attempt %d failed: %s", row.id, attempts, exc)
                if isinstance(exc, _ServerTrouble):
                    return sent, True  # the rest would fail the same way; spare their attempts
            finally:
                _in_flight.discard(row.id)
    finally:
        await asyncio.to_thread(smtp.close)
    return sent, False


async def send_pending(smtp: SmtpSettings, *, batch: int = 20) -> int:
    """Send up to `batch` due outbox mails; return how many the SMTP server accepted.

    Safe to call from several processes at once on PostgreSQL; on SQLite from one process only.
    Database errors propagate (the sender loop logs them and tries again later).
    """
    sent, _ = await _send_batch(smtp, batch)
    return sent


async def run_sender(
    smtp: SmtpSettings, stop: asyncio.Event, interval: float = 5.0, *, batch: int = 20
) -> None:
    """Drain the outbox every `interval` seconds until `stop` is set.

    A full batch is followed at once by the next; after SMTP server or database failures the
    wait doubles up to `MAX_LOOP_BACKOFF`, so an outage does not burn every mail's attempts.
    """
    if not smtp.enabled:
        log.info("SMTP_HOST is not set: email is disabled and stays queued in the outbox")
        return
    wait = interval
    while not stop.is_set():
        try:
            sent, trouble = await _send_batch(smtp, batch)
        except Exception:
            log.exception("outbox sender failed")
            sent, trouble = 0, True
        if trouble:
            wait = min(wait * 2, MAX_LOOP_BACKOFF)
        else:
            wait = interval
            if sent == batch:
                continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=wait)
