"""The broker contract, held by the in-process broker and the Redis one alike.

One suite runs against ``InProcessBroker()`` and ``RedisBroker(TEST_REDIS_URL)`` so the
app behaves the same with one process or several. Redis-only tests cover what only Redis
has: two processes sharing traffic, and subscriptions surviving a dropped connection.
They use a channel prefix unique to this run, and break only this test's own connections
(CLIENT KILL ID, or a relay the test owns), never the shared Redis server.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import secrets
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis.asyncio as aioredis

from models.errors import TooSlow
from realtime.broker import (
    QUEUE_LIMIT,
    RESYNC,
    Broker,
    InProcessBroker,
    SubscriberTooSlow,
    cut_off_when_too_slow,
)
from realtime.redis_broker import RedisBroker

PREFIX = f"rajut-test-{secrets.token_hex(4)}:"


@pytest.fixture(params=["in-process", "redis"])
async def broker(request: pytest.FixtureRequest) -> AsyncIterator[Broker]:
    if request.param == "in-process":
        yield InProcessBroker()
        return
    instance = RedisBroker(request.getfixturevalue("redis_url"), prefix=PREFIX)
    try:
        yield instance
    finally:
        await instance.close()


@pytest.fixture
async def admin(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    """A separate connection to look at (and cut) the brokers' connections, like an operator."""
    client = aioredis.from_url(redis_url)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
def topic(request: pytest.FixtureRequest) -> str:
    return f"{request.node.name}:{secrets.token_hex(3)}"


async def receive(subscription: Any, within: float = 5.0) -> dict[str, Any]:
    return await asyncio.wait_for(anext(subscription), within)


async def eventually(
    check: Callable[[], bool | Awaitable[bool]], what: str, within: float = 10.0
) -> None:
    deadline = time.monotonic() + within
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.02)


async def publish_until_received(
    broker: Broker, topic: str, subscription: Any, within: float = 15.0
) -> dict[str, Any]:
    """Publish probes until one arrives: at-most-once means those sent in a gap are lost."""
    deadline = time.monotonic() + within
    attempt = 0
    while time.monotonic() < deadline:
        attempt += 1
        await broker.publish(topic, {"probe": attempt})
        with contextlib.suppress(TimeoutError):
            return await receive(subscription, within=0.2)
    pytest.fail(f"no message arrived within {within} s ({attempt} probes published)")


# -- the shared contract -------------------------------------------------------------------


async def test_fan_out_reaches_every_subscriber(broker: Broker, topic: str) -> None:
    async with contextlib.AsyncExitStack() as stack:
        subscribers = [await stack.enter_async_context(broker.subscribe(topic)) for _ in range(3)]
        await broker.publish(topic, {"n": 1})
        await broker.publish(topic, {"n": 2})
        for subscriber in subscribers:
            assert [await receive(subscriber), await receive(subscriber)] == [{"n": 1}, {"n": 2}]


async def test_topics_do_not_leak_into_each_other(broker: Broker, topic: str) -> None:
    other = topic + ":other"
    async with broker.subscribe(topic) as mine, broker.subscribe(other) as theirs:
        await broker.publish(other, {"for": "other"})
        await broker.publish(topic, {"for": "mine"})
        await broker.publish(other, {"end": True})
        assert await receive(mine) == {"for": "mine"}
        assert await receive(theirs) == {"for": "other"}
        assert await receive(theirs) == {"end": True}
        # anything leaking into "mine" would have been queued before "end" reached "theirs"
        assert mine.queue.empty()


async def test_leaving_the_context_unsubscribes(broker: Broker, topic: str) -> None:
    async with broker.subscribe(topic) as left:
        pass
    with pytest.raises(LookupError):
        async with broker.subscribe(topic) as failed:
            raise LookupError("the subscriber's own code failed")
    async with broker.subscribe(topic) as staying:
        await broker.publish(topic, {"n": 1})
        assert await receive(staying) == {"n": 1}
    # the message went to every current subscriber at once; the departed ones got nothing
    assert left.queue.empty()
    assert failed.queue.empty()


