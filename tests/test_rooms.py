"""Live rooms through the public API: who may enter and when, presence, chat, hands, mute
requests, signalling rules, and ICE servers."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import websockets
from gql.transport.exceptions import TransportQueryError

from models.relationships import Relationship
from models.sessions import Session
from tests.live import Member
from tests.support import Api, Person, acknowledge, code_of, relay_pk
from tests.test_sessions import SCHEDULE, active_pair, at

SESSION_ROOM = """query($s: ID!) { sessionRoom(sessionId: $s) { id mode opensAt closesAt
  closedReason relationshipId participants { user { id } } } }"""
CALL_ROOM = "query($r: ID!) { callRoom(relationshipId: $r) { id mode closedReason } }"
PARTICIPANTS = "query($r: ID!) { node(id: $r) { ... on Room { participants { user { id } } } } }"
HANDS = """query($r: ID!) { node(id: $r) { ... on Room { participants { user { id }
  handRaised } } } }"""
SAY = "mutation($r: ID!, $b: String!) { sendRoomMessage(roomId: $r, body: $b) { id body mine } }"
UNSAY = "mutation($m: ID!) { deleteRoomMessage(messageId: $m) { id body deleted } }"
HISTORY = """query($r: ID!, $f: Int!, $b: ID) { node(id: $r) { ... on Room {
  messages(first: $f, before: $b) { hasOlder messages { id body author { id } } } } } }"""
HAND = "mutation($r: ID!, $up: Boolean!) { raiseHand(roomId: $r, raised: $up) }"
MUTE = "mutation($r: ID!, $u: ID!) { requestMute(roomId: $r, userId: $u) }"
MODE = "mutation($r: ID!, $m: RoomMode!) { setRoomMode(roomId: $r, mode: $m) { mode } }"
LEAVE = "mutation($r: ID!) { leaveRoom(roomId: $r) }"
SIGNAL = """mutation($r: ID!, $to: ID, $k: SignalKind!, $p: String!) {
  sendSignal(roomId: $r, to: $to, kind: $k, payload: $p) }"""
ICE = "query($r: ID!) { iceServers(roomId: $r) { urls username credential } }"
CANCEL = 'mutation($r: ID!) { cancelRelationship(relationshipId: $r, reason: "moving") { status } }'

OFFER_SDP = (
    "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n"
)


def offer(sdp: str = OFFER_SDP) -> str:
    return json.dumps({"type": "offer", "sdp": sdp})


async def room_of_a_session(api: Api) -> tuple[Person, Person, Person, str, str]:
    """An active pair, a session starting in five minutes, and its room's id."""
    mentor, mentee, relationship, coordinator = await active_pair(api)
    await acknowledge(api, relationship, mentor, mentee)
    session = {"relationshipId": relationship, "startsAt": at(2, 12), "endsAt": at(2, 13)}
    session_id = (await api.ok(SCHEDULE, {"i": session}, mentor.token))["scheduleSession"]["id"]
    await move_session(session_id, starts_in=timedelta(minutes=5))
    room = (await api.ok(SESSION_ROOM, {"s": session_id}, mentee.token))["sessionRoom"]
    assert room["closedReason"] is None
    return mentor, mentee, coordinator, session_id, room["id"]


async def move_session(session_id: str, starts_in: timedelta) -> None:
    """Time travel: the server shares this process, so the test moves the session itself."""

    starts = datetime.now(UTC) + starts_in
    key = relay_pk(session_id)
    await Session.filter(id=key).update(starts_at=starts, ends_at=starts + timedelta(hours=1))


