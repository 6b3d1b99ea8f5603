"""The mentor directory: who a programme's participants can browse and request.

A page is a query over the directory's index (``models/directory_index.py``), not a scan of
the programme: every filter, the relevance ranking and the cut at the cursor are SQL, the
same on SQLite and PostgreSQL, and only the page's mentors are read whole. Per page: the
viewer's marks, one count, one ranked page, the page's profiles (and the viewer's profile
for the availability filter, the programme's time zones for the offset filter).

- Search words match as substrings of the lower-cased name, skills (with their focus
  areas' names) and bio, every word somewhere; a trigram index finds the candidates for
  words of three characters or more (shorter words are looked for in each candidate's text).
  Relevance per word: 3 for the name, 1 + level/5 for the best skill holding it, 1 for the
  bio, added up as floating point in the same order as always, so ties stay ties.
- Availability overlap compares quarter-hour slot masks of the UTC week; two people whose
  windows both fall between quarter hours are compared minute by minute.
- The UTC offset filter turns the offset range into the programme's time zones whose offset
  lies in it now (offsets move with daylight saving time, so they are not stored).
- Remaining capacity is the index's mentee load, kept by database triggers.

Sorting by compatibility runs the matcher over every mentor the filters let through, which
costs about as much as the matcher's own suggestions for that many mentors; it is refused
with ``BAD_USER_INPUT`` beyond ``COMPATIBILITY_LIMIT`` mentors (the viewer narrows the
search first).
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from tortoise.connection import get_connection

from models.accounts import User
from models.availability import overlap_minutes, parse_windows, utc_offset_hours
from models.directory_index import LEVELS, Week
from models.errors import BadInput, Forbidden
from models.matches import matching, participants
from models.organisations import SLUG_RE
from models.profiles import ADULT_AGE, LANGUAGE_CODES, DirectoryMark, MarkKind, Profile
from models.programmes import Programme, ProgrammeAccess, visible_programme
from models.sql import Params, dialect_of

MAX_PAGE = 100
MAX_CHOICES = 50  # focus areas, or languages, one filter may name
COMPATIBILITY_LIMIT = 1000
MIN_INDEXED_WORD = 3  # the trigram index cannot find shorter words
_INT_RANGE = range(-(2**31), 2**31)


class DirectorySort(StrEnum):
    RELEVANCE = "relevance"
    COMPATIBILITY = "compatibility"


@dataclass
class MentorFilter:
    text: str = ""
    focus_areas: list[str] = field(default_factory=list)
    min_level: int | None = None
    languages: list[str] = field(default_factory=list)
    utc_offset_min: float | None = None
    utc_offset_max: float | None = None
    overlaps_my_availability: bool = False
    open_only: bool = False
    with_capacity: bool = False
    favourites_only: bool = False
    include_hidden: bool = False
    sort: DirectorySort = DirectorySort.RELEVANCE


@dataclass
class MentorHit:
    user: User
    profile: Profile
    sort_name: str  # the name as the index sorted it
    mark: MarkKind | None
    relevance: float
    overlap_minutes: int | None
    load: int
    compatibility: float | None = None

    @property
    def remaining_capacity(self) -> int:
        return max(0, self.profile.capacity - self.load)

    def sort_key(self) -> tuple:
        primary = self.relevance if self.compatibility is None else self.compatibility
        return _sort_key(primary, self.mark == MarkKind.FAVOURITE, self.sort_name, self.user.id)

    def cursor(self) -> str:
        return base64.urlsafe_b64encode(json.dumps(self.sort_key()).encode()).decode()


@dataclass
class MentorPage:
    hits: list[MentorHit]
    has_next_page: bool
    total: int


@dataclass
class _Ranked:
    """A mentor as the ranking query returns them."""

    user_id: int
    sort_name: str
    load: int
    relevance: float
    favourite: bool
    compatibility: float | None = None

    def key(self) -> tuple:
        primary = self.relevance if self.compatibility is None else self.compatibility
        return _sort_key(primary, self.favourite, self.sort_name, self.user_id)


def _sort_key(primary: float, favourite: bool, name: str, user_id: int) -> tuple:
    """Best first, favourites first among equals, then by name: a cursor is this tuple."""
    return (-primary, not favourite, name, user_id)


def _decode_cursor(cursor: str) -> tuple[float, bool, str, int]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        key = (float(raw[0]), bool(raw[1]), str(raw[2]), int(raw[3]))
        key[2].encode()  # a lone surrogate cannot reach the database
    except (ValueError, TypeError, IndexError, KeyError, UnicodeEncodeError):
        key = None
    if key is None or not math.isfinite(key[0]) or "\x00" in key[2] or key[3] not in _INT_RANGE:
        raise BadInput("That cursor is not one this server gave out.", field="after")
    return key


def _check_filter(f: MentorFilter, first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise BadInput(f"Ask for 1 to {MAX_PAGE} mentors at a time.", field="first")
    if f.min_level is not None and not 1 <= f.min_level <= 5:
        raise BadInput("Levels run from 1 to 5.", field="filter.minLevel")
    for name in ("utc_offset_min", "utc_offset_max"):
        value = getattr(f, name)
        if value is not None and not -12 <= value <= 14:
            raise BadInput("UTC offsets run from -12 to +14 hours.", field=f"filter.{name}")
    if len(f.text) > 200:
        raise BadInput("Keep the search under 200 characters.", field="filter.text")
    for name in ("focus_areas", "languages"):
        if len(set(getattr(f, name))) > MAX_CHOICES:
            camel = "focusAreas" if name == "focus_areas" else name
            raise BadInput(f"Choose at most {MAX_CHOICES} at a time.", field=f"filter.{camel}")


class _Query:
    """The SQL of one directory search: the filters as a WHERE clause over the index, the
    relevance as an expression, in the connection's dialect."""

    def __init__(self, dialect: str) -> None:
        self.p = Params(dialect)
        self.sqlite = dialect == "sqlite"
        self.position = "instr" if self.sqlite else "strpos"
        self.where: list[str] = []
        self.texts = False  # whether directory_texts is joined

    def contains(self, column: str, part: str) -> str:
        return f"{self.position}({column}, {self.p(part)}) > 0"

    def any_of(self, clauses: list[str]) -> None:
        self.where.append("(" + " OR ".join(clauses) + ")" if clauses else "1 = 0")

    def words(self, terms: list[str]) -> None:
        """Every word somewhere in the mentor's text."""
        if not terms:
            return
        if not self.sqlite:
            self.texts = True
            for term in terms:  # pg_trgm answers LIKE from its index, exactly
                escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                self.where.append(f"t.words LIKE {self.p('%' + escaped + '%')}")
            return
        indexed = [t for t in terms if len(t) >= MIN_INDEXED_WORD]
        if indexed:
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in indexed)
            self.where.append(
                "e.user_id IN (SELECT rowid FROM directory_fts "
                f"WHERE directory_fts MATCH {self.p(match)})"
            )
        short = [self.contains("t.words", t) for t in terms if len(t) < MIN_INDEXED_WORD]
        self.texts = self.texts or bool(short)
        self.where += short

    def relevance(self, terms: list[str]) -> str:
        """Per word, (name + best skill level) + bio, summed word by word."""
        if not terms:
            return "CAST(0 AS DOUBLE PRECISION)"
        self.texts = True
        hits = []
        for term in terms:
            skill = " ".join(
                f"WHEN {self.contains(f't.skills{level}', term)} "
                f"THEN CAST({1 + level / 5!r} AS DOUBLE PRECISION)"
                for level in LEVELS
            )
            hits.append(
                f"((CASE WHEN {self.contains('t.name', term)} THEN 3 ELSE 0 END "
                f"+ CASE {skill} ELSE 0 END) "
                f"+ CASE WHEN {self.contains('t.bio', term)} THEN 1 ELSE 0 END)"
            )
        return " + ".join(hits)

    def source(self) -> str:
        join = " JOIN directory_texts t ON t.user_id = e.user_id" if self.texts else ""
        return f"directory_entries e{join} WHERE {' AND '.join(self.where)}"


