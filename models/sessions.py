"""Mentoring sessions: scheduling, rescheduling, cancelling, attendance, calendars.

Times are stored in UTC and shown in each person's zone by clients. Every change bumps the
session's ``sequence`` so calendar clients replace their copy (RFC 5545 SEQUENCE), and writes
a progress event in the same transaction.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from models.accounts import User, hash_token, now
from models.announcements import SessionCancelled, announce
from models.availability import parse_windows
from models.calendars import (
    MAX_MINUTES,
    MIN_MINUTES,
    SessionInfo,
    calendar_for,
    find_slots,
    session_event,
)
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.installation import settle_install_id, stored_install_id
from models.profiles import Profile
from models.progress import EventKind, recording
from models.relationships import (
    OPEN_STATUSES,
    Relationship,
    RelationshipStatus,
    participant_ids,
    participant_relationship,
    relationship_for,
)


class SessionKind(StrEnum):
    REGULAR = "regular"
    FLASH = "flash"  # a one-off
    SITUATIONAL = "situational"  # on demand, for a specific challenge
    GROUP = "group"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class Session(Model):
    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="sessions", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(SessionKind, max_length=16, default=SessionKind.REGULAR)
    agenda = fields.TextField(default="")
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    # empty: the built-in live room, otherwise an external meeting link
    external_url = fields.CharField(max_length=500, default="")
    status = fields.CharEnumField(SessionStatus, max_length=16, default=SessionStatus.SCHEDULED)
    sequence = fields.IntField(default=0)
    cancel_reason = fields.TextField(default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sessions"
        ordering = ["starts_at", "id"]


class Attendance(Model):
    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation[Session] = fields.ForeignKeyField(
        "rajut.Session", related_name="attendance", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    attended = fields.BooleanField()

    class Meta:
        table = "attendance"
        unique_together = (("session", "user"),)


class CalendarFeed(Model):
    """A private, revocable URL that calendar apps subscribe to (they cannot send tokens)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "calendar_feeds"


async def _participant_relationship(
    user: User, relationship_id: int
) -> tuple[Relationship, set[int]]:
    return await participant_relationship(
        user, relationship_id, "Only the relationship's participants schedule its sessions."
    )


def _check_times(starts_at: datetime, ends_at: datetime, relationship: Relationship) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise BadInput("Give times with a UTC offset.", field="startsAt")
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes <= 0:
        raise BadInput("A session must end after it starts.", field="endsAt")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise BadInput(
            f"Sessions last {MIN_MINUTES} minutes to {MAX_MINUTES // 60} hours.", field="endsAt"
        )
    programme = relationship.programme
    first = datetime.combine(programme.starts_on, datetime.min.time(), UTC) - timedelta(days=1)
    last = datetime.combine(programme.ends_on, datetime.max.time(), UTC) + timedelta(days=1)
    if starts_at < first or ends_at > last:
        raise BadInput(
            f"Sessions fall within the programme, {programme.starts_on} to {programme.ends_on}.",
            field="startsAt",
        )


def _check_link(url: str) -> str:
    url = url.strip()
    if url and (not url.startswith("https://") or len(url) > 500):
        raise BadInput("An external link must be an https:// address.", field="externalUrl")
    return url


async def _refuse_overlap(
    relationship: Relationship, starts_at: datetime, ends_at: datetime, ignore: int | None
) -> None:
    clash = Session.filter(
        relationship_id=relationship.id, status=SessionStatus.SCHEDULED,
        starts_at__lt=ends_at, ends_at__gt=starts_at,
    )  # fmt: skip
    if ignore is not None:
        clash = clash.exclude(id=ignore)
    if await clash.exists():
        raise Conflict("Another session of this relationship overlaps that time.", field="startsAt")