async def test_a_session_room_opens_shortly_before_and_only_for_its_people(
    api: Api, server: str
) -> None:
    mentor, mentee, relationship, coordinator = await active_pair(api)
    await acknowledge(api, relationship, mentor, mentee)
    session = {"relationshipId": relationship, "startsAt": at(2, 12), "endsAt": at(2, 13)}
    session_id = (await api.ok(SCHEDULE, {"i": session}, mentor.token))["scheduleSession"]["id"]
    room = (await api.ok(SESSION_ROOM, {"s": session_id}, mentor.token))["sessionRoom"]
    assert room["closedReason"].startswith("The room opens at")
    opens = datetime.fromisoformat(room["opensAt"])
    assert opens == datetime.fromisoformat(at(2, 12)) - timedelta(minutes=15)
    async with Member(server, mentor) as early:
        with pytest.raises(TransportQueryError) as refused:
            await early.join(room["id"])
        assert refused.value.errors[0]["extensions"]["code"] == "CONFLICT"

    outsider = await api.register()
    for query, variables in ((SESSION_ROOM, {"s": session_id}), (PARTICIPANTS, {"r": room["id"]})):
        answer = await api.post(query, variables, outsider.token)
        if "errors" in answer:
            assert code_of(answer["errors"][0]) == "NOT_FOUND"
        else:
            assert answer["data"]["node"] is None
    async with Member(server, outsider) as stranger:
        with pytest.raises(TransportQueryError) as hidden:
            await stranger.join(room["id"])
        assert hidden.value.errors[0]["extensions"]["code"] == "NOT_FOUND"

    await move_session(session_id, starts_in=timedelta(minutes=10))
    async with Member(server, mentor) as host, Member(server, coordinator) as watcher:
        present = await host.join(room["id"])
        assert [p["user"]["id"] for p in present["participants"]] == [mentor.id]
        await watcher.join(room["id"])  # the programme's coordinators may enter too
        assert (await host.next("JOINED"))["user"]["id"] == coordinator.id


async def test_the_programme_sets_how_early_rooms_open(api: Api) -> None:
    mentor, _, coordinator, session_id, _ = await room_of_a_session(api)
    await move_session(session_id, starts_in=timedelta(minutes=50))
    closed = (await api.ok(SESSION_ROOM, {"s": session_id}, mentor.token))["sessionRoom"]
    assert closed["closedReason"].startswith("The room opens at")
    programme = (await api.ok("{ myEnrolments { programme { id } } }", {}, mentor.token))[
        "myEnrolments"
    ][0]["programme"]["id"]
    change = """mutation($id: ID!, $m: Int!) { updateProgramme(id: $id,
      changes: {roomOpensMinutes: $m}) { roomOpensMinutes } }"""
    too_early = await api.error(change, {"id": programme, "m": 600}, coordinator.token)
    assert (code_of(too_early), too_early["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "roomOpensMinutes",
    )
    changed = await api.ok(change, {"id": programme, "m": 60}, coordinator.token)
    assert changed["updateProgramme"]["roomOpensMinutes"] == 60
    room = (await api.ok(SESSION_ROOM, {"s": session_id}, mentor.token))["sessionRoom"]
    assert room["closedReason"] is None


async def test_presence_follows_joins_leaves_and_dropped_connections(api: Api, server: str) -> None:
    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host:
        await host.join(room)
        url = server.replace("http://", "ws://") + "/graphql"
        ws = await websockets.connect(url, subprotocols=["graphql-transport-ws"])
        init = {"authorization": f"Bearer {mentee.token}"}
        await ws.send(json.dumps({"type": "connection_init", "payload": init}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        query = "subscription($r: ID!) { roomEvents(roomId: $r) { kind } }"
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe",
                        "payload": {"query": query, "variables": {"r": room}}})
        )  # fmt: skip
        assert json.loads(await ws.recv())["payload"]["data"]["roomEvents"]["kind"] == "PRESENT"
        assert (await host.next("JOINED"))["user"]["id"] == mentee.id
        here = await api.ok(PARTICIPANTS, {"r": room}, mentor.token)
        assert {p["user"]["id"] for p in here["node"]["participants"]} == {mentor.id, mentee.id}

        ws.transport.abort()  # the phone lost its signal: no close frame, no complete
        left = await host.next("LEFT")
        assert left["user"]["id"] == mentee.id
        here = await api.ok(PARTICIPANTS, {"r": room}, mentor.token)
        assert [p["user"]["id"] for p in here["node"]["participants"]] == [mentor.id]

        async with Member(server, mentee) as guest:
            await guest.join(room)
            await host.next("JOINED")
            assert (await guest.call(LEAVE, {"r": room}))["leaveRoom"] is True
            assert (await host.next("LEFT"))["user"]["id"] == mentee.id


