"""Relationship health, inactivity and unanswered requests, as coordinators see them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.relationships import Relationship
from tests.support import Api, code_of, relay_pk
from tests.test_goals import started
from tests.test_sessions import SCHEDULE, at

HEALTH = """query($p: ID!) { relationshipHealth(programmeId: $p) { relationship { id }
  score reasons daysInactive inactive offerClosing } }"""


async def programme_of(api: Api, relationship: str, token: str) -> str:
    rel = await api.ok(
        "query($r: ID!) { node(id: $r) { ... on Relationship { programme { id } } } }",
        {"r": relationship},
        token,
    )
    return rel["node"]["programme"]["id"]


async def test_health_rises_with_activity_and_flags_silence(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    before = (await api.ok(HEALTH, {"p": programme}, coordinator.token))["relationshipHealth"]
    assert [h["relationship"]["id"] for h in before] == [relationship]
    assert "no session held in the last 30 days" in before[0]["reasons"]
    session = (
        await api.ok(
            SCHEDULE,
            {"i": {"relationshipId": relationship, "startsAt": at(-1, 12), "endsAt": at(-1, 13)}},
            mentor.token,
        )
    )["scheduleSession"]["id"]
    await api.ok(
        "mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, "
        "attended: $a) { status } }",
        {"s": session, "a": [mentee.id]},
        mentor.token,
    )
    await api.ok(
        "mutation($s: ID!) { giveFeedback(sessionId: $s, rating: 5) { rating } }",
        {"s": session},
        mentee.token,
    )
    after = (await api.ok(HEALTH, {"p": programme}, coordinator.token))["relationshipHealth"][0]
    assert after["score"] > before[0]["score"]
    assert "1 session(s) held in the last 30 days" in after["reasons"]
    assert not after["inactive"]
    # time travel: the relationship went quiet long ago (the server shares this database)
    await Relationship.filter(id=relay_pk(relationship)).update(
        started_at=datetime.now(UTC) - timedelta(days=90)
    )
    from models.sessions import Session

    await Session.filter(relationship_id=relay_pk(relationship)).update(
        starts_at=datetime.now(UTC) - timedelta(days=80, hours=1),
        ends_at=datetime.now(UTC) - timedelta(days=80),
    )
    quiet = (await api.ok(HEALTH, {"p": programme}, coordinator.token))["relationshipHealth"][0]
    assert quiet["inactive"] and quiet["offerClosing"] and quiet["daysInactive"] >= 79
    assert code_of(await api.error(HEALTH, {"p": programme}, mentor.token)) == "FORBIDDEN"


async def test_unanswered_requests(api: Api) -> None:
    from models.requests import MentorRequest
    from tests.support import approved_mentor, enrol, open_programme

    world = await open_programme(api)
    mentor = await approved_mentor(api, world)
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    await api.ok(
        "mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m, "
        'message: "") { id } }',
        {"p": world.programme_id, "m": mentor.id},
        mentee.token,
    )
    query = """query($p: ID!) { unansweredRequests(programmeId: $p) { mentor { id } pending
      oldestDays } }"""
    assert (await api.ok(query, {"p": world.programme_id}, world.coordinator.token))[
        "unansweredRequests"
    ] == []
    await MentorRequest.filter(mentor__email=mentor.email).update(
        created_at=datetime.now(UTC) - timedelta(days=9)
    )
    flagged = (await api.ok(query, {"p": world.programme_id}, world.coordinator.token))[
        "unansweredRequests"
    ]
    assert flagged == [{"mentor": {"id": mentor.id}, "pending": 1, "oldestDays": 9}]
