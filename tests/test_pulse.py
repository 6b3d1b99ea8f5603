"""Pulse check-ins and blameless re-match requests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.relationships import Relationship
from tests.support import Api, code_of, relay_pk
from tests.test_goals import started
from tests.test_health import programme_of
from tests.test_notifications import wait_for

CHECK_IN = """query($r: ID!) { checkIn(relationshipId: $r) { round answered
  questions { key text } } }"""
BOTH_LANGUAGES = """query($r: ID!) { checkIn(relationshipId: $r) {
  questions { key text textId textEn } } }"""
ANSWER = """mutation($r: ID!, $a: [PulseAnswerInput!]!, $re: Boolean!) {
  answerCheckIn(relationshipId: $r, answers: $a, wantsRematch: $re,
                rematchReason: "Jadwal kami tidak pernah cocok") }"""


async def test_check_in_and_rematch(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    assert (await api.ok(CHECK_IN, {"r": relationship}, mentee.token))["checkIn"] is None
    early = await api.error(ANSWER, {"r": relationship, "a": [], "re": False}, mentee.token)
    assert code_of(early) == "CONFLICT"
    await Relationship.filter(id=relay_pk(relationship)).update(
        started_at=datetime.now(UTC) - timedelta(days=31)
    )
    await wait_for(api, mentee.token, "PULSE_CHECK_IN", 1)  # the loop invites both sides
    due = (await api.ok(CHECK_IN, {"r": relationship}, mentee.token))["checkIn"]
    assert due["round"] == 1 and not due["answered"]
    assert due["questions"][0] == {
        "key": "working",
        "text": "Apakah pendampingan ini berjalan baik?",
    }
    # both languages come too, so an app shows the one its reader picked without asking again
    both = (await api.ok(BOTH_LANGUAGES, {"r": relationship}, mentee.token))["checkIn"]
    assert both["questions"][0] == {
        "key": "working",
        "text": "Apakah pendampingan ini berjalan baik?",
        "textId": "Apakah pendampingan ini berjalan baik?",
        "textEn": "Is this pairing working?",
    }
    bad = await api.error(
        ANSWER,
        {"r": relationship, "a": [{"key": "working", "score": 9}], "re": False},
        mentee.token,
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "answers")
    await api.ok(
        ANSWER, {"r": relationship, "a": [{"key": "working", "score": 2}], "re": True}, mentee.token
    )
    assert (await api.ok(CHECK_IN, {"r": relationship}, mentee.token))["checkIn"]["answered"]
    twice = await api.error(ANSWER, {"r": relationship, "a": [], "re": False}, mentee.token)
    assert code_of(twice) == "CONFLICT"
    programme = await programme_of(api, relationship, mentee.token)
    queue = "query($p: ID!) { rematchQueue(programmeId: $p) { id reason requesterId } }"
    assert code_of(await api.error(queue, {"p": programme}, mentor.token)) == "FORBIDDEN"
    waiting = (await api.ok(queue, {"p": programme}, coordinator.token))["rematchQueue"]
    assert [(r["reason"], r["requesterId"]) for r in waiting] == [
        ("Jadwal kami tidak pernah cocok", mentee.id)
    ]
    handle = """mutation($id: ID!) { handleRematch(requestId: $id, note: "Dipasangkan ulang")
      { status } }"""
    assert (await api.ok(handle, {"id": waiting[0]["id"]}, coordinator.token))["handleRematch"][
        "status"
    ] == "HANDLED"
    assert (await api.ok(queue, {"p": programme}, coordinator.token))["rematchQueue"] == []


async def test_programmes_set_their_check_ins_and_reminders(api: Api) -> None:
    from tests.support import open_programme

    world = await open_programme(
        api,
        pulseQuestions=[
            {"key": "trust", "textId": "Apakah Anda merasa aman?", "textEn": "Do you feel safe?"}
        ],
        reminderLeadMinutes=[30],
        pulseFirstDays=14,
    )
    settings = await api.ok(
        "query($p: ID!) { programme(id: $p) { pulseFirstDays reminderLeadMinutes } }",
        {"p": world.programme_id},
        world.coordinator.token,
    )
    assert settings["programme"] == {"pulseFirstDays": 14, "reminderLeadMinutes": [30]}
    bad = await api.error(
        "mutation($p: ID!) { updateProgramme(id: $p, changes: {pulseQuestions: "
        '[{key: "", textId: "x", textEn: "y"}]}) { id } }',
        {"p": world.programme_id},
        world.coordinator.token,
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "pulseQuestions")