async def test_chat_is_kept_paginated_and_deletable_by_its_author(api: Api, server: str) -> None:
    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host, Member(server, mentee) as guest:
        await host.join(room)
        await guest.join(room)
        said = await guest.call(SAY, {"r": room, "b": "  Assalamualaikum, Kak!  "})
        message = said["sendRoomMessage"]
        assert message["body"] == "Assalamualaikum, Kak!" and message["mine"] is True
        heard = await host.next("MESSAGE")
        assert heard["message"]["body"] == "Assalamualaikum, Kak!"
        assert heard["user"]["id"] == mentee.id

        for bad in ("   ", "x" * 4001, "a\x00b"):
            refused = await api.error(SAY, {"r": room, "b": bad}, mentee.token)
            assert (code_of(refused), refused["extensions"]["field"]) == ("BAD_USER_INPUT", "body")
        not_author = await api.error(UNSAY, {"m": message["id"]}, mentor.token)
        assert code_of(not_author) == "FORBIDDEN"
        outsider = await api.register()
        assert code_of(await api.error(UNSAY, {"m": message["id"]}, outsider.token)) == "NOT_FOUND"
        seen = await api.post(HISTORY, {"r": room, "f": 5}, outsider.token)
        assert seen["data"]["node"] is None

        for n in range(6):
            await api.ok(SAY, {"r": room, "b": f"pesan {n}"}, mentor.token)
        page = (await api.ok(HISTORY, {"r": room, "f": 4}, mentee.token))["node"]["messages"]
        assert [m["body"] for m in page["messages"]] == [f"pesan {n}" for n in (5, 4, 3, 2)]
        assert page["hasOlder"] is True
        older = await api.ok(
            HISTORY, {"r": room, "f": 4, "b": page["messages"][-1]["id"]}, mentee.token
        )
        rest = older["node"]["messages"]
        assert [m["body"] for m in rest["messages"]] == ["pesan 1", "pesan 0", message["body"]]
        assert rest["hasOlder"] is False

        gone = (await guest.call(UNSAY, {"m": message["id"]}))["deleteRoomMessage"]
        assert gone == {"id": message["id"], "body": "", "deleted": True}
        assert (await host.next("MESSAGE_DELETED"))["message"]["deleted"] is True


