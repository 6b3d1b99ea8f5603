"""Publish/subscribe between the code that changes things and the clients watching them.

The interface is deliberately small (publish, subscribe) so a Redis implementation can
replace the in-process one for several app processes.

Delivery policy, the same for both brokers:

- At-most-once. Anything that must not be lost is stored in the database first and only
  announced here; subscribers that must see everything read back from storage by cursor.
- Bounded memory. Each subscriber has its own queue of ``QUEUE_LIMIT`` messages. A
  subscriber that falls that far behind is cut off: its iterator yields what is already
  queued, then raises ``SubscriberTooSlow``. Nothing else waits for it, and other
  subscribers of the topic are unaffected. Resolvers turn that into the client-facing
  ``SUBSCRIBER_TOO_SLOW`` error with ``cut_off_when_too_slow()``, so the client knows to
  subscribe again (from its cursor, where it has one).
- Resync on request. Messages published while a subscriber could not receive them (the
  Redis broker lost its connection, or subscribed while Redis was unreachable) are gone.
  A subscriber that can read back what it missed asks ``subscribe(topic, resync=True)`` and
  then receives the ``RESYNC`` marker once the live feed is whole again; everyone else
  never sees the marker and simply resumes with the live tail.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any, Protocol

from models.errors import TooSlow

QUEUE_LIMIT = 256

RESYNC: dict[str, Any] = {"__resync__": True}
"""The marker a ``resync=True`` subscriber receives when live messages may have been lost:
read everything after your cursor from storage, then carry on. Compare by identity
(``message is RESYNC``): it never crosses Redis, so a published look-alike is not it."""


class SubscriberTooSlow(Exception):
    """The subscriber's queue overflowed; it must resubscribe (and catch up from storage)."""


class Broker(Protocol):
    async def publish(self, topic: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, topic: str, *, resync: bool = False) -> Any: ...

    async def close(self) -> None: ...


class _Subscription:
    def __init__(self, resync: bool = False) -> None:
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(QUEUE_LIMIT)
        self.overflowed = False
        self.resync = resync
        # live messages may have been lost since it last caught up: RESYNC is due once the
        # feed is whole again
        self.missed = False

    def offer(self, message: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True

    def may_have_missed(self) -> None:
        if self.resync:
            self.missed = True

    def offer_resync(self) -> None:
        """Queue RESYNC if messages may have been lost; a full queue cuts it off as usual."""
        if self.missed:
            self.missed = False
            self.offer(RESYNC)

    def __aiter__(self) -> _Subscription:
        return self

    async def __anext__(self) -> dict[str, Any]:
        if self.overflowed and self.queue.empty():
            raise SubscriberTooSlow
        message = await self.queue.get()
        if message is None:
            raise StopAsyncIteration
        return message


class InProcessBroker:
    """The embedded default: topics live in this process's memory."""

    def __init__(self) -> None:
        self._topics: dict[str, set[_Subscription]] = defaultdict(set)

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        for subscription in list(self._topics.get(topic, ())):
            subscription.offer(message)

    async def close(self) -> None:
        """Nothing to release: the topics live and die with the process."""

    @asynccontextmanager
    async def subscribe(self, topic: str, *, resync: bool = False) -> AsyncIterator[_Subscription]:
        """Receive ``topic``'s messages while the context is open.

        ``resync`` is accepted for the common interface; nothing is ever lost between the
        publisher and a subscriber in one process, so no RESYNC marker is ever sent.
        """
        subscription = _Subscription(resync)
        self._topics[topic].add(subscription)
        try:
            yield subscription
        finally:
            self._topics[topic].discard(subscription)
            if not self._topics[topic]:
                del self._topics[topic]


_broker: Broker = InProcessBroker()


def broker() -> Broker:
    """The process's broker: in-process, or Redis when REDIS_URL is set."""
    return _broker


def configure(redis_url: str | None, prefix: str = "rajut:") -> Broker:
    """Choose the process's broker at start-up.

    Without REDIS_URL the in-process broker stays (a test process may host several apps,
    and replacing it would cut off the earlier apps' subscribers).
    """
    global _broker
    if redis_url:
        from realtime.redis_broker import RedisBroker  # it imports this module

        _broker = RedisBroker(redis_url, prefix=prefix)
    return _broker


def user_topic(user_id: int) -> str:
    return f"user:{user_id}:matches"


TOO_SLOW = (
    "This live subscription fell too far behind and was ended so the server's memory stays "
    "bounded. Subscribe again."
)


@contextmanager
def cut_off_when_too_slow(message: str = TOO_SLOW) -> Iterator[None]:
    """Wrap a subscription resolver's loop: a broker overflow becomes the client-facing
    ``SUBSCRIBER_TOO_SLOW`` error (and the operation completes) instead of a silent end.

    ``message`` tells the client how to resume, e.g. with which cursor.
    """
    try:
        yield
    except SubscriberTooSlow as slow:
        raise TooSlow(message) from slow
