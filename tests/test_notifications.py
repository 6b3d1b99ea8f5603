"""Reminders before sessions and nudges for quiet relationships: once each, live and by email."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from models.accounts import OutboxEmail
from models.relationships import Relationship
from tests.support import Api, relay_pk, subscribe
from tests.test_goals import started
from tests.test_sessions import SCHEDULE

MINE = "{ myNotifications { kind title relationshipId sessionId readAt } }"


async def wait_for(api: Api, token: str, kind: str, count: int) -> list[dict]:
    async with asyncio.timeout(10):
        while True:
            notes = (await api.ok(MINE, token=token))["myNotifications"]
            found = [n for n in notes if n["kind"] == kind]
            if len(found) >= count:
                return found
            await asyncio.sleep(0.2)


async def test_a_session_soon_reminds_everyone_once(api: Api) -> None:
    mentor, mentee, relationship, _ = await started(api)
    soon = datetime.now(UTC) + timedelta(minutes=30)
    events = "subscription { notifications { kind sessionId } }"
    async with subscribe(api.base_url, mentee.token, events) as live:
        session = (
            await api.ok(
                SCHEDULE,
                {
                    "i": {
                        "relationshipId": relationship,
                        "startsAt": soon.isoformat(),
                        "endsAt": (soon + timedelta(hours=1)).isoformat(),
                    }
                },
                mentor.token,
            )
        )["scheduleSession"]["id"]
        pushed = (await live.next())["notifications"]
    assert pushed == {"kind": "SESSION_REMINDER", "sessionId": session}
    # within 24 h and within 1 h: two reminders each, and no more however often the loop runs
    for person in (mentor, mentee):
        notes = await wait_for(api, person.token, "SESSION_REMINDER", 2)
        assert all(n["sessionId"] == session for n in notes)
    await asyncio.sleep(1)
    again = (await api.ok(MINE, token=mentee.token))["myNotifications"]
    assert sum(n["kind"] == "SESSION_REMINDER" for n in again) == 2
    mails = await OutboxEmail.filter(to_address=mentee.email, subject__contains="reminder")
    assert len(mails) == 2
    read = await api.ok("mutation { markNotificationsRead }", token=mentee.token)
    assert read["markNotificationsRead"] == 2
    assert all(n["readAt"] for n in (await api.ok(MINE, token=mentee.token))["myNotifications"])


async def test_quiet_relationships_are_nudged_once(api: Api) -> None:
    mentor, mentee, relationship, _ = await started(api)
    await Relationship.filter(id=relay_pk(relationship)).update(
        started_at=datetime.now(UTC) - timedelta(days=30)
    )
    for person in (mentor, mentee):
        nudges = await wait_for(api, person.token, "INACTIVITY_NUDGE", 1)
        assert nudges[0]["relationshipId"] == relationship
    await asyncio.sleep(1)
    notes = (await api.ok(MINE, token=mentor.token))["myNotifications"]
    assert sum(n["kind"] == "INACTIVITY_NUDGE" for n in notes) == 1
    stranger = await api.register()
    assert (await api.ok(MINE, token=stranger.token))["myNotifications"] == []
