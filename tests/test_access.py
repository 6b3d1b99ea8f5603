"""Signing WebSocket connections in cheaply without keeping access that was taken away.

Token look-ups are batched and cached across connections, and programme access is checked in
batches when many subscribe at once (realtime.access, realtime.batching). These tests hold
the other side of that bargain, from the clients' seats: a revoked token (or a signed-out
session) loses its open connections at once and cannot connect again, also when the
revocation happens on another process; and many people subscribing at the same moment are
answered exactly as each would be alone, and as the unbatched HTTP query answers them.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import websockets
from websockets.exceptions import ConnectionClosed

from tests.databases import migrated_sqlite
from tests.support import (
    Api,
    Person,
    code_of,
    enrol,
    programme_input,
    serving,
    started_group_of_two,
)

TOKEN = """mutation($s: [Scope!]!) {
  createApiToken(input: {name: "phone", scopes: $s}) { token apiToken { id } } }"""
REVOKE = "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }"
PROGRESS = """subscription($p: ID!) { progressUpdates(programmeId: $p, after: 0) { seq } }"""
EVENTS = """query($p: ID!) { progressEvents(programmeId: $p, after: 0, first: 500) {
  events { seq } } }"""
ASSESS = """mutation($p: ID!) {
  assessSkills(programmeId: $p, phase: START, levels: [{skill: "writing", level: 3}]) { skill } }"""
WITHDRAWN = 4403


class Line:
    """One graphql-transport-ws connection, signed in."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws

    async def subscribe(self, sid: str, query: str, variables: dict[str, Any]) -> None:
        payload = {"query": query, "variables": variables}
        await self.ws.send(json.dumps({"id": sid, "type": "subscribe", "payload": payload}))

    async def message(self, within: float = 10) -> dict[str, Any]:
        async with asyncio.timeout(within):
            return json.loads(await self.ws.recv())

    async def closed_with(self) -> int | None:
        """Wait for the server to close the connection; its close code."""
        try:
            async with asyncio.timeout(10):
                while True:
                    await self.ws.recv()
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        raise AssertionError("unreachable")

    async def alive(self) -> bool:
        await self.ws.send(json.dumps({"type": "ping"}))
        return (await self.message()) == {"type": "pong"}


@asynccontextmanager
async def signed_in(base_url: str, token: str) -> AsyncIterator[Line]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        yield Line(ws)


async def refused_at_init(base_url: str, token: str) -> int | None:
    """Connect with ``token``: the close code the server answers connection_init with."""
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        return await Line(ws).closed_with()


async def phone_token(api: Api, person: Person) -> tuple[str, str]:
    made = (await api.ok(TOKEN, {"s": ["READ"]}, person.token))["createApiToken"]
    return made["token"], made["apiToken"]["id"]


async def test_a_revoked_token_loses_its_connections_at_once_and_cannot_connect_again(
    api: Api,
) -> None:
    person = await api.register()
    token, token_id = await phone_token(api, person)
    notifications = "subscription { notifications { kind } }"
    async with (
        signed_in(api.base_url, token) as phone,
        signed_in(api.base_url, token) as tablet,  # the same token, the cache's hit
        signed_in(api.base_url, person.token) as laptop,
    ):
        await phone.subscribe("n", notifications, {})
        await tablet.subscribe("n", notifications, {})
        await api.ok(REVOKE, {"id": token_id}, person.token)
        assert await phone.closed_with() == WITHDRAWN
        assert await tablet.closed_with() == WITHDRAWN
        assert await laptop.alive()  # the session is another token: it stays
        assert await refused_at_init(api.base_url, token) == WITHDRAWN
        # signing out ends the session's own connection the same way
        await api.ok("mutation { logout }", {}, person.token)
        assert await laptop.closed_with() == WITHDRAWN
    assert await refused_at_init(api.base_url, person.token) == WITHDRAWN


