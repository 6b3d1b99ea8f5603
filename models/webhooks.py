"""Webhook endpoints for tools that cannot hold a WebSocket, and their delivery log.

Each endpoint keeps a cursor into its programme's progress events and receives them in
order, one at a time; a failure pauses that endpoint until its retry is due, so order is
kept. Delivery is at-least-once (a crash between sending and saving the cursor resends); the
event id is the ``webhook-id`` receivers de-duplicate on. Several processes share the work by
leasing endpoints with a conditional update.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

import httpx
from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Forbidden, NotFound
from models.programmes import Programme, coordinated_programme
from models.progress import ProgressCounter, event_message, events_after
from realtime import webhooks as delivery

log = logging.getLogger("rajut.webhooks")
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
    user: User, programme_id: int, url: str, *, allow_private: bool
) -> tuple[Webhook, str]:
    """Returns the endpoint and its signing secret (shown once). Events from now on."""
    programme = await coordinated_programme(user, programme_id)
    url = url.strip()
    if len(url) > 500:
        raise BadInput("That URL is too long.", field="url")
    await delivery.check_target(url, allow_private=allow_private)
    if await Webhook.filter(programme_id=programme.id).count() >= MAX_ENDPOINTS:
        raise BadInput(f"A programme has at most {MAX_ENDPOINTS} webhooks.", field="url")
    last = await _last_seq(programme.id)
    secret = delivery.new_secret()
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


async def _lease(hook: Webhook) -> bool:
    moment = now()
    return bool(
        await Webhook.filter(
            Q(leased_until__isnull=True) | Q(leased_until__lt=moment), id=hook.id
        ).update(leased_until=moment + LEASE)
    )


async def deliver_due(*, allow_private: bool, retry_scale: float = 1.0, batch: int = 50) -> int:
    """One pass over the endpoints that have something due; returns deliveries made."""
    moment = now()
    due = await Webhook.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment),
        disabled_reason="",
    )
    if not due:
        return 0  # the common case, every pass: no TLS context built for nothing
    sent = 0
    async with delivery.new_client() as client:
        for hook in due:
            if not await _lease(hook):
                continue  # another process has it
            try:
                sent += await _drain(client, hook, allow_private, retry_scale, batch)
            finally:
                await Webhook.filter(id=hook.id).update(leased_until=None)
    return sent


async def _drain(
    client: httpx.AsyncClient,
    hook: Webhook,
    allow_private: bool,
    retry_scale: float,
    batch: int,
) -> int:
    sent = 0
    for event in await events_after(hook.programme_id, hook.last_seq, batch):
        message = event_message(event)
        attempt = await delivery.deliver(
            client,
            hook.url,
            hook.secret,
            f"evt_{event.id}",
            message,
            allow_private=allow_private,
        )
        await WebhookDelivery.create(
            webhook=hook,
            event_id=event.id,
            seq=event.seq,
            attempt=hook.failures + 1,
            status_code=attempt.status_code,
            error=attempt.error or "",
            delivered=attempt.delivered,
            duration_ms=attempt.duration_ms,
        )
        if not attempt.delivered:
            hook.failures += 1
            if hook.failures >= delivery.MAX_ATTEMPTS:
                hook.disabled_reason = f"gave up after {hook.failures} attempts"
                log.warning("webhook %s disabled: %s", hook.id, attempt.error)
            else:
                delay = delivery.next_delay(hook.failures) * retry_scale
                hook.next_attempt_at = now() + delay
            await hook.save(update_fields=["failures", "next_attempt_at", "disabled_reason"])
            return sent
        hook.last_seq, hook.failures, hook.next_attempt_at = event.seq, 0, None
        await hook.save(update_fields=["last_seq", "failures", "next_attempt_at"])
        sent += 1
    return sent


async def run_webhooks(
    stop: asyncio.Event, *, allow_private: bool, interval: float, retry_scale: float = 1.0
) -> None:
    """The delivery loop each app process runs in the background."""
    while not stop.is_set():
        try:
            await deliver_due(allow_private=allow_private, retry_scale=retry_scale)
        except Exception:  # keep the loop alive; the next pass retries
            log.exception("webhook delivery pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
