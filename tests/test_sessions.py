"""Sessions: scheduling rules, the slot finder, attendance, and calendars apps can read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx
from icalendar import Calendar

from tests.support import (
    ACKNOWLEDGE,
    UPDATE_PROFILE,
    Api,
    Person,
    approved_mentor,
    code_of,
    enrol,
    open_programme,
    pair_up,
    relay_pk,
)

SCHEDULE = """mutation($i: SessionInput!) { scheduleSession(input: $i) { id status sequence
  startsAt endsAt externalUrl icsPath } }"""
EVENINGS = [{"weekday": d, "start": "19:00", "end": "21:00"} for d in range(7)]
LATE_EVENINGS = [{"weekday": d, "start": "19:00", "end": "23:00"} for d in range(7)]


async def active_pair(api: Api) -> tuple[Person, Person, str, Person]:
    today = date.today()
    world = await open_programme(api, startsOn=(today - timedelta(days=2)).isoformat())
    mentor = await approved_mentor(
        api, world, {"availability": EVENINGS, "timezone": "Asia/Jakarta"}
    )
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    await api.ok(
        UPDATE_PROFILE,
        {"p": {"availability": LATE_EVENINGS, "timezone": "Asia/Jayapura"}},
        mentee.token,
    )
    _, _, relationship = await pair_up(api, world, mentor, mentee)
    return mentor, mentee, relationship, world.coordinator


def at(days: int, hour: int) -> str:
    moment = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (moment + timedelta(days=days)).isoformat()


async def test_sessions_need_an_active_relationship(api: Api) -> None:
    mentor, mentee, relationship, _ = await active_pair(api)
    session = {"relationshipId": relationship, "startsAt": at(3, 12), "endsAt": at(3, 13)}
    early = await api.error(SCHEDULE, {"i": session}, mentor.token)
    assert (code_of(early), early["extensions"]["field"]) == ("CONFLICT", "relationshipId")
    for person in (mentor, mentee):
        await api.ok(ACKNOWLEDGE, {"r": relationship}, person.token)
    created = (await api.ok(SCHEDULE, {"i": session}, mentor.token))["scheduleSession"]
    assert created["status"] == "SCHEDULED" and created["sequence"] == 0
    assert created["externalUrl"] is None


async def test_bad_times_change_nothing(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await active_pair(api)
    for person in (mentor, mentee):
        await api.ok(ACKNOWLEDGE, {"r": relationship}, person.token)
    base = {"relationshipId": relationship}
    cases = [
        ({"startsAt": at(3, 13), "endsAt": at(3, 12)}, "BAD_USER_INPUT", "endsAt"),
        (
            {"startsAt": at(3, 12), "endsAt": at(3, 20)} | {"endsAt": at(4, 23)},
            "BAD_USER_INPUT",
            "endsAt",
        ),
        ({"startsAt": at(400, 12), "endsAt": at(400, 13)}, "BAD_USER_INPUT", "startsAt"),
        (
            {"startsAt": at(3, 12), "endsAt": at(3, 13), "externalUrl": "http://x.test"},
            "BAD_USER_INPUT",
            "externalUrl",
        ),
    ]
    for values, code, field in cases:
        error = await api.error(SCHEDULE, {"i": base | values}, mentor.token)
        assert (code_of(error), error["extensions"]["field"]) == (code, field)
    await api.ok(SCHEDULE, {"i": base | {"startsAt": at(3, 12), "endsAt": at(3, 13)}}, mentor.token)
    overlap = await api.error(
        SCHEDULE, {"i": base | {"startsAt": at(3, 12), "endsAt": at(3, 14)}}, mentee.token
    )
    assert code_of(overlap) == "CONFLICT"
    outsider = await api.register()
    refused = await api.error(
        SCHEDULE, {"i": base | {"startsAt": at(5, 12), "endsAt": at(5, 13)}}, outsider.token
    )
    assert code_of(refused) == "NOT_FOUND"
    listed = await api.ok(
        "query($r: ID!) { sessions(relationshipId: $r) { id } }",
        {"r": relationship},
        coordinator.token,
    )
    assert len(listed["sessions"]) == 1


async def test_reschedule_cancel_and_calendars(api: Api) -> None:
    mentor, mentee, relationship, _ = await active_pair(api)
    for person in (mentor, mentee):
        await api.ok(ACKNOWLEDGE, {"r": relationship}, person.token)
    created = (
        await api.ok(
            SCHEDULE,
            {
                "i": {
                    "relationshipId": relationship,
                    "startsAt": at(3, 12),
                    "endsAt": at(3, 13),
                    "agenda": "Menyusun cerita kampanye",
                }
            },
            mentor.token,
        )
    )["scheduleSession"]
    moved = await api.ok(
        """mutation($s: ID!, $a: DateTime!, $b: DateTime!) {
             rescheduleSession(sessionId: $s, startsAt: $a, endsAt: $b) { sequence startsAt } }""",
        {"s": created["id"], "a": at(4, 12), "b": at(4, 13)},
        mentee.token,
    )
    assert moved["rescheduleSession"]["sequence"] == 1
    async with httpx.AsyncClient(base_url=api.base_url) as http:
        anonymous = await http.get(created["icsPath"])
        assert anonymous.status_code == 401
        stranger = await api.register()
        hidden = await http.get(
            created["icsPath"], headers={"Authorization": f"Bearer {stranger.token}"}
        )
        assert hidden.status_code == 404
        ics = await http.get(
            created["icsPath"], headers={"Authorization": f"Bearer {mentee.token}"}
        )
        # the path takes the ID the API returns, and the number inside it (older links)
        assert created["icsPath"] == f"/calendar/sessions/{created['id']}.ics"
        number = await http.get(
            f"/calendar/sessions/{relay_pk(created['id'])}.ics",
            headers={"Authorization": f"Bearer {mentee.token}"},
        )
        assert number.content == ics.content
        for wrong in (mentee.id, "U2Vzc2lvbjphYmM", "not-an-id", "99999999999"):
            missing = await http.get(
                f"/calendar/sessions/{wrong}.ics",
                headers={"Authorization": f"Bearer {mentee.token}"},
            )
            assert (missing.status_code, missing.json()["code"]) == (404, "NOT_FOUND"), wrong
    assert ics.headers["content-type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event["SEQUENCE"] == 1 and "Menyusun cerita kampanye" in str(event["DESCRIPTION"])
    # the location opens the session's room in the web app (/#/room/session/<the session's ID>)
    assert str(event["LOCATION"]).endswith(f"/#/room/session/{created['id']}")
    uid = str(event["UID"])
    # the install id, not PUBLIC_BASE_URL's host (tests/test_demo.py changes the setting)
    assert uid.startswith(f"session-{relay_pk(created['id'])}@") and "rajut.test" not in uid
    feed_url = (await api.ok("mutation { createCalendarFeed }", token=mentee.token))[
        "createCalendarFeed"
    ]
    path = feed_url.removeprefix("http://rajut.test")
    await api.ok(
        'mutation($s: ID!) { cancelSession(sessionId: $s, reason: "Sakit") { status } }',
        {"s": created["id"]},
        mentor.token,
    )
    async with httpx.AsyncClient(base_url=api.base_url) as http:
        feed = await http.get(path)
        assert feed.status_code == 200
        cancelled = Calendar.from_ical(feed.content).walk("VEVENT")[0]
        assert str(cancelled["UID"]) == uid and cancelled["STATUS"] == "CANCELLED"
        assert cancelled["SEQUENCE"] == 2
        await api.ok("mutation { revokeCalendarFeed }", token=mentee.token)
        assert (await http.get(path)).status_code == 404


async def test_slot_finder_and_attendance(api: Api) -> None:
    mentor, mentee, relationship, _ = await active_pair(api)
    for person in (mentor, mentee):
        await api.ok(ACKNOWLEDGE, {"r": relationship}, person.token)
    start = datetime.now(UTC) + timedelta(days=1)
    slots = (
        await api.ok(
            """query($r: ID!, $a: DateTime!, $b: DateTime!) { suggestSessionTimes(
             relationshipId: $r, start: $a, end: $b, minutes: 60) { startsAt endsAt } }""",
            {
                "r": relationship,
                "a": start.isoformat(),
                "b": (start + timedelta(days=2)).isoformat(),
            },
            mentee.token,
        )
    )["suggestSessionTimes"]
    # Jakarta 19-21 is 12-14 UTC; Jayapura 19-23 is 10-14 UTC: both are free 12-14 UTC
    assert slots
    for slot in slots:
        starts, ends = (datetime.fromisoformat(slot[k]) for k in ("startsAt", "endsAt"))
        assert (starts.hour, starts.minute) in {(12, 0), (12, 30), (13, 0)}
        assert ends - starts == timedelta(hours=1)
    past = (
        await api.ok(
            SCHEDULE,
            {
                "i": {
                    "relationshipId": relationship,
                    "startsAt": at(-1, 12),
                    "endsAt": at(-1, 13),
                    "kind": "SITUATIONAL",
                }
            },
            mentor.token,
        )
    )["scheduleSession"]
    held = await api.ok(
        """mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) {
             status attendance { user { id } attended } } }""",
        {"s": past["id"], "a": [mentee.id, mentor.id]},
        mentor.token,
    )
    record = held["recordSessionHeld"]
    assert record["status"] == "HELD"
    assert {(a["user"]["id"], a["attended"]) for a in record["attendance"]} == {
        (mentee.id, True),
        (mentor.id, True),
    }
    future = (
        await api.ok(
            SCHEDULE,
            {"i": {"relationshipId": relationship, "startsAt": at(2, 12), "endsAt": at(2, 13)}},
            mentor.token,
        )
    )["scheduleSession"]
    too_early = await api.error(
        "mutation($s: ID!) { recordSessionHeld(sessionId: $s, attended: []) { status } }",
        {"s": future["id"]},
        mentor.token,
    )
    assert code_of(too_early) == "CONFLICT"
