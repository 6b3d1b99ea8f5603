"""Coordinator matching: propose, review, edit, explain, approve; suggestions for members."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import (
    UPDATE_PROFILE,
    Api,
    Person,
    ProgrammeWorld,
    approved_mentor,
    code_of,
    open_programme,
    subscribe,
)
from tests.support import enrol as join

EVENINGS = [{"weekday": d, "start": "19:00", "end": "22:00"} for d in range(5)]
RUN_FIELDS = """id status mode
  pairs { mentor { id } mentee { id } score source components { name value } }
  unmatched { mentee { id } reason }
  metrics { matched unmatched totalScore meanScore p10Score minScore blockingPairs
            rankProfile { rank count } mentorLoad { idleMentors fullMentors }
            skillGaps { skill demand supply gap } }
  audit { action actor { id } metricsBefore { totalScore } metricsAfter { totalScore } }"""
RUN = f"""mutation($p: ID!, $mode: MatchMode!) {{
  runMatching(programmeId: $p, mode: $mode) {{ {RUN_FIELDS} }} }}"""
EDIT = f"""mutation($r: ID!, $e: MatchEditsInput!) {{
  editMatchRun(runId: $r, edits: $e) {{ {RUN_FIELDS} }} }}"""
APPROVE = "mutation($r: ID!) { approveMatchRun(runId: $r) { id status decidedAt } }"
WHY = """query($r: ID!, $e: ID!, $m: ID!) { whyNotMatched(runId: $r, menteeId: $e, mentorId: $m) {
  reason message pairScore blockedBy deltaTotal currentMentor { id } } }"""


async def mentee(api: Api, world: ProgrammeWorld, skill: str, languages: list[str]) -> Person:
    person = await api.register()
    await join(api, person, world, asMentee=True)
    await api.ok(
        UPDATE_PROFILE,
        {
            "p": {
                "languages": languages,
                "availability": EVENINGS,
                "birthYear": 1998,
                "goals": f"Belajar {skill} untuk kampanye komunitas",
                "learningNeeds": [
                    {"skill": skill, "targetLevel": 4, "priority": 3, "focusArea": skill}
                ],
            }
        },
        person.token,
    )
    return person


@pytest.fixture
async def cohort(api: Api) -> AsyncIterator[dict]:
    world = await open_programme(api)
    areas = ["digital-storytelling", "financial-management", "campaign-creation"]
    mentors = []
    for i, area in enumerate(areas):
        mentors.append(
            await approved_mentor(
                api,
                world,
                {
                    "languages": ["id", "en"],
                    "availability": EVENINGS,
                    "capacity": 2,
                    "goals": f"Berbagi {area}",
                    "expertise": [{"skill": area, "level": 5, "focusArea": area}],
                },
                name=f"Mentor {i}",
            )
        )
    mentees = [await mentee(api, world, areas[i % 3], ["id"]) for i in range(5)]
    loner = await mentee(api, world, "campaign-creation", ["su"])  # no shared language
    yield {"world": world, "mentors": mentors, "mentees": mentees, "loner": loner}


async def run(api: Api, cohort: dict, mode: str = "OPTIMAL") -> dict:
    data = await api.ok(
        RUN, {"p": cohort["world"].programme_id, "mode": mode}, cohort["world"].coordinator.token
    )
    return data["runMatching"]


async def test_a_run_proposes_and_explains_without_matching_anyone(api: Api, cohort: dict) -> None:
    proposal = await run(api, cohort)
    assert proposal["status"] == "PROPOSED"
    assert proposal["metrics"]["matched"] == 5 and len(proposal["pairs"]) == 5
    by_mentee = {p["mentee"]["id"]: p["mentor"]["id"] for p in proposal["pairs"]}
    mentors = [m.id for m in cohort["mentors"]]
    # each mentee goes to the mentor of their focus area (capacity 2 each)
    assert [by_mentee[m.id] for m in cohort["mentees"]] == [mentors[i % 3] for i in range(5)]
    assert proposal["unmatched"] == [
        {"mentee": {"id": cohort["loner"].id}, "reason": "NO_COMPATIBLE_MENTOR".lower()}
    ]
    names = {c["name"] for c in proposal["pairs"][0]["components"]}
    assert {"skills", "language", "availability", "goals"} <= names
    assert [a["action"] for a in proposal["audit"]] == ["run"]
    why = (
        await api.ok(
            WHY,
            {"r": proposal["id"], "e": cohort["loner"].id, "m": mentors[0]},
            cohort["world"].coordinator.token,
        )
    )["whyNotMatched"]
    assert why["reason"] == "blocked" and why["blockedBy"]
    # nothing is live yet: a second run proposes the same mentees again
    assert (await run(api, cohort))["metrics"]["matched"] == 5


async def test_only_coordinators_run_and_see_runs(api: Api, cohort: dict) -> None:
    member = cohort["mentees"][0]
    refused = await api.error(
        RUN, {"p": cohort["world"].programme_id, "mode": "OPTIMAL"}, member.token
    )
    assert code_of(refused) == "FORBIDDEN"
    proposal = await run(api, cohort)
    for query, variables in (
        (APPROVE, {"r": proposal["id"]}),
        (EDIT, {"r": proposal["id"], "e": {"removeMentees": [member.id]}}),
        (WHY, {"r": proposal["id"], "e": member.id, "m": cohort["mentors"][0].id}),
    ):
        assert code_of(await api.error(query, variables, member.token)) == "NOT_FOUND"
    hidden = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": proposal["id"]}, member.token
    )
    assert hidden["node"] is None


async def test_edits_re_solve_and_are_audited(api: Api, cohort: dict) -> None:
    proposal = await run(api, cohort)
    coordinator = cohort["world"].coordinator.token
    m0, m1, _ = (m.id for m in cohort["mentors"])
    first = cohort["mentees"][0].id  # storytelling, proposed with mentor 0
    edited = (
        await api.ok(
            EDIT,
            {
                "r": proposal["id"],
                "e": {
                    "pins": [{"mentorId": m1, "menteeId": first}],
                    "removeMentees": [cohort["mentees"][4].id],
                },
            },
            coordinator,
        )
    )["editMatchRun"]
    pairs = {p["mentee"]["id"]: (p["mentor"]["id"], p["source"]) for p in edited["pairs"]}
    assert pairs[first] == (m1, "pin")
    assert cohort["mentees"][4].id not in pairs
    assert edited["metrics"]["totalScore"] < proposal["metrics"]["totalScore"]
    audit = edited["audit"]
    assert [a["action"] for a in audit] == ["run", "edit"]
    assert audit[1]["metricsBefore"]["totalScore"] == proposal["metrics"]["totalScore"]
    assert audit[1]["metricsAfter"]["totalScore"] == edited["metrics"]["totalScore"]
    banned = (
        await api.ok(
            EDIT,
            {
                "r": proposal["id"],
                "e": {
                    "unpins": [{"mentorId": m1, "menteeId": first}],
                    "bans": [{"mentorId": m0, "menteeId": first}],
                },
            },
            coordinator,
        )
    )["editMatchRun"]
    assert all(
        not (p["mentor"]["id"] == m0 and p["mentee"]["id"] == first) for p in banned["pairs"]
    )
    why = await api.ok(WHY, {"r": proposal["id"], "e": first, "m": m0}, coordinator)
    assert why["whyNotMatched"]["reason"] == "banned"
    bad = await api.error(
        EDIT,
        {"r": proposal["id"], "e": {"pins": [{"mentorId": m0, "menteeId": cohort["loner"].id}]}},
        coordinator,
    )
    assert code_of(bad) == "CONFLICT"  # a pin that breaks a hard rule
    stranger = await api.register()
    outside = await api.error(
        EDIT, {"r": proposal["id"], "e": {"removeMentees": [stranger.id]}}, coordinator
    )
    assert code_of(outside) == "BAD_USER_INPUT"


async def test_approval_creates_relationships_once(api: Api, cohort: dict) -> None:
    proposal = await run(api, cohort)
    coordinator = cohort["world"].coordinator.token
    asked = datetime.now(UTC)
    approved = (await api.ok(APPROVE, {"r": proposal["id"]}, coordinator))["approveMatchRun"]
    assert approved["status"] == "APPROVED"
    # the answer carries the decision's time, the one stored (not null until re-read)
    decided = datetime.fromisoformat(approved["decidedAt"])
    assert asked - timedelta(seconds=1) <= decided <= datetime.now(UTC)
    stored = await api.ok(
        "query($id: ID!) { node(id: $id) { ... on MatchRun { decidedAt } } }",
        {"id": proposal["id"]},
        coordinator,
    )
    assert stored["node"]["decidedAt"] == approved["decidedAt"]
    assert code_of(await api.error(APPROVE, {"r": proposal["id"]}, coordinator)) == "CONFLICT"
    # the mentor now sees their mentee's profile; the next run has only the loner left
    pair = proposal["pairs"][0]
    mentor = next(m for m in cohort["mentors"] if m.id == pair["mentor"]["id"])
    seen = await api.ok(
        "query($u: ID!) { profile(userId: $u) { goals } }",
        {"u": pair["mentee"]["id"]},
        mentor.token,
    )
    assert seen["profile"]["goals"].startswith("Belajar")
    after = await run(api, cohort)
    assert after["metrics"]["matched"] == 0
    assert [u["mentee"]["id"] for u in after["unmatched"]] == [cohort["loner"].id]


async def test_approval_is_all_or_nothing(api: Api, cohort: dict) -> None:
    proposal = await run(api, cohort)
    busiest = max(
        cohort["mentors"], key=lambda m: sum(p["mentor"]["id"] == m.id for p in proposal["pairs"])
    )
    await api.ok(UPDATE_PROFILE, {"p": {"capacity": 1}}, busiest.token)  # no room for two now
    refused = await api.error(APPROVE, {"r": proposal["id"]}, cohort["world"].coordinator.token)
    assert code_of(refused) == "CONFLICT"
    again = await run(api, cohort)
    # nothing from the failed approval went live: all six mentees are still to be matched
    assert again["metrics"]["matched"] + again["metrics"]["unmatched"] == 6


async def test_modes_and_exclusions(api: Api, cohort: dict) -> None:
    stable = await run(api, cohort, "STABLE")
    assert stable["mode"] == "STABLE" and stable["metrics"]["blockingPairs"] == 0
    fair = await run(api, cohort, "FAIR")
    assert fair["metrics"]["matched"] == 5
    first = cohort["mentees"][0]
    mentor = cohort["mentors"][0]
    exclude = (
        "mutation($p: ID!, $m: ID!, $e: ID!) { excludePair(programmeId: $p, mentorId: $m, "
        "menteeId: $e) }"
    )
    other = cohort["mentees"][1]
    refused = await api.error(
        exclude, {"p": cohort["world"].programme_id, "m": mentor.id, "e": first.id}, other.token
    )
    assert code_of(refused) == "FORBIDDEN"
    await api.ok(
        exclude, {"p": cohort["world"].programme_id, "m": mentor.id, "e": first.id}, first.token
    )
    after = await run(api, cohort)
    assert all(
        not (p["mentor"]["id"] == mentor.id and p["mentee"]["id"] == first.id)
        for p in after["pairs"]
    )


async def test_suggestions_with_reasons(api: Api, cohort: dict) -> None:
    query = """query($p: ID!, $e: ID) { mentorSuggestions(programmeId: $p, menteeId: $e, first: 3) {
      user { id } rank score reasons { component text } concerns { component } } }"""
    me = cohort["mentees"][1]  # financial management
    mine = await api.ok(query, {"p": cohort["world"].programme_id}, me.token)
    suggestions = mine["mentorSuggestions"]
    assert suggestions[0]["user"]["id"] == cohort["mentors"][1].id
    assert suggestions[0]["rank"] == 1 and suggestions[0]["reasons"]
    assert all(a["score"] >= b["score"] for a, b in itertools.pairwise(suggestions))
    other = await api.error(
        query, {"p": cohort["world"].programme_id, "e": cohort["mentees"][0].id}, me.token
    )
    assert code_of(other) == "FORBIDDEN"
    for_coordinator = await api.ok(
        query,
        {"p": cohort["world"].programme_id, "e": cohort["mentees"][0].id},
        cohort["world"].coordinator.token,
    )
    assert for_coordinator["mentorSuggestions"][0]["user"]["id"] == cohort["mentors"][0].id
    mentees_query = """query($p: ID!, $m: ID!) { menteeSuggestions(programmeId: $p,
      mentorId: $m) { user { id } score } }"""
    variables = {"p": cohort["world"].programme_id, "m": cohort["mentors"][2].id}
    assert (
        code_of(await api.error(mentees_query, variables, cohort["mentors"][2].token))
        == "FORBIDDEN"
    )
    best = await api.ok(mentees_query, variables, cohort["world"].coordinator.token)
    assert best["menteeSuggestions"][0]["user"]["id"] == cohort["mentees"][2].id
    assert json.dumps(best)  # serialisable end to end


PEERS = """mutation($p: ID!) { proposePeerPairs(programmeId: $p) { id kind
  groups { members { id } facilitator { id } score } unmatched { mentee { id } reason }
  metrics { matched unmatched } } }"""
CIRCLES = """mutation($p: ID!) { proposeCircles(programmeId: $p) { id kind
  groups { members { id } facilitator { id } focus score } unmatched { mentee { id } reason }
  metrics { matched unmatched } } }"""


async def test_peer_pairs_and_circles(api: Api) -> None:
    world = await open_programme(api, mentoringModels=["PEER", "CIRCLE"], maxGroupSize=3)
    areas = ["digital-storytelling", "financial-management"]
    people = [await mentee(api, world, areas[i % 2], ["id"]) for i in range(7)]
    for i, person in enumerate(people):  # everyone teaches too, as in a learning community
        await api.ok(
            UPDATE_PROFILE,
            {
                "p": {
                    "expertise": [
                        {"skill": areas[(i + 1) % 2], "level": 3, "focusArea": areas[(i + 1) % 2]}
                    ]
                }
            },
            person.token,
        )
    coordinator = world.coordinator.token
    assert code_of(await api.error(PEERS, {"p": world.programme_id}, people[0].token)) == (
        "FORBIDDEN"
    )
    peers = (await api.ok(PEERS, {"p": world.programme_id}, coordinator))["proposePeerPairs"]
    assert peers["kind"] == "PEERS" and len(peers["groups"]) == 3
    paired = [m["id"] for g in peers["groups"] for m in g["members"]]
    assert len(set(paired)) == 6 and len(peers["unmatched"]) == 1
    assert all(g["facilitator"] is None for g in peers["groups"])
    edit = await api.error(
        EDIT, {"r": peers["id"], "e": {"removeMentees": [paired[0]]}}, coordinator
    )
    assert code_of(edit) == "CONFLICT"

    circles = (await api.ok(CIRCLES, {"p": world.programme_id}, coordinator))["proposeCircles"]
    assert circles["kind"] == "CIRCLES"
    sizes = [len(g["members"]) for g in circles["groups"]]
    assert sizes and all(2 <= n <= 3 for n in sizes)
    assert sum(sizes) + len(circles["unmatched"]) == 7
    for group in circles["groups"]:  # appointed moderation: the proposal names a facilitator
        assert group["facilitator"]["id"] in [m["id"] for m in group["members"]]

    await api.ok(APPROVE, {"r": peers["id"]}, coordinator)
    again = await api.error(APPROVE, {"r": circles["id"]}, coordinator)
    assert code_of(again) == "CONFLICT"  # those people were paired meanwhile
    left = await api.error(PEERS, {"p": world.programme_id}, coordinator)
    assert code_of(left) == "CONFLICT"  # one person is left: nobody to pair with


async def test_approval_notifies_the_people_involved(api: Api, cohort: dict) -> None:
    proposal = await run(api, cohort)
    pair = proposal["pairs"][0]
    mentor = next(m for m in cohort["mentors"] if m.id == pair["mentor"]["id"])
    events = "subscription { matchEvents { kind programmeId relationshipId } }"
    async with subscribe(api.base_url, mentor.token, events) as stream:
        await api.ok(APPROVE, {"r": proposal["id"]}, cohort["world"].coordinator.token)
        event = (await stream.next())["matchEvents"]
    assert event["kind"] == "MATCH_APPROVED"
    assert event["programmeId"] == cohort["world"].programme_id
    assert event["relationshipId"]


async def test_attribute_rules_and_weights_shape_the_match(api: Api) -> None:
    """A school group pairs by gender: a required 'same gender' rule is a hard constraint."""
    world = await open_programme(
        api,
        attributeRules=[{"attribute": "gender", "relation": "SAME", "required": True}],
        matchingWeights=[{"component": "skills", "weight": 5}],
    )
    coordinator = world.coordinator.token
    settings = await api.ok(
        """query($id: ID!) { programme(id: $id) { attributeRules { attribute relation required }
             matchingWeights { component weight } } }""",
        {"id": world.programme_id},
        coordinator,
    )
    assert settings["programme"] == {
        "attributeRules": [{"attribute": "gender", "relation": "SAME", "required": True}],
        "matchingWeights": [{"component": "skills", "weight": 5.0}],
    }
    area = "digital-storytelling"
    mentor = await approved_mentor(
        api,
        world,
        {
            "languages": ["id"],
            "availability": EVENINGS,
            "capacity": 2,
            "attributes": [{"name": "gender", "value": "f"}],
            "expertise": [{"skill": area, "level": 5, "focusArea": area}],
        },
    )
    girl, boy = await mentee(api, world, area, ["id"]), await mentee(api, world, area, ["id"])
    await api.ok(
        UPDATE_PROFILE, {"p": {"attributes": [{"name": "gender", "value": "f"}]}}, girl.token
    )
    await api.ok(
        UPDATE_PROFILE, {"p": {"attributes": [{"name": "gender", "value": "m"}]}}, boy.token
    )
    # attributes are private: a mentee cannot read the mentor's, the coordinator can
    query = "query($u: ID!) { profile(userId: $u) { attributes { name value } } }"
    assert (await api.ok(query, {"u": mentor.id}, girl.token))["profile"]["attributes"] is None
    assert (await api.ok(query, {"u": mentor.id}, coordinator))["profile"]["attributes"] == [
        {"name": "gender", "value": "f"}
    ]
    proposal = (await api.ok(RUN, {"p": world.programme_id, "mode": "OPTIMAL"}, coordinator))[
        "runMatching"
    ]
    assert [p["mentee"]["id"] for p in proposal["pairs"]] == [girl.id]
    assert [u["mentee"]["id"] for u in proposal["unmatched"]] == [boy.id]
    bad = await api.error(
        "mutation($id: ID!) { updateProgramme(id: $id, changes: {matchingWeights: "
        '[{component: "luck", weight: 1}]}) { id } }',
        {"id": world.programme_id},
        coordinator,
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "matchingWeights")


async def test_approval_closes_the_matched_mentees_pending_requests(api: Api, cohort: dict) -> None:
    world, mentors = cohort["world"], cohort["mentors"]
    mentee_ = cohort["mentees"][0]  # the run gives them mentors[0]
    asked = await api.ok(
        'mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m, message: "")'
        " { id } }",
        {"p": world.programme_id, "m": mentors[1].id},
        mentee_.token,
    )
    proposal = await run(api, cohort)
    events = "subscription { matchEvents { kind requestId } }"
    async with subscribe(api.base_url, mentors[1].token, events) as stream:
        await api.ok(APPROVE, {"r": proposal["id"]}, world.coordinator.token)
        kinds = [(await stream.next())["matchEvents"] for _ in range(2)]
    assert {"kind": "REQUEST_SUPERSEDED", "requestId": asked["requestMentor"]["id"]} in kinds
    sent = await api.ok("{ myRequests(side: SENT) { status } }", token=mentee_.token)
    assert sent["myRequests"] == [{"status": "SUPERSEDED"}]


def pairs_of(proposal: dict) -> list[tuple[str, str, float]]:
    return [(p["mentor"]["id"], p["mentee"]["id"], p["score"]) for p in proposal["pairs"]]


async def test_two_runs_at_once_both_answer_alike(api: Api, cohort: dict) -> None:
    """Matching happens in worker processes: runs that arrive together queue there, each
    gets its own proposal, and each is edited and explained on its own."""
    first, second = await asyncio.gather(run(api, cohort), run(api, cohort))
    assert first["id"] != second["id"]
    assert pairs_of(first) == pairs_of(second) and len(first["pairs"]) == 5
    assert first["unmatched"] == second["unmatched"] and first["metrics"] == second["metrics"]
    coordinator = cohort["world"].coordinator.token
    gone = [cohort["mentees"][0].id, cohort["mentees"][1].id]
    edited = await asyncio.gather(
        *(
            api.ok(EDIT, {"r": proposal["id"], "e": {"removeMentees": [mentee]}}, coordinator)
            for proposal, mentee in ((first, gone[0]), (second, gone[1]))
        )
    )
    for answer, mentee in zip(edited, gone, strict=True):
        paired = [p["mentee"]["id"] for p in answer["editMatchRun"]["pairs"]]
        assert len(paired) == 4 and mentee not in paired
    why = await api.ok(
        WHY, {"r": second["id"], "e": gone[1], "m": cohort["mentors"][0].id}, coordinator
    )
    assert why["whyNotMatched"]["reason"] == "removed"


def matching_workers() -> list[int]:
    """The server's matching worker processes: the tests serve the app in this very process,
    and it spawns its workers as children."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            spawned = b"multiprocessing.spawn" in (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and spawned:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


async def test_a_worker_killed_mid_programme_is_replaced_and_runs_still_answer(
    api: Api, cohort: dict
) -> None:
    """A worker that dies (here killed, as the out-of-memory killer would) costs a retry:
    the run still answers, with the same proposal, and edits of a run whose cohort the
    dead worker held are solved again from the database."""
    before = await run(api, cohort)
    workers = matching_workers()
    assert workers, "the server has no matching worker process"
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    for _ in range(600):
        if not any(alive(pid) for pid in workers):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"workers {workers} did not die")

    after = await run(api, cohort)
    assert pairs_of(after) == pairs_of(before) and after["metrics"] == before["metrics"]
    replacements = matching_workers()
    assert replacements and not set(replacements) & set(workers)

    coordinator = cohort["world"].coordinator.token
    for pid in replacements:  # again: the pool learns of it only when the edit is sent
        os.kill(pid, signal.SIGKILL)
    edited = await api.ok(
        EDIT, {"r": before["id"], "e": {"removeMentees": [cohort["mentees"][0].id]}}, coordinator
    )
    paired = [p["mentee"]["id"] for p in edited["editMatchRun"]["pairs"]]
    assert len(paired) == 4 and cohort["mentees"][0].id not in paired
