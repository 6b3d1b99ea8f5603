"""Finding session times that suit everyone, and publishing sessions as iCalendar.

Pure functions: values in, values out, no database. Availability is weekly wall-clock time in
each person's own IANA zone, so every window is placed on real dates before converting to
UTC; that way the DST rules of those dates apply (Amsterdam's 19:00 is 18:00 UTC in January
and 17:00 UTC in July, Jakarta's never moves).

Calendar times are written in UTC (``DTSTART:...Z``) rather than with a VTIMEZONE: sessions
are single instants, not local-time recurrences, and UTC is understood by every client
(Google Calendar, Outlook, Thunderbird, Apple) without shipping zone rules that can go stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event, vDuration

from models.availability import Window, check_zone, utc_intervals
from models.errors import BadInput

Interval = tuple[datetime, datetime]

MIN_MINUTES, MAX_MINUTES = 15, 480
MAX_RANGE_DAYS = 62
MIN_STEP, MAX_STEP = 5, 240
MAX_LIMIT = 200
PRODID = "-//Rajut//Mentoring sessions//EN"
FEED_REFRESH = timedelta(hours=1)

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


# --- Slot finder ---------------------------------------------------------------------------


def find_slots(
    participants: Sequence[tuple[str, Sequence[Window]]],
    start: date,
    end: date,
    minutes: int,
    *,
    step: int = 30,
    busy: Iterable[Interval] = (),
    limit: int = 20,
) -> list[Interval]:
    """Propose UTC slots of exactly ``minutes`` that suit every participant.

    ``participants`` are ``(IANA zone, weekly windows)`` pairs. ``start``..``end`` are UTC
    dates, both included. Candidates start at the beginning of each shared free stretch and
    then every ``step`` minutes, so they line up with people's local window starts. ``busy``
    holds existing sessions (and, if the caller wants, ``(epoch, now)`` to skip the past).
    """
    _check_request(participants, start, end, minutes, step, limit)
    span = (_utc_midnight(start), _utc_midnight(end) + _DAY)
    free = [span]
    for zone, windows in participants:
        free = _intersect(free, _available(zone, windows, span))
    free = _subtract(free, _merge(_checked_busy(busy)))
    return _slots_in(free, timedelta(minutes=minutes), timedelta(minutes=step), limit)


def _check_request(
    participants: Sequence[tuple[str, Sequence[Window]]],
    start: date,
    end: date,
    minutes: int,
    step: int,
    limit: int,
) -> None:
    if not participants:
        raise BadInput("Name at least one participant.", field="participants")
    for i, (zone, _) in enumerate(participants):
        check_zone(zone, field=f"participants.{i}.timezone")
    if end < start:
        raise BadInput("The end date must not be before the start date.", field="end")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise BadInput(f"Search at most {MAX_RANGE_DAYS} days at a time.", field="end")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise BadInput(f"Sessions last {MIN_MINUTES} to {MAX_MINUTES} minutes.", field="minutes")
    if not MIN_STEP <= step <= MAX_STEP:
        raise BadInput(f"Step by {MIN_STEP} to {MAX_STEP} minutes.", field="step")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"Ask for 1 to {MAX_LIMIT} slots.", field="limit")


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _available(zone: str, windows: Sequence[Window], span: Interval) -> list[Interval]:
    """One person's windows as UTC intervals on the real weeks around ``span``.

    Each week is converted separately so the offset of that week's dates is used. A day of
    margin on both sides catches local days that fall partly inside the UTC range; the
    caller clips to the range.
    """
    first = (span[0] - _DAY).date()
    monday = first - timedelta(days=first.weekday())
    intervals: list[Interval] = []
    while _utc_midnight(monday) < span[1] + _DAY:
        intervals += utc_intervals(list(windows), zone, week_of=monday)
        monday += _WEEK
    return _merge(intervals)


def _checked_busy(busy: Iterable[Interval]) -> list[Interval]:
    checked = []
    for begin, finish in busy:
        if begin.tzinfo is None or finish.tzinfo is None:
            raise BadInput("Busy times need a time zone.", field="busy")
        if finish <= begin:
            raise BadInput("Each busy time must end after it starts.", field="busy")
        checked.append((begin.astimezone(UTC), finish.astimezone(UTC)))
    return checked


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted union; touching intervals join, so 22:00-24:00 + 00:00-02:00 is one stretch."""
    merged: list[Interval] = []
    for begin, finish in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Overlap of two sorted, disjoint interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        begin, finish = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if begin < finish:
            out.append((begin, finish))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _subtract(free: list[Interval], busy: list[Interval]) -> list[Interval]:
    """``free`` minus ``busy``; both sorted and disjoint."""
    out: list[Interval] = []
    for begin, finish in free:
        for busy_begin, busy_end in busy:
            if busy_end <= begin or busy_begin >= finish:
                continue
            if busy_begin > begin:
                out.append((begin, busy_begin))
            begin = max(begin, busy_end)
            if begin >= finish:
                break
        if begin < finish:
            out.append((begin, finish))
    return out


def _slots_in(
    free: list[Interval], length: timedelta, step: timedelta, limit: int
) -> list[Interval]:
    slots: list[Interval] = []
    for begin, finish in free:
        while begin + length <= finish:
            slots.append((begin, begin + length))
            if len(slots) == limit:
                return slots
            begin += step
    return slots


# --- iCalendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    """What a calendar needs to know about one mentoring session; times are aware."""

    id: int | str
    title: str
    agenda: str
    starts_at: datetime
    ends_at: datetime
    location_url: str | None
    sequence: int
    cancelled: bool
    updated_at: datetime


def session_event(session: SessionInfo, host: str) -> Event:
    """A VEVENT whose UID stays the same across reschedules, so clients update in place.

    DTSTAMP is ``updated_at`` rather than "now", so the same session always serialises to
    the same bytes and feeds can be cached by ETag. Participants are not listed as
    ORGANIZER/ATTENDEE: those need calendar addresses (emails), which members may not share.
    """
    starts_at = _as_utc(session.starts_at, "startsAt")
    ends_at = _as_utc(session.ends_at, "endsAt")
    if ends_at <= starts_at:
        raise BadInput("A session must end after it starts.", field="endsAt")
    if session.sequence < 0:
        raise BadInput("The sequence number cannot be negative.", field="sequence")
    updated_at = _as_utc(session.updated_at, "updatedAt")
    return Event.new(
        uid=f"session-{session.id}@{host}",
        sequence=session.sequence,
        start=starts_at,
        end=ends_at,
        stamp=updated_at,
        last_modified=updated_at,
        summary=session.title,
        description=session.agenda or None,
        location=session.location_url,
        url=session.location_url,
        status="CANCELLED" if session.cancelled else "CONFIRMED",
    )


def calendar_for(events: Iterable[Event], name: str, *, feed_uid: str | None = None) -> bytes:
    """A published VCALENDAR (a feed or a single download) holding ``events``.

    Pass ``feed_uid`` for subscription feeds so the calendar keeps its identity; without it
    the calendar carries no UID rather than a random one, keeping output deterministic.
    """
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=name,
        uid=feed_uid,
        subcomponents=list(events),
    )
    if feed_uid is None:
        del calendar["UID"]
    # RFC 7986 requires VALUE=DURATION here; X-PUBLISHED-TTL is what Outlook reads.
    calendar.add("REFRESH-INTERVAL", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(FEED_REFRESH))
    return calendar.to_ical()


def _as_utc(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise BadInput("Times need a time zone.", field=field)
    return moment.astimezone(UTC)
