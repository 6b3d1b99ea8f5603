"""The request marketplace: ask, accept, decline, withdraw; capacity is never exceeded."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from strawberry import relay

from models.requests import MentorRequest
from tests.support import (
    UPDATE_PROFILE,
    Api,
    Person,
    ProgrammeWorld,
    approved_mentor,
    code_of,
    enrol,
    open_programme,
    subscribe,
)

REQUEST = """mutation($p: ID!, $m: ID!, $msg: String!) {
  requestMentor(programmeId: $p, mentorId: $m, message: $msg) { id status expiresAt
    mentee { id } mentor { id } } }"""
ACCEPT = "mutation($r: ID!) { acceptRequest(requestId: $r) { id status relationshipId } }"
DECLINE = """mutation($r: ID!, $why: String!) {
  declineRequest(requestId: $r, reason: $why) { status declineReason } }"""
WITHDRAW = "mutation($r: ID!) { withdrawRequest(requestId: $r) { status } }"
MINE = """query($side: RequestSide!) { myRequests(side: $side) { id status message
  mentor { displayName } } }"""


async def mentee_in(api: Api, world: ProgrammeWorld) -> Person:
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    return mentee


async def ask(api: Api, world: ProgrammeWorld, mentee: Person, mentor: Person) -> str:
    data = await api.ok(
        REQUEST, {"p": world.programme_id, "m": mentor.id, "msg": "Halo!"}, mentee.token
    )
    return data["requestMentor"]["id"]


async def test_request_and_accept(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 2})
    mentee = await mentee_in(api, world)
    request_id = await ask(api, world, mentee, mentor)
    received = (await api.ok(MINE, {"side": "RECEIVED"}, mentor.token))["myRequests"]
    assert [(r["id"], r["status"], r["message"]) for r in received] == [
        (request_id, "PENDING", "Halo!")
    ]
    # only the receiver decides, only the sender withdraws, strangers see nothing
    stranger = await api.register()
    assert code_of(await api.error(ACCEPT, {"r": request_id}, mentee.token)) == "FORBIDDEN"
    assert code_of(await api.error(WITHDRAW, {"r": request_id}, mentor.token)) == "FORBIDDEN"
    assert code_of(await api.error(ACCEPT, {"r": request_id}, stranger.token)) == "NOT_FOUND"
    hidden = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": request_id}, stranger.token
    )
    assert hidden["node"] is None
    accepted = (await api.ok(ACCEPT, {"r": request_id}, mentor.token))["acceptRequest"]
    assert accepted["status"] == "ACCEPTED" and accepted["relationshipId"]
    again = await api.error(ACCEPT, {"r": request_id}, mentor.token)
    assert code_of(again) == "CONFLICT"
    listing = await api.ok(
        """query($p: ID!) { mentorDirectory(programmeId: $p, first: 5) {
             edges { node { capacity remainingCapacity } } } }""",
        {"p": world.programme_id},
        mentee.token,
    )
    assert listing["mentorDirectory"]["edges"][0]["node"] == {"capacity": 2, "remainingCapacity": 1}
    # now paired: the mentee may see... and may not ask the same mentor twice
    assert (
        code_of(
            await api.error(
                REQUEST, {"p": world.programme_id, "m": mentor.id, "msg": ""}, mentee.token
            )
        )
        == "CONFLICT"
    )


async def test_decline_and_withdraw(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    first, second = await mentee_in(api, world), await mentee_in(api, world)
    one, two = await ask(api, world, first, mentor), await ask(api, world, second, mentor)
    declined = await api.ok(DECLINE, {"r": one, "why": "Jadwal saya penuh"}, mentor.token)
    assert declined["declineRequest"] == {
        "status": "DECLINED",
        "declineReason": "Jadwal saya penuh",
    }
    assert (await api.ok(WITHDRAW, {"r": two}, second.token))["withdrawRequest"]["status"] == (
        "WITHDRAWN"
    )
    assert code_of(await api.error(WITHDRAW, {"r": two}, second.token)) == "CONFLICT"
    sent = (await api.ok(MINE, {"side": "SENT"}, first.token))["myRequests"]
    assert [r["status"] for r in sent] == ["DECLINED"]


async def test_request_rules(api: Api) -> None:
    world = await open_programme(api, openRequestLimit=2)
    mentors = [await approved_mentor(api, world) for _ in range(3)]
    mentee = await mentee_in(api, world)
    self_request = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentee.id, "msg": ""}, mentee.token
    )
    assert (code_of(self_request), self_request["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "mentorId",
    )
    await ask(api, world, mentee, mentors[0])
    duplicate = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentors[0].id, "msg": ""}, mentee.token
    )
    assert code_of(duplicate) == "CONFLICT"
    await ask(api, world, mentee, mentors[1])
    over_limit = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentors[2].id, "msg": ""}, mentee.token
    )
    assert code_of(over_limit) == "CONFLICT" and "at most 2" in over_limit["message"]
    outsider = await api.register()
    not_enrolled = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentors[2].id, "msg": ""}, outsider.token
    )
    assert code_of(not_enrolled) == "FORBIDDEN"
    not_a_mentor = await api.error(
        REQUEST, {"p": world.programme_id, "m": outsider.id, "msg": ""}, mentee.token
    )
    assert code_of(not_a_mentor) == "NOT_FOUND"


async def test_closed_profile_takes_no_requests(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    close = "mutation($o: Boolean!) { setOpenForRequests(open: $o) }"
    assert (await api.ok(close, {"o": False}, mentor.token))["setOpenForRequests"] is False
    refused = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentor.id, "msg": ""}, mentee.token
    )
    assert code_of(refused) == "CONFLICT"
    assert (await api.ok(close, {"o": True}, mentor.token))["setOpenForRequests"] is True
    await ask(api, world, mentee, mentor)


async def test_full_mentor_closes_automatically(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 1})
    first, second = await mentee_in(api, world), await mentee_in(api, world)
    one, two = await ask(api, world, first, mentor), await ask(api, world, second, mentor)
    await api.ok(ACCEPT, {"r": one}, mentor.token)
    full = await api.error(ACCEPT, {"r": two}, mentor.token)
    assert code_of(full) == "CONFLICT"
    profile = await api.ok("{ me { profile { openForRequests } } }", token=mentor.token)
    assert profile["me"]["profile"]["openForRequests"] is False
    reopen = await api.error("mutation { setOpenForRequests(open: true) }", token=mentor.token)
    assert code_of(reopen) == "CONFLICT"


async def test_coordinator_only_programmes_refuse_requests(api: Api) -> None:
    world = await open_programme(api, matchingMode="COORDINATOR")
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    refused = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentor.id, "msg": ""}, mentee.token
    )
    assert (code_of(refused), refused["extensions"]["field"]) == ("CONFLICT", "programmeId")


async def test_fifty_concurrent_accepts_never_exceed_capacity(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 5})
    mentees = await asyncio.gather(*(mentee_in(api, world) for _ in range(50)))
    request_ids = await asyncio.gather(*(ask(api, world, m, mentor) for m in mentees))
    results = await asyncio.gather(*(api.post(ACCEPT, {"r": r}, mentor.token) for r in request_ids))
    accepted = [r for r in results if not r.get("errors")]
    refused = [code_of(r["errors"][0]) for r in results if r.get("errors")]
    assert len(accepted) == 5
    assert refused == ["CONFLICT"] * 45
    received = (await api.ok(MINE, {"side": "RECEIVED"}, mentor.token))["myRequests"]
    assert sum(r["status"] == "ACCEPTED" for r in received) == 5


EVENTS = "subscription { matchEvents { kind requestId programmeId } }"


@pytest.mark.parametrize("decision", ["accept", "decline"])
async def test_both_sides_hear_about_it_live(api: Api, decision: str) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    async with (
        subscribe(api.base_url, mentor.token, EVENTS) as mentor_events,
        subscribe(api.base_url, mentee.token, EVENTS) as mentee_events,
    ):
        request_id = await ask(api, world, mentee, mentor)
        assert await mentor_events.next() == {
            "matchEvents": {
                "kind": "REQUEST_RECEIVED",
                "requestId": request_id,
                "programmeId": world.programme_id,
            }
        }
        if decision == "accept":
            await api.ok(ACCEPT, {"r": request_id}, mentor.token)
            expected = "REQUEST_ACCEPTED"
        else:
            await api.ok(DECLINE, {"r": request_id, "why": ""}, mentor.token)
            expected = "REQUEST_DECLINED"
        assert (await mentee_events.next())["matchEvents"]["kind"] == expected


async def test_requests_expire(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    request_id = await ask(api, world, mentee, mentor)
    # time travel: the request's deadline passes (the server shares this process's database)
    await MentorRequest.filter(id=int(relay.GlobalID.from_id(request_id).node_id)).update(
        expires_at=datetime.now(UTC) - timedelta(minutes=1)
    )
    expired = await api.error(ACCEPT, {"r": request_id}, mentor.token)
    assert code_of(expired) == "CONFLICT" and "expired" in expired["message"]
    sent = (await api.ok(MINE, {"side": "SENT"}, mentee.token))["myRequests"]
    assert [r["status"] for r in sent] == ["EXPIRED"]
    await ask(api, world, mentee, mentor)  # an expired request no longer blocks a new one


async def test_no_requests_once_the_programme_is_closed(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    advance = (
        "mutation($id: ID!, $to: ProgrammeStatus!) { advanceProgramme(id: $id, to: $to) "
        "{ status } }"
    )
    for status in ("RUNNING", "CLOSED"):
        await api.ok(advance, {"id": world.programme_id, "to": status}, world.coordinator.token)
    refused = await api.error(
        REQUEST, {"p": world.programme_id, "m": mentor.id, "msg": ""}, mentee.token
    )
    assert (code_of(refused), refused["extensions"]["field"]) == ("CONFLICT", "programmeId")


async def test_updating_profile_keeps_requests_working(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    await api.ok(UPDATE_PROFILE, {"p": {"bio": "baru"}}, mentor.token)
    mentee = await mentee_in(api, world)
    assert await ask(api, world, mentee, mentor)


async def test_a_mentor_sees_their_mentees_profile(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await mentee_in(api, world)
    await api.ok(
        UPDATE_PROFILE,
        {"p": {"goals": "Belajar storytelling", "contactPhone": "+62 811"}},
        mentee.token,
    )
    query = "query($u: ID!) { profile(userId: $u) { goals contactPhone } }"
    assert code_of(await api.error(query, {"u": mentee.id}, mentor.token)) == "NOT_FOUND"
    await api.ok(ACCEPT, {"r": await ask(api, world, mentee, mentor)}, mentor.token)
    seen = (await api.ok(query, {"u": mentee.id}, mentor.token))["profile"]
    assert seen == {"goals": "Belajar storytelling", "contactPhone": None}


SUPERSEDED_EVENTS = "subscription { matchEvents { kind requestId } }"


async def test_one_mentor_per_mentee_closes_the_other_requests(api: Api) -> None:
    world = await open_programme(api)
    chosen, *others = [await approved_mentor(api, world, {"capacity": 3}) for _ in range(3)]
    mentee = await mentee_in(api, world)
    first = await ask(api, world, mentee, chosen)
    later = [await ask(api, world, mentee, m) for m in others]
    async with subscribe(api.base_url, others[0].token, SUPERSEDED_EVENTS) as told:
        await api.ok(ACCEPT, {"r": first}, chosen.token)
        assert await told.next() == {
            "matchEvents": {"kind": "REQUEST_SUPERSEDED", "requestId": later[0]}
        }
    sent = (await api.ok(MINE, {"side": "SENT"}, mentee.token))["myRequests"]
    assert sorted(r["status"] for r in sent) == ["ACCEPTED", "SUPERSEDED", "SUPERSEDED"]
    received = (await api.ok(MINE, {"side": "RECEIVED"}, others[1].token))["myRequests"]
    assert [r["status"] for r in received] == ["SUPERSEDED"]
    refused = await api.error(ACCEPT, {"r": later[1]}, others[1].token)
    assert code_of(refused) == "CONFLICT" and "superseded" in refused["message"]
    # the mentee may not ask anyone else while they have their one mentor
    fourth = await approved_mentor(api, world)
    asked = await api.error(
        REQUEST, {"p": world.programme_id, "m": fourth.id, "msg": ""}, mentee.token
    )
    assert (code_of(asked), asked["extensions"]["field"]) == ("CONFLICT", "programmeId")


async def test_a_programme_may_allow_two_mentors(api: Api) -> None:
    world = await open_programme(api, mentorsPerMentee=2)
    mentors = [await approved_mentor(api, world) for _ in range(3)]
    mentee = await mentee_in(api, world)
    asked = [await ask(api, world, mentee, m) for m in mentors]
    for request_id, mentor in zip(asked[:2], mentors[:2], strict=True):
        await api.ok(ACCEPT, {"r": request_id}, mentor.token)
    sent = (await api.ok(MINE, {"side": "SENT"}, mentee.token))["myRequests"]
    assert sorted(r["status"] for r in sent) == ["ACCEPTED", "ACCEPTED", "SUPERSEDED"]
    third = await api.error(ACCEPT, {"r": asked[2]}, mentors[2].token)
    assert code_of(third) == "CONFLICT"


async def test_five_mentors_accepting_one_mentee_at_once_make_one_relationship(
    api: Api,
) -> None:
    world = await open_programme(api, openRequestLimit=5)
    mentors = await asyncio.gather(*(approved_mentor(api, world) for _ in range(5)))
    mentee = await mentee_in(api, world)
    asked = [await ask(api, world, mentee, m) for m in mentors]
    results = await asyncio.gather(
        *(api.post(ACCEPT, {"r": r}, m.token) for r, m in zip(asked, mentors, strict=True))
    )
    accepted = [r for r in results if not r.get("errors")]
    refused = [code_of(r["errors"][0]) for r in results if r.get("errors")]
    assert len(accepted) == 1 and refused == ["CONFLICT"] * 4
    mine = await api.ok("{ myRelationships { id status } }", token=mentee.token)
    assert len(mine["myRelationships"]) == 1
    sent = (await api.ok(MINE, {"side": "SENT"}, mentee.token))["myRequests"]
    assert sorted(r["status"] for r in sent) == ["ACCEPTED"] + ["SUPERSEDED"] * 4
