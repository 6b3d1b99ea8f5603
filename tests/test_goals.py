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
    mine = """query($r: ID!) { sessions(relationshipId: $r) { myFeedback { rating comment } } }"""
    assert (await api.ok(mine, {"r": relationship}, mentee.token))["sessions"] == [
        {"myFeedback": None}
    ]
    given = await api.ok(feedback, {"s": session, "r": 5}, mentee.token)
    assert given["giveFeedback"] == {"rating": 5, "comment": "Sangat membantu"}
    # each reader sees only the feedback they gave
    assert (await api.ok(mine, {"r": relationship}, mentee.token))["sessions"] == [
        {"myFeedback": {"rating": 5, "comment": "Sangat membantu"}}
    ]
    assert (await api.ok(mine, {"r": relationship}, mentor.token))["sessions"] == [
        {"myFeedback": None}
    ]
    assert code_of(await api.error(feedback, {"s": session, "r": 4}, mentee.token)) == ("CONFLICT")
    outsider = await api.register()
    assert code_of(await api.error(feedback, {"s": session, "r": 4}, outsider.token)) == (
        "NOT_FOUND"
    )


GOAL_FIELDS = "id title specificOutcome measurableTarget dueOn status evidence dropReason"
EDIT_GOAL = f"""mutation($g: ID!, $c: GoalChanges!) {{ editGoal(goalId: $g, changes: $c) {{
  {GOAL_FIELDS} }} }}"""
DROP_GOAL = f"""mutation($g: ID!, $why: String!) {{ dropGoal(goalId: $g, reason: $why) {{
  {GOAL_FIELDS} }} }}"""
REOPEN_GOAL = f"mutation($g: ID!) {{ reopenGoal(goalId: $g) {{ {GOAL_FIELDS} }} }}"
ADD_MILESTONE = """mutation($g: ID!, $i: MilestoneInput!) { addMilestone(goalId: $g, input: $i) {
  milestones { id title dueOn } } }"""
EDIT_MILESTONE = """mutation($m: ID!, $c: MilestoneChanges!) {
  editMilestone(milestoneId: $m, changes: $c) { milestones { id title dueOn } } }"""
REMOVE_MILESTONE = """mutation($m: ID!) { removeMilestone(milestoneId: $m) {
  milestones { id title } } }"""
GOALS = f"query($r: ID!) {{ goals(relationshipId: $r) {{ {GOAL_FIELDS} milestones {{ title }} }} }}"