async def test_signals_reach_only_their_addressee_and_bad_ones_are_refused(
    api: Api, server: str
) -> None:
    mentor, mentee, coordinator, _, room = await room_of_a_session(api)
    async with (
        Member(server, mentor) as host,
        Member(server, mentee) as guest,
        Member(server, coordinator) as watcher,
    ):
        await host.join(room)
        await guest.join(room)
        await watcher.join(room)
        await host.signal(room, mentee.id, "OFFER", offer())
        got = await guest.next("SIGNAL")
        assert got["signal"] == {"kind": "OFFER", "payload": offer(), "from": {"id": mentor.id}}
        # the coordinator never receives it: their next event is the chat said afterwards
        await host.call(SAY, {"r": room, "b": "sudah kirim offer"})
        while (event := await watcher.next())["kind"] != "MESSAGE":
            assert event["kind"] != "SIGNAL"

        candidate = {"candidate": "candidate:1 1 udp 2130706431 192.0.2.2 5000 typ host",
                     "sdpMid": "0", "sdpMLineIndex": 0}  # fmt: skip
        await guest.signal(room, mentor.id, "CANDIDATE", json.dumps(candidate))
        assert json.loads((await host.next("SIGNAL"))["signal"]["payload"]) == candidate

        outsider = await api.register()
        cases = [
            (mentee.id, "OFFER", "not json", "BAD_USER_INPUT", "payload"),
            (mentee.id, "OFFER", json.dumps({"type": "offer", "sdp": "hello"}),
             "BAD_USER_INPUT", "payload"),
            (mentee.id, "ANSWER", offer(), "BAD_USER_INPUT", "payload"),  # type mismatch
            (mentee.id, "CANDIDATE", json.dumps({"candidate": "candidate:junk"}),
             "BAD_USER_INPUT", "payload"),
            (mentee.id, "OFFER", offer(OFFER_SDP + "a=x:" + "y" * 40_000 + "\r\n"),
             "BAD_USER_INPUT", "payload"),
            (outsider.id, "OFFER", offer(), "NOT_FOUND", "to"),
            (mentor.id, "OFFER", offer(), "BAD_USER_INPUT", "to"),
            (None, "OFFER", offer(), "BAD_USER_INPUT", "to"),  # a mesh has no relay
        ]  # fmt: skip
        for to, kind, payload, code, field in cases:
            with pytest.raises(TransportQueryError) as refused:
                await host.signal(room, to, kind, payload)
            error = refused.value.errors[0]
            assert (error["extensions"]["code"], error["extensions"].get("field")) == (
                code,
                field,
            ), (to, kind, error)

    # out of the room, nobody signals: the subscription was the membership (the server
    # notices the closed sockets on its own time; wait until it has)
    async with asyncio.timeout(10):
        while (await api.ok(PARTICIPANTS, {"r": room}, mentor.token))["node"]["participants"]:
            await asyncio.sleep(0.05)
    not_in = await api.error(
        SIGNAL, {"r": room, "to": mentee.id, "k": "BYE", "p": ""}, mentor.token
    )
    assert code_of(not_in) == "CONFLICT"


async def test_hands_mute_requests_and_mode(api: Api, server: str) -> None:
    mentor, mentee, coordinator, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host, Member(server, mentee) as guest:
        assert (await host.join(room))["mode"] == "MESH"  # PRESENT says how to connect
        await guest.join(room)
        assert (await guest.call(HAND, {"r": room, "up": True}))["raiseHand"] is True
        raised = await host.next("HAND")
        assert (raised["user"]["id"], raised["handRaised"]) == (mentee.id, True)
        here = await api.ok(HANDS, {"r": room}, mentor.token)
        hands = {p["user"]["id"]: p["handRaised"] for p in here["node"]["participants"]}
        assert hands == {mentor.id: False, mentee.id: True}

        refused = await api.error(MUTE, {"r": room, "u": mentor.id}, mentee.token)
        assert code_of(refused) == "FORBIDDEN"
        await host.call(MUTE, {"r": room, "u": mentee.id})
        asked = await guest.next("MUTE_REQUESTED")
        assert asked["user"]["id"] == mentor.id

        assert code_of(await api.error(MODE, {"r": room, "m": "RELAY"}, mentee.token)) == (
            "FORBIDDEN"
        )
        changed = await api.ok(MODE, {"r": room, "m": "RELAY"}, coordinator.token)
        assert changed["setRoomMode"]["mode"] == "RELAY"
        assert (await guest.next("MODE_CHANGED"))["mode"] == "RELAY"
        async with Member(server, coordinator) as late:
            present = await late.join(room)  # arriving after the change: no second query
            assert (present["kind"], present["mode"]) == ("PRESENT", "RELAY")


async def test_a_cancelled_relationship_closes_its_rooms(api: Api, server: str) -> None:
    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host:
        await host.join(room)
        await api.ok(CANCEL, {"r": (await relationship_of(room))}, mentee.token)
        closed = await host.next("CLOSED")
        assert closed["reason"]
    refused = await api.error(SAY, {"r": room, "b": "halo?"}, mentor.token)
    assert code_of(refused) == "CONFLICT"


