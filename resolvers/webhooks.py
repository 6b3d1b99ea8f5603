"""Registering and inspecting webhooks."""

from __future__ import annotations

from functools import partial

from strawberry import relay

from models import webhooks
from models.accounts import Scope
from realtime import webhooks as delivery
from resolvers.context import Context
from resolvers.ids import db_id


async def register_webhook(
    context: Context, programme_id: relay.GlobalID, url: str
) -> tuple[webhooks.Webhook, str]:
    """Coordinators, or their API tokens with the progress:read scope: the new webhook and
    its signing secret (shown this once)."""
    user = context.require(Scope.PROGRESS_READ)
    allow_private = context.settings.webhooks_allow_private
    hook, secret = await webhooks.register_webhook(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        url,
        check_target=partial(delivery.check_target, allow_private=allow_private),
        new_secret=delivery.new_secret,
    )
    return hook, secret


async def webhooks_of(context: Context, programme_id: relay.GlobalID) -> list[webhooks.Webhook]:
    user = context.require(Scope.PROGRESS_READ)
    return await webhooks.webhooks_of(user, db_id(programme_id, "Programme", "programmeId"))


async def delete_webhook(context: Context, id: relay.GlobalID) -> bool:
    user = context.require(Scope.PROGRESS_READ)
    await webhooks.delete_webhook(user, db_id(id, "Webhook"))
    return True
