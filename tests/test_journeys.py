"""The mentee journey, skill self-assessments, and safeguarding reports."""

from __future__ import annotations

from tests.support import Api, code_of
from tests.test_goals import started
from tests.test_health import programme_of

STAGE = """query($p: ID!) { programme(id: $p) { myEnrolment { id journeyStage } } }"""


async def test_the_journey_follows_the_relationship(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    enrolment = (await api.ok(STAGE, {"p": programme}, mentee.token))["programme"]["myEnrolment"]
    assert enrolment["journeyStage"] == "ACTIVE_MENTORSHIP"
    move = "mutation($e: ID!, $s: JourneyStage!) { moveJourney(enrolmentId: $e, stage: $s) }"
    back = await api.error(move, {"e": enrolment["id"], "s": "MATCHING"}, coordinator.token)
    assert code_of(back) == "CONFLICT"
    self_eval = await api.error(move, {"e": enrolment["id"], "s": "EVALUATION"}, mentee.token)
    assert code_of(self_eval) == "FORBIDDEN"
    assert (
        code_of(await api.error(move, {"e": enrolment["id"], "s": "EVALUATION"}, mentor.token))
        == "NOT_FOUND"
    )
    assert (await api.ok(move, {"e": enrolment["id"], "s": "SKILL_APPLICATION"}, mentee.token))[
        "moveJourney"
    ] == "SKILL_APPLICATION"
    await api.ok(
        "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }",
        {"r": relationship},
        mentor.token,
    )
    after = (await api.ok(STAGE, {"p": programme}, mentee.token))["programme"]["myEnrolment"]
    assert after["journeyStage"] == "EVALUATION"


async def test_skill_growth(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    assess = """mutation($p: ID!, $ph: AssessmentPhase!, $l: [SkillLevelInput!]!) {
      assessSkills(programmeId: $p, phase: $ph, levels: $l) { skill start midpoint end gain } }"""
    await api.ok(
        assess,
        {"p": programme, "ph": "START", "l": [{"skill": "Storytelling", "level": 2}]},
        mentee.token,
    )
    grown = (
        await api.ok(
            assess,
            {"p": programme, "ph": "END", "l": [{"skill": "storytelling", "level": 4}]},
            mentee.token,
        )
    )["assessSkills"]
    assert grown == [{"skill": "storytelling", "start": 2, "midpoint": None, "end": 4, "gain": 2}]
    bad = await api.error(
        assess, {"p": programme, "ph": "MIDPOINT", "l": [{"skill": "x", "level": 0}]}, mentee.token
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "levels.0.level")
    assert (
        code_of(
            await api.error(
                assess,
                {"p": programme, "ph": "START", "l": [{"skill": "x", "level": 3}]},
                mentor.token,
            )
        )
        == "FORBIDDEN"
    )
    query = "query($p: ID!, $u: ID) { skillGrowth(programmeId: $p, userId: $u) { gain } }"
    seen = await api.ok(query, {"p": programme, "u": mentee.id}, coordinator.token)
    assert seen["skillGrowth"] == [{"gain": 2}]
    assert (
        code_of(await api.error(query, {"p": programme, "u": mentee.id}, mentor.token))
        == "NOT_FOUND"
    )


async def test_concerns_reach_only_the_coordinators(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    report = """mutation($r: ID!, $t: String!) {
      reportConcern(relationshipId: $r, text: $t) { id status } }"""
    made = (
        await api.ok(report, {"r": relationship, "t": "Mentor meminta nomor pribadi"}, mentee.token)
    )["reportConcern"]
    assert made["status"] == "OPEN"
    listing = "query($p: ID!) { concernReports(programmeId: $p) { id text status } }"
    assert (await api.ok(listing, {"p": programme}, mentor.token))["concernReports"] == []
    assert len((await api.ok(listing, {"p": programme}, mentee.token))["concernReports"]) == 1
    seen = (await api.ok(listing, {"p": programme}, coordinator.token))["concernReports"]
    assert [r["text"] for r in seen] == ["Mentor meminta nomor pribadi"]
    # the coordinator pauses the relationship at once, then records the outcome
    await api.ok(
        "mutation($r: ID!) { pauseRelationship(relationshipId: $r) { status } }",
        {"r": relationship},
        coordinator.token,
    )
    resolve = """mutation($id: ID!, $how: String!) { resolveConcern(reportId: $id,
      resolution: $how) { status resolution } }"""
    assert (
        code_of(await api.error(resolve, {"id": made["id"], "how": "x"}, mentor.token))
        == "NOT_FOUND"
    )
    done = await api.ok(resolve, {"id": made["id"], "how": "Dipasangkan ulang"}, coordinator.token)
    assert done["resolveConcern"] == {"status": "RESOLVED", "resolution": "Dipasangkan ulang"}
