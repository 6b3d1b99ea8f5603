"""Conversations between a relationship's participants (placeholder until built)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry


@strawberry.type
class ConversationQuery:
    conversation_placeholder: bool = False


@strawberry.type
class ConversationMutation:
    conversation_placeholder: bool = False


@strawberry.type
class ConversationSubscription:
    @strawberry.subscription
    async def conversation_placeholder(self) -> AsyncGenerator[bool, None]:
        yield False
