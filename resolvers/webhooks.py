"""Registering and inspecting webhooks."""

from __future__ import annotations

from strawberry import relay

from models import webhooks
from models.accounts import Scope
from resolvers.ids import db_id
from schema.context import Info
from schema.webhooks import NewWebhook, Webhook


async def register_webhook(info: Info, programme_id: relay.GlobalID, url: str) -> NewWebhook:
    """Coordinators, or their API tokens with the progress:read scope."""
    user = info.context.require(Scope.PROGRESS_READ)
    hook, secret = await webhooks.register_webhook(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        url,
        allow_private=info.context.settings.webhooks_allow_private,
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
