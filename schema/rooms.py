"""Rooms between a relationship's participants (placeholder until built)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry


@strawberry.type
class RoomQuery:
    room_placeholder: bool = False


@strawberry.type
class RoomMutation:
    room_placeholder: bool = False


@strawberry.type
class RoomSubscription:
    @strawberry.subscription
    async def room_placeholder(self) -> AsyncGenerator[bool, None]:
        yield False
