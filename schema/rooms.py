"""Live rooms: who is here, chat, hands, mute requests and WebRTC signalling."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay

from models import rooms
from models.accounts import now
from models.rooms import RoomAccess, RoomMode
from realtime.rooms import SignalKind
from schema.accounts import User
from schema.context import Info

RoomModeEnum = strawberry.enum(
    RoomMode,
    name="RoomMode",
    description="MESH: browsers connect to each other (up to 6). RELAY: through the server.",
)
SignalKindEnum = strawberry.enum(SignalKind, name="SignalKind")


@strawberry.enum(description="What a room event is about.")
class RoomEventKind(Enum):
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


@strawberry.type(description="A person in the room now.")
class RoomParticipant:
    user: User
    joined_at: datetime
    hand_raised: bool
    muted: bool


@strawberry.type(description="A chat message said in a room.")
class RoomMessage(relay.Node):
    id: relay.NodeID[int]
    body: str = strawberry.field(description="Empty once deleted.")
    created_at: datetime

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, rooms.RoomMessage))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[rooms.RoomMessage | None]:
        from resolvers.rooms import room_messages_by_ids

        return await room_messages_by_ids(info, [int(i) for i in node_ids])

    @strawberry.field
    def deleted(self) -> bool:
        return self.deleted_at is not None  # type: ignore[attr-defined]

    @strawberry.field
    async def author(self, info: Info) -> User | None:
        author_id = self.author_id  # type: ignore[attr-defined]
        return None if author_id is None else await info.context.loaders.user.load(author_id)

    @strawberry.field(description="Whether you wrote it.")
    def mine(self, info: Info) -> bool:
        user = info.context.user
        return user is not None and user.id == self.author_id  # type: ignore[attr-defined]


@strawberry.type
class RoomMessagePage:
    messages: list[RoomMessage] = strawberry.field(description="Newest first.")
    has_older: bool


@strawberry.type(description="A live room: a session's, or a relationship's for ad-hoc calls.")
class Room(relay.Node):
    id: relay.NodeID[int]
    mode: RoomModeEnum  # type: ignore[valid-type]
    opens_at: datetime | None = strawberry.field(description="Null for ad-hoc calls.")
    closes_at: datetime | None
    closed_reason: str | None = strawberry.field(
        description="Why nobody may join now (in English), or null when the room is open."
    )
    session_id: relay.GlobalID | None
    relationship_id: relay.GlobalID

    @classmethod
    def of(cls, access: RoomAccess) -> Room:
        room = access.room
        return cls(
            id=room.id,
            mode=room.mode,
            opens_at=access.opens_at,
            closes_at=access.closes_at,
            closed_reason=access.closed_reason(now()),
            session_id=relay.GlobalID("Session", str(room.session_id)) if room.session_id else None,
            relationship_id=relay.GlobalID("Relationship", str(room.relationship_id)),
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[Room | None]:
        from resolvers.rooms import rooms_by_ids

        return await rooms_by_ids(info, [int(i) for i in node_ids])

    @strawberry.field(description="Who is here now.")
    async def participants(self, info: Info) -> list[RoomParticipant]:
        from resolvers.rooms import participants

        return await participants(info, self.id)

    @strawberry.field
    async def messages(
        self, info: Info, first: int = 30, before: relay.GlobalID | None = None
    ) -> RoomMessagePage:
        from resolvers.rooms import room_messages

        return await room_messages(info, self.id, first, before)


@strawberry.type(description="A WebRTC signal for you; `from` is null when the relay sent it.")
class Signal:
    kind: SignalKindEnum  # type: ignore[valid-type]
    payload: str = strawberry.field(
        description='JSON: {"type","sdp"} for offers and answers, '
        '{"candidate","sdpMid","sdpMLineIndex"} for candidates, empty for bye.'
    )
    sender: User | None = strawberry.field(name="from")


@strawberry.type
class RoomEvent:
    kind: RoomEventKind
    at: datetime
    user: User | None = strawberry.field(description="Who it is about or who acted.")
    participants: list[RoomParticipant] | None = None
    message: RoomMessage | None = None
    signal: Signal | None = None
    hand_raised: bool | None = None
    muted: bool | None = None
    mode: RoomModeEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description="The room's mode, on PRESENT (so a client knows at once whether to join "
        "the relay) and on MODE_CHANGED.",
    )
    reason: str | None = None


@strawberry.type(description="A STUN or TURN server for RTCPeerConnection's iceServers.")
class IceServer:
    urls: list[str]
    username: str | None = None
    credential: str | None = None