def _ids(ids: set[int]) -> str:
    """Ids from the database, written into the statement."""
    return "(" + ", ".join(str(int(i)) for i in sorted(ids)) + ")"


async def _zones_between(programme_id: int, low: float | None, high: float | None) -> list[str]:
    """The time zones of the programme's mentors whose UTC offset lies in the range now."""
    conn = get_connection("default")
    p = Params(dialect_of(conn))
    rows = await conn.execute_query_dict(
        f"SELECT DISTINCT timezone FROM directory_entries WHERE programme_id = {p(programme_id)}",
        p.values,
    )
    offsets = {row["timezone"]: utc_offset_hours(row["timezone"]) for row in rows}
    return [
        zone
        for zone, offset in offsets.items()
        if (low is None or offset >= low) and (high is None or offset <= high)
    ]


def _filters(
    q: _Query,
    f: MentorFilter,
    marks: dict[int, MarkKind],
    mine: Week | None,
    zones: list[str] | None,
    terms: list[str],
) -> None:
    hidden = {i for i, kind in marks.items() if kind == MarkKind.HIDDEN}
    if hidden and not f.include_hidden:
        q.where.append(f"e.user_id NOT IN {_ids(hidden)}")
    if f.favourites_only:
        favourites = {i for i, kind in marks.items() if kind == MarkKind.FAVOURITE}
        q.where.append(f"e.user_id IN {_ids(favourites)}" if favourites else "1 = 0")
    if f.open_only:
        q.where.append("e.open_for_requests")
    if f.with_capacity:
        q.where.append("e.capacity > e.mentee_load")
    if f.languages:  # profiles hold known codes only, so an unknown one matches nobody
        codes = [c for c in dict.fromkeys(f.languages) if c in LANGUAGE_CODES]
        q.any_of([q.contains("e.languages", f" {code} ") for code in codes])
    if zones is not None:
        q.where.append(
            "e.timezone IN (" + ", ".join(q.p(z) for z in zones) + ")" if zones else "1 = 0"
        )
    if f.focus_areas:  # likewise slugs: a malformed one names no focus area
        slugs = [s for s in dict.fromkeys(f.focus_areas) if SLUG_RE.fullmatch(s)]
        if f.min_level:
            levels = [level for level in LEVELS if level >= f.min_level]
            q.any_of([q.contains("e.focus_levels", f" {s}:{n} ") for s in slugs for n in levels])
        else:
            q.any_of([q.contains("e.focus_levels", f" {s}:") for s in slugs])
    elif f.min_level:
        q.where.append(f"e.top_level >= {q.p(f.min_level)}")
    if mine is not None:
        q.any_of([f"(e.week{i} & {q.p(word)}) <> 0" for i, word in enumerate(mine.words) if word])
        if not mine.exact:  # exact when either side's slots are wholly free
            overlaps = " OR ".join(
                f"(w.starts < {q.p(end)} AND w.ends > {q.p(start)})" for start, end in mine.pieces
            )
            q.where.append(
                "(e.week_exact OR EXISTS (SELECT 1 FROM directory_windows w "
                f"WHERE w.user_id = e.user_id AND ({overlaps})))"
            )
    q.words(terms)


