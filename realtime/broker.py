"""Publish/subscribe between the code that changes things and the clients watching them.

The interface is deliberately small (publish, subscribe) so a Redis implementation can
replace the in-process one for several app processes. Delivery is at-most-once: anything
that must not be lost is stored in the database first and only announced here.

Each subscriber gets a bounded queue. A subscriber that falls that far behind is cut off
(its iterator raises ``SubscriberTooSlow``) instead of growing the server's memory.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

QUEUE_LIMIT = 256


class SubscriberTooSlow(Exception):
    """The subscriber's queue overflowed; it must resubscribe (and catch up from storage)."""


class Broker(Protocol):
    async def publish(self, topic: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, topic: str) -> Any: ...

    async def close(self) -> None: ...


class _Subscription:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(QUEUE_LIMIT)
        self.overflowed = False

    def offer(self, message: dict[str, Any]) -> None:
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.overflowed = True

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
    async def subscribe(self, topic: str) -> AsyncIterator[_Subscription]:
        subscription = _Subscription()
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


def configure(redis_url: str | None) -> Broker:
    """Choose the process's broker at start-up.

    Without REDIS_URL the in-process broker stays (a test process may host several apps,
    and replacing it would cut off the earlier apps' subscribers).
    """
    global _broker
    if redis_url:
        from realtime.redis_broker import RedisBroker  # it imports this module

        _broker = RedisBroker(redis_url)
    return _broker


def user_topic(user_id: int) -> str:
    return f"user:{user_id}:matches"
