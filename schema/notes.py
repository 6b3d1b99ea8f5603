"""Shared notes: Yjs documents edited together, over GraphQL or the y-websocket endpoint.

Updates, state vectors and awareness are base64 strings of the Yjs v1 binary formats, so a
browser passes ``Y.encodeStateVector(doc)`` / the ``update`` of ``doc.on('update')`` through
``btoa`` and back. The fields live in NoteQueries, NoteMutations and NoteSubscriptions, which
schema/root.py folds into the root types.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry import relay

from models import notes
from models.notes import NoteKind
from resolvers import notes as resolve
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite

NoteKindEnum = strawberry.enum(
    NoteKind,
    name="NoteKind",
    description="SESSION and RELATIONSHIP notes belong to a relationship's participants; "
    "PROGRAMME notes to the programme's staff.",
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@strawberry.type(description="A shared notes document (a Yjs document; its text is Markdown).")
class Note(relay.Node):
    id: relay.NodeID[int]
    granted: strawberry.Private[notes.NoteAccess]

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, cls)

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Note | None]:
        found = await resolve.visible_notes(info.context, [int(i) for i in node_ids])
        return [None if g is None else Note.of(g) for g in found]

    @staticmethod
    def of(granted: notes.NoteAccess) -> Note:
        return Note(id=granted.note.id, granted=granted)

    @strawberry.field
    def kind(self) -> NoteKindEnum:  # type: ignore[valid-type]
        return self.granted.note.kind

    @strawberry.field(description="Programme notes have one; the others are named by their place.")
    def title(self) -> str:
        return self.granted.note.title

    @strawberry.field(description="You may change it now (else you only read it).")
    def can_write(self) -> bool:
        return self.granted.can_write

    @strawberry.field
    def programme_id(self) -> relay.GlobalID:
        return relay.GlobalID("Programme", str(self.granted.note.programme_id))

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID | None:
        rid = self.granted.note.relationship_id
        return None if rid is None else relay.GlobalID("Relationship", str(rid))

    @strawberry.field
    def session_id(self) -> relay.GlobalID | None:
        sid = self.granted.note.session_id
        return None if sid is None else relay.GlobalID("Session", str(sid))

    @strawberry.field(description="When it was last changed; null while untouched.")
    def edited_at(self) -> datetime | None:
        return self.granted.note.edited_at

    @strawberry.field(
        description="The y-websocket path for this note: connect a WebsocketProvider to "
        "`ws(s)://<host>/notes` with this as the room name."
    )
    def websocket_room(self) -> str:
        return str(relay.GlobalID("Note", str(self.granted.note.id)))

    @strawberry.field(description="The note's text as Markdown, as it is now.")
    async def markdown(self, info: Info) -> str:
        return await resolve.note_markdown(info.context, self._gid())

    @strawberry.field(description="Who edited it on which day, newest first.")
    async def contributors(self, info: Info) -> list[NoteContribution]:
        found = await resolve.contributors(info.context, self._gid())
        return [NoteContribution.of(c) for c in found]

    def _gid(self) -> relay.GlobalID:
        return relay.GlobalID("Note", str(self.granted.note.id))


@strawberry.type(description="One person's edits of a note on one day (UTC).")
class NoteContribution:
    user_id: strawberry.Private[int]
    day: date
    updates: int = strawberry.field(description="How many updates they sent that day.")
    first_at: datetime
    last_at: datetime

    @staticmethod
    def of(c: notes.Contribution) -> NoteContribution:
        return NoteContribution(
            user_id=c.user_id,
            day=c.day,
            updates=c.updates,
            first_at=c.first_at,
            last_at=c.last_at,
        )

    @strawberry.field(description='Named "Deleted member" once they deleted their account.')
    async def user(self, info: Info) -> User | None:
        return await info.context.loaders.user.load(self.user_id)


@strawberry.type(description="What you lack, and what the server has.")
class NoteSyncResult:
    update: str = strawberry.field(
        description="Base64 Yjs v1 update holding everything the server has that your state "
        "vector lacks; apply it with Y.applyUpdate."
    )
    state_vector: str = strawberry.field(
        description="Base64 of the server's state vector: send back "
        "Y.encodeStateAsUpdate(doc, it) with pushNoteUpdate if it is not empty."
    )


@strawberry.type(description="The server stored your update.")
class NoteAck:
    note_id: relay.GlobalID
    seq: int | None = strawberry.field(
        description="Its place in the note's log; null when it held nothing new."
    )


@strawberry.enum
class NoteMessageKind(Enum):
    UPDATE = "update"
    AWARENESS = "awareness"


@strawberry.type(description="A y-protocols message from the note's other editors.")
class NoteMessage:
    kind: NoteMessageKind
    message: str = strawberry.field(
        description="Base64 of the framed y-protocols message: sync update "
        "([0, 2, length, update]) or awareness ([1, length, awareness update])."
    )
    seq: int | None = strawberry.field(description="UPDATE: its place in the note's log.")


reads = [CanRead]
writes = [CanWrite]


@strawberry.type
class NoteQueries:
    @strawberry.field(permission_classes=reads, description="A note you may read.")
    async def note(self, info: Info, id: relay.GlobalID) -> Note:
        return Note.of(await resolve.note(info.context, id))

    @strawberry.field(
        permission_classes=reads,
        description="The relationship's notes document (made on first use).",
    )
    async def relationship_note(self, info: Info, relationship_id: relay.GlobalID) -> Note:
        return Note.of(await resolve.relationship_note(info.context, relationship_id))

    @strawberry.field(
        permission_classes=reads, description="The session's notes document (made on first use)."
    )
    async def session_note(self, info: Info, session_id: relay.GlobalID) -> Note:
        return Note.of(await resolve.session_note(info.context, session_id))

    @strawberry.field(
        permission_classes=reads,
        description="The relationship's note and its sessions' notes that exist.",
    )
    async def relationship_notes(self, info: Info, relationship_id: relay.GlobalID) -> list[Note]:
        found = await resolve.relationship_notes(info.context, relationship_id)
        return [Note.of(g) for g in found]

    @strawberry.field(
        permission_classes=reads, description="Programme-wide notes (the programme's staff)."
    )
    async def programme_notes(self, info: Info, programme_id: relay.GlobalID) -> list[Note]:
        found = await resolve.programme_notes(info.context, programme_id)
        return [Note.of(g) for g in found]

    @strawberry.field(
        permission_classes=reads,
        description="Sync step 1 over GraphQL: base64 of your Y.encodeStateVector(doc).",
    )
    async def note_sync(
        self, info: Info, note_id: relay.GlobalID, state_vector: str
    ) -> NoteSyncResult:
        found = await resolve.note_sync(info.context, note_id, state_vector)
        return NoteSyncResult(update=_b64(found.update), state_vector=_b64(found.state_vector))

    @strawberry.field(permission_classes=reads, description="A note's text as Markdown.")
    async def note_markdown(self, info: Info, note_id: relay.GlobalID) -> str:
        return await resolve.note_markdown(info.context, note_id)


@strawberry.type
class NoteMutations:
    @strawberry.mutation(
        permission_classes=writes, description="A programme-wide note; coordinators only."
    )
    async def create_programme_note(
        self, info: Info, programme_id: relay.GlobalID, title: str
    ) -> Note:
        return Note.of(await resolve.create_programme_note(info.context, programme_id, title))

    @strawberry.mutation(
        permission_classes=writes,
        description="Apply a base64 Yjs v1 update; answered once it is stored.",
    )
    async def push_note_update(self, info: Info, note_id: relay.GlobalID, update: str) -> NoteAck:
        ack = await resolve.push_note_update(info.context, note_id, update)
        return NoteAck(note_id=relay.GlobalID("Note", str(ack.note_id)), seq=ack.seq)

    @strawberry.mutation(
        permission_classes=reads,
        description="Your awareness (base64 awareness update: who you are, your cursor); "
        "never stored, removed when your WebSocket closes.",
    )
    async def push_note_awareness(self, info: Info, note_id: relay.GlobalID, update: str) -> bool:
        return await resolve.push_note_awareness(info.context, note_id, update)


@strawberry.type
class NoteSubscriptions:
    @strawberry.subscription(
        permission_classes=reads,
        description="Others' updates and awareness as y-protocols messages, as they happen.",
    )
    async def note_updates(
        self, info: Info, note_id: relay.GlobalID
    ) -> AsyncGenerator[NoteMessage, None]:
        async with aclosing(resolve.note_updates(info.context, note_id)) as live:
            async for item in live:
                yield NoteMessage(
                    kind=NoteMessageKind(item.kind), message=_b64(item.message), seq=item.seq
                )
