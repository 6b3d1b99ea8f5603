"""Goals and milestones, weekly journals with streaks, and session feedback."""

from __future__ import annotations

from datetime import date, timedelta

from tests.support import Api, acknowledge, code_of
from tests.test_sessions import SCHEDULE, active_pair, at

GOAL = """mutation($i: GoalInput!) { setGoal(input: $i) { id title status dueOn
  milestones { id title reachedAt } } }"""
PROGRESS = """query($p: ID!) { progressEvents(programmeId: $p, after: 0) {
  events { kind } } }"""


async def started(api: Api):
    mentor, mentee, relationship, coordinator = await active_pair(api)
    await acknowledge(api, relationship, mentor, mentee)
    return mentor, mentee, relationship, coordinator


async def test_goals_and_milestones(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    due = (date.today() + timedelta(days=60)).isoformat()
    goal = (
        await api.ok(
            GOAL,
            {
                "i": {
                    "relationshipId": relationship,
                    "title": "Luncurkan kampanye pertama",
                    "specificOutcome": "Halaman kampanye air bersih terbit",
                    "measurableTarget": "Rp 10 juta dari 100 donatur",
                    "dueOn": due,
                    "milestones": [{"title": "Draf cerita"}, {"title": "Foto lapangan"}],
                }
            },
            mentee.token,
        )
    )["setGoal"]
    assert goal["status"] == "OPEN" and len(goal["milestones"]) == 2
    bad = await api.error(
        GOAL,
        {"i": {"relationshipId": relationship, "title": "x", "dueOn": "2001-01-01"}},
        mentee.token,
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "dueOn")
    outsider = await api.register()
    assert (
        code_of(
            await api.error(
                GOAL, {"i": {"relationshipId": relationship, "title": "x"}}, outsider.token
            )
        )
        == "NOT_FOUND"
    )
    milestone = goal["milestones"][0]["id"]
    reach = "mutation($m: ID!) { reachMilestone(milestoneId: $m) { reachedAt } }"
    assert (await api.ok(reach, {"m": milestone}, mentor.token))["reachMilestone"]["reachedAt"]
    assert code_of(await api.error(reach, {"m": milestone}, mentor.token)) == "CONFLICT"
    done = await api.ok(
        'mutation($g: ID!) { reachGoal(goalId: $g, evidence: "Terkumpul Rp 11 juta") '
        "{ status evidence } }",
        {"g": goal["id"]},
        mentee.token,
    )
    assert done["reachGoal"] == {"status": "REACHED", "evidence": "Terkumpul Rp 11 juta"}
    listed = await api.ok(
        "query($r: ID!) { goals(relationshipId: $r) { title status } }",
        {"r": relationship},
        coordinator.token,
    )
    assert listed["goals"] == [{"title": "Luncurkan kampanye pertama", "status": "REACHED"}]


async def test_journals_are_private_unless_shared(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    submit = """mutation($i: JournalInput!) { submitJournal(input: $i) { weekOf shared } }"""
    empty = await api.error(submit, {"i": {"relationshipId": relationship}}, mentee.token)
    assert code_of(empty) == "BAD_USER_INPUT"
    await api.ok(
        submit,
        {
            "i": {
                "relationshipId": relationship,
                "reflection": "Minggu berat",
                "learned": "Menulis judul",
                "shared": False,
            }
        },
        mentee.token,
    )
    read = """query($r: ID!) { journals(relationshipId: $r) { myStreak
      journals { reflection shared } } }"""
    assert (await api.ok(read, {"r": relationship}, mentor.token))["journals"]["journals"] == []
    # submitting again this week edits the same entry
    await api.ok(
        submit,
        {"i": {"relationshipId": relationship, "reflection": "Lebih baik", "shared": True}},
        mentee.token,
    )
    seen = (await api.ok(read, {"r": relationship}, mentor.token))["journals"]
    assert seen["journals"] == [{"reflection": "Lebih baik", "shared": True}]
    mine = (await api.ok(read, {"r": relationship}, mentee.token))["journals"]
    assert mine["myStreak"] == 1 and len(mine["journals"]) == 1
    assert (await api.ok(read, {"r": relationship}, coordinator.token))["journals"][
        "journals"
    ] == []  # coordinators do not read private reflections


def test_streak_counts_consecutive_weeks() -> None:
    from models.goals import monday_of, streak

    today = date(2026, 11, 25)  # a Wednesday
    this = monday_of(today)
    weeks = [this - timedelta(days=7 * i) for i in (0, 1, 2, 4)]
    assert streak(weeks, today) == 3
    assert streak(weeks[1:], today) == 2  # this week not written yet: count from last week
    assert streak([], today) == 0


async def test_feedback_after_a_held_session(api: Api) -> None:
    mentor, mentee, relationship, _ = await started(api)
    session = (
        await api.ok(
            SCHEDULE,
            {"i": {"relationshipId": relationship, "startsAt": at(-1, 12), "endsAt": at(-1, 13)}},
            mentor.token,
        )
    )["scheduleSession"]["id"]
    feedback = """mutation($s: ID!, $r: Int!) { giveFeedback(sessionId: $s, rating: $r,
      comment: "Sangat membantu") { rating comment } }"""
    early = await api.error(feedback, {"s": session, "r": 5}, mentee.token)
    assert code_of(early) == "CONFLICT"
    await api.ok(
        "mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, "
        "attended: $a) { status } }",
        {"s": session, "a": [mentee.id]},
        mentor.token,
    )
    bad = await api.error(feedback, {"s": session, "r": 6}, mentee.token)
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "rating")
    given = await api.ok(feedback, {"s": session, "r": 5}, mentee.token)
    assert given["giveFeedback"] == {"rating": 5, "comment": "Sangat membantu"}
    assert code_of(await api.error(feedback, {"s": session, "r": 4}, mentee.token)) == ("CONFLICT")
    outsider = await api.register()
    assert code_of(await api.error(feedback, {"s": session, "r": 4}, outsider.token)) == (
        "NOT_FOUND"
    )
