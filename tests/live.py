"""A room member as a browser would be one: one GraphQL WebSocket (the gql client) carrying
the roomEvents subscription and every mutation, signals included."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport

from tests.support import Person

ROOM_EVENTS = gql(
    """subscription($r: ID!) { roomEvents(roomId: $r) { kind at user { id displayName }
    participants { user { id } handRaised muted } message { id body deleted }
    signal { kind payload from { id } } handRaised muted mode reason } }"""
)
SEND_SIGNAL = gql(
    """mutation($r: ID!, $to: ID, $k: SignalKind!, $p: String!) {
    sendSignal(roomId: $r, to: $to, kind: $k, payload: $p) }"""
)


class Member:
    """Someone in a room; ``events`` holds what roomEvents delivered, errors included."""

    def __init__(self, base_url: str, person: Person) -> None:
        self.person = person
        self.client = Client(
            transport=WebsocketsTransport(
                url=base_url.replace("http://", "ws://") + "/graphql",
                init_payload={"authorization": f"Bearer {person.token}"},
                subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
                ping_interval=None,
            )
        )
        self.events: asyncio.Queue[dict[str, Any] | Exception] = asyncio.Queue()
        self._listener: asyncio.Task[None] | None = None
        self.session: Any = None

    @property
    def id(self) -> str:
        return self.person.id

    async def __aenter__(self) -> Member:
        self.session = await self.client.connect_async()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
        with contextlib.suppress(Exception):
            await self.client.close_async()

    async def join(self, room_id: str) -> dict[str, Any]:
        """Subscribe to the room's events; returns the first one (PRESENT)."""
        self._listener = asyncio.create_task(self._listen(room_id))
        return await self.next("PRESENT")

    async def _listen(self, room_id: str) -> None:
        try:
            request = GraphQLRequest(ROOM_EVENTS, variable_values={"r": room_id})
            async for result in self.session.subscribe(request):
                await self.events.put(result["roomEvents"])
        except Exception as exc:  # the test reads it as the next event
            await self.events.put(exc)

    async def next(self, kind: str | None = None, within: float = 10) -> dict[str, Any]:
        """The next event (of ``kind``, skipping others)."""
        async with asyncio.timeout(within):
            while True:
                event = await self.events.get()
                if isinstance(event, Exception):
                    raise event
                if kind is None or event["kind"] == kind:
                    return event

    async def call(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.session.execute(GraphQLRequest(query, variable_values=variables))

    async def signal(self, room_id: str, to: str | None, kind: str, payload: str) -> None:
        variables = {"r": room_id, "to": to, "k": kind, "p": payload}
        await self.session.execute(GraphQLRequest(SEND_SIGNAL, variable_values=variables))


class RoomLine:
    """A WebRTC peer's signalling over a member's GraphQL connection: ``send`` calls the
    sendSignal mutation, and SIGNAL events are handed to ``handler`` in order."""

    def __init__(self, member: Member, room_id: str) -> None:
        self.member = member
        self.room_id = room_id
        self.others: list[dict[str, Any]] = []  # the non-signal events, for the test to read
        self._pump: asyncio.Task[None] | None = None

    async def send(self, to: str | None, kind: str, payload: str) -> None:
        await self.member.signal(self.room_id, to, kind.upper(), payload)

    def start(self, post: Callable[[str | None, str, str], None]) -> None:
        """Feed incoming signals to ``post(sender, kind, payload)``."""

        async def pump() -> None:
            while True:
                event = await self.member.next(within=3600)
                if event["kind"] != "SIGNAL":
                    self.others.append(event)
                    continue
                signal = event["signal"]
                sender = signal["from"]["id"] if signal["from"] else None
                post(sender, signal["kind"].lower(), signal["payload"])

        self._pump = asyncio.create_task(pump())

    async def stop(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._pump