async def test_order_is_preserved_per_topic(broker: Broker, topic: str) -> None:
    count = 200
    other = topic + ":interleaved"
    async with broker.subscribe(topic) as first, broker.subscribe(other) as second:
        for seq in range(count):
            await broker.publish(topic, {"seq": seq})
            await broker.publish(other, {"seq": -seq})
        assert [(await receive(first))["seq"] for _ in range(count)] == list(range(count))
        assert [(await receive(second))["seq"] for _ in range(count)] == [
            -seq for seq in range(count)
        ]


async def test_a_subscriber_that_never_reads_is_cut_off_alone(broker: Broker, topic: str) -> None:
    total = QUEUE_LIMIT + 20
    received: list[int] = []

    async with broker.subscribe(topic) as slow, broker.subscribe(topic) as fast:

        async def read_fast() -> None:
            async for message in fast:
                received.append(message["seq"])
                if len(received) == total + 1:
                    return

        reader = asyncio.create_task(read_fast())
        try:
            for seq in range(total):
                await broker.publish(topic, {"seq": seq})
                if seq % 32 == 31:  # keep the reading subscriber well inside its own bound
                    await eventually(lambda n=seq: len(received) > n, "the fast reader")
            await eventually(lambda: len(received) == total, "the fast reader")

            kept: list[int] = []
            with pytest.raises(SubscriberTooSlow):
                while True:
                    kept.append((await receive(slow))["seq"])
            assert kept == list(range(QUEUE_LIMIT))

            await broker.publish(topic, {"seq": total})
            await asyncio.wait_for(reader, 5)
        finally:
            reader.cancel()
    assert received == list(range(total + 1))


async def test_too_slow_becomes_the_coded_client_error(topic: str) -> None:
    broker = InProcessBroker()
    async with broker.subscribe(topic) as slow:
        for seq in range(QUEUE_LIMIT + 1):
            await broker.publish(topic, {"seq": seq})
        kept: list[int] = []
        with pytest.raises(TooSlow) as cut_off, cut_off_when_too_slow("Resubscribe from 7."):
            async for message in slow:
                kept.append(message["seq"])
    assert kept == list(range(QUEUE_LIMIT))
    assert (cut_off.value.code, cut_off.value.message) == (
        "SUBSCRIBER_TOO_SLOW",
        "Resubscribe from 7.",
    )
    assert isinstance(cut_off.value.__cause__, SubscriberTooSlow)


async def test_nothing_lost_means_no_resync_marker(broker: Broker, topic: str) -> None:
    """Opting in to RESYNC changes nothing while the feed is whole."""
    async with broker.subscribe(topic, resync=True) as wants, broker.subscribe(topic) as plain:
        await broker.publish(topic, {"n": 1})
        await broker.publish(topic, {"n": 2})
        for subscriber in (wants, plain):
            assert [await receive(subscriber), await receive(subscriber)] == [{"n": 1}, {"n": 2}]
            assert subscriber.queue.empty()


async def test_a_published_look_alike_is_not_the_marker(broker: Broker, topic: str) -> None:
    async with broker.subscribe(topic, resync=True) as subscriber:
        await broker.publish(topic, {"__resync__": True})
        message = await receive(subscriber)
    assert message == RESYNC and message is not RESYNC


async def test_unicode_round_trips(broker: Broker, topic: str) -> None:
    unicode_topic = topic + ":salle-çà-日本-🧑🏽‍🏫"
    message = {
        "text": "Ṛājut — 你好, مرحبا, שלום 👋🏽",
        "name": "Zoë Ångström",
        "nested": {"ключ": ["ß", "\u0000", "\U0001f600", "e\u0301"]},
        "n": 1.5,
        "none": None,
    }
    async with broker.subscribe(unicode_topic) as subscriber:
        await broker.publish(unicode_topic, message)
        assert await receive(subscriber) == message


# -- Redis only ------------------------------------------------------------------------


async def _clients_named(admin: aioredis.Redis, name: str) -> list[str]:
    return [client["id"] for client in await admin.client_list() if client["name"] == name]


async def _numsub(admin: aioredis.Redis, channel: str) -> int:
    return dict(await admin.pubsub_numsub(channel))[channel.encode()]


