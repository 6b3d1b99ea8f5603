"""Rooms: entering, presence, chat, hands, signalling, and the live event stream."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from strawberry import relay
from strawberry.dataloader import DataLoader

from models import rooms
from models.accounts import Scope, User, now
from models.errors import BadInput, Forbidden, NotFound
from models.rooms import RoomEventKind
from realtime.broker import broker, cut_off_when_too_slow
from realtime.rooms import (
    SignalKind,
    announce,
    check_signal,
    pass_signal,
    relays,
    room_topic,
    turn_credential,
)
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


@dataclass
class Participant:
    """A person in the room now."""

    user: User
    joined_at: datetime
    hand_raised: bool
    muted: bool


@dataclass
class SignalFor:
    """A WebRTC signal for the subscriber; no sender when the relay sent it."""

    kind: SignalKind
    payload: str
    sender: User | None


@dataclass
class RoomHappening:
    """One event of a room's live stream, as the subscriber may see it."""

    kind: RoomEventKind
    at: datetime
    user: User | None
    participants: list[Participant] | None = None
    message: rooms.RoomMessage | None = None
    signal: SignalFor | None = None
    hand_raised: bool | None = None
    muted: bool | None = None
    mode: rooms.RoomMode | None = None
    reason: str | None = None


@dataclass
class IceServer:
    """A STUN or TURN server, with a TURN credential where one is configured."""

    urls: list[str]
    username: str | None = None
    credential: str | None = None


def _room_id(context: Context, room_id: relay.GlobalID) -> int:
    return db_id(room_id, "Room", "roomId")


def _heartbeat(context: Context) -> float:
    return context.settings.presence_heartbeat


async def rooms_by_ids(context: Context, ids: list[int]) -> list[rooms.RoomAccess | None]:
    user = context.require(Scope.READ)

    async def fetch(room_id: int) -> rooms.RoomAccess:
        return await rooms.room_access(user, room_id)

    return await visible_nodes(ids, fetch)


async def room_messages_by_ids(context: Context, ids: list[int]) -> list[rooms.RoomMessage | None]:
    user = context.require(Scope.READ)

    async def fetch(message_id: int) -> rooms.RoomMessage:
        message = await rooms.RoomMessage.get_or_none(id=message_id)
        if message is None:
            raise NotFound("No such message.")
        await rooms.room_access(user, message.room_id)
        return message

    return await visible_nodes(ids, fetch)


async def session_room(context: Context, session_id: relay.GlobalID) -> rooms.RoomAccess:
    user = context.require(Scope.READ)
    return await rooms.session_room(user, db_id(session_id, "Session", "sessionId"))


async def call_room(context: Context, relationship_id: relay.GlobalID) -> rooms.RoomAccess:
    user = context.require(Scope.READ)
    relationship = db_id(relationship_id, "Relationship", "relationshipId")
    return await rooms.call_room(user, relationship)


async def participants(context: Context, room_id: int) -> list[Participant]:
    rows = await rooms.present(room_id, _heartbeat(context))
    users = await context.loaders.user.load_many([row.user_id for row in rows])
    return [_participant(row, person) for row, person in zip(rows, users, strict=True)]


def _participant(row: rooms.RoomPresence, person: User) -> Participant:
    return Participant(
        user=person,
        joined_at=row.joined_at,
        hand_raised=row.hand_raised,
        muted=row.muted,
    )


async def room_messages(
    context: Context, room_id: int, first: int, before: relay.GlobalID | None
) -> tuple[list[rooms.RoomMessage], bool]:
    """Up to ``first`` messages, newest first, and whether older ones remain."""
    user = context.require(Scope.READ)
    if not 1 <= first <= 100:
        raise BadInput("Ask for 1 to 100 messages.", field="first")
    older_than = None if before is None else db_id(before, "RoomMessage", "before")
    rows = await rooms.history(user, room_id, first + 1, older_than)
    return rows[:first], len(rows) > first


# --- acting in a room --------------------------------------------------------------------


async def send_room_message(
    context: Context, room_id: relay.GlobalID, body: str
) -> rooms.RoomMessage:
    user = context.require(Scope.WRITE)
    await context.limit("messages")
    message = await rooms.say(user, _room_id(context, room_id), body)
    await announce(message.room_id, "message", user=user.id, message=message.id)
    return message


