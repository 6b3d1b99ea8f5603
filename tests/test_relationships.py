"""The relationship lifecycle and resumable progress updates, from every seat."""

from __future__ import annotations

import asyncio
import json

import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport

from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    approved_mentor,
    code_of,
    open_programme,
    pair_up,
)

ACK = """mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { status
  acknowledgedBy { id } guidelines } }"""
MINE = "{ myRelationships { id status mentor { id } members { id } } }"


async def paired(api: Api) -> tuple[ProgrammeWorld, Person, Person, str]:
    world = await open_programme(api)
    return (world, *await pair_up(api, world))


async def test_guidelines_then_active(api: Api) -> None:
    world, mentor, mentee, relationship = await paired(api)
    mine = (await api.ok(MINE, token=mentee.token))["myRelationships"]
    assert mine == [
        {
            "id": relationship,
            "status": "PROPOSED",
            "mentor": {"id": mentor.id},
            "members": [{"id": mentee.id}],
        }
    ]
    first = (await api.ok(ACK, {"r": relationship}, mentee.token))["acknowledgeGuidelines"]
    assert first["status"] == "PROPOSED" and "kerahasiaan" in first["guidelines"]
    second = (await api.ok(ACK, {"r": relationship}, mentor.token))["acknowledgeGuidelines"]
    assert second["status"] == "ACTIVE"
    assert {u["id"] for u in second["acknowledgedBy"]} == {mentor.id, mentee.id}
    outsider = await api.register()
    assert code_of(await api.error(ACK, {"r": relationship}, outsider.token)) == "NOT_FOUND"
    coordinator = await api.error(ACK, {"r": relationship}, world.coordinator.token)
    assert code_of(coordinator) == "FORBIDDEN"


async def test_lifecycle_transitions(api: Api) -> None:
    world, mentor, mentee, relationship = await paired(api)
    change = """mutation($r: ID!) { pauseRelationship(relationshipId: $r) { status } }"""
    premature = await api.error(change, {"r": relationship}, mentee.token)
    assert code_of(premature) == "CONFLICT"  # proposed relationships cannot pause
    for person in (mentor, mentee):
        await api.ok(ACK, {"r": relationship}, person.token)
    assert (await api.ok(change, {"r": relationship}, mentee.token))["pauseRelationship"][
        "status"
    ] == "PAUSED"
    resume = "mutation($r: ID!) { resumeRelationship(relationshipId: $r) { status } }"
    assert (await api.ok(resume, {"r": relationship}, mentor.token))["resumeRelationship"][
        "status"
    ] == "ACTIVE"
    cancel = """mutation($r: ID!, $why: String!) {
      cancelRelationship(relationshipId: $r, reason: $why) { status endReason } }"""
    no_reason = await api.error(cancel, {"r": relationship, "why": " "}, mentee.token)
    assert (code_of(no_reason), no_reason["extensions"]["field"]) == ("BAD_USER_INPUT", "reason")
    outsider = await api.register()
    assert (
        code_of(await api.error(cancel, {"r": relationship, "why": "x"}, outsider.token))
        == "NOT_FOUND"
    )
    # a coordinator may pause any relationship at once (safeguarding)
    await api.ok(change, {"r": relationship}, world.coordinator.token)
    cancelled = await api.ok(cancel, {"r": relationship, "why": "Jadwal tidak cocok"}, mentee.token)
    assert cancelled["cancelRelationship"] == {
        "status": "CANCELLED",
        "endReason": "Jadwal tidak cocok",
    }
    complete = "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }"
    assert code_of(await api.error(complete, {"r": relationship}, mentor.token)) == "CONFLICT"
    assert (await api.ok(MINE, token=mentee.token))["myRelationships"] == []


PROGRESS = """query($p: ID!, $after: Int!) { progressEvents(programmeId: $p, after: $after) {
  lastSeq hasMore events { seq kind relationshipId payload } } }"""


