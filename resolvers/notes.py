"""Shared notes: thin glue from the API to models/notes.py and the document service.

Each function takes the operation's Context first and returns models or plain dataclasses;
schema/notes.py shapes them. Updates, state vectors and awareness travel as base64.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncGenerator
from dataclasses import dataclass

from strawberry import relay

from models import notes
from models.accounts import Scope
from models.errors import BadInput, NotFound
from models.notes import Contribution, Note, NoteAccess
from realtime.notes import Outgoing, Peer
from realtime.notes import notes as service
from resolvers.context import Context
from resolvers.ids import db_id

RECHECK_SECONDS = 5.0  # how often a live follower's right to read is asked again


def note_id(gid: relay.GlobalID, field: str = "noteId") -> int:
    return db_id(gid, "Note", field)


def decode(text: str, field: str, limit: int) -> bytes:
    """Base64 in, bytes out; bounded before decoding so a huge string costs nothing."""
    if len(text) > limit * 4 // 3 + 4:
        raise BadInput(f"{field} is larger than {limit} bytes.", field=field)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput(f"{field} is not valid base64.", field=field) from None


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass(frozen=True)
class SyncResult:
    update: bytes
    state_vector: bytes


@dataclass(frozen=True)
class Ack:
    note_id: int
    seq: int | None  # None: the update changed nothing the server lacked


async def note(context: Context, gid: relay.GlobalID) -> NoteAccess:
    user = context.require(Scope.READ)
    return await notes.open_note(user, note_id(gid, "id"))


async def visible_notes(context: Context, ids: list[int]) -> list[NoteAccess | None]:
    """For `node(id:)`: null for notes you may not read."""
    user = context.require(Scope.READ)
    found: list[NoteAccess | None] = []
    for key in ids:
        try:
            found.append(await notes.open_note(user, key))
        except NotFound:
            found.append(None)
    return found


async def relationship_note(context: Context, relationship_id: relay.GlobalID) -> NoteAccess:
    user = context.require(Scope.READ)
    return await notes.relationship_note(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )


async def session_note(context: Context, session_id: relay.GlobalID) -> NoteAccess:
    user = context.require(Scope.READ)
    return await notes.session_note(user, db_id(session_id, "Session", "sessionId"))


async def relationship_notes(context: Context, relationship_id: relay.GlobalID) -> list[NoteAccess]:
    user = context.require(Scope.READ)
    found = await notes.notes_of_relationship(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )
    return [await notes.access(user, n) for n in found]


async def programme_notes(context: Context, programme_id: relay.GlobalID) -> list[NoteAccess]:
    user = context.require(Scope.READ)
    found = await notes.programme_notes(user, db_id(programme_id, "Programme", "programmeId"))
    return [await notes.access(user, n) for n in found]


async def create_programme_note(
    context: Context, programme_id: relay.GlobalID, title: str
) -> NoteAccess:
    user = context.require(Scope.WRITE)
    created: Note = await notes.create_programme_note(
        user, db_id(programme_id, "Programme", "programmeId"), title
    )
    return await notes.access(user, created)


async def note_sync(context: Context, gid: relay.GlobalID, state_vector: str) -> SyncResult:
    user = context.require(Scope.READ)
    vector = decode(state_vector, "stateVector", 1024 * 1024)
    granted = await notes.open_note(user, note_id(gid))
    update, server_vector = await service.sync(granted, vector)
    return SyncResult(update, server_vector)


async def push_note_update(context: Context, gid: relay.GlobalID, update: str) -> Ack:
    user = context.require(Scope.WRITE)
    data = decode(update, "update", service.settings.limits.max_update)
    granted = await notes.open_note(user, note_id(gid), write=True)
    seq = await service.push(granted, data, user, context.connection_id)
    return Ack(granted.note.id, seq)


async def push_note_awareness(context: Context, gid: relay.GlobalID, update: str) -> bool:
    """Who is here and where their cursor is; never stored."""
    user = context.require(Scope.READ)
    data = decode(update, "update", 64 * 1024)
    granted = await notes.open_note(user, note_id(gid))
    live = await service.open(granted.note)
    peer = next((p for p in live.peers if p.connection == context.connection_id), None)
    await service.awareness(live, peer, data)
    return True


async def note_markdown(context: Context, gid: relay.GlobalID) -> str:
    user = context.require(Scope.READ)
    _, text = await notes.note_markdown(user, note_id(gid))
    return text


async def contributors(context: Context, gid: relay.GlobalID) -> list[Contribution]:
    user = context.require(Scope.READ)
    return await notes.history(user, note_id(gid))


async def note_updates(context: Context, gid: relay.GlobalID) -> AsyncGenerator[Outgoing, None]:
    """Others' updates and awareness as they happen; first everyone's current awareness.

    The follower's right to read is asked again every few seconds and the service drops
    them at once when they are removed from the relationship (MemberRemoved)."""
    import time

    user = context.require(Scope.READ)
    granted = await notes.open_note(user, note_id(gid))
    peer = Peer(user, context.connection_id)
    live = await service.attach(granted.note, peer)
    checked = time.monotonic()
    try:
        present = live.remote_awareness()
        if present:
            from pycrdt import create_awareness_message

            yield Outgoing("awareness", create_awareness_message(present))
        async for item in peer.messages():
            if time.monotonic() - checked > RECHECK_SECONDS:
                await notes.access(user, granted.note)  # NotFound ends the subscription
                checked = time.monotonic()
            yield item
        if peer.closed is not None:
            raise peer.closed
    finally:
        await service.detach(live, peer)
