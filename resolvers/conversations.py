"""Conversations: reading, writing and following a relationship's messages."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

from strawberry import relay

from models import conversations
from models.accounts import Scope
from realtime import conversations as live_conversations
from realtime.broker import cut_off_when_too_slow
from resolvers.context import Context
from resolvers.ids import db_id


async def messages_by_ids(
    context: Context, ids: list[int]
) -> list[conversations.ConversationMessage | None]:
    """For `node(id:)`: null for messages of conversations you take no part in."""
    user = context.require(Scope.READ)
    return await conversations.visible_messages(user, ids)


def _relationship(relationship_id: relay.GlobalID) -> int:
    return db_id(relationship_id, "Relationship", "relationshipId")


def _message(message_id: relay.GlobalID, field: str = "messageId") -> int:
    return db_id(message_id, "ConversationMessage", field)


async def conversation(
    context: Context, relationship_id: relay.GlobalID
) -> conversations.ConversationState:
    user = context.require(Scope.READ)
    return await conversations.conversation(user, _relationship(relationship_id))


async def my_conversations(context: Context) -> list[conversations.ConversationState]:
    user = context.require(Scope.READ)
    return await conversations.my_conversations(user)


async def send_message(
    context: Context, relationship_id: relay.GlobalID, body: str
) -> conversations.ConversationMessage:
    user = context.require(Scope.WRITE)
    await context.limit("messages")
    return await conversations.send_message(user, _relationship(relationship_id), body)


async def edit_message(
    context: Context, message_id: relay.GlobalID, body: str
) -> conversations.ConversationMessage:
    user = context.require(Scope.WRITE)
    await context.limit("messages")
    return await conversations.edit_message(user, _message(message_id), body)


async def delete_message(
    context: Context, message_id: relay.GlobalID
) -> conversations.ConversationMessage:
    user = context.require(Scope.WRITE)
    return await conversations.delete_message(user, _message(message_id))


async def mark_conversation_read(
    context: Context, relationship_id: relay.GlobalID, up_to: relay.GlobalID | None = None
) -> conversations.ConversationState:
    user = context.require(Scope.WRITE)
    relationship = await conversations.mark_read(
        user, _relationship(relationship_id), None if up_to is None else _message(up_to, "upTo")
    )
    return (await conversations.conversation_states(user.id, [relationship]))[0]


TOO_SLOW = (
    "Messages arrived faster than this subscription read them, so it was ended to keep the "
    "server's memory bounded. Subscribe again and reload the newest page of messages."
)


async def conversation_events(
    context: Context, relationship_id: relay.GlobalID
) -> AsyncGenerator[conversations.ConversationEvent, None]:
    user = context.require(Scope.READ)
    async with aclosing(live_conversations.follow(user, _relationship(relationship_id))) as live:
        with cut_off_when_too_slow(TOO_SLOW):
            async for event in live:
                yield event
