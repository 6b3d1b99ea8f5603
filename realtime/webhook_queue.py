"""The webhook delivery loop: works through the endpoints of ``models.webhooks`` in order.

Each endpoint keeps a cursor into its programme's progress events and receives them in
order, one at a time; a failure pauses that endpoint until its retry is due (or until the
receiver's ``Retry-After``), so order is kept; a 410 Gone disables it. One HTTP attempt is
``realtime.webhooks.deliver``; the endpoints and their log are stored by ``models.webhooks``.

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
from tortoise.expressions import Q

from models.accounts import now
from models.progress import ProgressEvent, events_after
from models.webhooks import LEASE, Webhook, WebhookDelivery
from realtime import webhooks as delivery

log = logging.getLogger("rajut.webhooks")
ATTEMPT_TIMEOUT = 10.0  # seconds one delivery attempt may take, DNS included
# a drain starts no attempt that could outlast its lease
DRAIN_TIME = LEASE - timedelta(seconds=2 * ATTEMPT_TIMEOUT)


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
