"""Live subscriptions through a Redis outage, and what a subscriber too slow for its queue gets.

The outage is this app's alone: its REDIS_URL points at a TCP relay the test owns, and
stopping the relay cuts every connection the app has to Redis (publishing and pub/sub)
while the shared Redis server and everyone else's connections carry on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import websockets

import realtime.broker
from tests.databases import migrated_sqlite
from tests.support import (
    ACCEPT_REQUEST,
    ACKNOWLEDGE,
    REQUEST_MENTOR,
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    approved_mentor,
    enrol,
    open_programme,
    pair_up,
    serving,
)
from tests.test_broker import RedisRelay

JOURNAL = """mutation($r: ID!) { submitJournal(input: {relationshipId: $r,
  reflection: "Minggu ini belajar menulis cerita kampanye"}) { weekOf } }"""
UPDATES = """subscription($p: ID!, $after: Int!) {
  progressUpdates(programmeId: $p, after: $after) { seq kind } }"""
MATCHES = "subscription { matchEvents { kind requestId } }"
STORED = """query($p: ID!) { progressEvents(programmeId: $p, after: 0, first: 200) {
  events { seq } } }"""


class Connection:
    """One graphql-transport-ws connection, as a browser tab holds it: several operations,
    messages sorted by operation id as they arrive."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws
        self._arrived: dict[str, list[dict[str, Any]]] = defaultdict(list)

    async def start(self, op: str, query: str, variables: dict[str, Any] | None = None) -> None:
        payload = {"query": query, "variables": variables or {}}
        await self.ws.send(json.dumps({"id": op, "type": "subscribe", "payload": payload}))

    async def message(self, op: str, within: float = 30) -> dict[str, Any]:
        """The next protocol message (next, error or complete) for operation ``op``."""
        async with asyncio.timeout(within):
            while not self._arrived[op]:
                message = json.loads(await self.ws.recv())
                if "id" in message:
                    self._arrived[message["id"]].append(message)
        return self._arrived[op].pop(0)

    async def data(self, op: str, within: float = 30) -> dict[str, Any]:
        message = await self.message(op, within)
        assert message["type"] == "next" and not message["payload"].get("errors"), message
        return message["payload"]["data"]

    async def seqs(self, op: str, count: int, within: float = 30) -> list[int]:
        return [(await self.data(op, within))["progressUpdates"]["seq"] for _ in range(count)]


@contextlib.asynccontextmanager
async def connect(base_url: str, person: Person) -> AsyncIterator[Connection]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        init = {"authorization": f"Bearer {person.token}"}
        await ws.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        yield Connection(ws)


async def subscribed(connection: Connection, op: str, query: str, **variables: Any) -> None:
    """Start a subscription and give the server a moment to reach the broker (the protocol
    has no acknowledgement for subscribe)."""
    await connection.start(op, query, variables)
    await asyncio.sleep(0.3)


async def requested(api: Api, world: ProgrammeWorld, mentor: Person) -> str:
    """A new mentee's pending request to ``mentor``; accepting it records one event."""
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    data = await api.ok(REQUEST_MENTOR, {"p": world.programme_id, "m": mentor.id}, mentee.token)
    return data["requestMentor"]["id"]