async def test_closing_the_programme_closes_its_rooms(api: Api, server: str) -> None:
    mentor, mentee, coordinator, _, room = await room_of_a_session(api)
    relationship = await relationship_of(room)
    programme = await api.ok(
        "query($r: ID!) { node(id: $r) { ... on Relationship { programme { id } } } }",
        {"r": relationship},
        mentee.token,
    )
    advance = (
        "mutation($p: ID!, $to: ProgrammeStatus!) { advanceProgramme(id: $p, to: $to) { id } }"
    )
    programme_id = programme["node"]["programme"]["id"]
    await api.ok(advance, {"p": programme_id, "to": "RUNNING"}, coordinator.token)
    async with Member(server, mentor) as host:
        await host.join(room)
        await api.ok(advance, {"p": programme_id, "to": "CLOSED"}, coordinator.token)
        assert (await host.next("CLOSED"))["reason"] == "The programme has closed."
    refused = await api.error(SAY, {"r": room, "b": "halo?"}, mentor.token)
    assert code_of(refused) == "CONFLICT"


async def relationship_of(room_id: str) -> str:
    from strawberry.relay import GlobalID

    from models.rooms import Room

    room = await Room.get(id=relay_pk(room_id))
    relationship = await Relationship.get(id=room.relationship_id)
    return str(GlobalID("Relationship", str(relationship.id)))


async def test_call_rooms_need_an_active_relationship(api: Api, server: str) -> None:
    mentor, mentee, relationship, _ = await active_pair(api)
    room = (await api.ok(CALL_ROOM, {"r": relationship}, mentee.token))["callRoom"]
    assert room["closedReason"] == "The relationship is proposed."
    await acknowledge(api, relationship, mentor, mentee)
    again = (await api.ok(CALL_ROOM, {"r": relationship}, mentor.token))["callRoom"]
    assert again["id"] == room["id"] and again["closedReason"] is None
    outsider = await api.register()
    assert code_of(await api.error(CALL_ROOM, {"r": relationship}, outsider.token)) == "NOT_FOUND"


async def test_ice_servers_carry_time_limited_turn_credentials(api: Api) -> None:
    person, _, _, _, room = await room_of_a_session(api)
    servers = (await api.ok(ICE, {"r": room}, person.token))["iceServers"]
    stun, turn = servers
    assert stun == {"urls": ["stun:stun.rajut.test:3478"], "username": None, "credential": None}
    expiry, user = turn["username"].split(":")
    from strawberry.relay import GlobalID

    assert user == GlobalID.from_id(person.id).node_id
    assert 0 < int(expiry) - time.time() <= 6 * 3600
    digest = hmac.new(b"turn-test-secret", turn["username"].encode(), hashlib.sha1).digest()
    assert turn["credential"] == base64.b64encode(digest).decode()
    assert code_of(await api.error(ICE, {"r": room}, None)) == "UNAUTHENTICATED"
    # no TURN credentials for accounts with no business in the room
    outsider = await api.register()
    assert code_of(await api.error(ICE, {"r": room}, outsider.token)) == "NOT_FOUND"


async def test_one_connection_cannot_flood_a_room(api: Api, server: str) -> None:
    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host, Member(server, mentee) as guest:
        await host.join(room)
        await guest.join(room)
        sent, limited = 0, None
        for n in range(40):
            try:
                await guest.call(SAY, {"r": room, "b": f"spam {n}"})
                sent += 1
            except TransportQueryError as exc:
                limited = exc.errors[0]
                break
        assert limited is not None and limited["extensions"]["code"] == "RATE_LIMITED"
        assert sent == 30  # MESSAGE_LIMIT_PER_CONNECTION, 30 per 10 seconds
        # the limit is the connection's: the mentor's own connection still speaks
        await host.call(SAY, {"r": room, "b": "pelan-pelan ya"})
        await asyncio.sleep(0)


