"""Conversations between a relationship's participants: messages, read markers, live events.

The root fields below delegate to resolvers/conversations.py, imported when first called:
that module returns these types, so importing it here at load time would be circular.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime

import strawberry
from strawberry import relay

from models import conversations
from models.conversations import ConversationEventKind
from resolvers import conversations as conversations_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite
from schema.relationships import Relationship

ConversationEventKindEnum = strawberry.enum(ConversationEventKind, name="ConversationEventKind")


def message_gid(message_id: int) -> relay.GlobalID | None:
    return relay.GlobalID("ConversationMessage", str(message_id)) if message_id else None


@strawberry.type(description="A message in a relationship's conversation.")
class ConversationMessage(relay.Node):
    id: relay.NodeID[int]
    created_at: datetime
    edited_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, conversations.ConversationMessage))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[conversations.ConversationMessage | None]:
        ids = [int(i) for i in node_ids]
        return await conversations_resolvers.messages_by_ids(info.context, ids)

    @strawberry.field(description="Empty once the author deleted the message.")
    def body(self) -> str:
        return "" if self.deleted_at else self.body  # type: ignore[attr-defined]

    @strawberry.field(description="The author deleted it; its place in the history stays.")
    def deleted(self) -> bool:
        return self.deleted_at is not None  # type: ignore[attr-defined]

    @strawberry.field(
        description='Null when the author\'s account no longer exists; named "Deleted member" '
        "once the author deleted their account."
    )
    async def author(self, info: Info) -> User | None:
        author_id = self.author_id  # type: ignore[attr-defined]
        return None if author_id is None else await info.context.loaders.user.load(author_id)

    @strawberry.field(description="You wrote it (so you may edit or delete it).")
    def mine(self, info: Info) -> bool:
        viewer = info.context.user
        return viewer is not None and self.author_id == viewer.id  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.relationship_id))  # type: ignore[attr-defined]


@strawberry.type
class ConversationMessageEdge:
    cursor: str
    node: ConversationMessage


@strawberry.type(description="Newest first: pass pageInfo.endCursor as `after` for older ones.")
class ConversationMessageConnection:
    edges: list[ConversationMessageEdge]
    page_info: relay.PageInfo


@strawberry.type(description="How far one participant has read.")
class ReadMarker:
    user_id: strawberry.Private[int]
    last_read_id: strawberry.Private[int]

    @strawberry.field
    async def user(self, info: Info) -> User | None:
        return await info.context.loaders.user.load(self.user_id)

    @strawberry.field(description="Null until they have read anything.")
    def last_read_message_id(self) -> relay.GlobalID | None:
        return message_gid(self.last_read_id)


@strawberry.type(description="A relationship's conversation, as you see it.")
class Conversation:
    state: strawberry.Private[conversations.ConversationState]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.state.relationship.id))

    @strawberry.field
    def relationship(self) -> Relationship:
        return self.state.relationship  # type: ignore[return-value]

    @strawberry.field(description="Messages from others after your read marker, not deleted.")
    def unread_count(self) -> int:
        return self.state.unread_count

    @strawberry.field(description="Your read marker; null until you have read anything.")
    def last_read_message_id(self) -> relay.GlobalID | None:
        return message_gid(self.state.last_read_id)

    @strawberry.field
    def last_message(self) -> ConversationMessage | None:
        return self.state.last_message  # type: ignore[return-value]

    @strawberry.field(description="Everyone's read markers, for showing what was seen.")
    async def read_markers(self) -> list[ReadMarker]:
        markers = await conversations.read_markers(self.state.relationship.id)
        return [ReadMarker(user_id=u, last_read_id=m) for u, m in sorted(markers.items())]

    @strawberry.field(description="Newest first, 1 to 100 at a time.")
    async def messages(
        self, first: int = 30, after: str | None = None
    ) -> ConversationMessageConnection:
        rows, more = await conversations.message_page(self.state.relationship.id, first, after)
        edges = [
            ConversationMessageEdge(cursor=conversations.encode_cursor(m.id), node=m)  # type: ignore[arg-type]
            for m in rows
        ]
        return ConversationMessageConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=more,
                has_previous_page=after is not None,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )


@strawberry.type(description="Something that happened in a conversation you follow.")
class ConversationEvent:
    event: strawberry.Private[conversations.ConversationEvent]

    @strawberry.field
    def kind(self) -> ConversationEventKindEnum:  # type: ignore[valid-type]
        return self.event.kind

    @strawberry.field(description="SENT, EDITED, DELETED: the message as it is now.")
    def message(self) -> ConversationMessage | None:
        return self.event.message  # type: ignore[return-value]

    @strawberry.field(description="READ: who moved their read marker.")
    async def reader(self, info: Info) -> User | None:
        reader = self.event.reader_id
        return None if reader is None else await info.context.loaders.user.load(reader)

    @strawberry.field(description="READ: the reader's marker now.")
    def last_read_message_id(self) -> relay.GlobalID | None:
        return message_gid(self.event.last_read_id)


# --- root fields (merged into Query, Mutation and Subscription by schema/root.py) ---------


@strawberry.type
class ConversationQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="A relationship's conversation; its participants only (not coordinators).",
    )
    async def conversation(self, info: Info, relationship_id: relay.GlobalID) -> Conversation:
        return Conversation(
            state=await conversations_resolvers.conversation(info.context, relationship_id)
        )

    @strawberry.field(
        permission_classes=[CanRead],
        description="Your conversations (open and recently ended relationships), latest first.",
    )
    async def conversations(self, info: Info) -> list[Conversation]:
        return [
            Conversation(state=s)
            for s in await conversations_resolvers.my_conversations(info.context)
        ]


@strawberry.type
class ConversationMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Into an active relationship's conversation; 1 to 4000 characters.",
    )
    async def send_message(
        self, info: Info, relationship_id: relay.GlobalID, body: str
    ) -> ConversationMessage:
        return await conversations_resolvers.send_message(  # type: ignore[return-value]
            info.context, relationship_id, body
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Your own message only.")
    async def edit_message(
        self, info: Info, message_id: relay.GlobalID, body: str
    ) -> ConversationMessage:
        return await conversations_resolvers.edit_message(  # type: ignore[return-value]
            info.context, message_id, body
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Your own message only: the body is blanked, its place stays.",
    )
    async def delete_message(self, info: Info, message_id: relay.GlobalID) -> ConversationMessage:
        return await conversations_resolvers.delete_message(  # type: ignore[return-value]
            info.context, message_id
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Up to a message (by default the newest); never moves backwards.",
    )
    async def mark_conversation_read(
        self, info: Info, relationship_id: relay.GlobalID, up_to: relay.GlobalID | None = None
    ) -> Conversation:
        state = await conversations_resolvers.mark_conversation_read(
            info.context, relationship_id, up_to
        )
        return Conversation(state=state)


@strawberry.type
class ConversationSubscriptions:
    @strawberry.subscription(
        permission_classes=[CanRead],
        description="Messages sent, edited or deleted, and read markers moving, as they happen.",
    )
    async def conversation_events(
        self, info: Info, relationship_id: relay.GlobalID
    ) -> AsyncGenerator[ConversationEvent, None]:
        async with aclosing(
            conversations_resolvers.conversation_events(info.context, relationship_id)
        ) as stream:
            async for event in stream:
                yield ConversationEvent(event=event)
