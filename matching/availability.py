"""Weekly availability as 168 UTC hour slots.

Local windows are placed on the calendar of a reference week and converted
with zoneinfo, so a DST change inside that week moves only the days after it.
Comparing people is then a bit-vector intersection, which vectorises.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from .profiles import Window

HOURS_PER_WEEK = 168
_WEEK_MINUTES = HOURS_PER_WEEK * 60
_MIN_COVER_MINUTES = 30  # a slot counts when the window covers at least half of it


@lru_cache(maxsize=1 << 16)
def window_slots(time_zone: str, window: Window, week: date) -> tuple[int, ...]:
    """UTC hour slots (0 = Monday 00:00 UTC of `week`) that `window` covers.

    Cached because real cohorts repeat the same few windows thousands of times.
    """
    zone = ZoneInfo(time_zone)
    start_min, end_min = window.minutes
    midnight = datetime.combine(week + timedelta(days=window.weekday), datetime.min.time())
    week_start = datetime.combine(week, datetime.min.time(), tzinfo=UTC)

    def utc_minutes(minutes: int) -> int:
        local = (midnight + timedelta(minutes=minutes)).replace(tzinfo=zone)
        return int((local.astimezone(UTC) - week_start).total_seconds() // 60)

    start, end = utc_minutes(start_min), utc_minutes(end_min)
    slots: set[int] = set()
    for hour in range(start // 60, -(-end // 60)):
        covered = min(end, (hour + 1) * 60) - max(start, hour * 60)
        if covered >= _MIN_COVER_MINUTES:
            slots.add(hour % HOURS_PER_WEEK)
    return tuple(sorted(slots))


def slot_vector(time_zone: str, windows: Iterable[Window], week: date) -> np.ndarray:
    """Boolean vector of the 168 UTC hours a person is available in `week`."""
    vector = np.zeros(HOURS_PER_WEEK, dtype=bool)
    for window in windows:
        vector[list(window_slots(time_zone, window, week))] = True
    return vector


def overlap_hours(a: np.ndarray, b: np.ndarray) -> int:
    """Hours per week two people are both available."""
    return int(np.count_nonzero(a & b))


def describe_slots(slots: np.ndarray, time_zone: str, week: date) -> list[str]:
    """Common hours as readable local ranges, e.g. 'Tue 19:00-21:00', for explanations."""
    zone = ZoneInfo(time_zone)
    week_start = datetime.combine(week, datetime.min.time(), tzinfo=UTC)
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    ranges: list[str] = []
    hours = np.flatnonzero(slots)
    run_start = None
    for pos, hour in enumerate(hours):
        if run_start is None:
            run_start = hour
        if pos + 1 < len(hours) and hours[pos + 1] == hour + 1:
            continue
        first = (week_start + timedelta(hours=int(run_start))).astimezone(zone)
        last = (week_start + timedelta(hours=int(hour) + 1)).astimezone(zone)
        ranges.append(f"{names[first.weekday()]} {first:%H:%M}-{last:%H:%M}")
        run_start = None
    return ranges
