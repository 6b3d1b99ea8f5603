"""Several app processes sharing one database and Redis, as behind a load balancer."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.databases import migrated_sqlite
from tests.live import Member, RoomLine
from tests.support import (
    ACCEPT_REQUEST,
    ACKNOWLEDGE,
    REQUEST_MENTOR,
    Api,
    approved_mentor,
    code_of,
    enrol,
    free_port,
    open_programme,
    serving,
    subscribe,
)
from tests.webrtc import Mailbox, Peer, until

CALL_ROOM = "query($r: ID!) { callRoom(relationshipId: $r) { id } }"
MODE = "mutation($r: ID!, $m: RoomMode!) { setRoomMode(roomId: $r, mode: $m) { mode } }"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"


async def test_two_processes_share_login_limits_through_redis(
    tmp_path: Path, redis_url: str
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": migrated_sqlite(tmp_path / "rajut.sqlite3"),
        "REDIS_URL": redis_url,
        "SECRET_KEY": "shared-secret",
        "CORS_ORIGINS": "https://app.rajut.test",
    }
    async with serving(env, tmp_path) as one_process, serving(env, tmp_path) as other:
        first, second = one_process.base_url, other.base_url
        async with httpx.AsyncClient() as http:
            ready = await http.get(first + "/readyz")
            assert ready.json() == {"ready": True, "database": "ok", "redis": "ok"}
            preflight = await http.options(
                first + "/graphql",
                headers={
                    "Origin": "https://app.rajut.test",
                    "Access-Control-Request-Method": "POST",
                },
            )
            assert preflight.headers["access-control-allow-origin"] == "https://app.rajut.test"
            foreign = await http.options(
                first + "/graphql",
                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            )
            assert "access-control-allow-origin" not in foreign.headers
        async with (
            Api(first, database_url=env["DATABASE_URL"]) as one,
            Api(second, database_url=env["DATABASE_URL"]) as two,
        ):
            person = await one.register()
            # a session made on one process is honoured by the other
            me = await two.ok("{ me { email } }", token=person.token)
            assert me["me"]["email"] == person.email
            codes = []
            for attempt in range(6):
                api = one if attempt % 2 else two
                error = await api.error(LOGIN, {"e": person.email, "p": "wrong wrong wrong"})
                codes.append(code_of(error))
    assert codes == ["UNAUTHENTICATED"] * 5 + ["RATE_LIMITED"]


async def test_readiness_reports_an_unreachable_redis(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": migrated_sqlite(tmp_path / "rajut.sqlite3"),
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
    }
    async with serving(env, tmp_path) as served, httpx.AsyncClient() as http:
        ready = await http.get(served.base_url + "/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["ready"] is False and body["database"] == "ok"
    assert body["redis"].startswith("error")


async def test_processes_sharing_postgres_and_redis_relay_progress_and_calls(
    tmp_path: Path, redis_url: str, postgres_url: str
) -> None:
    """Behind a load balancer: a progress subscriber on one process hears a mutation sent
    to the other, and two people connected to different processes complete a WebRTC call
    through signalling."""
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "shared-secret",
    }
    async with (
        serving(env, tmp_path) as one_process,
        serving(env, tmp_path) as other,
        Api(one_process.base_url, database_url=postgres_url) as first,
        Api(other.base_url, database_url=postgres_url) as second,
    ):
        world = await open_programme(second)
        mentor = await approved_mentor(second, world)
        mentee = await second.register()
        await enrol(second, mentee, world, asMentee=True)
        updates = "{ progressUpdates(programmeId: $p, after: 0) { seq kind } }"
        query = "subscription" + updates.replace("$p", f'"{world.programme_id}"')
        async with subscribe(first.base_url, world.coordinator.token, query) as live:
            request = await second.ok(REQUEST_MENTOR, {"p": world.programme_id, "m": mentor.id},
                                      mentee.token)  # fmt: skip
            accepted = await second.ok(
                ACCEPT_REQUEST, {"r": request["requestMentor"]["id"]}, mentor.token
            )
            first_event = (await live.next())["progressUpdates"]
        assert first_event == {"seq": 1, "kind": "relationship.proposed"}

        relationship = accepted["acceptRequest"]["relationshipId"]
        for person in (mentor, mentee):
            await first.ok(ACKNOWLEDGE, {"r": relationship}, person.token)
        room = (await first.ok(CALL_ROOM, {"r": relationship}, mentor.token))["callRoom"]["id"]
        async with (
            Member(first.base_url, mentor) as calling,
            Member(second.base_url, mentee) as answering,
        ):
            await calling.join(room)
            await answering.join(room)
            lines = [RoomLine(calling, room), RoomLine(answering, room)]
            async with wired(lines) as (mentor_peer, mentee_peer):
                await mentor_peer.call(mentee.id)
                await until(
                    lambda: (
                        mentee.id in mentor_peer.channels
                        and mentor_peer.channels[mentee.id].readyState == "open"
                    ),
                    "the data channel across processes to open",
                )
                mentor_peer.say(mentee.id, "dari proses satu")
                await until(lambda: mentee_peer.messages, "the message across processes")
                assert mentee_peer.messages == [(mentor.id, "dari proses satu")]

            # the same two through the media relay, which lives in one of the processes:
            # the other forwards its participant's signals to it over Redis
            await first.ok(MODE, {"r": room, "m": "RELAY"}, mentor.token)
            async with wired(lines) as peers:
                for peer in peers:
                    await peer.join_relay()
                await until(
                    lambda: all(
                        len(p.hearing()) == 1 and p.frames(next(iter(p.hearing())), "audio") > 5
                        for p in peers
                    ),
                    "each to hear the other through the relay",
                )


@asynccontextmanager
async def wired(lines: list[RoomLine]) -> AsyncIterator[list[Peer]]:
    """An aiortc peer on each line, each with a tone of its own."""
    peers = [Peer(line, tone=300.0 + 110 * n) for n, line in enumerate(lines)]
    boxes = [Mailbox(peer.handle) for peer in peers]
    for line, box in zip(lines, boxes, strict=True):
        line.start(box.post)
    try:
        yield peers
    finally:
        for line, box, peer in zip(lines, boxes, peers, strict=True):
            await line.stop()
            await box.close()
            await peer.close()
        assert not [error for box in boxes for error in box.errors]
