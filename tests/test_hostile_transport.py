"""HTTP bodies and WebSocket messages no client should send: refused with 4xx or a coded
error, never a 500, a dropped socket or a blocked event loop."""

from __future__ import annotations

import asyncio
import json
import logging
from urllib.parse import urlsplit

import httpx
import pytest
import websockets

from tests.support import Api, documentation_address

LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"


def ws_url(server: str) -> str:
    return server.replace("http://", "ws://") + "/graphql"


async def raw_post(server: str, body: bytes, content_type: str = "application/json"):
    async with httpx.AsyncClient(base_url=server, timeout=30) as http:
        return await http.post(
            "/graphql",
            content=body,
            headers={"Content-Type": content_type, "X-Forwarded-For": documentation_address()},
        )


async def test_a_five_mebibyte_login_is_refused_at_once(server: str) -> None:
    email = "a" * (5 * 1024 * 1024) + "@rajut.test"
    body = json.dumps({"query": LOGIN, "variables": {"e": email, "p": "x"}}).encode()

    async def health() -> int:
        async with httpx.AsyncClient(base_url=server, timeout=30) as http:
            return (await http.get("/healthz")).status_code

    refused, healthy = await asyncio.gather(raw_post(server, body), health())
    assert refused.status_code == 413, refused.text[:200]
    assert healthy == 200


async def test_a_chunked_body_over_the_limit_is_cut_off(server: str) -> None:
    async def chunks():
        yield b'{"query": "{ me { email } }", "variables": {"x": "'
        for _ in range(40):
            yield b"a" * 65536  # 2.5 MiB in all, no Content-Length
        yield b'"}}'

    async with httpx.AsyncClient(base_url=server, timeout=30) as http:
        response = await http.post(
            "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ me { email } }", "variables": {"x": "\xff\xfe"}}',  # not UTF-8
        b'"hello"',
        b"42",
        b"null",
        b"[1, 2]",
        b'{"query": "{ me { email } }", "variables": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"query": "{ me { email } }", "variables": {"x": NaN}}',
        b'{"query": "{ me { email } }", "variables": "x"}',
    ],
    ids=["utf8", "string", "number", "null", "array", "deep", "nan", "variables-string"],
)
async def test_bodies_that_are_not_a_graphql_request_get_400(server: str, body: bytes) -> None:
    response = await raw_post(server, body)
    assert response.status_code == 400, response.text[:200]


async def test_variables_too_many_values_are_refused_before_any_work(server: str) -> None:
    many = [0] * 20_000  # 40 KB, far under the body limit
    body = json.dumps({"query": "{ me { email } }", "variables": {"w": many}}).encode()
    response = await raw_post(server, body)
    assert response.status_code == 400, response.text[:200]


async def acked(ws: websockets.ClientConnection) -> None:
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"


async def closed_with(ws: websockets.ClientConnection) -> int | None:
    with pytest.raises(websockets.ConnectionClosed) as closed:
        async with asyncio.timeout(10):
            while True:
                await ws.recv()
    return closed.value.rcvd.code if closed.value.rcvd else None