async def schedule_session(
    user: User,
    relationship_id: int,
    kind: SessionKind,
    agenda: str,
    starts_at: datetime,
    ends_at: datetime,
    external_url: str = "",
) -> Session:
    relationship, _ = await _participant_relationship(user, relationship_id)
    if relationship.status != RelationshipStatus.ACTIVE:
        raise Conflict(
            "Sessions start once everyone has acknowledged the guidelines and the "
            "relationship is active.",
            field="relationshipId",
        )
    _check_times(starts_at, ends_at, relationship)
    if len(agenda) > 4000:
        raise BadInput("Keep the agenda under 4000 characters.", field="agenda")
    link = _check_link(external_url)
    await _refuse_overlap(relationship, starts_at, ends_at, None)
    async with recording() as recorder:
        session = await Session.create(
            relationship=relationship,
            kind=kind,
            agenda=agenda.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            external_url=link,
            created_by=user,
        )
        await recorder.record(
            relationship.programme_id,
            EventKind.SESSION_SCHEDULED,
            relationship_id=relationship.id,
            actor_id=user.id,
            session=session.id,
            starts_at=starts_at.isoformat(),
        )
    return session


async def own_session(user: User, session_id: int) -> tuple[Session, Relationship]:
    """A session of a relationship the user takes part in; to anyone else it does not exist."""
    session = await Session.get_or_none(id=session_id)
    if session is None:
        raise NotFound("No such session.", field="sessionId")
    try:
        relationship, _ = await _participant_relationship(user, session.relationship_id)
    except (NotFound, Forbidden):
        raise NotFound("No such session.", field="sessionId") from None
    return session, relationship


async def _open_session(user: User, session_id: int) -> tuple[Session, Relationship]:
    session, relationship = await own_session(user, session_id)
    if session.status != SessionStatus.SCHEDULED:
        raise Conflict(f"This session is already {session.status.value}.", field="sessionId")
    return session, relationship


async def reschedule_session(
    user: User, session_id: int, starts_at: datetime, ends_at: datetime
) -> Session:
    session, relationship = await _open_session(user, session_id)
    _check_times(starts_at, ends_at, relationship)
    await _refuse_overlap(relationship, starts_at, ends_at, session.id)
    async with recording() as recorder:
        session.starts_at, session.ends_at = starts_at, ends_at
        session.sequence += 1
        await session.save()
        await recorder.record(
            relationship.programme_id,
            EventKind.SESSION_RESCHEDULED,
            relationship_id=relationship.id,
            actor_id=user.id,
            session=session.id,
            starts_at=starts_at.isoformat(),
        )
    return session


async def cancel_session(user: User, session_id: int, reason: str) -> Session:
    session, relationship = await _open_session(user, session_id)
    if len(reason) > 1000:
        raise BadInput("Keep the reason under 1000 characters.", field="reason")
    async with recording() as recorder:
        session.status, session.cancel_reason = SessionStatus.CANCELLED, reason.strip()
        session.sequence += 1
        await session.save()
        await recorder.record(
            relationship.programme_id,
            EventKind.SESSION_CANCELLED,
            relationship_id=relationship.id,
            actor_id=user.id,
            session=session.id,
        )
    await announce(SessionCancelled(relationship.id, session.id))  # its room closes
    return session


async def record_held(user: User, session_id: int, present: set[int]) -> Session:
    """The session happened: who attended (everyone else is recorded absent)."""
    session, relationship = await _open_session(user, session_id)
    if session.starts_at > now():
        raise Conflict("A session can be marked held once it has started.", field="sessionId")
    people = await participant_ids(relationship)
    if not present <= people:
        raise BadInput("Attendance lists only the relationship's participants.", field="attended")
    async with recording() as recorder:
        session.status = SessionStatus.HELD
        await session.save()
        await Attendance.bulk_create(
            [Attendance(session=session, user_id=p, attended=p in present) for p in people]
        )
        await Relationship.filter(id=relationship.id).update(last_activity_at=now())
        await recorder.record(
            relationship.programme_id,
            EventKind.SESSION_HELD,
            relationship_id=relationship.id,
            actor_id=user.id,
            session=session.id,
            attended=len(present),
        )
    return session


