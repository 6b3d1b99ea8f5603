"""Signing WebSocket connections in cheaply without keeping access that was taken away.

Token look-ups are batched and cached across connections, and programme access is checked in
batches when many subscribe at once (realtime.access, realtime.batching). These tests hold
the other side of that bargain, from the clients' seats: a revoked token (or a signed-out
session) loses its open connections at once and cannot connect again, also when the
revocation happens on another process; the y-websocket notes endpoint takes part in the same
way; and many people subscribing at the same moment are answered exactly as each would be
alone, and as the unbatched HTTP query answers them.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from tests.databases import migrated_sqlite
from tests.notes_clients import MARKDOWN, RELATIONSHIP_NOTE, SocketEditor, settle
from tests.support import (
    PASSWORD,
    Api,
    Person,
    accept_invitations,
    acknowledge,
    code_of,
    enrol,
    open_programme,
    pair_up,
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
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
CHANGE_PASSWORD = """mutation($c: String!, $n: String!) {
  changePassword(currentPassword: $c, newPassword: $n) }"""
SET_ROLE = """mutation($o: ID!, $e: String!, $r: OrgRole!) {
  setOrganisationRole(organisationId: $o, email: $e, role: $r) }"""
PROGRAMME_NOTE = """mutation($p: ID!) { createProgrammeNote(programmeId: $p, title: "Rencana") {
  id } }"""
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
        world = await open_programme(near)
        person = world.coordinator
        note = (await near.ok(PROGRAMME_NOTE, {"p": world.programme_id}, person.token))[
            "createProgrammeNote"
        ]["id"]
        token, token_id = await phone_token(near, person)
        async with (
            signed_in(here.base_url, token) as phone,
            on_note(here.base_url, token, note) as phone_notes,
            on_note(there.base_url, person.token, note) as laptop_notes,
        ):
            await phone.subscribe("n", "subscription { notifications { kind } }", {})
            assert await phone.alive()  # signed in here: this process has it cached
            await far.ok(REVOKE, {"id": token_id}, person.token)  # revoked over there
            assert await phone.closed_with() == WITHDRAWN
            assert await socket_closed_with(phone_notes) == WITHDRAWN
            # the session's socket, over there, stays: its edit is stored and read here
            await laptop_notes.edit(lambda text: text.insert(0, "tetap"))
            await settle_markdown(near, person.token, note, "tetap")
            assert laptop_notes.closed_code is None
        assert await refused_at_init(here.base_url, token) == WITHDRAWN
        assert await refused_on_note(here.base_url, token, note) == 403


# --- the y-websocket notes endpoint ---------------------------------------------------------


@asynccontextmanager
async def on_note(base_url: str, token: str, note: str) -> AsyncIterator[SocketEditor]:
    """A y-websocket connection to a note, synced, for the block."""
    socket = SocketEditor(base_url, token, note)
    await socket.connect()
    try:
        yield socket
    finally:
        await socket.close()


async def socket_closed_with(socket: SocketEditor) -> int | None:
    """Wait (generously) for the server to close the notes socket; its close code."""
    await settle(lambda: socket.closed_code is not None, seconds=30)
    return socket.closed_code


async def refused_on_note(base_url: str, token: str, note: str) -> int:
    """Connect to the note with ``token``: the HTTP status the handshake is refused with."""
    with pytest.raises(websockets.InvalidStatus) as refused:
        await SocketEditor(base_url, token, note).connect()
    return refused.value.response.status_code


async def edits_meet(one: SocketEditor, other: SocketEditor, word: str) -> None:
    """Both connections are open and served: an edit from each reaches the other."""
    for writer, reader, mark in ((one, other, f"<{word}1>"), (other, one, f"<{word}2>")):
        await writer.edit(lambda text, mark=mark: text.insert(len(text), mark))
        await settle(lambda reader=reader, mark=mark: mark in reader.value(), seconds=30)
    assert one.closed_code is None and other.closed_code is None


async def settle_markdown(api: Api, token: str, note: str, expected: str) -> None:
    """Wait until the note's stored text reads ``expected``."""
    async with asyncio.timeout(30):
        while (await api.ok(MARKDOWN, {"n": note}, token))["noteMarkdown"] != expected:
            await asyncio.sleep(0.1)


async def shared_note(api: Api) -> tuple[Any, Person, Person, str]:
    """An active mentor and mentee and their relationship's note: (world, mentor, mentee,
    note id)."""
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    note = await api.ok(RELATIONSHIP_NOTE, {"r": relationship}, mentee.token)
    return world, mentor, mentee, note["relationshipNote"]["id"]


async def test_a_notes_socket_closes_when_its_token_is_revoked_or_signed_out(api: Api) -> None:
    """The mentee edits on three tokens; the mentor's socket on the same note is the other
    seat, and stays open throughout."""
    _, mentor, mentee, note = await shared_note(api)
    phone, phone_id = await phone_token(api, mentee)
    tablet = (await api.ok(LOGIN, {"e": mentee.email, "p": PASSWORD}))["login"]["token"]
    base = api.base_url
    async with (
        on_note(base, phone, note) as on_phone,
        on_note(base, tablet, note) as on_tablet,
        on_note(base, mentee.token, note) as on_laptop,
        on_note(base, mentor.token, note) as mentors,
    ):
        await api.ok(REVOKE, {"id": phone_id}, mentee.token)
        assert await socket_closed_with(on_phone) == WITHDRAWN
        assert await refused_on_note(base, phone, note) == 403
        await edits_meet(mentors, on_tablet, "a")  # another token of the same person stays
        await edits_meet(mentors, on_laptop, "b")
        # changing the password on the laptop signs every other session out
        await api.ok(CHANGE_PASSWORD, {"c": PASSWORD, "n": "kata sandi baru 123"}, mentee.token)
        assert await socket_closed_with(on_tablet) == WITHDRAWN
        assert await refused_on_note(base, tablet, note) == 403
        await edits_meet(mentors, on_laptop, "c")


async def test_a_lowered_role_closes_the_notes_it_gave(api: Api) -> None:
    """An organisation admin reads the relationship's notes as a coordinator; demoted to a
    member, their socket closes at once (a reader sends nothing that would be checked) and
    they cannot come back, while the participants' sockets stay open."""
    world, mentor, mentee, note = await shared_note(api)
    admin = await api.register("Admin Kedua")
    await api.ok(
        SET_ROLE, {"o": world.org_id, "e": admin.email, "r": "ADMIN"}, world.coordinator.token
    )
    await accept_invitations(api, admin)
    base = api.base_url
    async with (
        on_note(base, admin.token, note) as reading,
        on_note(base, mentor.token, note) as mentors,
        on_note(base, mentee.token, note) as mentees,
    ):
        await edits_meet(mentors, mentees, "a")
        await settle(lambda: "<a2>" in reading.value(), seconds=30)  # the admin reads along
        await api.ok(
            SET_ROLE, {"o": world.org_id, "e": admin.email, "r": "MEMBER"}, world.coordinator.token
        )
        assert await socket_closed_with(reading) == WITHDRAWN
        assert await refused_on_note(base, admin.token, note) == 403
        await edits_meet(mentors, mentees, "b")


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
