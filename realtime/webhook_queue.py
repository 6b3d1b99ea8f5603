"""The webhook delivery loop: works through the endpoints of ``models.webhooks`` in order.

Each endpoint keeps a cursor into its programme's progress events and receives them in
order, one at a time; a failure pauses that endpoint until its retry is due, so order is
kept. Several processes share the work by leasing endpoints with a conditional update. One
HTTP attempt is ``realtime.webhooks.deliver``; the endpoints and their log are stored by
``models.webhooks``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import httpx
from tortoise.expressions import Q

from models.accounts import now
from models.progress import event_message, events_after
from models.webhooks import LEASE, Webhook, WebhookDelivery
from realtime import webhooks as delivery

log = logging.getLogger("rajut.webhooks")


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