async def delete_room_message(context: Context, message_id: relay.GlobalID) -> rooms.RoomMessage:
    user = context.require(Scope.WRITE)
    message = await rooms.unsay(user, db_id(message_id, "RoomMessage", "messageId"))
    await announce(message.room_id, "message_deleted", user=user.id, message=message.id)
    return message


async def raise_hand(context: Context, room_id: relay.GlobalID, raised: bool = True) -> bool:
    user = context.require(Scope.WRITE)
    key = _room_id(context, room_id)
    await rooms.set_flags(user, key, hand_raised=raised)
    await announce(key, "hand", user=user.id, hand_raised=raised)
    return raised


async def set_muted(context: Context, room_id: relay.GlobalID, muted: bool) -> bool:
    user = context.require(Scope.WRITE)
    key = _room_id(context, room_id)
    await rooms.set_flags(user, key, muted=muted)
    await announce(key, "muted", user=user.id, muted=muted)
    return muted


async def request_mute(context: Context, room_id: relay.GlobalID, user_id: relay.GlobalID) -> bool:
    user = context.require(Scope.WRITE)
    key, target = _room_id(context, room_id), db_id(user_id, "User", "userId")
    await rooms.request_mute(user, key, target, _heartbeat(context))
    await announce(key, "mute_requested", user=user.id, to=target)
    return True


async def set_room_mode(
    context: Context, room_id: relay.GlobalID, mode: rooms.RoomMode
) -> rooms.RoomAccess:
    user = context.require(Scope.WRITE)
    key = _room_id(context, room_id)
    access = await rooms.set_mode(user, key, mode)
    await announce(key, "mode_changed", user=user.id, mode=mode.value)
    if mode == rooms.RoomMode.MESH:
        await relays.close_room(key)
    return access


async def leave_room(context: Context, room_id: relay.GlobalID) -> bool:
    """Leave on every connection; your roomEvents subscriptions complete."""
    user = context.require(Scope.WRITE)
    key = _room_id(context, room_id)
    await rooms.room_access(user, key)
    if not await rooms.leave_everywhere(key, user.id):
        return False
    await announce(key, "left", user=user.id)
    await relays.leave(key, user.id)
    return True


async def send_signal(
    context: Context,
    room_id: relay.GlobalID,
    kind: SignalKind,
    payload: str,
    to: relay.GlobalID | None = None,
) -> bool:
    user = context.require(Scope.WRITE)
    await context.limit("signals")
    key = _room_id(context, room_id)
    payload = check_signal(kind, payload)
    access = await rooms.open_room(user, key)
    here = await rooms.require_present(user, key, _heartbeat(context))
    if to is None:
        if access.room.mode != rooms.RoomMode.RELAY:
            raise BadInput("Say whom the signal is for: this room is a mesh.", field="to")
        await relays.signal(key, user.id, kind, payload)
        return True
    target = db_id(to, "User", "to")
    if target == user.id:
        raise BadInput("Signals go to someone else.", field="to")
    if target not in here:
        raise NotFound("That person is not in the room.", field="to")
    await pass_signal(key, user.id, target, kind, payload)
    return True


async def ice_servers(context: Context, room_id: relay.GlobalID) -> list[IceServer]:
    """STUN as configured, and TURN with a credential of the TURN REST API convention:
    username ``expiry:userId``, password base64(HMAC-SHA1(secret, username)). Only for
    people allowed into the room, so the TURN server is no open relay for any account."""
    user = context.require(Scope.READ)
    await rooms.room_access(user, _room_id(context, room_id))
    settings = context.settings
    servers = [IceServer(list(settings.stun_urls))] if settings.stun_urls else []
    if settings.turn_urls:
        if settings.turn_secret:
            username, credential = turn_credential(
                settings.turn_secret, str(user.id), settings.turn_ttl
            )
            servers.append(IceServer(list(settings.turn_urls), username, credential))
        else:
            servers.append(IceServer(list(settings.turn_urls)))
    return servers


# --- the live stream ---------------------------------------------------------------------

TOO_SLOW = (
    "Room events arrived faster than this subscription read them, so it was ended to keep "
    "the server's memory bounded. Subscribe again to rejoin: the first event says who is here."
)


