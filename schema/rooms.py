"""Live rooms: who is here, chat, hands, mute requests and WebRTC signalling."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime

import strawberry
from strawberry import relay

from models import rooms
from models.accounts import now
from models.rooms import RoomAccess, RoomEventKind, RoomMode
from realtime.rooms import SignalKind
from resolvers import rooms as rooms_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite

RoomModeEnum = strawberry.enum(
    RoomMode,
    name="RoomMode",
    description="MESH: browsers connect to each other (up to 6). RELAY: through the server.",
)
SignalKindEnum = strawberry.enum(SignalKind, name="SignalKind")


RoomEventKindEnum = strawberry.enum(
    RoomEventKind, name="RoomEventKind", description="What a room event is about."
)


@strawberry.type(description="A person in the room now.")
class RoomParticipant:
    user: User
    joined_at: datetime
    hand_raised: bool
    muted: bool

    @classmethod
    def of(cls, p: rooms_resolvers.Participant) -> RoomParticipant:
        return cls(user=p.user, joined_at=p.joined_at, hand_raised=p.hand_raised, muted=p.muted)  # type: ignore[arg-type]


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
        return await rooms_resolvers.room_messages_by_ids(info.context, [int(i) for i in node_ids])

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
        found = await rooms_resolvers.rooms_by_ids(info.context, [int(i) for i in node_ids])
        return [None if access is None else cls.of(access) for access in found]

    @strawberry.field(description="Who is here now.")
    async def participants(self, info: Info) -> list[RoomParticipant]:
        return [
            RoomParticipant.of(p) for p in await rooms_resolvers.participants(info.context, self.id)
        ]

    @strawberry.field
    async def messages(
        self, info: Info, first: int = 30, before: relay.GlobalID | None = None
    ) -> RoomMessagePage:
        rows, has_older = await rooms_resolvers.room_messages(info.context, self.id, first, before)
        return RoomMessagePage(messages=rows, has_older=has_older)  # type: ignore[arg-type]


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
    kind: RoomEventKindEnum  # type: ignore[valid-type]
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

    @classmethod
    def of(cls, e: rooms_resolvers.RoomHappening) -> RoomEvent:
        signal = e.signal
        return cls(
            kind=e.kind,
            at=e.at,
            user=e.user,  # type: ignore[arg-type]
            participants=None
            if e.participants is None
            else [RoomParticipant.of(p) for p in e.participants],
            message=e.message,  # type: ignore[arg-type]
            signal=None
            if signal is None
            else Signal(kind=signal.kind, payload=signal.payload, sender=signal.sender),  # type: ignore[arg-type]
            hand_raised=e.hand_raised,
            muted=e.muted,
            mode=e.mode,
            reason=e.reason,
        )


@strawberry.type(description="A STUN or TURN server for RTCPeerConnection's iceServers.")
class IceServer:
    urls: list[str]
    username: str | None = None
    credential: str | None = None


@strawberry.type
class RoomQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="A session's live room; participants and coordinators only.",
    )
    async def session_room(self, info: Info, session_id: relay.GlobalID) -> Room:
        return Room.of(await rooms_resolvers.session_room(info.context, session_id))

    @strawberry.field(
        permission_classes=[CanRead],
        description="A relationship's room for ad-hoc calls, open while it is active.",
    )
    async def call_room(self, info: Info, relationship_id: relay.GlobalID) -> Room:
        return Room.of(await rooms_resolvers.call_room(info.context, relationship_id))

    @strawberry.field(
        permission_classes=[CanRead],
        description="STUN/TURN servers for a room's RTCPeerConnection; TURN credentials expire.",
    )
    async def ice_servers(self, info: Info, room_id: relay.GlobalID) -> list[IceServer]:
        return [
            IceServer(urls=s.urls, username=s.username, credential=s.credential)
            for s in await rooms_resolvers.ice_servers(info.context, room_id)
        ]


@strawberry.type
class RoomMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def send_room_message(
        self, info: Info, room_id: relay.GlobalID, body: str
    ) -> RoomMessage:
        return await rooms_resolvers.send_room_message(info.context, room_id, body)

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Authors delete their own messages."
    )
    async def delete_room_message(self, info: Info, message_id: relay.GlobalID) -> RoomMessage:
        return await rooms_resolvers.delete_room_message(info.context, message_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Raise (or, with raised: false, lower) your hand.",
    )
    async def raise_hand(self, info: Info, room_id: relay.GlobalID, raised: bool = True) -> bool:
        return await rooms_resolvers.raise_hand(info.context, room_id, raised)

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Tell the room you muted or unmuted yourself."
    )
    async def set_muted(self, info: Info, room_id: relay.GlobalID, muted: bool) -> bool:
        return await rooms_resolvers.set_muted(info.context, room_id, muted)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Mentors, moderators and coordinators ask someone to mute.",
    )
    async def request_mute(
        self, info: Info, room_id: relay.GlobalID, user_id: relay.GlobalID
    ) -> bool:
        return await rooms_resolvers.request_mute(info.context, room_id, user_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def set_room_mode(
        self,
        info: Info,
        room_id: relay.GlobalID,
        mode: RoomModeEnum,  # type: ignore[valid-type]
    ) -> Room:
        return Room.of(await rooms_resolvers.set_room_mode(info.context, room_id, mode))

    @strawberry.mutation(permission_classes=[CanWrite])
    async def leave_room(self, info: Info, room_id: relay.GlobalID) -> bool:
        return await rooms_resolvers.leave_room(info.context, room_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="WebRTC signalling to someone in the room, or (to: null) to the relay.",
    )
    async def send_signal(
        self,
        info: Info,
        room_id: relay.GlobalID,
        kind: SignalKindEnum,  # type: ignore[valid-type]
        payload: str,
        to: relay.GlobalID | None = None,
    ) -> bool:
        return await rooms_resolvers.send_signal(info.context, room_id, kind, payload, to)


@strawberry.type
class RoomSubscriptions:
    @strawberry.subscription(
        permission_classes=[CanRead],
        description="Join a room while subscribed: presence, chat, hands and your signals.",
    )
    async def room_events(
        self, info: Info, room_id: relay.GlobalID
    ) -> AsyncGenerator[RoomEvent, None]:
        async with aclosing(rooms_resolvers.room_events(info.context, room_id)) as stream:
            async for event in stream:
                yield RoomEvent.of(event)
