"""Live rooms: where a session's participants meet, with presence, chat and signalling.

A room belongs to a session, or to a relationship for ad-hoc calls (``key`` says which,
so each has exactly one room). Presence rows live in the database so every app process
sees who is here; a row whose connection stopped heartbeating is stale and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import User, now, require_verified
from models.conversations import clean_body
from models.errors import Conflict, Forbidden, NotFound
from models.programmes import access_to
from models.relationships import Relationship, RelationshipStatus, participant_ids
from models.sessions import Session, SessionStatus

MESH_LIMIT = 6  # beyond this every browser would upload too many streams: use the relay
RELAY_LIMIT = 8  # what one process relays: 8 audio-only (4 with video), bench/relay.py
SESSION_GRACE = timedelta(hours=1)  # a session's room stays open this long after its end


class RoomMode(StrEnum):
    MESH = "mesh"  # every browser connects to every other: small rooms
    RELAY = "relay"  # the server joins as a peer and forwards media: larger groups


class RoomEventKind(StrEnum):
    """What a room event (``roomEvents``) is about."""

    PRESENT = "present"  # the first event: who is here as you join, and the room's mode
    JOINED = "joined"
    LEFT = "left"
    MESSAGE = "message"
    MESSAGE_DELETED = "message_deleted"
    HAND = "hand"
    MUTED = "muted"
    MUTE_REQUESTED = "mute_requested"  # someone leading the room asks you to mute
    MODE_CHANGED = "mode_changed"
    SIGNAL = "signal"  # WebRTC signalling addressed to you
    CLOSED = "closed"  # the relationship ended or the session was cancelled


class Room(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=40, unique=True)  # "session:<id>" or "relationship:<id>"
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="rooms", on_delete=fields.CASCADE
    )
    session: fields.ForeignKeyNullableRelation[Session] = fields.ForeignKeyField(
        "rajut.Session", related_name=False, null=True, on_delete=fields.CASCADE
    )
    mode = fields.CharEnumField(RoomMode, max_length=8, default=RoomMode.MESH)
    # relay mode: the app process hosting the media relay, while its lease lasts
    relay_host = fields.CharField(max_length=64, default="")
    relay_lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "rooms"


class RoomPresence(Model):
    """One live connection in a room (a person with two tabs has two)."""

    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "rajut.Room", related_name="presence", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    connection = fields.CharField(max_length=40, unique=True)
    joined_at = fields.DatetimeField(auto_now_add=True)
    seen_at = fields.DatetimeField()
    hand_raised = fields.BooleanField(default=False)
    muted = fields.BooleanField(default=False)

    class Meta:
        table = "room_presence"
        indexes = (("room_id", "seen_at"),)


class RoomMessage(Model):
    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "rajut.Room", related_name="messages", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "room_messages"
        indexes = (("room_id", "id"),)


# --- who may be where, and when -----------------------------------------------------------


@dataclass(frozen=True)
class RoomAccess:
    room: Room
    relationship: Relationship
    session: Session | None
    coordinates: bool  # known only for outsiders (False for participants: not asked)

    @property
    def opens_at(self) -> datetime | None:
        """When people may join; None for an ad-hoc call (open while the relationship is)."""
        if self.session is None:
            return None
        lead = timedelta(minutes=self.relationship.programme.room_opens_minutes)
        return self.session.starts_at - lead

    @property
    def closes_at(self) -> datetime | None:
        return None if self.session is None else self.session.ends_at + SESSION_GRACE

    def closed_reason(self, at: datetime) -> str | None:
        """Why nobody may join now, or None when the room is open."""
        if self.relationship.status != RelationshipStatus.ACTIVE:
            return f"The relationship is {self.relationship.status.value}."
        if self.session is None:
            return None
        if self.session.status == SessionStatus.CANCELLED:
            return "The session was cancelled."
        opens, closes = self.opens_at, self.closes_at
        assert opens is not None and closes is not None
        if at < opens:
            return f"The room opens at {opens.isoformat()}."
        if at > closes:
            return "The session is over."
        return None

    async def leads(self, user: User) -> bool:
        """Mentors, group moderators and coordinators steer a room (mode, mute requests)."""
        if self.coordinates or user.id in (
            self.relationship.mentor_id,
            self.relationship.moderator_id,
        ):
            return True
        return (await access_to(user, self.relationship.programme)).coordinates


async def _coordinates(user: User, relationship: Relationship, field: str) -> bool:
    """Whether the user gets in as a coordinator (asked only of outsiders: participants
    may enter anyway); NOT_FOUND (on ``field``) for anyone who is neither."""
    if user.id in await participant_ids(relationship):
        return False
    if not (await access_to(user, relationship.programme)).coordinates:
        raise NotFound("No such room.", field=field)
    return True


async def room_access(user: User, room_id: int) -> RoomAccess:
    room = await Room.get_or_none(id=room_id).select_related("relationship__programme", "session")
    if room is None:
        raise NotFound("No such room.", field="roomId")
    coordinates = await _coordinates(user, room.relationship, "roomId")
    return RoomAccess(room, room.relationship, room.session, coordinates)


async def session_room(user: User, session_id: int) -> RoomAccess:
    """The live room of a session (made on first use by someone allowed in)."""
    session = await Session.get_or_none(id=session_id).select_related("relationship__programme")
    if session is None:
        raise NotFound("No such session.", field="sessionId")
    relationship = session.relationship
    coordinates = await _coordinates(user, relationship, "sessionId")
    room, _ = await Room.get_or_create(
        key=f"session:{session.id}",
        defaults={"relationship_id": relationship.id, "session_id": session.id},
    )
    return RoomAccess(room, relationship, session, coordinates)


async def call_room(user: User, relationship_id: int) -> RoomAccess:
    """The relationship's room for ad-hoc calls outside scheduled sessions."""
    relationship = await Relationship.get_or_none(id=relationship_id).select_related("programme")
    if relationship is None:
        raise NotFound("No such relationship.", field="relationshipId")
    coordinates = await _coordinates(user, relationship, "relationshipId")
    room, _ = await Room.get_or_create(
        key=f"relationship:{relationship_id}", defaults={"relationship_id": relationship_id}
    )
    return RoomAccess(room, relationship, None, coordinates)