async def room_events(
    context: Context, room_id: relay.GlobalID
) -> AsyncGenerator[RoomHappening, None]:
    """Join the room for as long as this subscription lives: presence, chat, hands, and
    the signals addressed to you. It refreshes your presence every heartbeat and ends when
    you leave, are removed, or the room closes."""
    user = context.require(Scope.READ)
    key = _room_id(context, room_id)
    heartbeat = _heartbeat(context)
    connection = f"{context.connection_id}:{secrets.token_hex(4)}"
    people = context.loaders.user  # per connection: each person is read once
    # subscribe before joining, so nothing said after our arrival is missed
    async with broker().subscribe(room_topic(key)) as live:
        access = await rooms.join(user, key, connection, heartbeat)
        try:
            await announce(key, "joined", user=user.id)
            yield RoomHappening(
                kind=RoomEventKind.PRESENT,
                at=now(),
                user=user,
                participants=await participants(context, key),
                mode=rooms.RoomMode(access.room.mode),  # a relay room needs no second query
            )
            with cut_off_when_too_slow(TOO_SLOW):
                async for message in _stream(live, access, connection, heartbeat):
                    to = message.get("to")
                    if to is not None and to != user.id:
                        continue  # addressed to someone else: never sent to this client
                    kind = message["kind"]
                    if kind == "joined" and message["user"] == user.id:
                        continue  # PRESENT told you already
                    if kind == "removed" or (kind == "left" and message["user"] == user.id):
                        if kind == "removed":
                            raise Forbidden("You were removed from this room.", field="roomId")
                        return
                    event = await _event(message, people)
                    if event is not None:
                        yield event
                    if kind == "closed":
                        return
        finally:
            await asyncio.shield(_depart(key, user.id, connection))


async def _stream(
    live: Any, access: rooms.RoomAccess, connection: str, heartbeat: float
) -> AsyncGenerator[dict[str, Any], None]:
    """The room's messages, refreshing this connection's presence every heartbeat, busy
    or quiet (a busy room must not make its talkers look gone), until the session's room
    closes."""
    room_id = access.room.id
    iterator = live.__aiter__()
    clock = asyncio.get_running_loop().time
    due = clock() + heartbeat
    while True:
        try:
            yield await asyncio.wait_for(iterator.__anext__(), max(due - clock(), 0.01))
        except TimeoutError:
            pass
        except StopAsyncIteration:
            return
        if clock() < due:
            continue
        due = clock() + heartbeat
        if access.closes_at is not None and now() > access.closes_at:
            yield {"kind": "closed", "at": now().isoformat(), "reason": "The session is over."}
            return
        if not await rooms.refresh(connection):
            return  # removed meanwhile (leaveRoom on another connection, or evicted)
        for gone in await rooms.purge_stale(room_id, heartbeat):
            await announce(room_id, "left", user=gone)
            await relays.leave(room_id, gone)


async def _depart(room_id: int, user_id: int, connection: str) -> None:
    left = await rooms.leave(connection)
    if left is not None and not left[2]:
        await announce(room_id, "left", user=user_id)
        await relays.leave(room_id, user_id)


async def _event(
    message: dict[str, Any], people: DataLoader[int, User | None]
) -> RoomHappening | None:
    kind = RoomEventKind(message["kind"])
    actor = message.get("user")
    person = None if actor is None else await people.load(actor)
    event = RoomHappening(kind=kind, at=datetime.fromisoformat(message["at"]), user=person)
    if kind in (RoomEventKind.MESSAGE, RoomEventKind.MESSAGE_DELETED):
        row = await rooms.RoomMessage.get_or_none(id=message["message"])
        if row is None:
            return None
        event.message = row
    elif kind == RoomEventKind.SIGNAL:
        event.signal = SignalFor(SignalKind(message["signal"]), message["payload"], person)
    elif kind == RoomEventKind.HAND:
        event.hand_raised = message["hand_raised"]
    elif kind == RoomEventKind.MUTED:
        event.muted = message["muted"]
    elif kind == RoomEventKind.MODE_CHANGED:
        event.mode = rooms.RoomMode(message["mode"])
    elif kind == RoomEventKind.CLOSED:
        event.reason = message.get("reason")
    return event
