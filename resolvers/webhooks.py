"""Registering and inspecting webhooks."""

from __future__ import annotations

from functools import partial

from strawberry import relay

from models import webhooks
from models.accounts import Scope
from realtime import webhooks as delivery
from resolvers.ids import db_id
from schema.context import Info
from schema.webhooks import NewWebhook, Webhook


async def register_webhook(info: Info, programme_id: relay.GlobalID, url: str) -> NewWebhook:
    """Coordinators, or their API tokens with the progress:read scope."""
    user = info.context.require(Scope.PROGRESS_READ)
    allow_private = info.context.settings.webhooks_allow_private
    hook, secret = await webhooks.register_webhook(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        url,
        check_target=partial(delivery.check_target, allow_private=allow_private),
        new_secret=delivery.new_secret,
    )
    return NewWebhook(webhook=hook, secret=secret)  # type: ignore[arg-type]


async def webhooks_of(info: Info, programme_id: relay.GlobalID) -> list[Webhook]:
    user = info.context.require(Scope.PROGRESS_READ)
    return await webhooks.webhooks_of(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId")
    )


async def delete_webhook(info: Info, id: relay.GlobalID) -> bool:
    user = info.context.require(Scope.PROGRESS_READ)
    await webhooks.delete_webhook(user, db_id(id, "Webhook"))
    return True