async def sessions_of(user: User, relationship_id: int) -> list[Session]:
    relationship, _ = await relationship_for(user, relationship_id)
    return await Session.filter(relationship_id=relationship.id)


async def suggest_times(
    user: User, relationship_id: int, start: datetime, end: datetime, minutes: int
) -> list[tuple[datetime, datetime]]:
    """Times inside everyone's weekly availability, each in their own zone, that are free."""
    _, people = await _participant_relationship(user, relationship_id)
    profiles = await Profile.filter(user_id__in=people)
    busy = [
        (s.starts_at, s.ends_at)
        for s in await Session.filter(
            relationship__members__user_id__in=people, status=SessionStatus.SCHEDULED
        ).distinct()
    ]
    busy.append((datetime(1970, 1, 1, tzinfo=UTC), now()))  # nothing in the past
    return find_slots(
        [(p.timezone, parse_windows(p.availability)) for p in profiles],
        start.date(),
        end.date(),
        minutes,
        busy=busy,
    )


# --- calendars --------------------------------------------------------------------------


def room_link(session_id: int, base_url: str) -> str:
    """The web app's page for a session's live room; the path takes the session's ID as the
    API returns it (its global ID)."""
    global_id = base64.b64encode(f"Session:{session_id}".encode()).decode()
    return f"{base_url}/#/room/session/{global_id}"


def _info(session: Session, base_url: str) -> SessionInfo:
    return SessionInfo(
        id=session.id,
        title="Sesi mentoring Rajut",
        agenda=session.agenda,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location_url=session.external_url or room_link(session.id, base_url),
        sequence=session.sequence,
        cancelled=session.status == SessionStatus.CANCELLED,
        updated_at=session.updated_at,
    )


def _host(base_url: str) -> str:
    return base_url.split("://", 1)[-1].split("/", 1)[0]


async def settle_calendar_identity(base_url: str) -> str:
    """Fix the install id at start-up, before any request: a fresh database gets a random
    one; a database that already has sessions (upgraded from when UIDs embedded the host
    of PUBLIC_BASE_URL) keeps that host, so calendars subscribed before see no duplicates."""
    if stored := await stored_install_id():
        return stored
    return await settle_install_id(_host(base_url) if await Session.exists() else None)


async def _uid_domain() -> str:
    """What follows the ``@`` in every UID: the stored install id, never the current
    PUBLIC_BASE_URL (changing that must not duplicate events in subscribed calendars)."""
    return await stored_install_id() or await settle_install_id(None)


async def session_ics(user: User, session_id: int, base_url: str) -> bytes:
    session, _ = await own_session(user, session_id)
    domain = await _uid_domain()
    return calendar_for([session_event(_info(session, base_url), domain)], "Rajut")


async def create_feed(user: User) -> str:
    """A new private feed token (shown once); any earlier feed of the person stops working."""
    token = secrets.token_urlsafe(24)
    await revoke_feeds(user)
    await CalendarFeed.create(user=user, token_hash=hash_token(token))
    return token


async def revoke_feeds(user: User) -> None:
    await CalendarFeed.filter(user_id=user.id, revoked_at__isnull=True).update(revoked_at=now())


async def feed_ics(token: str, base_url: str) -> bytes | None:
    """Everyone's own sessions (last 60 days onward), or None for an unknown or revoked token."""
    feed = await CalendarFeed.get_or_none(token_hash=hash_token(token), revoked_at__isnull=True)
    if feed is None:
        return None
    sessions = await Session.filter(
        Q(relationship__members__user_id=feed.user_id) | Q(relationship__mentor_id=feed.user_id),
        relationship__status__in=OPEN_STATUSES,
        starts_at__gte=now() - timedelta(days=60),
    ).distinct()
    domain = await _uid_domain()
    return calendar_for(
        [session_event(_info(s, base_url), domain) for s in sessions],
        "Rajut",
        feed_uid=f"feed-{feed.id}@{domain}",
    )