@pytest.mark.parametrize(
    "message",
    [
        "[1,2]",
        '"hello"',
        "null",
        '{"id": "1", "type": "subscribe", "payload": null}',
        '{"id": "1", "type": "subscribe"}',
        '{"id": 1, "type": "subscribe", "payload": {"query": "{ me { email } }"}}',
        '{"id": "1", "type": "subscribe", "payload": {"query": 5}}',
        '{"type": 7}',
        '{"id": "1", "type": "complete", "payload": {}, "x": []}',
    ],
)
async def test_malformed_websocket_messages_close_with_4400(server: str, message: str) -> None:
    async with websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"]) as ws:
        await acked(ws)
        await ws.send(message)
        if '"complete"' in message:  # a well-formed complete for an unknown id is ignored
            await ws.send("[1,2]")
        assert await closed_with(ws) == 4400


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"query": "{ me { email } }", "variables": "x"}, "BAD_USER_INPUT"),
        ({"query": "{ me { email } }", "operationName": 5}, "BAD_USER_INPUT"),
        ({"query": "{ me { "}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "{ " + " ".join("me { email }" for _ in range(3000)) + " }"}, None),
        ({"query": "subscription { progressUpdates(programmeId: 5) { seq } }"}, "BAD_USER_INPUT"),
    ],
    ids=["variables", "operation-name", "syntax", "tokens", "invalid"],
)
async def test_bad_operations_over_websocket_get_a_coded_error(
    server: str, payload: dict, code: str | None
) -> None:
    async with websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"]) as ws:
        await acked(ws)
        await ws.send(json.dumps({"id": "op", "type": "subscribe", "payload": payload}))
        async with asyncio.timeout(10):
            message = json.loads(await ws.recv())
        assert message["type"] == "error", message
        assert message["id"] == "op"
        error = message["payload"][0]
        assert error["extensions"]["code"] == (code or "GRAPHQL_VALIDATION_FAILED"), error
        # the connection stays usable
        await ws.send(
            json.dumps({"id": "ok", "type": "subscribe", "payload": {"query": "{ me { email } }"}})
        )
        async with asyncio.timeout(10):
            assert json.loads(await ws.recv())["type"] == "next"


async def test_a_client_leaving_mid_request_is_not_a_server_error(
    server: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Half a body, then the socket closes: no 500 in /metrics, nothing at ERROR."""

    def count_500s(text: str) -> float:
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("rajut_http_requests_total{")
            and 'path="/graphql"' in line
            and 'status="500"' in line
        )

    async with httpx.AsyncClient(base_url=server, timeout=30) as http:
        before = count_500s((await http.get("/metrics")).text)
        caplog.set_level(logging.INFO)
        parts = urlsplit(server)
        _, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n" + b'{"query": "{ me'
        )
        await writer.drain()
        await asyncio.sleep(0.3)
        writer.close()
        await writer.wait_closed()
        await asyncio.sleep(0.5)
        after = count_500s((await http.get("/metrics")).text)
    assert after == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.records
    assert "499" in (await httpx.AsyncClient().get(server + "/metrics")).text


async def test_a_room_subscriber_leaving_is_not_an_error(
    api: Api, server: str, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.test_rooms import LEAVE, SAY, Member, room_of_a_session

    caplog.set_level(logging.INFO)
    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host:
        await host.join(room)
        for leave in ("close", "abort", "leave-and-go"):
            ws = await websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"])
            init = {"authorization": f"Bearer {mentee.token}"}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            query = "subscription($r: ID!) { roomEvents(roomId: $r) { kind } }"
            subscribe = {"query": query, "variables": {"r": room}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
            assert json.loads(await ws.recv())["payload"]["data"]["roomEvents"]["kind"] == "PRESENT"
            await host.next("JOINED")
            # events keep coming while the phone goes away
            chatter = asyncio.gather(
                *(api.post(SAY, {"r": room, "b": f"halo {i}"}, mentor.token) for i in range(20))
            )
            await asyncio.sleep(0.05)
            if leave == "abort":
                ws.transport.abort()
            elif leave == "close":
                await ws.close()
            else:  # leaves the room, and the phone is gone before the server says complete
                await api.ok(LEAVE, {"r": room}, mentee.token)
                ws.transport.abort()
            await chatter
            await host.next("LEFT")
    await asyncio.sleep(0.5)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [(r.name, r.getMessage()) for r in errors]


async def test_a_calendar_id_out_of_range_is_not_found(api: Api) -> None:
    """Found by hand next to the fuzzer: the route takes any digits."""
    person = await api.register()
    for session_id in ("2147483648", "99999999999999999999"):
        response = await api.http.get(
            f"/calendar/sessions/{session_id}.ics",
            headers={"Authorization": f"Bearer {person.token}"},
        )
        assert response.status_code == 404, response.text
