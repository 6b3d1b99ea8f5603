"""Conversations: reading, writing and following a relationship's messages."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

from strawberry import relay

from models import conversations
from models.accounts import Scope
from realtime import conversations as live_conversations
from realtime.broker import cut_off_when_too_slow
from resolvers.ids import db_id
from schema.context import Info
from schema.conversations import Conversation, ConversationEvent, ConversationMessage


async def messages_by_ids(
    info: Info, ids: list[int]
) -> list[conversations.ConversationMessage | None]:
    """For `node(id:)`: null for messages of conversations you take no part in."""
    user = info.context.require(Scope.READ)
    return await conversations.visible_messages(user, ids)


def _relationship(relationship_id: relay.GlobalID) -> int:
    return db_id(relationship_id, "Relationship", "relationshipId")


def _message(message_id: relay.GlobalID, field: str = "messageId") -> int:
    return db_id(message_id, "ConversationMessage", field)


async def conversation(info: Info, relationship_id: relay.GlobalID) -> Conversation:
    user = info.context.require(Scope.READ)
    return Conversation(
        state=await conversations.conversation(user, _relationship(relationship_id))
    )


async def my_conversations(info: Info) -> list[Conversation]:
    user = info.context.require(Scope.READ)
    return [Conversation(state=s) for s in await conversations.my_conversations(user)]


async def send_message(
    info: Info, relationship_id: relay.GlobalID, body: str
) -> ConversationMessage:
    user = info.context.require(Scope.WRITE)
    await info.context.limit("messages")
    return await conversations.send_message(  # type: ignore[return-value]
        user, _relationship(relationship_id), body
    )


async def edit_message(info: Info, message_id: relay.GlobalID, body: str) -> ConversationMessage:
    user = info.context.require(Scope.WRITE)
    await info.context.limit("messages")
    return await conversations.edit_message(user, _message(message_id), body)  # type: ignore[return-value]


async def delete_message(info: Info, message_id: relay.GlobalID) -> ConversationMessage:
    user = info.context.require(Scope.WRITE)
    return await conversations.delete_message(user, _message(message_id))  # type: ignore[return-value]


async def mark_conversation_read(
    info: Info, relationship_id: relay.GlobalID, up_to: relay.GlobalID | None = None
) -> Conversation:
    user = info.context.require(Scope.WRITE)
    relationship = await conversations.mark_read(
        user, _relationship(relationship_id), None if up_to is None else _message(up_to, "upTo")
    )
    return Conversation(state=(await conversations.conversation_states(user.id, [relationship]))[0])


TOO_SLOW = (
    "Messages arrived faster than this subscription read them, so it was ended to keep the "
    "server's memory bounded. Subscribe again and reload the newest page of messages."
)


async def conversation_events(
    info: Info, relationship_id: relay.GlobalID
) -> AsyncGenerator[ConversationEvent, None]:
    user = info.context.require(Scope.READ)
    async with aclosing(live_conversations.follow(user, _relationship(relationship_id))) as live:
        with cut_off_when_too_slow(TOO_SLOW):
            async for event in live:
                yield ConversationEvent(event=event)