async def _zero(admin: aioredis.Redis, channel: str) -> bool:
    return await _numsub(admin, channel) == 0


async def test_a_message_crosses_between_two_processes(redis_url: str, topic: str) -> None:
    one = RedisBroker(redis_url, prefix=PREFIX)
    other = RedisBroker(redis_url, prefix=PREFIX)
    try:
        async with one.subscribe(topic) as here, other.subscribe(topic) as there:
            await one.publish(topic, {"from": "one"})
            await other.publish(topic, {"from": "other"})
            expected = [{"from": "one"}, {"from": "other"}]
            assert [await receive(there), await receive(there)] == expected
            assert [await receive(here), await receive(here)] == expected
    finally:
        await one.close()
        await other.close()


async def test_redis_channel_follows_the_local_subscriber_count(
    redis_url: str, admin: aioredis.Redis, topic: str
) -> None:
    broker = RedisBroker(redis_url, prefix=PREFIX)
    channel = PREFIX + topic
    try:
        assert await _numsub(admin, channel) == 0
        async with broker.subscribe(topic):
            assert await _numsub(admin, channel) == 1  # confirmed before subscribe() yields
            async with broker.subscribe(topic), broker.subscribe(topic):
                assert await _numsub(admin, channel) == 1  # one connection per process
            assert await _numsub(admin, channel) == 1
        await eventually(lambda: _zero(admin, channel), "the channel to be unsubscribed")
        assert len(await _clients_named(admin, broker.pubsub_client_name)) == 1
    finally:
        await broker.close()


async def test_subscriptions_resume_after_the_connection_is_killed(
    redis_url: str, admin: aioredis.Redis, topic: str
) -> None:
    broker = RedisBroker(redis_url, prefix=PREFIX)
    try:
        async with broker.subscribe(topic) as subscriber:
            await broker.publish(topic, {"n": "before"})
            assert await receive(subscriber) == {"n": "before"}
            killed = await _clients_named(admin, broker.pubsub_client_name)
            assert len(killed) == 1
            assert await admin.client_kill_filter(_id=killed[0]) == 1

            assert "probe" in await publish_until_received(broker, topic, subscriber)
            revived = await _clients_named(admin, broker.pubsub_client_name)
            assert len(revived) == 1 and revived != killed
            assert await _numsub(admin, PREFIX + topic) == 1
    finally:
        await broker.close()


async def test_an_idle_connection_is_kept_alive_not_reconnected(
    redis_url: str, admin: aioredis.Redis, topic: str
) -> None:
    """The reader PINGs when idle to notice dead peers; a healthy idle link must stay up."""
    broker = RedisBroker(redis_url, prefix=PREFIX, keepalive=0.2)
    try:
        async with broker.subscribe(topic) as subscriber:
            before = await _clients_named(admin, broker.pubsub_client_name)
            await asyncio.sleep(1.5)
            clients = [c for c in await admin.client_list() if c["id"] in before]
            assert [c["cmd"] for c in clients] == ["ping"]  # the watchdog did ping...
            await broker.publish(topic, {"n": 1})
            assert await receive(subscriber) == {"n": 1}
            # ...and took the answers as signs of life instead of reconnecting
            assert await _clients_named(admin, broker.pubsub_client_name) == before
    finally:
        await broker.close()


async def test_resync_subscribers_are_told_after_a_reconnection(
    redis_url: str, admin: aioredis.Redis, topic: str
) -> None:
    broker = RedisBroker(redis_url, prefix=PREFIX)
    try:
        async with (
            broker.subscribe(topic, resync=True) as wants,
            broker.subscribe(topic) as plain,
        ):
            [pubsub] = await _clients_named(admin, broker.pubsub_client_name)
            assert await admin.client_kill_filter(_id=pubsub) == 1
            probe = await publish_until_received(broker, topic, plain)

            # the marker comes as soon as Redis confirms the channel again, before anything
            # published after that, and only to the subscriber that asked for it
            assert await receive(wants) is RESYNC
            while (message := await receive(wants)) != probe:
                assert "probe" in message
            assert wants.queue.empty() and plain.queue.empty()

            await broker.publish(topic, {"n": "after"})
            assert await receive(wants) == await receive(plain) == {"n": "after"}
    finally:
        await broker.close()