async def test_goals_are_edited_dropped_and_reopened_by_participants_only(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    due = (date.today() + timedelta(days=60)).isoformat()
    later = (date.today() + timedelta(days=90)).isoformat()
    goal = (
        await api.ok(
            GOAL,
            {"i": {"relationshipId": relationship, "title": "Draf proposal", "dueOn": due,
                   "milestones": [{"title": "Kerangka"}, {"title": "Anggaran"}]}},
            mentee.token,
        )
    )["setGoal"]  # fmt: skip
    gid = goal["id"]
    first, second = (m["id"] for m in goal["milestones"])
    outsider = await api.register()
    # every change, from the wrong seats: strangers find nothing, coordinators may not
    attempts = [
        (EDIT_GOAL, {"g": gid, "c": {"title": "Diambil alih"}}),
        (DROP_GOAL, {"g": gid, "why": "bosan"}),
        (REOPEN_GOAL, {"g": gid}),
        (ADD_MILESTONE, {"g": gid, "i": {"title": "Sisipan"}}),
        (EDIT_MILESTONE, {"m": first, "c": {"title": "Diubah"}}),
        (REMOVE_MILESTONE, {"m": first}),
    ]
    for query, variables in attempts:
        assert code_of(await api.error(query, variables, outsider.token)) == "NOT_FOUND"
        assert code_of(await api.error(query, variables, coordinator.token)) == "FORBIDDEN"
    # bad input changes nothing
    for changes, field in (
        ({"title": "x" * 201}, "title"),
        ({"title": "  "}, "title"),
        ({"title": None}, "title"),
        ({"specificOutcome": "x" * 4001}, "specificOutcome"),
        ({"dueOn": "2001-01-01"}, "dueOn"),
        ({}, "changes"),
    ):
        bad = await api.error(EDIT_GOAL, {"g": gid, "c": changes}, mentee.token)
        assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    for changes, field in (({"title": ""}, "title"), ({"dueOn": "2999-01-01"}, "dueOn")):
        bad = await api.error(EDIT_MILESTONE, {"m": first, "c": changes}, mentee.token)
        assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    no_reason = await api.error(DROP_GOAL, {"g": gid, "why": " "}, mentee.token)
    assert (code_of(no_reason), no_reason["extensions"]["field"]) == ("BAD_USER_INPUT", "reason")
    long_reason = await api.error(DROP_GOAL, {"g": gid, "why": "x" * 2001}, mentee.token)
    assert code_of(long_reason) == "BAD_USER_INPUT"
    unchanged = (await api.ok(GOALS, {"r": relationship}, mentee.token))["goals"]
    assert [(g["title"], g["dueOn"], g["status"]) for g in unchanged] == [
        ("Draf proposal", due, "OPEN")
    ]
    assert [m["title"] for m in unchanged[0]["milestones"]] == ["Kerangka", "Anggaran"]

    edited = await api.ok(
        EDIT_GOAL,
        {"g": gid, "c": {"title": "Proposal hibah", "measurableTarget": "1 proposal terkirim",
                         "dueOn": later}},
        mentor.token,
    )  # fmt: skip
    assert edited["editGoal"]["title"] == "Proposal hibah"
    assert (edited["editGoal"]["measurableTarget"], edited["editGoal"]["dueOn"]) == (
        "1 proposal terkirim", later,
    )  # fmt: skip
    cleared = await api.ok(EDIT_GOAL, {"g": gid, "c": {"dueOn": None}}, mentee.token)
    assert cleared["editGoal"]["dueOn"] is None and cleared["editGoal"]["title"] == "Proposal hibah"

    added = await api.ok(ADD_MILESTONE, {"g": gid, "i": {"title": "Kirim", "dueOn": due}},
                         mentee.token)  # fmt: skip
    assert [m["title"] for m in added["addMilestone"]["milestones"]] == [
        "Kerangka", "Anggaran", "Kirim",
    ]  # fmt: skip
    renamed = await api.ok(EDIT_MILESTONE, {"m": second, "c": {"title": "Anggaran rinci"}},
                           mentor.token)  # fmt: skip
    assert [m["title"] for m in renamed["editMilestone"]["milestones"]] == [
        "Kerangka", "Anggaran rinci", "Kirim",
    ]  # fmt: skip
    removed = await api.ok(REMOVE_MILESTONE, {"m": first}, mentee.token)
    assert [m["title"] for m in removed["removeMilestone"]["milestones"]] == [
        "Anggaran rinci", "Kirim",
    ]  # fmt: skip
    gone = await api.error(REMOVE_MILESTONE, {"m": first}, mentee.token)
    assert code_of(gone) == "NOT_FOUND"

    dropped = (await api.ok(DROP_GOAL, {"g": gid, "why": "Hibah dibatalkan"}, mentee.token))[
        "dropGoal"
    ]
    assert (dropped["status"], dropped["dropReason"]) == ("DROPPED", "Hibah dibatalkan")
    frozen = await api.error(EDIT_GOAL, {"g": gid, "c": {"title": "Lagi"}}, mentee.token)
    assert code_of(frozen) == "CONFLICT"
    assert code_of(await api.error(DROP_GOAL, {"g": gid, "why": "lagi"}, mentee.token)) == (
        "CONFLICT"
    )
    reopened = (await api.ok(REOPEN_GOAL, {"g": gid}, mentor.token))["reopenGoal"]
    assert (reopened["status"], reopened["dropReason"]) == ("OPEN", "")
    assert code_of(await api.error(REOPEN_GOAL, {"g": gid}, mentor.token)) == "CONFLICT"
    await api.ok(
        'mutation($g: ID!) { reachGoal(goalId: $g, evidence: "Terkirim") { status } }',
        {"g": gid},
        mentee.token,
    )
    again = (await api.ok(REOPEN_GOAL, {"g": gid}, mentee.token))["reopenGoal"]
    assert (again["status"], again["evidence"]) == ("OPEN", "")

    programme = await api.ok(
        "query($r: ID!) { node(id: $r) { ... on Relationship { programme { id } } } }",
        {"r": relationship},
        mentee.token,
    )
    events = await api.ok(PROGRESS, {"p": programme["node"]["programme"]["id"]}, mentee.token)
    kinds = [e["kind"] for e in events["progressEvents"]["events"]]
    for kind in ("goal.edited", "milestone.added", "milestone.edited", "milestone.removed",
                 "goal.dropped", "goal.reopened"):  # fmt: skip
        assert kind in kinds
    assert kinds.count("goal.edited") == 2 and kinds.count("goal.reopened") == 2