async def test_a_revocation_on_one_process_closes_connections_on_the_other(
    tmp_path: Path, redis_url: str
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": migrated_sqlite(tmp_path / "rajut.sqlite3"),
        "REDIS_URL": redis_url,
        "REDIS_CHANNEL_PREFIX": f"access-{os.getpid()}:",
        "SECRET_KEY": "shared-secret",
    }
    async with (
        serving(env, tmp_path) as here,
        serving(env, tmp_path) as there,
        Api(here.base_url, database_url=env["DATABASE_URL"]) as near,
        Api(there.base_url, database_url=env["DATABASE_URL"]) as far,
    ):
        person = await near.register()
        token, token_id = await phone_token(near, person)
        async with signed_in(here.base_url, token) as phone:
            await phone.subscribe("n", "subscription { notifications { kind } }", {})
            assert await phone.alive()  # signed in here: this process has it cached
            await far.ok(REVOKE, {"id": token_id}, person.token)  # revoked over there
            assert await phone.closed_with() == WITHDRAWN
        assert await refused_at_init(here.base_url, token) == WITHDRAWN


async def outcome(line: Line, sid: str, programme: str, quiet: float = 1.5) -> Any:
    """What subscribing answers: an error code, or the seqs it sends until it falls quiet."""
    await line.subscribe(sid, PROGRESS, {"p": programme})
    seqs = []
    while True:
        try:
            message = await line.message(within=quiet)
        except TimeoutError:
            return seqs
        if message["type"] == "next" and message["payload"].get("errors"):
            return code_of(message["payload"]["errors"][0])
        if message["type"] != "next":
            return message["type"]
        seqs.append(message["payload"]["data"]["progressUpdates"]["seq"])


async def over_http(api: Api, token: str, programme: str) -> Any:
    """The same question through the unbatched HTTP query."""
    body = await api.post(EVENTS, {"p": programme}, token)
    if body.get("errors"):
        return code_of(body["errors"][0])
    return [e["seq"] for e in body["data"]["progressEvents"]["events"]]


async def test_many_subscribing_at_once_are_answered_as_each_would_be_alone(api: Api) -> None:
    world, mentor, one, two, _ = await started_group_of_two(api)
    loner = await api.register()
    await enrol(api, loner, world, asMentee=True)
    await api.ok(ASSESS, {"p": world.programme_id}, loner.token)  # for the loner alone
    outsider = await api.register()
    read_only = (await api.ok(TOKEN, {"s": ["READ"]}, world.coordinator.token))["createApiToken"]
    draft = await api.ok(
        "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }",
        {"i": programme_input(world.org_id, name="Draft")},
        world.coordinator.token,
    )
    people = {
        "coordinator": world.coordinator.token,
        "mentor": mentor.token,
        "mentee": one.token,
        "other mentee": two.token,
        "loner": loner.token,
        "outsider": outsider.token,
        "read-only token": read_only["token"],
    }
    questions = [
        (who, token, programme)
        for programme in (world.programme_id, draft["createProgramme"]["id"])
        for who, token in people.items()
    ]
    unbatched = {
        (who, programme): await over_http(api, token, programme)
        for who, token, programme in questions
    }

    async def ask(who: str, token: str, programme: str) -> Any:
        async with signed_in(api.base_url, token) as line:
            return await outcome(line, "s", programme)

    alone = {(who, p): await ask(who, token, p) for who, token, p in questions}
    together = await asyncio.gather(*(ask(*question) for question in questions))
    at_once = {(who, p): answer for (who, _, p), answer in zip(questions, together, strict=True)}
    assert alone == at_once == unbatched
    seen = {who: set(alone[who, world.programme_id]) for who in people}
    everything = seen["coordinator"]
    # the group's events reach all three of it; each person's own (their journey, their
    # self-assessment) only them; the coordinator sees everyone's
    assert seen["mentor"] & seen["mentee"] & seen["other mentee"]
    assert seen["mentee"] != seen["other mentee"]
    assert max(everything) in seen["loner"] and not seen["loner"] & seen["mentor"]
    assert all(seen[who] < everything for who in ("mentor", "mentee", "other mentee", "loner"))
    assert alone["outsider", world.programme_id] == "FORBIDDEN"
    assert alone["read-only token", world.programme_id] == "FORBIDDEN"
    assert alone["mentee", draft["createProgramme"]["id"]] == "NOT_FOUND"
    assert alone["coordinator", draft["createProgramme"]["id"]] == []