async def open_room(user: User, room_id: int) -> RoomAccess:
    """The room, if it is open now; CONFLICT says when it opens or why it is closed."""
    access = await room_access(user, room_id)
    reason = access.closed_reason(now())
    if reason:
        raise Conflict(reason, field="roomId")
    return access


# --- presence ----------------------------------------------------------------------------


def stale_before(heartbeat: float) -> datetime:
    """Presence rows not refreshed for three heartbeats belong to a dead process."""
    return now() - timedelta(seconds=3 * heartbeat)


async def present(room_id: int, heartbeat: float) -> list[RoomPresence]:
    """Who is here now: one row per person (their earliest live connection)."""
    rows = await RoomPresence.filter(
        room_id=room_id, seen_at__gte=stale_before(heartbeat)
    ).order_by("joined_at", "id")
    first: dict[int, RoomPresence] = {}
    for row in rows:
        first.setdefault(row.user_id, row)
    return list(first.values())


async def is_present(room_id: int, user_id: int, heartbeat: float) -> bool:
    return await RoomPresence.filter(
        room_id=room_id, user_id=user_id, seen_at__gte=stale_before(heartbeat)
    ).exists()


async def join(user: User, room_id: int, connection: str, heartbeat: float) -> RoomAccess:
    """Enter an open room on one connection; a full room refuses newcomers.

    The count and the insert happen under a lock on the room row, so two people joining
    at once cannot both take the last place (SQLite serialises writers anyway).
    """
    require_verified(user, "join rooms")
    access = await open_room(user, room_id)
    limit = MESH_LIMIT if access.room.mode == RoomMode.MESH else RELAY_LIMIT
    async with in_transaction():
        await Room.filter(id=room_id).select_for_update().first()
        here = {row.user_id for row in await present(room_id, heartbeat)}
        if user.id not in here and len(here) >= limit:
            hint = ": ask the mentor to switch to relay mode" if limit == MESH_LIMIT else ""
            message = f"A {access.room.mode.value} room holds {limit} people{hint}."
            raise Conflict(message, field="roomId")
        await RoomPresence.create(
            room_id=room_id, user_id=user.id, connection=connection, seen_at=now()
        )
    return access