class RedisRelay:
    """A TCP relay to Redis that a test can take down and bring back: a Redis outage for
    this broker alone, leaving the shared server and everyone else's connections alone."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self._writers |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def test_subscriptions_survive_a_redis_outage(
    redis_url: str, topic: str, caplog: pytest.LogCaptureFixture
) -> None:
    parts = urlsplit(redis_url)
    if parts.scheme != "redis":
        pytest.skip(f"the relay only speaks plain TCP, not {parts.scheme}://")
    relay = RedisRelay(parts.hostname or "127.0.0.1", parts.port or 6379)
    await relay.start()
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@127.0.0.1:{relay.port}" if userinfo else f"127.0.0.1:{relay.port}"
    broker = RedisBroker(urlunsplit(parts._replace(netloc=netloc)), prefix=PREFIX)
    try:
        async with (
            broker.subscribe(topic) as subscriber,
            broker.subscribe(topic, resync=True) as resyncing,
        ):
            await broker.publish(topic, {"n": "before"})
            assert await receive(subscriber) == {"n": "before"}
            assert await receive(resyncing) == {"n": "before"}

            await relay.stop()
            await eventually(lambda: not broker.connected, "the reader to notice the outage")
            with caplog.at_level(logging.WARNING, logger="realtime.redis_broker"):
                await broker.publish(topic, {"n": "lost"})  # dropped, not raised
            assert broker.dropped == 1
            assert "dropping messages" in caplog.text
            assert await broker.ping() is False
            await asyncio.sleep(1.0)  # several refused reconnection attempts, with backoff

            # entering during the outage does not wait for Redis; what is published before
            # Redis confirms the channel is lost, so this subscriber is owed a marker too
            async with broker.subscribe(topic, resync=True) as joined:
                await relay.start()  # same port: Redis is "back"
                probe = await publish_until_received(broker, topic, subscriber)
                assert await broker.ping() is True
                for owed in (resyncing, joined):
                    assert await receive(owed) is RESYNC
                    while (message := await receive(owed)) != probe:
                        assert "probe" in message
                    assert owed.queue.empty()
    finally:
        await broker.close()
        with contextlib.suppress(AssertionError):
            await relay.stop()


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_an_unreachable_redis_never_breaks_callers(
    topic: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Needs no Redis: nothing listens on the port, which is the point."""
    # were subscribers to wait for Redis's confirmation, entering would take the whole
    # 60 s subscribe timeout; the guard below fails long before that
    broker = RedisBroker(
        f"redis://127.0.0.1:{_unused_port()}/0", prefix=PREFIX, subscribe_timeout=60
    )
    async with asyncio.timeout(20), broker.subscribe(topic) as subscriber:
        with caplog.at_level(logging.WARNING, logger="realtime.redis_broker"):
            await broker.publish(topic, {"n": 1})
            await broker.publish(topic, {"n": 2})
        assert broker.dropped == 2
        assert caplog.text.count("dropping messages") == 1  # once per outage, not per message
        assert await broker.ping() is False
        assert not broker.connected
        await broker.close()
        with pytest.raises(StopAsyncIteration):
            await receive(subscriber)
    with pytest.raises(RuntimeError):
        async with broker.subscribe(topic):
            pass


async def test_close_releases_the_connection_and_ends_subscribers(
    redis_url: str, admin: aioredis.Redis, topic: str
) -> None:
    broker = RedisBroker(redis_url, prefix=PREFIX)
    async with broker.subscribe(topic) as subscriber:
        assert await broker.ping() is True
        assert len(await _clients_named(admin, broker.pubsub_client_name)) == 1
        await broker.close()
        with pytest.raises(StopAsyncIteration):
            await receive(subscriber)

    async def gone() -> bool:
        return not await _clients_named(admin, broker.pubsub_client_name)

    await eventually(gone, "the pub/sub connection to close")
    assert await _numsub(admin, PREFIX + topic) == 0