async def _rank_by_compatibility(viewer: User, programme: Programme, ranked: list[_Ranked]) -> None:
    """Score every mentor found against the viewer as mentee (0 when a hard rule blocks)."""
    mentors, mentees, rules = await participants(
        programme, [r.user_id for r in ranked], [viewer.id]
    )
    found = await asyncio.to_thread(
        matching.suggest_mentors, mentees[0], mentors, rules, max(len(mentors), 1)
    )
    scores = {s.participant_id: s.score for s in found}
    for r in ranked:
        r.compatibility = round(scores.get(r.user_id, 0.0), 4)


async def _ranked(q: _Query, relevance: str, favourites: set[int], tail: str) -> list[_Ranked]:
    not_favourite = f"CASE WHEN e.user_id IN {_ids(favourites)} THEN 0 ELSE 1 END"
    sql = (
        "SELECT * FROM (SELECT e.user_id, e.sort_name, e.mentee_load, "
        f"{relevance} AS relevance, {not_favourite if favourites else '1'} AS not_favourite "
        f"FROM {q.source()}) h {tail}"
    )
    rows = await get_connection("default").execute_query_dict(sql, q.p.values)
    return [
        _Ranked(
            r["user_id"], r["sort_name"], r["mentee_load"], float(r["relevance"]),
            not r["not_favourite"],
        )
        for r in rows
    ]  # fmt: skip


def _after(q: _Query, key: tuple[float, bool, str, int]) -> str:
    """Rows after the cursor in (-relevance, not favourite, name, id) order."""
    p = q.p
    score, not_favourite, name, user_id = -key[0], int(key[1]), key[2], key[3]
    return (
        f"WHERE (h.relevance < {p(score)} OR (h.relevance = {p(score)} AND "
        f"(h.not_favourite > {p(not_favourite)} OR (h.not_favourite = {p(not_favourite)} AND "
        f"(h.sort_name > {p(name)} OR (h.sort_name = {p(name)} AND h.user_id > {p(user_id)}))))))"
    )