async def refresh(connection: str) -> bool:
    """A connection is still here; False if it was removed meanwhile."""
    return bool(await RoomPresence.filter(connection=connection).update(seen_at=now()))


async def leave(connection: str) -> tuple[int, int, bool] | None:
    """Drop one connection: (room, user, whether the person is still here elsewhere)."""
    row = await RoomPresence.get_or_none(connection=connection)
    if row is None:
        return None
    await row.delete()
    elsewhere = await RoomPresence.filter(room_id=row.room_id, user_id=row.user_id).exists()
    return row.room_id, row.user_id, elsewhere


async def leave_everywhere(room_id: int, user_id: int) -> int:
    return await RoomPresence.filter(room_id=room_id, user_id=user_id).delete()


async def purge_stale(room_id: int, heartbeat: float) -> list[int]:
    """Remove rows of connections that stopped heartbeating; who left for good."""
    cutoff = stale_before(heartbeat)
    stale = await RoomPresence.filter(room_id=room_id, seen_at__lt=cutoff)
    if not stale:
        return []
    if not await RoomPresence.filter(id__in=[row.id for row in stale]).delete():
        return []  # another connection purged them first and announces it
    remaining = set(await RoomPresence.filter(room_id=room_id).values_list("user_id", flat=True))
    return sorted({row.user_id for row in stale} - remaining)


async def set_flags(user: User, room_id: int, **flags: bool) -> None:
    """Raise or lower a hand, mute or unmute: only while present."""
    if not await RoomPresence.filter(room_id=room_id, user_id=user.id).update(**flags):
        raise Conflict("Join the room first.", field="roomId")


async def require_present(user: User, room_id: int, heartbeat: float) -> set[int]:
    """Who is here (a room holds a handful), so the caller checks an addressee without
    asking again; CONFLICT unless the user is."""
    here = set(
        await RoomPresence.filter(
            room_id=room_id, seen_at__gte=stale_before(heartbeat)
        ).values_list("user_id", flat=True)
    )
    if user.id not in here:
        raise Conflict("Join the room first (subscribe to roomEvents).", field="roomId")
    return here


async def request_mute(user: User, room_id: int, target_id: int, heartbeat: float) -> RoomAccess:
    access = await room_access(user, room_id)
    if not await access.leads(user):
        raise Forbidden("Only the mentor, the group's moderator or a coordinator may ask.")
    if not await is_present(room_id, target_id, heartbeat):
        raise NotFound("That person is not in the room.", field="userId")
    return access


async def set_mode(user: User, room_id: int, mode: RoomMode) -> RoomAccess:
    access = await room_access(user, room_id)
    if not await access.leads(user):
        raise Forbidden("Only the mentor, the group's moderator or a coordinator may switch.")
    access.room.mode = mode
    await access.room.save(update_fields=["mode"])
    return access


# --- chat --------------------------------------------------------------------------------


async def say(user: User, room_id: int, body: str) -> RoomMessage:
    require_verified(user, "send messages")
    access = await open_room(user, room_id)
    return await RoomMessage.create(room=access.room, author_id=user.id, body=clean_body(body))


async def unsay(user: User, message_id: int) -> RoomMessage:
    """Authors delete their own chat messages; the place stays, the text goes."""
    message = await RoomMessage.get_or_none(id=message_id)
    if message is None:
        raise NotFound("No such message.", field="messageId")
    try:
        await room_access(user, message.room_id)
    except NotFound:
        raise NotFound("No such message.", field="messageId") from None
    if message.author_id != user.id:
        raise Forbidden("Only the author deletes a message.", field="messageId")
    if message.deleted_at is None:
        message.body, message.deleted_at = "", now()
        await message.save(update_fields=["body", "deleted_at"])
    return message


async def history(user: User, room_id: int, first: int, before: int | None) -> list[RoomMessage]:
    """Newest first, ``first`` of them, older than message ``before``."""
    await room_access(user, room_id)
    query = RoomMessage.filter(room_id=room_id)
    if before is not None:
        query = query.filter(id__lt=before)
    return await query.order_by("-id").limit(first)
