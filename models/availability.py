"""Weekly availability windows, compared across time zones.

A window is local wall-clock time on a weekday in the person's IANA zone. To compare two
people we place every window on a concrete reference week and convert to UTC with zoneinfo,
so DST rules of the actual dates apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from models.errors import BadInput

_ZONES = frozenset(available_timezones())
# The week used when no date is given: a Monday, far from DST switches in both hemispheres.
REFERENCE_MONDAY = date(2026, 6, 1)
WEEK_MINUTES = 7 * 24 * 60


@dataclass(frozen=True, order=True)
class Window:
    weekday: int  # 0 = Monday
    start: time
    end: time  # exclusive; time(0, 0) means midnight at the end of the day

    @property
    def minutes(self) -> int:
        end = 24 * 60 if self.end == time(0) else self.end.hour * 60 + self.end.minute
        return end - (self.start.hour * 60 + self.start.minute)


def check_zone(name: str, field: str = "timezone") -> ZoneInfo:
    if name not in _ZONES:
        raise BadInput(
            f"Unknown time zone {name!r}; use an IANA name such as Asia/Jakarta.", field=field
        )
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # pragma: no cover - the set above comes from zoneinfo
        raise BadInput(f"Unknown time zone {name!r}.", field=field) from None


def parse_windows(raw: list[dict], field: str = "availability") -> list[Window]:
    windows = []
    for item in raw:
        try:
            weekday = int(item["weekday"])
            start = time.fromisoformat(item["start"])
            end = time.fromisoformat(item["end"])
        except (KeyError, TypeError, ValueError):
            raise BadInput("Give each window a weekday 0-6 and HH:MM times.", field=field) from None
        window = Window(weekday, start, end)
        if not 0 <= weekday <= 6 or window.minutes <= 0:
            raise BadInput(
                "Each window needs a weekday 0-6 and must end after it starts.", field=field
            )
        windows.append(window)
    if len(windows) > 50:
        raise BadInput("Give at most 50 availability windows.", field=field)
    return sorted(windows)


def utc_intervals(
    windows: list[Window], zone: str, week_of: date = REFERENCE_MONDAY
) -> list[tuple[datetime, datetime]]:
    tz = ZoneInfo(zone)
    monday = week_of - timedelta(days=week_of.weekday())
    intervals = []
    for w in windows:
        day = monday + timedelta(days=w.weekday)
        start = datetime.combine(day, w.start, tz)
        intervals.append(
            (start.astimezone(UTC), (start + timedelta(minutes=w.minutes)).astimezone(UTC))
        )
    return intervals


def utc_week(windows: list[Window], zone: str) -> list[tuple[int, int]]:
    """The windows of the reference week as minutes of the UTC week (0 is Monday 00:00 UTC),
    each in [0, WEEK_MINUTES]; one that crosses the week's edge in UTC comes in two pieces.
    Two people overlap exactly when these sets share minutes, as in :func:`overlap_minutes`."""
    origin = datetime.combine(REFERENCE_MONDAY, time(0), UTC)
    pieces = []
    for start, end in utc_intervals(windows, zone):
        first = int((start - origin).total_seconds() // 60)
        last = int((end - origin).total_seconds() // 60)
        if last <= first:
            continue
        shift = first // WEEK_MINUTES * WEEK_MINUTES
        first, last = first - shift, last - shift
        pieces.append((first, min(last, WEEK_MINUTES)))
        if last > WEEK_MINUTES:
            pieces.append((0, last - WEEK_MINUTES))
    return pieces


def overlap_minutes(
    a: list[Window], a_zone: str, b: list[Window], b_zone: str, week_of: date = REFERENCE_MONDAY
) -> int:
    """Minutes per week that both people are available, each in their own zone."""
    week = timedelta(days=7)
    # Windows repeat weekly, so one that crosses the week's edge in UTC meets the other
    # person's windows of the neighbouring week.
    b_intervals = [
        (start + shift, end + shift)
        for start, end in utc_intervals(b, b_zone, week_of)
        for shift in (-week, timedelta(), week)
    ]
    total = 0
    for a_start, a_end in utc_intervals(a, a_zone, week_of):
        for b_start, b_end in b_intervals:
            latest, earliest = max(a_start, b_start), min(a_end, b_end)
            if earliest > latest:
                total += int((earliest - latest).total_seconds() // 60)
    return total


# zoneinfo keeps only a few zones strongly cached; a directory page may ask for dozens
_zone = cache(ZoneInfo)


def utc_offset_hours(zone: str, at: datetime | None = None) -> float:
    at = at or datetime.now(UTC)
    offset = at.astimezone(_zone(zone)).utcoffset() or timedelta()
    return offset.total_seconds() / 3600
