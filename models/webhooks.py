"""Webhook endpoints for tools that cannot hold a WebSocket, and their delivery log.

Each endpoint keeps a cursor into its programme's progress events and receives them in
order, one at a time; a failure pauses that endpoint until its retry is due (or until the
receiver's ``Retry-After``), so order is kept; a 410 Gone disables it. Delivery is
at-least-once (a crash between sending and saving the cursor resends); the event id is the
``webhook-id`` receivers de-duplicate on.

Several processes share the work. A process owns an endpoint only while it holds its lease,
taken with one conditional update that also re-checks that the endpoint is due and enabled;
the cursor and failure count are read only after that, inside the lease. (Draining from the
row read before leasing sent every event twice when two processes ran: the second leased
as soon as the first released, with a cursor the first had already moved on.) A drain stops
in time to finish within its lease, so a lease never lapses under a running drain.

This module keeps the endpoints, their state and the rules for registering them; the
delivery loop that works through them is ``realtime.webhook_queue`` (HTTP and signing in
``realtime.webhooks``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.errors import BadInput, Forbidden, NotFound
from models.programmes import Programme, coordinated_programme
from models.progress import ProgressCounter

LEASE = timedelta(seconds=60)
MAX_ENDPOINTS = 10


class Webhook(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="webhooks", on_delete=fields.CASCADE
    )
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=100)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seq = fields.BigIntField(default=0)
    failures = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    leased_until = fields.DatetimeField(null=True)
    disabled_reason = fields.TextField(default="")

    class Meta:
        table = "webhooks"


class WebhookDelivery(Model):
    id = fields.IntField(primary_key=True)
    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "rajut.Webhook", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id = fields.BigIntField()
    seq = fields.BigIntField()
    attempt = fields.IntField()
    status_code = fields.IntField(null=True)
    error = fields.TextField(default="")
    delivered = fields.BooleanField()
    duration_ms = fields.FloatField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "webhook_deliveries"
        ordering = ["-id"]


async def register_webhook(
    user: User,
    programme_id: int,
    url: str,
    *,
    check_target: Callable[[str], Awaitable[None]],
    new_secret: Callable[[], str],
) -> tuple[Webhook, str]:
    """Returns the endpoint and its signing secret (shown once). Events from now on.

    The delivery side supplies ``check_target`` (refuses a URL the server must not call,
    with BadInput) and ``new_secret``; the checks run in this order, so only a programme's
    coordinator ever gets as far as the URL being resolved.
    """
    programme = await coordinated_programme(user, programme_id)
    url = url.strip()
    if len(url) > 500:
        raise BadInput("That URL is too long.", field="url")
    await check_target(url)
    if await Webhook.filter(programme_id=programme.id).count() >= MAX_ENDPOINTS:
        raise BadInput(f"A programme has at most {MAX_ENDPOINTS} webhooks.", field="url")
    last = await _last_seq(programme.id)
    secret = new_secret()
    hook = await Webhook.create(
        programme=programme, url=url, secret=secret, created_by=user, last_seq=last
    )
    return hook, secret


async def _last_seq(programme_id: int) -> int:
    counter = await ProgressCounter.get_or_none(programme_id=programme_id)
    return counter.last_seq if counter else 0


async def webhooks_of(user: User, programme_id: int) -> list[Webhook]:
    programme = await coordinated_programme(user, programme_id)
    return await Webhook.filter(programme_id=programme.id).order_by("id")


async def delete_webhook(user: User, webhook_id: int) -> None:
    hook = await Webhook.get_or_none(id=webhook_id)
    if hook is None:
        raise NotFound("No such webhook.", field="id")
    try:
        await coordinated_programme(user, hook.programme_id)
    except (NotFound, Forbidden):
        raise NotFound("No such webhook.", field="id") from None
    await hook.delete()