def through(relay: RedisRelay, redis_url: str) -> str:
    parts = urlsplit(redis_url)
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@127.0.0.1:{relay.port}" if userinfo else f"127.0.0.1:{relay.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
async def relay(redis_url: str) -> AsyncIterator[RedisRelay]:
    parts = urlsplit(redis_url)
    if parts.scheme != "redis":
        pytest.skip(f"the relay only speaks plain TCP, not {parts.scheme}://")
    relay = RedisRelay(parts.hostname or "127.0.0.1", parts.port or 6379)
    await relay.start()
    try:
        yield relay
    finally:
        with contextlib.suppress(AssertionError):
            await relay.stop()


async def test_live_subscriptions_resume_after_a_redis_outage(
    tmp_path: Path, database_url: str, redis_url: str, relay: RedisRelay
) -> None:
    # a second process on the session's SQLite file would fight the in-process server for
    # its lock; PostgreSQL is made for sharing
    shared = database_url.startswith("postgres")
    env = {
        **os.environ,
        "DATABASE_URL": database_url if shared else migrated_sqlite(tmp_path / "rajut.sqlite3"),
        "REDIS_URL": through(relay, redis_url),
        "SECRET_KEY": "outage-secret",
    }
    async with (
        serving(env, tmp_path) as app,
        Api(app.base_url, database_url=env["DATABASE_URL"]) as api,
    ):
        world = await open_programme(api)
        mentor = await approved_mentor(api, world, {"capacity": 10})
        # sign-ups count against budgets kept in Redis: every mentee arrives before the outage
        pending = [await requested(api, world, mentor) for _ in range(5)]

        seen = 0

        async def accept(request: str) -> list[int]:
            """Accept; return the event numbers it recorded (from the table)."""
            nonlocal seen
            await api.ok(ACCEPT_REQUEST, {"r": request}, mentor.token)
            events = await api.ok(STORED, {"p": world.programme_id}, world.coordinator.token)
            recorded = [e["seq"] for e in events["progressEvents"]["events"] if e["seq"] > seen]
            assert recorded, "accepting a request records an event"
            seen = recorded[-1]
            return recorded

        async with (
            connect(app.base_url, world.coordinator) as early,
            connect(app.base_url, mentor) as matches,
        ):
            await subscribed(early, "progress", UPDATES, p=world.programme_id, after=0)
            await subscribed(matches, "matches", MATCHES)
            before = await accept(pending[0])
            assert await early.seqs("progress", len(before)) == before
            assert (await matches.data("matches"))["matchEvents"]["requestId"] == pending[0]

            await relay.stop()  # Redis is gone for this app
            during = await accept(pending[1])  # committed, announced to nobody
            async with connect(app.base_url, world.coordinator) as late:
                # subscribing during the outage works: resuming from a cursor, the catch-up
                # comes from the table at once...
                await subscribed(late, "resume", UPDATES, p=world.programme_id, after=before[-1])
                assert await late.seqs("resume", len(during)) == during
                # ...and from the start too (this one may join the first subscriber's shared
                # execution, realtime.multiplex, and then hears of the outage's events with it)
                await subscribed(late, "fresh", UPDATES, p=world.programme_id, after=0)
                also_during = await accept(pending[2])  # after the catch-up: lost live too

                await relay.start()  # Redis is back on the same address
                # no new event is needed: the resubscribed feed makes them read the table
                missed = during + also_during
                assert await early.seqs("progress", len(missed)) == missed
                assert await late.seqs("resume", len(also_during)) == also_during

                after = await accept(pending[3]) + await accept(pending[4])
                assert await early.seqs("progress", len(after)) == after
                assert await late.seqs("resume", len(after)) == after
                everything = list(range(1, seen + 1))
                assert await late.seqs("fresh", seen) == everything
            # match events are at-most-once: the ones announced during the outage are gone,
            # and the first after it arrives on the same subscription
            after_outage = (await matches.data("matches"))["matchEvents"]
            assert after_outage == {"kind": "REQUEST_ACCEPTED", "requestId": pending[3]}
            # every number exactly once, in order, across the outage
            assert before + missed + after == everything


async def test_a_subscriber_too_slow_for_its_queue_is_cut_off_with_a_coded_error(
    server: str, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor)
    coordinator = world.coordinator
    before = [
        e["seq"]
        for e in (await api.ok(STORED, {"p": world.programme_id}, coordinator.token))[
            "progressEvents"
        ]["events"]
    ]
    # queues made from here on hold two messages; the last acknowledgement commits more
    # events than that in one transaction, announced in one go
    monkeypatch.setattr(realtime.broker, "QUEUE_LIMIT", 2)
    async with connect(server, coordinator) as tab:
        await subscribed(tab, "slow", UPDATES, p=world.programme_id, after=before[-1])
        await api.ok(ACKNOWLEDGE, {"r": relationship}, mentee.token)
        stored = [
            e["seq"]
            for e in (await api.ok(STORED, {"p": world.programme_id}, coordinator.token))[
                "progressEvents"
            ]["events"]
        ]
        burst = stored[len(before) :]
        assert len(burst) > 2, stored

        received = await tab.seqs("slow", 2)  # what was already queued still arrives...
        cut_off = await tab.message("slow")  # ...then the reason, and the operation ends
        assert cut_off["type"] == "next", cut_off
        [error] = cut_off["payload"]["errors"]
        assert error["extensions"]["code"] == "SUBSCRIBER_TOO_SLOW"
        assert "`after`" in error["message"] and "last `seq`" in error["message"]
        assert (await tab.message("slow"))["type"] == "complete"

        # the connection stays open: resubscribing from the cursor misses nothing, and
        # live events reach it again
        await subscribed(tab, "resumed", UPDATES, p=world.programme_id, after=received[-1])
        received += await tab.seqs("resumed", len(burst) - len(received))
        assert received == burst
        await api.ok(JOURNAL, {"r": relationship}, mentee.token)
        [journal] = await tab.seqs("resumed", 1)
        assert journal == burst[-1] + 1
