"""Reading notifications, and receiving them live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from strawberry import relay

from models import notifications
from models.accounts import Scope
from realtime.broker import broker, cut_off_when_too_slow
from resolvers.context import Context
from resolvers.ids import db_id

TOO_SLOW = (
    "Too many notifications arrived faster than this subscription read them, so it was "
    "ended. Subscribe again, and list the ones you missed with myNotifications."
)


async def my_notifications(
    context: Context, unread_only: bool = False, first: int = 50
) -> list[notifications.Notification]:
    user = context.require(Scope.READ)
    query = notifications.Notification.filter(user_id=user.id)
    if unread_only:
        query = query.filter(read_at__isnull=True)
    return await query.limit(min(max(first, 1), 200))


async def mark_notifications_read(context: Context, ids: list[relay.GlobalID] | None = None) -> int:
    """Mark these (or, with no ids, all) as read; returns how many changed."""
    user = context.require(Scope.WRITE)
    keys = None if ids is None else [db_id(i, "Notification", "ids") for i in ids]
    return await notifications.mark_read(user, keys)


async def notifications_live(context: Context) -> AsyncGenerator[notifications.Notification, None]:
    """Live from the moment you subscribe (at most once: `myNotifications` has them all)."""
    user = context.require(Scope.READ)
    topic = notifications.notification_topic(user.id)
    async with broker().subscribe(topic) as live:
        with cut_off_when_too_slow(TOO_SLOW):
            async for message in live:
                note = await notifications.Notification.get_or_none(
                    id=message["id"], user_id=user.id
                )
                if note is not None:
                    yield note
