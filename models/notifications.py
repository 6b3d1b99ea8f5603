"""In-app notifications, and the follow-up loop that sends reminders and nudges.

A notification is stored first, then announced on the person's topic, so a client that was
offline finds it on the next `myNotifications`. Reminders before sessions also queue an email
in the same transaction (delivered by the outbox sender). Each reminder and nudge is recorded
under a unique key before anything is sent, so several processes never send one twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from enum import StrEnum

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import OutboxEmail, User, now
from models.announcements import Publication, announce
from models.health import last_activity
from models.programmes import DEFAULT_REMINDER_LEADS
from models.pulse import current_round
from models.relationships import Relationship, RelationshipStatus, participant_ids
from models.sessions import Session, SessionStatus

log = logging.getLogger("rajut.followup")
MAX_LEAD = timedelta(days=7)


class NotificationKind(StrEnum):
    SESSION_REMINDER = "session_reminder"
    INACTIVITY_NUDGE = "inactivity_nudge"
    PULSE_CHECK_IN = "pulse_check_in"
    PROGRAMME_CLOSED = "programme_closed"
    INVITATION = "invitation"  # an organisation role or programme staff place is offered
    BADGE_AWARDED = "badge_awarded"
    CERTIFICATE_ISSUED = "certificate_issued"
    LEVEL_ELIGIBLE = "level_eligible"  # a mentor meets their next level's requirements
    LEVEL_CHANGED = "level_changed"  # a coordinator promoted a mentor or corrected a level


class Notification(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="notifications", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(NotificationKind, max_length=24)
    title = fields.CharField(max_length=200)
    body = fields.TextField(default="")
    relationship_id = fields.IntField(null=True)
    session_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notifications"
        ordering = ["-created_at", "-id"]


class FollowUp(Model):
    """That one reminder or nudge was sent: its unique key stops a second sender."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=120, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "follow_ups"


def notification_topic(user_id: int) -> str:
    return f"user:{user_id}:notifications"


async def claim(key: str) -> bool:
    """Record that the thing named by ``key`` is done; False when someone else did it."""
    try:
        async with in_transaction():
            await FollowUp.create(key=key)
    except IntegrityError:
        return False
    return True


async def _notify(
    relationship: Relationship,
    kind: NotificationKind,
    title: str,
    body: str,
    *,
    session_id: int | None = None,
    email: bool = False,
) -> None:
    """Tell everyone in the relationship."""
    made = []
    users = await User.filter(id__in=await participant_ids(relationship))
    async with in_transaction():
        for user in users:
            made.append(
                await Notification.create(
                    user=user,
                    kind=kind,
                    title=title,
                    body=body,
                    relationship_id=relationship.id,
                    session_id=session_id,
                )
            )
            if email:
                await OutboxEmail.create(to_address=user.email, subject=title, body=body)
    await announce(*(Publication(notification_topic(n.user_id), {"id": n.id}) for n in made))


async def notify_member(user_id: int, kind: NotificationKind, title: str, body: str) -> None:
    """Tell one person: stored now, announced once the enclosing transaction commits."""
    made = await Notification.create(user_id=user_id, kind=kind, title=title[:200], body=body)
    await announce(Publication(notification_topic(user_id), {"id": made.id}))


async def tell_programme_closed(relationship: Relationship, programme_name: str) -> None:
    """Tell a relationship's people that closing the programme ended it."""
    await _notify(
        relationship, NotificationKind.PROGRAMME_CLOSED,
        "Program selesai / The programme has closed",
        f"Program {programme_name} telah ditutup; pendampingan Anda selesai. Terima kasih! "
        f"The programme {programme_name} has closed, and your mentoring with it. Thank you!",
    )  # fmt: skip


async def send_reminders() -> int:
    """Remind everyone in a scheduled session at the programme's lead times (24 h and 1 h
    before, unless it sets others); a reschedule starts the reminders afresh."""
    sent = 0
    moment = now()
    upcoming = await Session.filter(
        status=SessionStatus.SCHEDULED,
        starts_at__gt=moment,
        starts_at__lte=moment + MAX_LEAD,
    ).select_related("relationship__programme")
    for session in upcoming:
        programme = session.relationship.programme
        for minutes in programme.reminder_lead_minutes or DEFAULT_REMINDER_LEADS:
            lead = timedelta(minutes=minutes)
            if session.starts_at > moment + lead:
                continue
            key = f"reminder:{session.id}:{session.sequence}:{int(lead.total_seconds())}"
            if not await claim(key):
                continue
            when = session.starts_at.strftime("%Y-%m-%d %H:%M UTC")
            await _notify(
                session.relationship, NotificationKind.SESSION_REMINDER,
                "Pengingat sesi mentoring / Session reminder",
                f"Sesi Anda dimulai {when}. Your session starts at {when}.\n{session.agenda}",
                session_id=session.id, email=True,
            )  # fmt: skip
            sent += 1
    return sent


async def send_nudges() -> int:
    """Nudge both sides of a relationship that has gone quiet, once per quiet spell."""
    sent = 0
    for relationship in await Relationship.filter(status=RelationshipStatus.ACTIVE).select_related(
        "programme"
    ):
        last = await last_activity(relationship)
        days = (now() - last).days
        if days <= relationship.programme.inactivity_days:
            continue
        if not await claim(f"nudge:{relationship.id}:{last.isoformat()}"):
            continue
        await _notify(
            relationship, NotificationKind.INACTIVITY_NUDGE,
            "Sudah lama tidak bertemu / It has been a while",
            f"Belum ada kegiatan selama {days} hari. Jadwalkan sesi atau tulis jurnal. "
            f"No activity for {days} days: schedule a session or write a journal.",
        )  # fmt: skip
        sent += 1
    return sent


async def send_check_ins() -> int:
    """Invite both sides to each check-in round as it falls due."""
    sent = 0
    for relationship in await Relationship.filter(
        status=RelationshipStatus.ACTIVE, started_at__isnull=False
    ).select_related("programme"):
        round_ = current_round(relationship)
        if round_ is None or not await claim(f"pulse:{relationship.id}:{round_}"):
            continue
        await _notify(
            relationship, NotificationKind.PULSE_CHECK_IN,
            "Cek singkat / Quick check-in",
            "Bagaimana pendampingan Anda berjalan? Anda juga bisa meminta pasangan baru tanpa "
            "menyalahkan siapa pun. How is your mentoring going? You can also ask for a new "
            "match, no blame.",
        )  # fmt: skip
        sent += 1
    return sent


async def run_follow_ups(stop: asyncio.Event, *, interval: float) -> None:
    """The reminder and nudge loop each app process runs; duplicates are claimed away."""
    while not stop.is_set():
        try:
            await send_reminders()
            await send_nudges()
            await send_check_ins()
        except Exception:  # keep the loop alive; the next pass retries
            log.exception("follow-up pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)


async def mark_read(user: User, ids: list[int] | None) -> int:
    query = Notification.filter(user_id=user.id, read_at__isnull=True)
    if ids is not None:
        query = query.filter(id__in=ids)
    return await query.update(read_at=now())
