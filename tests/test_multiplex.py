"""Shared subscriptions (realtime.multiplex) through the real server and raw clients.

Subscribers whose results are provably identical share one execution; everyone else keeps
their own, with the resolver's own checks. Sharing is observed the way an operator would,
through /metrics: shared executions and the subscribers attached to them.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets

import realtime.multiplex
from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    code_of,
    enrol,
    open_programme,
    started_group_of_two,
)

PROGRESS = """subscription($p: ID!, $after: Int!) {
  progressUpdates(programmeId: $p, after: $after) { seq kind } }"""
ASSESS = """mutation($p: ID!, $s: String!) {
  assessSkills(programmeId: $p, phase: START, levels: [{skill: $s, level: 3}]) { skill } }"""
TOKEN = """mutation($s: [Scope!]!) {
  createApiToken(input: {name: "dashboard", scopes: $s}) { token } }"""
# thirty aliases of a 32-character timestamp: big messages, so a reader that stops reading
# fills the socket buffers after tens of events rather than thousands
SUBSCRIPTIONS_PER_CONNECTION = 20  # RajutGraphQL's max_subscriptions_per_connection
BULKY = (
    "subscription($p: ID!) { progressUpdates(programmeId: $p, after: 0) { seq "
    + " ".join(f"t{i}: at" for i in range(29))
    + " } }"
)


class Connection:
    """One graphql-transport-ws connection, read message by message."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws

    async def subscribe(self, sid: str, query: str, variables: dict[str, Any]) -> None:
        payload = {"query": query, "variables": variables}
        await self.ws.send(json.dumps({"id": sid, "type": "subscribe", "payload": payload}))

    async def complete(self, sid: str) -> None:
        await self.ws.send(json.dumps({"id": sid, "type": "complete"}))

    async def message(self) -> dict[str, Any]:
        async with asyncio.timeout(15):
            return json.loads(await self.ws.recv())

    async def seqs(self, sid: str, count: int) -> list[int]:
        """The next ``count`` events of subscription ``sid``, by seq."""
        found = []
        while len(found) < count:
            message = await self.message()
            assert (message["id"], message["type"]) == (sid, "next"), message
            found.append(message["payload"]["data"]["progressUpdates"]["seq"])
        return found


@asynccontextmanager
async def connected(base_url: str, token: str, **options: Any) -> AsyncIterator[Connection]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], **options) as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        yield Connection(ws)


async def shared(api: Api) -> tuple[int, int]:
    """(shared executions, subscribers attached to them), from /metrics."""
    text = (await api.http.get("/metrics")).text
    values = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in {"rajut_shared_subscription_streams", "rajut_shared_subscribers"}:
            values[name] = int(float(value))
    return values["rajut_shared_subscription_streams"], values["rajut_shared_subscribers"]


async def until_shared(api: Api, expected: tuple[int, int]) -> None:
    """Subscribing has no acknowledgement in graphql-transport-ws: wait until it shows."""
    for _ in range(300):
        if await shared(api) == expected:
            return
        await asyncio.sleep(0.03)
    assert await shared(api) == expected


def plus(base: tuple[int, int], streams: int, subscribers: int) -> tuple[int, int]:
    return base[0] + streams, base[1] + subscribers


async def progress_token(api: Api, person: Person, scopes: list[str]) -> str:
    data = await api.ok(TOKEN, {"s": scopes}, person.token)
    return data["createApiToken"]["token"]


async def mentee_of(api: Api, world: ProgrammeWorld) -> Callable[[], Any]:
    """An enrolled mentee, and a function that makes one progress event (their self-assessment)."""
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    counter = iter(range(10**6))

    async def event() -> None:
        skill = f"skill {next(counter)}"
        await api.ok(ASSESS, {"p": world.programme_id, "s": skill}, mentee.token)

    event.person = mentee  # type: ignore[attr-defined]
    return event


