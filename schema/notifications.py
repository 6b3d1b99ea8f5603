"""In-app notifications."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime

import strawberry
from strawberry import relay

from models.notifications import NotificationKind
from resolvers import notifications as notifications_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

NotificationKindEnum = strawberry.enum(NotificationKind, name="NotificationKind")


@strawberry.type
class Notification:
    kind: NotificationKindEnum  # type: ignore[valid-type]
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Notification", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID | None:
        rid = self.relationship_id  # type: ignore[attr-defined]
        return None if rid is None else relay.GlobalID("Relationship", str(rid))

    @strawberry.field
    def session_id(self) -> relay.GlobalID | None:
        sid = self.session_id  # type: ignore[attr-defined]
        return None if sid is None else relay.GlobalID("Session", str(sid))


@strawberry.type
class NotificationQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def my_notifications(
        self, info: Info, unread_only: bool = False, first: int = 50
    ) -> list[Notification]:
        return await notifications_resolvers.my_notifications(info.context, unread_only, first)


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def mark_notifications_read(
        self, info: Info, ids: list[relay.GlobalID] | None = None
    ) -> int:
        return await notifications_resolvers.mark_notifications_read(info.context, ids)


@strawberry.type
class NotificationSubscriptions:
    @strawberry.subscription(
        permission_classes=[CanRead],
        description="Your reminders, nudges and check-ins as they are created.",
    )
    async def notifications(self, info: Info) -> AsyncGenerator[Notification, None]:
        async with aclosing(notifications_resolvers.notifications_live(info.context)) as stream:
            async for item in stream:
                yield item
