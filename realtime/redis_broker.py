"""The broker on Redis pub/sub, so several app processes share live traffic.

Same interface and policies as ``InProcessBroker`` (see ``realtime.broker``):

- Delivery is at-most-once. Redis pub/sub keeps nothing: a message published while this
  process is disconnected from Redis (or before a subscription is confirmed) is gone.
  Anything that must not be lost is stored in the database first; subscribers catch up
  from a cursor and Redis only carries the live tail.
- One Redis pub/sub connection per process, not per subscriber. A reader task fans each
  message out to the local subscribers through the same bounded queues (``QUEUE_LIMIT``)
  as the in-process broker; a subscriber whose queue overflows gets ``SubscriberTooSlow``
  after its queued items.
- A Redis channel (``<prefix><topic>``, by default ``rajut:<topic>``) is subscribed when
  its local subscriber count goes 0 -> 1 and unsubscribed when it goes 1 -> 0.
- Reconnection: when the pub/sub connection drops, the reader reconnects with backoff
  (0.1 s doubling to 5 s) and re-subscribes every channel that has local subscribers, so
  live subscriptions resume without restarting the app. Local iterators stay open.
- Resync: whatever was published between the drop and Redis confirming the channel again
  is lost. Subscribers that asked ``subscribe(topic, resync=True)`` receive the ``RESYNC``
  marker as soon as Redis confirms the channel on the new connection, and read back from
  storage what they missed; anything published after the marker arrives live, so with the
  usual cursor de-duplication nothing is lost or repeated. The same holds for a subscriber
  that entered during an outage (or whose channel Redis had not confirmed within
  ``subscribe_timeout``): it gets the marker once the channel is confirmed.
- Publishing while Redis is unreachable drops the message and logs a warning (once per
  outage, then at debug level): callers never see Redis outages, the app never crashes.
  Unserialisable messages still raise ``TypeError``: that is a bug, not an outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from realtime.broker import _Subscription

log = logging.getLogger(__name__)

# Errors that mean "Redis is unreachable or the connection broke", as opposed to bugs.
_REDIS_DOWN = (RedisError, OSError)  # OSError covers TimeoutError and refused connections


class _Topic:
    """Local subscribers of one topic and whether Redis has confirmed the channel."""

    def __init__(self) -> None:
        self.subscribers: set[_Subscription] = set()
        # SUBSCRIBE commands sent on the current connection and not yet confirmed
        self.pending = 0
        self.ready = asyncio.Event()


class RedisBroker:
    """Broker over Redis pub/sub; see the module docstring for the delivery policy.

    ``prefix`` namespaces channels (tests use a unique one per run). ``client_name`` is
    the Redis CLIENT SETNAME of this broker's connections; the pub/sub connection gets
    ``<client_name>:pubsub`` so operators can find it in CLIENT LIST.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "rajut:",
        client_name: str | None = None,
        backoff_min: float = 0.1,
        backoff_max: float = 5.0,
        subscribe_timeout: float = 5.0,
        keepalive: float = 15.0,
    ) -> None:
        self.prefix = prefix
        self.client_name = client_name or f"rajut-{os.getpid()}-{secrets.token_hex(3)}"
        self.pubsub_client_name = self.client_name + ":pubsub"
        self._backoff_min = backoff_min
        self._backoff_max = backoff_max
        self._subscribe_timeout = subscribe_timeout
        self._keepalive = keepalive
        # Publishing retries once at once: after a Redis restart pooled connections are
        # stale, and one fresh connection tells "restarted" from "down" without a stall.
        self._publisher = aioredis.from_url(
            url, client_name=self.client_name, retry=Retry(NoBackoff(), 1)
        )
        # The pub/sub connection never retries inside redis-py: the reader owns
        # reconnection, so subscription bookkeeping has a single source of truth.
        self._subscriber = aioredis.from_url(
            url,
            client_name=self.pubsub_client_name,
            retry=Retry(NoBackoff(), 0, supported_errors=()),
        )
        self._topics: dict[str, _Topic] = {}
        self._pubsub: PubSub | None = None  # set while the reader holds a live connection
        self._lock = asyncio.Lock()  # orders SUBSCRIBE/UNSUBSCRIBE against reconnects
        self._reader: asyncio.Task[None] | None = None
        self._down = asyncio.Event()  # set during a known outage: subscribers don't wait then
        self._broken = False  # a command on the pub/sub connection failed
        self._publish_failing = False
        self._closed = False
        self.dropped = 0  # messages publish() could not hand to Redis

    # -- interface -----------------------------------------------------------------------

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        """Send ``message`` to every subscriber of ``topic`` in every process.

        Messages published one after another (each awaited) arrive in that order. If Redis
        is unreachable the message is dropped with a warning (at-most-once delivery).
        """
        data = json.dumps(message, ensure_ascii=False).encode()
        if self._closed:
            self._drop(topic, "the broker is closed")
            return
        try:
            await self._publisher.publish(self._channel(topic), data)
        except _REDIS_DOWN as exc:
            self._drop(topic, f"{type(exc).__name__}: {exc}")
            return
        if self._publish_failing:
            self._publish_failing = False
            log.info("publishing to Redis works again (%d messages dropped so far)", self.dropped)

    @asynccontextmanager
    async def subscribe(self, topic: str, *, resync: bool = False) -> AsyncIterator[_Subscription]:
        """Receive ``topic``'s messages while the context is open.

        On entry this waits (up to ``subscribe_timeout``) for Redis to confirm the channel,
        so a message published afterwards is delivered; during a Redis outage it does not
        wait and the channel is subscribed on reconnection. With ``resync`` the iterator
        also yields ``RESYNC`` whenever messages may have been lost (see the module
        docstring).
        """
        if self._closed:
            raise RuntimeError("RedisBroker is closed")
        self._start_reader()
        subscription = _Subscription(resync)
        entry = self._topics.get(topic)
        if entry is None:
            entry = self._topics[topic] = _Topic()
            entry.subscribers.add(subscription)
            await self._send(entry, "subscribe", topic)
        else:
            entry.subscribers.add(subscription)
        try:
            await self._until_confirmed(entry, topic)
            if not entry.ready.is_set():
                subscription.may_have_missed()  # RESYNC once Redis confirms the channel
            yield subscription
        finally:
            entry.subscribers.discard(subscription)
            if not entry.subscribers and self._topics.get(topic) is entry:
                del self._topics[topic]
                await self._send(entry, "unsubscribe", topic)

    async def ping(self) -> bool:
        """Whether Redis answers (for readiness checks); never raises."""
        try:
            return bool(await self._publisher.ping())
        except _REDIS_DOWN:
            return False

    @property
    def connected(self) -> bool:
        """Whether the pub/sub reader currently holds a live connection."""
        return self._pubsub is not None

    async def close(self) -> None:
        """Stop the reader, close the connections and end local subscribers' iterators."""
        if self._closed:
            return
        self._closed = True
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._subscriber.aclose()
        await self._publisher.aclose()
        for entry in self._topics.values():
            for subscription in entry.subscribers:
                with contextlib.suppress(asyncio.QueueFull):
                    subscription.queue.put_nowait(None)  # the iterator's end-of-stream

    # -- internals -----------------------------------------------------------------------

    def _channel(self, topic: str) -> str:
        return self.prefix + topic

    def _drop(self, topic: str, reason: str) -> None:
        self.dropped += 1
        if self._publish_failing:
            log.debug("dropped a message for %r: %s", topic, reason)
            return
        self._publish_failing = True
        log.warning(
            "dropping messages for live subscribers (at-most-once) until Redis is back; "
            "first dropped for %r: %s",
            topic,
            reason,
        )

    async def _until_confirmed(self, entry: _Topic, topic: str) -> None:
        """Wait for Redis to confirm the channel, unless Redis is (or goes) down meanwhile."""
        if entry.ready.is_set() or self._down.is_set():
            return
        waits = [
            asyncio.ensure_future(entry.ready.wait()),
            asyncio.ensure_future(self._down.wait()),
        ]
        try:
            done, _ = await asyncio.wait(
                waits, timeout=self._subscribe_timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for wait in waits:
                wait.cancel()
        if not done:
            log.warning("Redis has not confirmed channel %r yet", self._channel(topic))

    def _start_reader(self) -> None:
        if self._reader is None or self._reader.done():
            self._reader = asyncio.create_task(self._run(), name="rajut-redis-broker")

    async def _send(self, entry: _Topic, command: str, topic: str) -> None:
        """(Un)subscribe on the live connection; failures are left to the reader."""
        async with self._lock:
            pubsub = self._pubsub
            if pubsub is None:
                return  # no connection: the reader subscribes current topics on connecting
            if command == "unsubscribe" and topic in self._topics:
                return  # someone subscribed again meanwhile; keep the channel
            try:
                if command == "subscribe":
                    entry.pending += 1
                    await pubsub.subscribe(self._channel(topic))
                else:
                    await pubsub.unsubscribe(self._channel(topic))
            except _REDIS_DOWN as exc:
                log.warning("Redis pub/sub %s failed: %s; reconnecting", command, exc)
                self._broken = True

    async def _run(self) -> None:
        """The reader: connect, fan messages out, and reconnect with backoff forever."""
        delay = self._backoff_min
        while True:
            try:
                pubsub = await self._connect()
            except Exception as exc:
                if not self._down.is_set():
                    log.warning("cannot connect to Redis pub/sub (%s); retrying with backoff", exc)
                self._down.set()
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._backoff_max)
                continue
            if self._down.is_set():
                log.info("Redis pub/sub reconnected; %d channels resubscribed", len(self._topics))
            self._down.clear()
            delay = self._backoff_min
            try:
                await self._read(pubsub)
            except Exception as exc:
                level = logging.WARNING if isinstance(exc, _REDIS_DOWN) else logging.ERROR
                log.log(
                    level,
                    "Redis pub/sub connection lost (%s: %s); reconnecting",
                    type(exc).__name__,
                    exc,
                )
                self._down.set()
            finally:
                self._lost()
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
            await asyncio.sleep(delay)

    def _lost(self) -> None:
        """The connection is gone: every current subscriber may miss messages from now on
        until its channel is confirmed on a new connection."""
        self._pubsub = None
        for entry in self._topics.values():
            entry.ready.clear()
            for subscription in entry.subscribers:
                subscription.may_have_missed()

    async def _connect(self) -> PubSub:
        pubsub = self._subscriber.pubsub()
        try:
            async with self._lock:
                await pubsub.connect()
                channels = [self._channel(topic) for topic in self._topics]
                for entry in self._topics.values():
                    entry.pending = 1
                    entry.ready.clear()
                if channels:
                    await pubsub.subscribe(*channels)
                self._broken = False
                self._pubsub = pubsub
        except BaseException:
            with contextlib.suppress(Exception):
                await pubsub.aclose()
            raise
        return pubsub

    async def _read(self, pubsub: PubSub) -> None:
        """Deliver messages until the connection fails; PING when idle to detect dead peers."""
        loop = asyncio.get_running_loop()
        last_heard = loop.time()
        pinged_at: float | None = None
        while True:
            if self._broken:
                raise ConnectionError("a command on the pub/sub connection failed")
            message = await pubsub.get_message(timeout=min(1.0, self._keepalive))
            now = loop.time()
            if message is not None:
                last_heard, pinged_at = now, None
                self._dispatch(message)
            elif pinged_at is not None and now - pinged_at > self._keepalive:
                raise TimeoutError("Redis did not answer PING on the pub/sub connection")
            elif pinged_at is None and now - last_heard > self._keepalive:
                async with self._lock:
                    await pubsub.ping()
                pinged_at = now

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind not in ("message", "subscribe"):
            return
        channel = message["channel"]
        name = channel.decode("utf-8", "replace") if isinstance(channel, bytes) else channel
        if not name.startswith(self.prefix):
            return
        entry = self._topics.get(name[len(self.prefix) :])
        if entry is None:
            return  # unsubscribed meanwhile
        if kind == "subscribe":
            entry.pending = max(0, entry.pending - 1)
            if entry.pending == 0:
                entry.ready.set()
                # from here on the channel's messages arrive: what came before is in storage
                for subscription in list(entry.subscribers):
                    subscription.offer_resync()
            return
        try:
            payload = json.loads(message["data"])
        except ValueError:
            log.warning("ignoring a message on %r that is not JSON", name)
            return
        if not isinstance(payload, dict):
            log.warning("ignoring a message on %r that is not a JSON object", name)
            return
        for subscription in list(entry.subscribers):
            subscription.offer(payload)