async def test_progress_events_are_scoped_and_ordered(api: Api) -> None:
    world, mentor, mentee, relationship = await paired(api)
    for person in (mentee, mentor):
        await api.ok(ACK, {"r": relationship}, person.token)
    page = (await api.ok(PROGRESS, {"p": world.programme_id, "after": 0}, world.coordinator.token))[
        "progressEvents"
    ]
    kinds = [e["kind"] for e in page["events"]]
    assert kinds == [
        "relationship.proposed",
        "journey.stage_changed",  # the mentee is matched
        "guidelines.acknowledged",
        "journey.stage_changed",  # ... and oriented
        "guidelines.acknowledged",
        "relationship.started",
        "journey.stage_changed",
    ]
    stages = [json.loads(e["payload"]).get("stage") for e in page["events"]]
    assert [s for s in stages if s] == ["matching", "orientation", "active_mentorship"]
    assert [e["seq"] for e in page["events"]] == list(range(1, 8)) and page["lastSeq"] == 7
    assert json.loads(page["events"][0]["payload"])["origin"] == "request"
    # the mentee sees their own events; another pair's are invisible to them
    await pair_up(api, world)
    theirs = (await api.ok(PROGRESS, {"p": world.programme_id, "after": 0}, mentee.token))[
        "progressEvents"
    ]
    assert {e["relationshipId"] for e in theirs["events"]} == {relationship, None}
    assert len(theirs["events"]) == 7
    outsider = await api.register()
    assert (
        code_of(await api.error(PROGRESS, {"p": world.programme_id, "after": 0}, outsider.token))
        == "FORBIDDEN"
    )
    later = (
        await api.ok(PROGRESS, {"p": world.programme_id, "after": 6}, world.coordinator.token)
    )["progressEvents"]
    assert [e["seq"] for e in later["events"]] == [7, 8, 9]  # the second pair's two events


async def test_progress_tokens_need_the_scope(api: Api) -> None:
    world, *_ = await paired(api)
    make = 'mutation($s: [Scope!]!) { createApiToken(input: {name: "t", scopes: $s}) { token } }'
    read_only = (await api.ok(make, {"s": ["READ"]}, world.coordinator.token))["createApiToken"][
        "token"
    ]
    progress = (await api.ok(make, {"s": ["PROGRESS_READ"]}, world.coordinator.token))[
        "createApiToken"
    ]["token"]
    assert (
        code_of(await api.error(PROGRESS, {"p": world.programme_id, "after": 0}, read_only))
        == "FORBIDDEN"
    )
    page = await api.ok(PROGRESS, {"p": world.programme_id, "after": 0}, progress)
    assert page["progressEvents"]["events"]


UPDATES = gql("""subscription($p: ID!, $after: Int!) { progressUpdates(programmeId: $p,
  after: $after) { seq kind } }""")


def updates(programme: str, after: int) -> GraphQLRequest:
    return GraphQLRequest(UPDATES, variable_values={"p": programme, "after": after})


def transport(server: str, token: str) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=server.replace("http://", "ws://") + "/graphql",
        init_payload={"authorization": f"Bearer {token}"},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


@pytest.mark.parametrize("gap", [0, 3])
async def test_resubscribing_with_the_last_cursor_misses_nothing(api: Api, gap: int) -> None:
    """Subscribe, disconnect, let events happen, resubscribe with the last seq: exact order."""
    world = await open_programme(api)
    token = world.coordinator.token
    mentor = await approved_mentor(api, world, {"capacity": 10})

    async def new_pair() -> None:
        await pair_up(api, world, mentor)

    await new_pair()  # event 1
    seen: list[int] = []
    async with Client(transport=transport(api.base_url, token)) as session:
        stream = session.subscribe(updates(world.programme_id, after=0))
        first = await anext(stream)
        seen.append(first["progressUpdates"]["seq"])
        await new_pair()  # event 2 arrives live
        seen.append((await anext(stream))["progressUpdates"]["seq"])
        await stream.aclose()
    for _ in range(gap):  # events while nobody listens
        await new_pair()
    async with Client(transport=transport(api.base_url, token)) as session:
        stream = session.subscribe(updates(world.programme_id, after=seen[-1]))
        for _ in range(gap):
            seen.append((await anext(stream))["progressUpdates"]["seq"])
        await new_pair()  # and live again after the catch-up
        seen.append((await anext(stream))["progressUpdates"]["seq"])
        await stream.aclose()
    assert seen == list(range(1, gap + 4))


async def test_the_documented_example_follows_progress(api: Api, tmp_path) -> None:
    """examples/follow_progress.py, run as a third-party tool would run it."""
    import asyncio
    import os
    import sys
    from pathlib import Path

    world, *_ = await paired(api)
    token = (
        await api.ok(
            'mutation { createApiToken(input: {name: "dash", scopes: [PROGRESS_READ]}) { token } }',
            token=world.coordinator.token,
        )
    )["createApiToken"]["token"]
    state = tmp_path / "cursor"
    script = Path(__file__).parent.parent / "examples" / "follow_progress.py"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        "--programme",
        world.programme_id,
        "--state",
        str(state),
        "--max-events",
        "1",
        env={**os.environ, "RAJUT_URL": api.base_url, "RAJUT_TOKEN": token},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode()
    assert "relationship.proposed" in output.decode()
    assert state.read_text() == "1"


async def group_of_three(api: Api, moderator_mode: str) -> tuple[ProgrammeWorld, list[Person], str]:
    world = await open_programme(api, moderatorMode=moderator_mode)
    mentor = await approved_mentor(api, world, {"capacity": 3})
    mentees = []
    relationship = ""
    for _ in range(2):
        _, mentee, relationship = await pair_up(api, world, mentor)
        mentees.append(mentee)
    return world, [mentor, *mentees], relationship


