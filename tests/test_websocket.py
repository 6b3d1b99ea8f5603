"""GraphQL over WebSocket (graphql-transport-ws) with a real gql client: same rules as HTTP."""

from __future__ import annotations

import json

import pytest
import websockets
from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from tests.support import Api

ME = gql("{ me { email user { displayName } } }")
PRIVATE = gql("{ myOrganisations { id } }")


def ws_url(server: str) -> str:
    return server.replace("http://", "ws://") + "/graphql"


def transport(server: str, token: str | None = None) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=ws_url(server),
        init_payload={"authorization": f"Bearer {token}"} if token else {},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


async def test_signed_in_over_websocket(server: str, api: Api) -> None:
    person = await api.register("Rina Websocket")
    async with Client(transport=transport(server, person.token)) as session:
        result = await session.execute(ME)
    assert result["me"] == {"email": person.email, "user": {"displayName": "Rina Websocket"}}


async def test_anonymous_websocket_gets_the_http_errors(server: str) -> None:
    async with Client(transport=transport(server)) as session:
        assert (await session.execute(ME))["me"] is None
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(PRIVATE)
    assert refused.value.errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_token_is_rejected_at_connection_init(server: str) -> None:
    async with websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps(
                {"type": "connection_init", "payload": {"authorization": "Bearer rjt_forged"}}
            )
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4403, "Forbidden")


async def test_scopes_apply_over_websocket(server: str, api: Api) -> None:
    person = await api.register()
    token = (
        await api.ok(
            'mutation { createApiToken(input: {name: "ws", scopes: [READ]}) { token } }',
            token=person.token,
        )
    )["createApiToken"]["token"]
    async with Client(transport=transport(server, token)) as session:
        assert (await session.execute(ME))["me"]["email"] == person.email
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(
                gql('mutation { createOrganisation(name: "W", slug: "w-s") { id } }')
            )
    assert refused.value.errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_legacy_graphql_ws_protocol_is_off_by_default(server: str) -> None:
    async with websockets.connect(ws_url(server), subprotocols=["graphql-ws"]) as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.send('{"type": "connection_init", "payload": {}}')
            await ws.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4406
