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
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Forbidden, NotFound
from models.programmes import Programme, coordinated_programme
from models.progress import ProgressCounter, ProgressEvent, events_after
from realtime import webhooks as delivery

log = logging.getLogger("rajut.webhooks")
LEASE = timedelta(seconds=60)
ATTEMPT_TIMEOUT = 10.0  # seconds one delivery attempt may take, DNS included
# a drain starts no attempt that could outlast its lease
DRAIN_TIME = LEASE - timedelta(seconds=2 * ATTEMPT_TIMEOUT)
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


# Details in event payloads that name an object, and the API type whose global ID they carry.
PAYLOAD_IDS = {
    "session": "Session",
    "goal": "Goal",
    "milestone": "Milestone",
    "member": "User",
    "mentor": "User",
    "mentee": "User",
    "members": "User",
}


def global_id(type_name: str, pk: int) -> str:
    """The Relay global ID the API uses for this object (base64 of ``Type:id``)."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode("ascii")


def _payload_ids(payload: dict[str, Any]) -> dict[str, Any]:
    details = {}
    for key, value in payload.items():
        type_name = PAYLOAD_IDS.get(key)
        if type_name and isinstance(value, int):
            value = global_id(type_name, value)
        elif type_name and isinstance(value, list):
            value = [global_id(type_name, v) if isinstance(v, int) else v for v in value]
        details[key] = value
    return details


def envelope(event: ProgressEvent) -> dict[str, Any]:
    """The body of one delivery, in Standard Webhooks' recommended shape.

    ``type`` is the event kind, ``timestamp`` when it happened (ISO 8601, UTC) and ``data``
    the event, naming objects by the global IDs the GraphQL API uses (``node(id:)``), never by
    database ids; ``seq`` is the programme's cursor, as in ``progressEvents(after:)``.
    """
    created = event.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return {
        "type": event.kind.value,
        "timestamp": created,
        "data": {
            "seq": event.seq,
            "programmeId": global_id("Programme", event.programme_id),
            "relationshipId": (
                None
                if event.relationship_id is None
                else global_id("Relationship", event.relationship_id)
            ),
            "actorId": None if event.actor_id is None else global_id("User", event.actor_id),
            "payload": _payload_ids(event.payload),
        },
    }


def _due(moment: datetime) -> Q:
    return Q(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment),
        disabled_reason="",
    )


async def _lease(hook_id: int) -> tuple[Webhook, datetime] | None:
    """Take the endpoint's lease if it is free and the endpoint still due, then read it.

    The condition and the write are one UPDATE, so of several processes exactly one wins;
    the row is read after winning, so the cursor and failure count are the latest committed
    (no other process writes them while the lease is held). Returns the fresh row and the
    lease's expiry (our token for releasing it), or None if another process has it or it is
    no longer due.
    """
    moment = now()
    until = moment + LEASE
    taken = await Webhook.filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=moment), _due(moment), id=hook_id
    ).update(leased_until=until)
    if not taken:
        return None
    hook = await Webhook.get_or_none(id=hook_id)
    return None if hook is None else (hook, until)


async def _release(hook_id: int, until: datetime) -> None:
    """Give the lease back, unless it already lapsed and someone else holds it now."""
    await Webhook.filter(id=hook_id, leased_until=until).update(leased_until=None)


async def deliver_due(*, allow_private: bool, retry_scale: float = 1.0, batch: int = 50) -> int:
    """One pass over the endpoints that have something due; returns deliveries made."""
    due = await Webhook.filter(_due(now())).values_list("id", flat=True)
    if not due:
        return 0  # the common case, every pass: no TLS context built for nothing
    sent = 0
    async with delivery.new_client() as client:
        for hook_id in due:
            leased = await _lease(hook_id)
            if leased is None:
                continue  # another process has it, or delivered it meanwhile
            hook, until = leased
            try:
                sent += await _drain(client, hook, until, allow_private, retry_scale, batch)
            finally:
                await _release(hook_id, until)
    return sent


def _failure_outcome(hook: Webhook, attempt: delivery.Attempt, retry_scale: float) -> str:
    """Record a failed attempt on the endpoint; returns what the delivery log adds."""
    hook.failures += 1
    if attempt.gone:
        hook.disabled_reason = "the receiver answered 410 Gone"
        log.warning("webhook %s disabled: the receiver answered 410 Gone", hook.id)
        return "endpoint disabled: the receiver answered 410 Gone"
    if hook.failures >= delivery.MAX_ATTEMPTS:
        hook.disabled_reason = f"gave up after {hook.failures} attempts"
        log.warning("webhook %s disabled: %s", hook.id, attempt.error)
        return f"endpoint disabled: gave up after {hook.failures} attempts"
    if attempt.retry_after is not None:  # the receiver said when; its word, not our scale
        hook.next_attempt_at = now() + attempt.retry_after
        return f"retrying as asked by Retry-After ({attempt.retry_after.total_seconds():g} s)"
    hook.next_attempt_at = now() + delivery.next_delay(hook.failures) * retry_scale
    return ""


async def _drain(
    client: httpx.AsyncClient,
    hook: Webhook,
    until: datetime,
    allow_private: bool,
    retry_scale: float,
    batch: int,
) -> int:
    """Deliver the endpoint's due events in order; ``hook`` is the row read inside the lease."""
    sent = 0
    stop_by = until - LEASE + DRAIN_TIME
    for event in await events_after(hook.programme_id, hook.last_seq, batch):
        if now() >= stop_by:
            break  # the next pass continues under a fresh lease
        attempt = await delivery.deliver(
            client,
            hook.url,
            hook.secret,
            f"evt_{event.id}",
            envelope(event),
            timeout=ATTEMPT_TIMEOUT,
            allow_private=allow_private,
        )
        number = hook.failures + 1
        outcome = "" if attempt.delivered else _failure_outcome(hook, attempt, retry_scale)
        error = "; ".join(part for part in (attempt.error or "", outcome) if part)
        await WebhookDelivery.create(
            webhook=hook,
            event_id=event.id,
            seq=event.seq,
            attempt=number,
            status_code=attempt.status_code,
            error=error,
            delivered=attempt.delivered,
            duration_ms=attempt.duration_ms,
        )
        if not attempt.delivered:
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
