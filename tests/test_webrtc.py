"""Real WebRTC peers (aiortc) meeting in rooms, signalling only through the public GraphQL
API over WebSocket: a pair with a data channel, a 5-person mesh, and the media relay."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from gql.transport.exceptions import TransportQueryError

from tests.live import Member, RoomLine
from tests.support import (
    Api,
    Person,
    acknowledge,
    approved_mentor,
    open_programme,
    pair_up,
)
from tests.webrtc import Mailbox, Peer, until

CALL_ROOM = "query($r: ID!) { callRoom(relationshipId: $r) { id } }"
MODE = "mutation($r: ID!, $m: RoomMode!) { setRoomMode(roomId: $r, mode: $m) { mode } }"


async def group_call(api: Api, mentees: int) -> tuple[list[Person], str]:
    """A mentor and ``mentees`` in one active group (then the programme's coordinator), and
    the group's call room."""
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": mentees})
    people = [mentor]
    relationship = ""
    for _ in range(mentees):
        _, mentee, relationship = await pair_up(api, world, mentor)
        people.append(mentee)
    await acknowledge(api, relationship, *people)
    room = (await api.ok(CALL_ROOM, {"r": relationship}, mentor.token))["callRoom"]["id"]
    return [*people, world.coordinator], room


@dataclass
class Caller:
    person: Person
    member: Member
    line: RoomLine
    peer: Peer
    mailbox: Mailbox


@contextlib.asynccontextmanager
async def in_room(server: str, room: str, people: list[Person]) -> AsyncIterator[list[Caller]]:
    """Everyone joins the room on their own WebSocket and gets an aiortc peer."""
    callers: list[Caller] = []
    try:
        for n, person in enumerate(people):
            member = await Member(server, person).__aenter__()
            await member.join(room)
            line = RoomLine(member, room)
            peer = Peer(line, tone=300.0 + 110 * n)
            mailbox = Mailbox(peer.handle)
            line.start(mailbox.post)
            callers.append(Caller(person, member, line, peer, mailbox))
        yield callers
    finally:
        for caller in callers:
            await caller.line.stop()
            await caller.mailbox.close()
            await caller.peer.close()
            await caller.member.__aexit__(None, None, None)
    assert not [e for c in callers for e in c.mailbox.errors]


async def test_two_peers_connect_and_talk_over_a_data_channel(api: Api, server: str) -> None:
    people, room = await group_call(api, mentees=1)
    people = people[:2]
    async with in_room(server, room, people) as (mentor, mentee):
        await mentor.peer.call(mentee.person.id)
        import asyncio

        await asyncio.sleep(5)
        print(
            "DEBUG",
            mentor.peer.signals,
            mentee.peer.signals,
            mentor.peer.connection_states,
            mentee.peer.connection_states,
            mentor.mailbox.errors,
            mentee.mailbox.errors,
            mentor.line.others,
            mentee.line.others,
            mentor.line._pump,
            mentee.line._pump,
        )
        await until(
            lambda: (
                mentor.peer.channels.get(mentee.person.id) is not None
                and mentor.peer.channels[mentee.person.id].readyState == "open"
            ),
            "the data channel to open",
        )
        mentor.peer.say(mentee.person.id, "Halo, sudah terhubung?")
        await until(lambda: mentee.peer.messages, "the message to arrive")
        assert mentee.peer.messages == [(mentor.person.id, "Halo, sudah terhubung?")]
        assert mentee.peer.connection_states == {mentor.person.id: "connected"}


async def test_a_five_person_mesh_connects_fully(api: Api, server: str) -> None:
    people, room = await group_call(api, mentees=4)
    people = people[:5]
    async with in_room(server, room, people) as callers:
        for i, caller in enumerate(callers):
            for other in callers[i + 1 :]:
                await caller.peer.call(other.person.id)

        def fully_connected() -> bool:
            return all(
                len(c.peer.pcs) == 4 and set(c.peer.connection_states.values()) == {"connected"}
                for c in callers
            )

        await until(fully_connected, "every pair of the mesh to connect", within=60)
        for caller in callers:
            assert set(caller.peer.pcs) == {c.person.id for c in callers} - {caller.person.id}


async def test_in_relay_mode_everyone_hears_the_others_through_the_server(
    api: Api, server: str
) -> None:
    people, room = await group_call(api, mentees=2)
    people = people[:3]
    await api.ok(MODE, {"r": room, "m": "RELAY"}, people[0].token)
    async with in_room(server, room, people) as callers:
        for caller in callers:
            await caller.peer.join_relay()

        def everyone_hears_two() -> bool:
            return all(
                len(c.peer.hearing()) == 2
                and all(c.peer.frames(s, "audio") > 5 for s in c.peer.hearing())
                for c in callers
            )

        await until(everyone_hears_two, "each peer to receive the other two", within=60)
        for caller in callers:
            assert set(caller.peer.connection_states) == {None}  # one upstream: the relay
        async with httpx.AsyncClient() as http:
            metrics = (await http.get(server + "/metrics")).text
        assert "rajut_relay_peers 3.0" in metrics.splitlines()
        assert "rajut_relay_forwarded_tracks 6.0" in metrics.splitlines()

        # back to a mesh: the server stops relaying at once, whatever the browsers do
        await api.ok(MODE, {"r": room, "m": "MESH"}, people[0].token)
        async with httpx.AsyncClient() as http:
            metrics = (await http.get(server + "/metrics")).text
        assert "rajut_relay_peers 0.0" in metrics.splitlines()


async def test_a_mesh_holds_six_and_the_relay_eight(api: Api, server: str) -> None:
    people, room = await group_call(api, mentees=5)  # six in the group, then a coordinator
    members = [await Member(server, person).__aenter__() for person in people]
    try:
        for member in members[:6]:
            await member.join(room)
        with pytest.raises(TransportQueryError) as full:
            await members[6].join(room)
        assert full.value.errors[0]["extensions"]["code"] == "CONFLICT"
        await api.ok(MODE, {"r": room, "m": "RELAY"}, people[0].token)
        await members[6].join(room)  # a relay room holds eight
    finally:
        for member in members:
            await member.__aexit__(None, None, None)
