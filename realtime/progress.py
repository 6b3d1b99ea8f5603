"""Following a programme's progress live: the stored events after a cursor, then the live tail.

The events themselves are stored by ``models.progress`` and announced after each commit;
this is the reading side, which stitches the table and the broker together.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from models.progress import event_message, events_after, progress_topic, stored_after
from realtime.broker import RESYNC, broker


async def follow(programme_id: int, after: int) -> AsyncIterator[dict[str, Any]]:
    """Everything after ``after``, then live events: no gap, no duplicate.

    The live subscription opens first, so nothing committed during the catch-up is lost;
    live messages at or below the last number sent are duplicates of the catch-up and are
    dropped; a jump in numbers (announcements of two commits can arrive swapped, or a
    message was lost) is filled from the table. When the broker says live messages may have
    been lost (``RESYNC``: Redis dropped and came back), the table is read again at once, so
    events committed during an outage arrive without waiting for the next live one.

    A subscriber too slow for its bounded queue gets ``SubscriberTooSlow`` from here, after
    the events already queued: its client resubscribes with the last ``seq`` it received.
    """
    last = after
    async with broker().subscribe(progress_topic(programme_id), resync=True) as live:
        async for event in stored_after(programme_id, last):
            last = event.seq
            yield event_message(event)
        async for message in live:
            if message is RESYNC:
                async for event in stored_after(programme_id, last):
                    last = event.seq
                    yield event_message(event)
                continue
            if message["seq"] <= last:
                continue
            if message["seq"] > last + 1:
                for event in await events_after(programme_id, last, message["seq"] - last - 1):
                    last = event.seq
                    yield event_message(event)
            last = message["seq"]
            yield message
