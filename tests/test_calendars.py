"""Slot finding across time zones and DST, and iCalendar output parsed back by icalendar."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from models.availability import Window
from models.calendars import SessionInfo, calendar_for, find_slots, session_event
from models.errors import BadInput

ZONES = [
    "UTC",
    "Europe/Amsterdam",
    "Asia/Jakarta",
    "America/New_York",
    "Asia/Kathmandu",
    "Pacific/Auckland",
    "America/Sao_Paulo",
]
QUARTER = timedelta(minutes=15)
HOST = "rajut.example"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def window(weekday: int, start: str, end: str) -> Window:
    return Window(weekday, time.fromisoformat(start), time.fromisoformat(end))


# --- an independent oracle: read the person's clock at each moment of a slot ---------------


def covered(moment: datetime, zone: str, windows: list[Window]) -> bool:
    """Whether ``moment`` falls in one of the windows, placed on the local dates around it."""
    tz = ZoneInfo(zone)
    local_day = moment.astimezone(tz).date()
    for day in (local_day - timedelta(days=1), local_day):
        for w in windows:
            if w.weekday != day.weekday():
                continue
            begin = datetime.combine(day, w.start, tz)
            end = begin + timedelta(minutes=w.minutes)  # wall-clock arithmetic, as people mean
            if begin.astimezone(UTC) <= moment < end.astimezone(UTC):
                return True
    return False


def moments(slot: tuple[datetime, datetime]) -> list[datetime]:
    """Every quarter hour of a slot; all offsets and inputs here sit on that grid."""
    out, at = [], slot[0]
    while at < slot[1]:
        out.append(at)
        at += QUARTER
    return out


@st.composite
def windows_st(draw: st.DrawFn) -> list[Window]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        first = draw(st.integers(0, 95))
        last = draw(st.integers(first + 1, 96))
        end = time(0) if last == 96 else time(last // 4, last % 4 * 15)
        out.append(Window(draw(st.integers(0, 6)), time(first // 4, first % 4 * 15), end))
    return out


@st.composite
def requests_st(draw: st.DrawFn) -> dict:
    start = draw(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 20)))
    busy = []
    for _ in range(draw(st.integers(0, 3))):
        at = midnight(start) + QUARTER * draw(st.integers(0, 96 * 21))
        busy.append((at, at + QUARTER * draw(st.integers(1, 16))))
    return {
        "participants": draw(
            st.lists(st.tuples(st.sampled_from(ZONES), windows_st()), min_size=1, max_size=3)
        ),
        "start": start,
        "end": end,
        "minutes": draw(st.sampled_from([15, 30, 45, 60, 90, 120])),
        "step": draw(st.sampled_from([15, 30, 60])),
        "busy": busy,
        "limit": draw(st.integers(1, 50)),
    }


@settings(max_examples=150, deadline=None)
@given(requests_st())
def test_every_slot_suits_everyone_in_their_own_zone(req: dict) -> None:
    slots = find_slots(**req)
    assert len(slots) <= req["limit"]
    assert slots == sorted(slots)
    range_start, range_end = midnight(req["start"]), midnight(req["end"] + timedelta(days=1))
    for begin, end in slots:
        assert begin.utcoffset() == timedelta(0)
        assert end - begin == timedelta(minutes=req["minutes"])
        assert range_start <= begin and end <= range_end
        for busy_begin, busy_end in req["busy"]:
            assert end <= busy_begin or begin >= busy_end
        for zone, windows in req["participants"]:
            assert all(covered(m, zone, windows) for m in moments((begin, end)))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ZONES), windows_st(), st.dates(date(2026, 1, 1), date(2026, 12, 1)))
def test_a_lone_participant_gets_every_fitting_start(
    zone: str, windows: list[Window], start: date
) -> None:
    """Completeness: with one person and no busy times, no fitting quarter hour is missed."""
    week = (midnight(start), midnight(start + timedelta(days=7)))
    slots = find_slots([(zone, windows)], start, start + timedelta(days=6), 15, step=15, limit=200)
    expected = [(m, m + QUARTER) for m in moments(week) if covered(m, zone, windows)]
    assert slots == expected[:200]


def test_overlap_of_jakarta_and_amsterdam_in_winter() -> None:
    # Monday 19:00-21:00 in Jakarta (UTC+7) and 13:00-15:00 in Amsterdam (CET) are both 12-14Z.
    slots = find_slots(
        [
            ("Asia/Jakarta", [window(0, "19:00", "21:00")]),
            ("Europe/Amsterdam", [window(0, "13:00", "15:00")]),
        ],
        date(2026, 1, 12),
        date(2026, 1, 12),
        60,
    )
    assert slots == [
        (utc(2026, 1, 12, 12), utc(2026, 1, 12, 13)),
        (utc(2026, 1, 12, 12, 30), utc(2026, 1, 12, 13, 30)),
        (utc(2026, 1, 12, 13), utc(2026, 1, 12, 14)),
    ]


def test_amsterdam_evening_moves_in_utc_across_the_march_switch() -> None:
    # Jakarta Tuesday 00:00-04:00 is Monday 17-21Z all year. Amsterdam Monday 19:00-21:00 is
    # 18-20Z before the last Sunday of March (29 March 2026) and 17-19Z after it.
    slots = find_slots(
        [
            ("Asia/Jakarta", [window(1, "00:00", "04:00")]),
            ("Europe/Amsterdam", [window(0, "19:00", "21:00")]),
        ],
        date(2026, 3, 23),
        date(2026, 4, 3),
        120,
    )
    assert slots == [
        (utc(2026, 3, 23, 18), utc(2026, 3, 23, 20)),
        (utc(2026, 3, 30, 17), utc(2026, 3, 30, 19)),
    ]


def test_busy_sessions_are_avoided() -> None:
    people = [("UTC", [window(0, "18:00", "20:00")])]
    busy = [(utc(2026, 3, 23, 18, 30), utc(2026, 3, 23, 19))]
    slots = find_slots(people, date(2026, 3, 23), date(2026, 3, 23), 60, busy=busy)
    assert slots == [(utc(2026, 3, 23, 19), utc(2026, 3, 23, 20))]


def test_busy_times_in_other_zones_count_as_the_same_instant() -> None:
    people = [("UTC", [window(0, "18:00", "20:00")])]
    jakarta = ZoneInfo("Asia/Jakarta")
    busy = [(datetime(2026, 3, 24, 1, tzinfo=jakarta), datetime(2026, 3, 24, 3, tzinfo=jakarta))]
    assert find_slots(people, date(2026, 3, 23), date(2026, 3, 23), 60, busy=busy) == []


def test_windows_meeting_at_midnight_join_into_one_stretch() -> None:
    people = [("UTC", [window(0, "22:00", "00:00"), window(1, "00:00", "02:00")])]
    slots = find_slots(people, date(2026, 3, 23), date(2026, 3, 24), 240)
    assert slots == [(utc(2026, 3, 23, 22), utc(2026, 3, 24, 2))]


def test_no_shared_time_gives_no_slots() -> None:
    slots = find_slots(
        [
            ("Asia/Jakarta", [window(0, "09:00", "10:00")]),
            ("Europe/Amsterdam", [window(0, "09:00", "10:00")]),
        ],
        date(2026, 1, 1),
        date(2026, 3, 3),
        15,
    )
    assert slots == []


def test_limit_keeps_the_earliest_slots() -> None:
    people = [("UTC", [window(d, "09:00", "17:00") for d in range(7)])]
    slots = find_slots(people, date(2026, 5, 4), date(2026, 5, 10), 60, limit=3)
    assert [begin for begin, _ in slots] == [
        utc(2026, 5, 4, 9),
        utc(2026, 5, 4, 9, 30),
        utc(2026, 5, 4, 10),
    ]


def test_the_limits_themselves_are_accepted() -> None:
    people = [("UTC", [window(0, "00:00", "00:00")])]
    assert find_slots(people, date(2026, 1, 5), date(2026, 3, 7), 480, step=240, limit=1)
    assert find_slots(people, date(2026, 1, 5), date(2026, 1, 5), 15, step=5, limit=200)


GOOD = {
    "participants": [("UTC", [window(0, "09:00", "17:00")])],
    "start": date(2026, 1, 5),
    "end": date(2026, 1, 11),
    "minutes": 60,
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"participants": []}, "participants"),
        ({"participants": [("UTC", []), ("Mars/Olympus", [])]}, "participants.1.timezone"),
        ({"participants": [("CET ", [])]}, "participants.0.timezone"),
        ({"end": date(2026, 1, 4)}, "end"),
        ({"end": date(2026, 3, 8)}, "end"),  # 63 days
        ({"minutes": 14}, "minutes"),
        ({"minutes": 481}, "minutes"),
        ({"step": 0}, "step"),
        ({"limit": 0}, "limit"),
        ({"busy": [(datetime(2026, 1, 5, 9), datetime(2026, 1, 5, 10))]}, "busy"),
        ({"busy": [(utc(2026, 1, 5, 10), utc(2026, 1, 5, 9))]}, "busy"),
    ],
)
def test_bad_input_names_the_field(change: dict, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        find_slots(**{**GOOD, **change})
    assert caught.value.field == field


# --- iCalendar ----------------------------------------------------------------------------

SESSION = SessionInfo(
    id=7,
    title="Career chat, part 2; CVs",
    agenda="1. Review the CV\n2. Mock interview",
    starts_at=datetime(2026, 3, 30, 19, tzinfo=ZoneInfo("Asia/Jakarta")),
    ends_at=datetime(2026, 3, 30, 20, tzinfo=ZoneInfo("Asia/Jakarta")),
    location_url=f"https://{HOST}/rooms/7",
    sequence=0,
    cancelled=False,
    updated_at=utc(2026, 3, 1, 8),
)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def only_event(data: bytes) -> Event:
    (event,) = parse(data).walk("VEVENT")
    return event


def rescheduled(session: SessionInfo, shift: timedelta) -> SessionInfo:
    return SessionInfo(
        **{
            **session.__dict__,
            "starts_at": session.starts_at + shift,
            "ends_at": session.ends_at + shift,
            "sequence": session.sequence + 1,
            "updated_at": session.updated_at + timedelta(days=1),
        }
    )


def test_event_round_trips_with_utc_times_and_escaped_text() -> None:
    data = calendar_for([session_event(SESSION, HOST)], "Sessions")
    event = only_event(data)
    assert event["UID"] == f"session-7@{HOST}"
    assert event.start == utc(2026, 3, 30, 12)
    assert event.end == utc(2026, 3, 30, 13)
    assert event.start.utcoffset() == timedelta(0)
    assert b"DTSTART:20260330T120000Z" in data
    assert b"VTIMEZONE" not in data
    assert event["SUMMARY"] == SESSION.title
    assert event["DESCRIPTION"] == SESSION.agenda
    assert event["LOCATION"] == event["URL"] == SESSION.location_url
    assert event["STATUS"] == "CONFIRMED"
    assert SESSION.updated_at == event.DTSTAMP


def test_reschedule_keeps_uid_and_bumps_sequence() -> None:
    moved = rescheduled(SESSION, timedelta(days=2))
    before = only_event(calendar_for([session_event(SESSION, HOST)], "Sessions"))
    after = only_event(calendar_for([session_event(moved, HOST)], "Sessions"))
    assert before["UID"] == after["UID"]
    assert (before.sequence, after.sequence) == (0, 1)
    assert after.start - before.start == timedelta(days=2)


def test_cancelled_session_is_published_as_cancelled() -> None:
    cancelled = SessionInfo(**{**SESSION.__dict__, "cancelled": True, "sequence": 3})
    event = only_event(calendar_for([session_event(cancelled, HOST)], "Sessions"))
    assert event["STATUS"] == "CANCELLED"
    assert event.sequence == 3


def test_feed_headers_are_there() -> None:
    calendar = parse(calendar_for([], "Dewi's mentoring", feed_uid="feed-3@rajut.example"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["PRODID"].startswith("-//Rajut//")
    assert calendar["X-WR-CALNAME"] == "Dewi's mentoring"
    assert calendar["UID"] == "feed-3@rajut.example"
    assert calendar.refresh_interval == timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"


def test_output_is_deterministic_for_etags() -> None:
    sessions = [SESSION, rescheduled(SESSION, timedelta(days=7))]
    first = calendar_for([session_event(s, HOST) for s in sessions], "Sessions")
    second = calendar_for([session_event(s, HOST) for s in sessions], "Sessions")
    assert first == second


EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_no_email_addresses_outside_the_uid() -> None:
    sessions = [SESSION, rescheduled(SESSION, timedelta(days=7))]
    data = calendar_for([session_event(s, HOST) for s in sessions], "Sessions")
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")
    assert not [line for line in lines if EMAIL.search(line) and not line.startswith(b"UID:")]
    assert b"ORGANIZER" not in data and b"ATTENDEE" not in data and b"mailto:" not in data


@settings(max_examples=50, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.just("\n"), max_size=300),
)
def test_any_title_and_agenda_survive_the_round_trip(title: str, agenda: str) -> None:
    session = SessionInfo(**{**SESSION.__dict__, "title": title, "agenda": agenda})
    event = only_event(calendar_for([session_event(session, HOST)], "Sessions"))
    assert event["SUMMARY"] == title
    assert event.get("DESCRIPTION", "") == agenda


def test_session_without_a_room_has_no_location() -> None:
    session = SessionInfo(**{**SESSION.__dict__, "location_url": None})
    event = only_event(calendar_for([session_event(session, HOST)], "Sessions"))
    assert "LOCATION" not in event and "URL" not in event


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": datetime(2026, 3, 30, 12)}, "startsAt"),
        ({"ends_at": SESSION.starts_at}, "endsAt"),
        ({"updated_at": datetime(2026, 3, 1)}, "updatedAt"),
        ({"sequence": -1}, "sequence"),
    ],
)
def test_bad_sessions_name_the_field(change: dict, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        session_event(SessionInfo(**{**SESSION.__dict__, **change}), HOST)
    assert caught.value.field == field