MODERATOR = (
    "query($r: ID!) { node(id: $r) { ... on Relationship { mentoringModel moderator { id } } } }"
)


async def test_elected_moderators(api: Api) -> None:
    world, (mentor, first, second), relationship = await group_of_three(api, "ELECTED")
    group = (await api.ok(MODERATOR, {"r": relationship}, first.token))["node"]
    assert group == {"mentoringModel": "GROUP", "moderator": None}
    vote = """mutation($r: ID!, $u: ID!) {
      voteModerator(relationshipId: $r, userId: $u) { moderator { id } } }"""
    await api.ok(vote, {"r": relationship, "u": second.id}, first.token)
    result = await api.ok(vote, {"r": relationship, "u": second.id}, mentor.token)
    assert result["voteModerator"]["moderator"]["id"] == second.id
    outsider = await api.register()
    assert (
        code_of(await api.error(vote, {"r": relationship, "u": outsider.id}, first.token))
        == "BAD_USER_INPUT"
    )
    appoint = (
        "mutation($r: ID!, $u: ID!) { appointModerator(relationshipId: $r, userId: $u) { id } }"
    )
    refused = await api.error(appoint, {"r": relationship, "u": first.id}, world.coordinator.token)
    assert code_of(refused) == "CONFLICT"  # this programme elects


async def test_appointed_moderators(api: Api) -> None:
    world, (mentor, first, _), relationship = await group_of_three(api, "APPOINTED")
    appoint = """mutation($r: ID!, $u: ID!) {
      appointModerator(relationshipId: $r, userId: $u) { moderator { id } } }"""
    assert (
        code_of(await api.error(appoint, {"r": relationship, "u": first.id}, mentor.token))
        == "FORBIDDEN"
    )
    done = await api.ok(appoint, {"r": relationship, "u": first.id}, world.coordinator.token)
    assert done["appointModerator"]["moderator"]["id"] == first.id


REMOVE = """mutation($r: ID!, $u: ID!) { removeFromRelationship(relationshipId: $r, userId: $u,
  reason: "pindah sekolah") { status moderator { id } } }"""
ASSESS = """mutation($p: ID!) { assessSkills(programmeId: $p, phase: START,
  levels: [{skill: "menulis", level: 3}]) { skill } }"""


async def test_leaving_a_group_takes_its_place_its_office_and_its_news(api: Api) -> None:
    """The last holdout leaving starts the group; a removed moderator stops moderating; the
    removed person hears no more of the group's progress, the others do."""
    world, (mentor, staying, leaving), relationship = await group_of_three(api, "APPOINTED")
    await acknowledge(api, relationship, mentor, staying)
    appoint = """mutation($r: ID!, $u: ID!) {
      appointModerator(relationshipId: $r, userId: $u) { moderator { id } } }"""
    await api.ok(appoint, {"r": relationship, "u": leaving.id}, world.coordinator.token)
    async with (
        Client(transport=transport(api.base_url, leaving.token)) as gone,
        Client(transport=transport(api.base_url, staying.token)) as kept,
    ):
        coordinator = world.coordinator.token
        stored = await api.ok(PROGRESS, {"p": world.programme_id, "after": 0}, coordinator)
        after = stored["progressEvents"]["events"][-1]["seq"]
        gone_stream = gone.subscribe(updates(world.programme_id, after=after))
        kept_stream = kept.subscribe(updates(world.programme_id, after=after))
        gone_next = asyncio.ensure_future(anext(gone_stream))
        kept_next = asyncio.ensure_future(anext(kept_stream))
        await asyncio.sleep(0.3)  # let both subscriptions reach the broker

        left = await api.ok(REMOVE, {"r": relationship, "u": leaving.id}, world.coordinator.token)
        assert left["removeFromRelationship"] == {"status": "ACTIVE", "moderator": None}
        kinds = [(await kept_next)["progressUpdates"]["kind"]]
        while kinds[-1] != "relationship.started":
            kinds.append((await anext(kept_stream))["progressUpdates"]["kind"])
        assert kinds[0] == "relationship.member_removed"  # then the start, and journeys

        await api.ok(ASSESS, {"p": world.programme_id}, leaving.token)
        # the first thing the removed member hears is their own assessment, not the group's
        assert (await gone_next)["progressUpdates"]["kind"] == "skill.assessed"
    refused = await api.error(
        appoint, {"r": relationship, "u": leaving.id}, world.coordinator.token
    )
    assert (code_of(refused), refused["extensions"]["field"]) == ("BAD_USER_INPUT", "userId")
