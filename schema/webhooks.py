"""Webhook endpoints and their delivery log."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models import webhooks
from resolvers import webhooks as webhooks_resolvers
from schema.context import Info


@strawberry.type(description="One attempt to deliver one event.")
class WebhookDelivery:
    seq: int
    attempt: int
    status_code: int | None
    error: str
    delivered: bool
    duration_ms: float
    created_at: datetime


@strawberry.type(description="An endpoint receiving a programme's progress events.")
class Webhook:
    url: str
    created_at: datetime
    last_seq: int = strawberry.field(description="The last event delivered.")
    failures: int
    next_attempt_at: datetime | None
    disabled_reason: str

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Webhook", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field(description="The latest attempts, newest first.")
    async def deliveries(self, last: int = 20) -> list[WebhookDelivery]:
        return await webhooks.WebhookDelivery.filter(  # type: ignore[return-value]
            webhook_id=self.id  # type: ignore[attr-defined]
        ).limit(min(max(last, 1), 100))


@strawberry.type
class NewWebhook:
    webhook: Webhook
    secret: str = strawberry.field(description="whsec_…, for verifying signatures; shown once.")


@strawberry.type
class WebhookQueries:
    @strawberry.field
    async def webhooks(self, info: Info, programme_id: relay.GlobalID) -> list[Webhook]:
        return await webhooks_resolvers.webhooks_of(info.context, programme_id)


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="Send the programme's progress events to a URL (Standard Webhooks)."
    )
    async def register_webhook(
        self, info: Info, programme_id: relay.GlobalID, url: str
    ) -> NewWebhook:
        hook, secret = await webhooks_resolvers.register_webhook(info.context, programme_id, url)
        return NewWebhook(webhook=hook, secret=secret)  # type: ignore[arg-type]

    @strawberry.mutation
    async def delete_webhook(self, info: Info, id: relay.GlobalID) -> bool:
        return await webhooks_resolvers.delete_webhook(info.context, id)