async def test_coordinators_share_one_execution_each_with_its_own_id(api: Api) -> None:
    world = await open_programme(api)
    event = await mentee_of(api, world)
    await event()  # seq 1, before anyone listens
    dashboard = await progress_token(api, world.coordinator, ["PROGRESS_READ"])
    variables = {"p": world.programme_id, "after": 0}
    base = await shared(api)
    async with (
        connected(api.base_url, world.coordinator.token) as first,
        connected(api.base_url, dashboard) as second,
    ):
        await first.subscribe("first-1", PROGRESS, variables)
        await second.subscribe("second-7", PROGRESS, variables)
        await until_shared(api, plus(base, 1, 2))
        assert await first.seqs("first-1", 1) == [1]
        assert await second.seqs("second-7", 1) == [1]
        await event()
        assert await first.seqs("first-1", 1) == [2]
        assert await second.seqs("second-7", 1) == [2]
    await until_shared(api, base)


async def test_participants_share_one_execution_and_each_sees_only_their_own(api: Api) -> None:
    world = await open_programme(api)
    one, other = await mentee_of(api, world), await mentee_of(api, world)
    variables = {"p": world.programme_id, "after": 0}
    base = await shared(api)
    async with (
        connected(api.base_url, one.person.token) as first,  # type: ignore[attr-defined]
        connected(api.base_url, other.person.token) as second,  # type: ignore[attr-defined]
        connected(api.base_url, world.coordinator.token) as coordinator,
    ):
        await first.subscribe("p", PROGRESS, variables)
        await second.subscribe("p", PROGRESS, variables)
        # one person's own stream: their subscriptions share; another person's do not join
        notifications = "subscription { notifications { kind } }"
        await first.subscribe("n1", notifications, {})
        await first.subscribe("n2", notifications, {})
        await second.subscribe("n", notifications, {})
        await coordinator.subscribe("c", PROGRESS, variables)
        # coordinators: 1 execution, 1 subscriber; participants: 1 execution for both;
        # notifications: one execution per person
        await until_shared(api, plus(base, 4, 6))
        await other()  # seq 1: the other mentee's, not visible to the first
        await one()  # seq 2
        assert await coordinator.seqs("c", 2) == [1, 2]
        assert await first.seqs("p", 1) == [2]
        assert await second.seqs("p", 1) == [1]
        assert await shared(api) == plus(base, 4, 6)


async def test_documents_the_hub_cannot_vouch_for_keep_their_own_execution(api: Api) -> None:
    world = await open_programme(api)
    event = await mentee_of(api, world)
    unshareable = (  # the root field behind a fragment: not the simple shape the hub shares
        "subscription($p: ID!, $after: Int!) { ...F } fragment F on Subscription { "
        "progressUpdates(programmeId: $p, after: $after) { seq kind } }"
    )
    base = await shared(api)
    async with connected(api.base_url, event.person.token) as mentee:  # type: ignore[attr-defined]
        await mentee.subscribe("d", unshareable, {"p": world.programme_id, "after": 0})
        await event()
        assert await mentee.seqs("d", 1) == [1]
        assert await shared(api) == base


async def test_a_subscriber_is_authorised_even_when_a_shared_execution_exists(api: Api) -> None:
    world = await open_programme(api)
    event = await mentee_of(api, world)
    variables = {"p": world.programme_id, "after": 0}
    read_only = await progress_token(api, world.coordinator, ["READ"])  # same person
    outsider = await api.register()
    base = await shared(api)
    async with connected(api.base_url, world.coordinator.token) as coordinator:
        await coordinator.subscribe("c", PROGRESS, variables)
        await until_shared(api, plus(base, 1, 1))
        for token, code in [(read_only, "FORBIDDEN"), (outsider.token, "FORBIDDEN")]:
            async with connected(api.base_url, token) as refused:
                await refused.subscribe("r", PROGRESS, variables)
                message = await refused.message()
                assert message["type"] == "next" and message["payload"]["data"] is None
                assert code_of(message["payload"]["errors"][0]) == code
                assert (await refused.message()) == {"id": "r", "type": "complete"}
        assert await shared(api) == plus(base, 1, 1)
        await event()
        assert await coordinator.seqs("c", 1) == [1]