async def search_mentors(
    viewer: User, programme_id: int, f: MentorFilter, first: int, after: str | None
) -> MentorPage:
    _check_filter(f, first)
    programme, access = await visible_programme(viewer, programme_id)
    if not access.participates:
        raise Forbidden("Join the programme to browse its mentors.")
    compatibility = f.sort == DirectorySort.COMPATIBILITY
    if compatibility and not _mentee(access):
        raise BadInput("Sorting by compatibility needs you to be a mentee here.", field="sort")
    key = _decode_cursor(after) if after else None
    marks = {
        mentor: MarkKind(kind)
        for mentor, kind in await DirectoryMark.filter(user_id=viewer.id).values_list(
            "mentor_id", "kind"
        )
    }
    mine = await Profile.get(user_id=viewer.id) if f.overlaps_my_availability else None
    zones = None
    if f.utc_offset_min is not None or f.utc_offset_max is not None:
        zones = await _zones_between(programme_id, f.utc_offset_min, f.utc_offset_max)
    terms = f.text.lower().split()
    my_week = Week.of(mine.availability, mine.timezone) if mine else None

    def query(ranked: bool) -> tuple[_Query, str]:
        """The search's WHERE clause, and its relevance expression when ``ranked``
        (SQLite numbers placeholders by position: the expression comes first)."""
        q = _Query(dialect_of(get_connection("default")))
        relevance = q.relevance(terms) if ranked else ""
        q.where += [
            f"e.programme_id = {q.p(programme_id)}",
            f"e.user_id <> {q.p(viewer.id)}",
            f"e.birth_year <= {q.p(datetime.now(UTC).year - ADULT_AGE)}",
        ]
        _filters(q, f, marks, my_week, zones, terms)
        return q, relevance

    favourites = {i for i, kind in marks.items() if kind == MarkKind.FAVOURITE}
    if compatibility:
        q, relevance = query(ranked=True)
        tail = f"LIMIT {COMPATIBILITY_LIMIT + 1}"
        ranked = await _ranked(q, relevance, favourites, tail)
        if len(ranked) > COMPATIBILITY_LIMIT:
            raise BadInput(
                f"More than {COMPATIBILITY_LIMIT} mentors match: narrow the search to sort "
                "them by compatibility.",
                field="sort",
            )
        await _rank_by_compatibility(viewer, programme, ranked)
        ranked.sort(key=_Ranked.key)
        total = len(ranked)
        if key is not None:
            ranked = [r for r in ranked if r.key() > key]
    else:
        q, _ = query(ranked=False)
        count = f"SELECT COUNT(*) AS n FROM {q.source()}"
        total = (await get_connection("default").execute_query_dict(count, q.p.values))[0]["n"]
        q, relevance = query(ranked=True)
        tail = _after(q, key) if key is not None else ""
        tail += (
            " ORDER BY h.relevance DESC, h.not_favourite, h.sort_name, h.user_id "
            f"LIMIT {q.p(first + 1)}"
        )
        ranked = await _ranked(q, relevance, favourites, tail)
    page = ranked[:first]
    return MentorPage(await _hits(page, marks, mine), len(ranked) > first, total)


def _mentee(access: ProgrammeAccess) -> bool:
    return access.enrolment is not None and access.enrolment.as_mentee


async def _hits(
    page: list[_Ranked], marks: dict[int, MarkKind], mine: Profile | None
) -> list[MentorHit]:
    """The page's mentors read whole, with the viewer's overlap when that filter is on."""
    profiles = {
        p.user_id: p
        for p in await Profile.filter(user_id__in=[r.user_id for r in page]).select_related("user")
    }
    my_windows = parse_windows(mine.availability) if mine else []
    hits = []
    for r in page:
        profile = profiles[r.user_id]
        overlap = None
        if mine is not None:
            overlap = overlap_minutes(
                my_windows, mine.timezone, parse_windows(profile.availability), profile.timezone
            )
        hits.append(
            MentorHit(
                profile.user, profile, r.sort_name, marks.get(r.user_id), r.relevance,
                overlap, r.load, r.compatibility,
            )
        )  # fmt: skip
    return hits