REMOVE = """mutation($r: ID!, $u: ID!, $why: String!) { removeFromRelationship(relationshipId: $r,
  userId: $u, reason: $why) { status } }"""


async def test_someone_removed_from_the_relationship_leaves_its_room_at_once(
    api: Api, server: str
) -> None:
    mentor, mentee, coordinator, _, room = await room_of_a_session(api)
    relationship = await relationship_of(room)
    async with Member(server, mentor) as host, Member(server, mentee) as guest:
        await host.join(room)
        await guest.join(room)
        await host.next("JOINED")
        why = {"r": relationship, "u": mentee.id, "why": "safeguarding"}
        assert code_of(await api.error(REMOVE, why, mentor.token)) == "FORBIDDEN"
        self_mentor = {"r": relationship, "u": mentor.id, "why": "x"}
        assert code_of(await api.error(REMOVE, self_mentor, coordinator.token)) == (
            "BAD_USER_INPUT"
        )
        removed = await api.ok(REMOVE, why, coordinator.token)
        # the only mentee left: the relationship ends with them
        assert removed["removeFromRelationship"]["status"] == "CANCELLED"
        with pytest.raises(TransportQueryError) as ended:
            await guest.next()
        assert ended.value.errors[0]["extensions"]["code"] == "FORBIDDEN"
        assert (await host.next("LEFT"))["user"]["id"] == mentee.id
        assert (await host.next("CLOSED"))["reason"] == "The relationship is cancelled."
    gone = await api.post(PARTICIPANTS, {"r": room}, mentee.token)
    assert gone["data"]["node"] is None


async def test_presence_of_a_dead_process_expires(api: Api, server: str) -> None:
    """A process that died cannot say its people left: their rows stop being refreshed, the
    others' heartbeats purge them after three beats, and the room hears they left."""
    from datetime import UTC, datetime

    from models.rooms import RoomPresence

    mentor, mentee, _, _, room = await room_of_a_session(api)
    async with Member(server, mentor) as host:
        await host.join(room)
        await RoomPresence.create(
            room_id=relay_pk(room),
            user_id=relay_pk(mentee.id),
            connection="a-process-that-died",
            seen_at=datetime.now(UTC) - timedelta(seconds=3),
        )
        here = await api.ok(PARTICIPANTS, {"r": room}, mentor.token)
        assert [p["user"]["id"] for p in here["node"]["participants"]] == [mentor.id]
        assert (await host.next("LEFT"))["user"]["id"] == mentee.id
        assert not await RoomPresence.exists(connection="a-process-that-died")


async def test_outsiders_leave_no_trace_and_unknown_messages_are_null(api: Api) -> None:
    from strawberry.relay import GlobalID

    from models.rooms import Room

    _, _, relationship, _ = await active_pair(api)
    outsider = await api.register()
    assert code_of(await api.error(CALL_ROOM, {"r": relationship}, outsider.token)) == "NOT_FOUND"
    key = f"relationship:{GlobalID.from_id(relationship).node_id}"
    assert not await Room.exists(key=key)  # refused before anything was written
    missing = str(GlobalID("RoomMessage", "987654321"))
    answer = await api.post(
        "query($m: ID!) { node(id: $m) { id } }", {"m": missing}, outsider.token
    )
    assert answer == {"data": {"node": None}}


async def test_people_still_inside_when_a_session_room_closes_are_told(
    api: Api, server: str
) -> None:
    mentor, _, _, session_id, room = await room_of_a_session(api)
    # the session ended an hour ago, less four seconds: its room closes in four seconds
    await move_session(session_id, starts_in=timedelta(hours=-2, seconds=4))
    async with Member(server, mentor) as host:
        await host.join(room)
        closed = await host.next("CLOSED")
        assert closed["reason"] == "The session is over."
    async with asyncio.timeout(10):  # the closed room lets its last presence go
        while (await api.ok(PARTICIPANTS, {"r": room}, mentor.token))["node"]["participants"]:
            await asyncio.sleep(0.05)