async def test_unsubscribing_one_leaves_the_other_flowing(api: Api) -> None:
    world = await open_programme(api)
    event = await mentee_of(api, world)
    variables = {"p": world.programme_id, "after": 0}
    base = await shared(api)
    async with connected(api.base_url, world.coordinator.token) as staying:
        await staying.subscribe("s", PROGRESS, variables)
        async with connected(api.base_url, world.coordinator.token) as leaving:
            await leaving.subscribe("l", PROGRESS, variables)
            await until_shared(api, plus(base, 1, 2))
            await event()
            assert await leaving.seqs("l", 1) == [1]
            await leaving.complete("l")
            await until_shared(api, plus(base, 1, 1))
            await event()
            assert await staying.seqs("s", 2) == [1, 2]
        await event()  # the other connection is gone altogether
        assert await staying.seqs("s", 1) == [3]
        assert await shared(api) == plus(base, 1, 1)
    await until_shared(api, base)  # the last one out ends the execution


async def test_late_joiners_get_the_catch_up_then_live_with_no_gap_or_duplicate(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(realtime.multiplex, "REPLAY_LIMIT", 5)
    world = await open_programme(api)
    event = await mentee_of(api, world)
    for _ in range(3):
        await event()  # seq 1-3, before anyone listens
    token = world.coordinator.token
    base = await shared(api)
    async with (
        connected(api.base_url, token) as early,
        connected(api.base_url, token) as late,
        connected(api.base_url, token) as later,
        connected(api.base_url, token) as latest,
    ):
        await early.subscribe("e", PROGRESS, {"p": world.programme_id, "after": 0})
        assert await early.seqs("e", 3) == [1, 2, 3]
        await event()  # 4, live
        assert await early.seqs("e", 1) == [4]
        # same cursor: joins the running execution, replayed what it has sent
        await late.subscribe("l", PROGRESS, {"p": world.programme_id, "after": 0})
        await until_shared(api, plus(base, 1, 2))
        # another cursor: an execution of its own
        await later.subscribe("r", PROGRESS, {"p": world.programme_id, "after": 2})
        await until_shared(api, plus(base, 2, 3))
        await event()  # 5, live
        assert await early.seqs("e", 1) == [5]
        assert await late.seqs("l", 5) == [1, 2, 3, 4, 5]
        assert await later.seqs("r", 3) == [3, 4, 5]
        await event()  # 6: the first execution has sent more than it replays
        assert await early.seqs("e", 1) == [6]
        await latest.subscribe("t", PROGRESS, {"p": world.programme_id, "after": 0})
        await until_shared(api, plus(base, 3, 4))  # so a newcomer starts afresh
        await event()  # 7
        assert await latest.seqs("t", 7) == [1, 2, 3, 4, 5, 6, 7]
        for connection, sid, done in [(early, "e", 6), (late, "l", 5), (later, "r", 5)]:
            assert await connection.seqs(sid, 7 - done) == list(range(done + 1, 8))


def tiny_receive_buffer(base_url: str) -> socket.socket:
    """A connected socket that holds little unread data."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    url = httpx.URL(base_url)
    sock.connect((url.host, url.port))
    return sock


async def test_a_slow_subscriber_is_cut_off_without_holding_up_the_others(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the outbox a subscriber may fill before it is cut off, once the socket buffers are full
    monkeypatch.setattr(realtime.multiplex, "QUEUE_LIMIT", 4)
    world = await open_programme(api)
    event = await mentee_of(api, world)
    token = world.coordinator.token
    variables = {"p": world.programme_id}
    base = await shared(api)
    sock = tiny_receive_buffer(api.base_url)
    async with (
        connected(api.base_url, token) as fast,
        # reads nothing while the events go out (websockets stops reading the socket once it
        # holds max_queue messages), and follows the stream many times over, so the server's
        # socket buffer (Linux lets it grow to megabytes) fills after tens of events; thirty
        # equal timestamps would compress to nothing
        connected(api.base_url, token, sock=sock, max_queue=1, compression=None) as slow,
    ):
        await fast.subscribe("f", BULKY, variables)
        slow_ids = [f"s{i}" for i in range(SUBSCRIPTIONS_PER_CONNECTION)]
        for sid in slow_ids:
            await slow.subscribe(sid, BULKY, variables)
        await until_shared(api, plus(base, 1, 1 + len(slow_ids)))
        sent = 0
        while await shared(api) != plus(base, 1, 1):  # until the slow ones are let go
            assert sent < 400, "the slow subscriber was never cut off"
            await asyncio.gather(*(event() for _ in range(20)))
            sent += 20
            assert await fast.seqs("f", 20) == list(range(sent - 19, sent + 1))
        received: dict[str, list[int]] = {sid: [] for sid in slow_ids}
        errors: dict[str, dict] = {}
        while len(received) > 0:
            message = await slow.message()
            sid = message["id"]
            if message["type"] == "complete":
                assert sid in errors, message
                # a prefix of the stream, in order, then the error, then complete
                got = received.pop(sid)
                assert got == list(range(1, len(got) + 1))
                continue
            assert message["type"] == "next" and sid not in errors, message
            if message["payload"].get("errors"):
                errors[sid] = message["payload"]
            else:
                received[sid].append(message["payload"]["data"]["progressUpdates"]["seq"])
        # the error an unshared subscriber gets when its broker queue overflows
        for error in errors.values():
            assert error["data"] is None
            assert [code_of(e) for e in error["errors"]] == ["SUBSCRIBER_TOO_SLOW"]
            assert "last `seq`" in error["errors"][0]["message"]
        await event()
        assert await fast.seqs("f", 1) == [sent + 1]


SET_GOAL = """mutation($r: ID!, $t: String!) { setGoal(input: {relationshipId: $r, title: $t}) {
  id } }"""
REMOVE = """mutation($r: ID!, $u: ID!, $why: String!) { removeFromRelationship(relationshipId: $r,
  userId: $u, reason: $why) { status } }"""
LAST_SEQ = (
    """query($p: ID!) { progressEvents(programmeId: $p, after: 0, first: 500) { lastSeq } }"""
)


async def test_someone_removed_from_a_group_hears_nothing_more_from_the_shared_execution(
    api: Api,
) -> None:
    world, mentor, staying, leaving, group = await started_group_of_two(api)
    last = await api.ok(LAST_SEQ, {"p": world.programme_id}, world.coordinator.token)
    variables = {"p": world.programme_id, "after": last["progressEvents"]["lastSeq"]}
    base = await shared(api)
    async with (
        connected(api.base_url, mentor.token) as mentors,
        connected(api.base_url, staying.token) as stays,
        connected(api.base_url, leaving.token) as leaves,
    ):
        for line in (mentors, stays, leaves):
            await line.subscribe("g", PROGRESS, variables)
        await until_shared(api, plus(base, 1, 3))  # one execution for the three of them
        await api.ok(SET_GOAL, {"r": group, "t": "Laporan donatur"}, mentor.token)
        before = await mentors.seqs("g", 1)
        assert await stays.seqs("g", 1) == before == await leaves.seqs("g", 1)
        why = {"r": group, "u": leaving.id, "why": "Pindah program"}
        await api.ok(REMOVE, why, world.coordinator.token)
        await api.ok(SET_GOAL, {"r": group, "t": "Hanya yang masih di sini"}, mentor.token)
        after = await mentors.seqs("g", 2)  # the removal, then the new goal
        assert await stays.seqs("g", 2) == after
        # the removed member's socket: the pong comes first, nothing was sent before it
        await leaves.ws.send(json.dumps({"type": "ping"}))
        assert await leaves.message() == {"type": "pong"}
