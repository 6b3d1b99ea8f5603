"""Following a conversation live: the announcements of ``models.conversations``, read back.

Messages are stored and announced (after commit) by the models; this is the reading side.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from models.accounts import User
from models.conversations import (
    ConversationEvent,
    conversation_for,
    conversation_topic,
    event_from,
    participating,
)
from models.errors import Forbidden
from realtime.broker import broker


async def follow(user: User, relationship_id: int) -> AsyncIterator[ConversationEvent]:
    """The conversation's events as they happen, for a participant.

    Each announcement is only a pointer: the row is read again, inside this conversation,
    and the follower's own participation is checked again, so a forged or stale
    announcement shows nothing it should not, and someone removed from the relationship
    is cut off (Forbidden) at the next event.
    """
    relationship = await conversation_for(user, relationship_id)
    async with broker().subscribe(conversation_topic(relationship.id)) as live:
        async for announcement in live:
            if not await participating(user.id, {relationship.id}):
                raise Forbidden(
                    "You no longer take part in this conversation.", field="relationshipId"
                )
            event = await event_from(relationship.id, announcement)
            if event is not None:
                yield event
