"""The mentor directory: who a programme's participants can browse and request.

A page is a query over the directory's index (``models/directory_index.py``), not a scan of
the programme's profiles: every filter, the relevance ranking and the cut at the cursor are
SQL, the same on SQLite and PostgreSQL, and the page's cards come from the index too. Per
page: the viewer's marks, one count, one ranked page, the page's cards (and the viewer's
week for the availability filter, the programme's time zones for the offset filter), all
plain statements.

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
- Without search words or favourites the order is the index's own (programme, name), so a
  page reads its 21 rows and stops; a count of the matches still reads them all.

Sorting by compatibility runs the matcher over every mentor the filters let through, in a
matching worker (models/workers.py) as the matcher's own suggestions do, and costs about as
much as they do for that many mentors; it is refused with ``BAD_USER_INPUT`` beyond
``COMPATIBILITY_LIMIT`` mentors (the viewer narrows the search first).
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any

from tortoise.connection import get_connection

from models import solving, workers
from models.accounts import User
from models.availability import utc_offset_hours
from models.directory_index import CARD_COLUMNS, LEVELS, Week, json_value
from models.errors import BadInput, Forbidden
from models.matches import cohort_of
from models.organisations import SLUG_RE
from models.profiles import ADULT_AGE, LANGUAGE_CODES, MarkKind
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
class Area:
    slug: str
    name_en: str
    name_id: str


@dataclass
class Skill:
    skill: str
    level: int
    focus_area: Area | None


@dataclass
class MentorHit:
    """A mentor on a page, as the directory's index shows them."""

    user_id: int
    display_name: str
    bio: str
    languages: list[str]
    timezone: str
    open_for_requests: bool
    capacity: int
    expertise: list[Skill]
    sort_name: str  # the name as the index sorted it
    mark: MarkKind | None
    relevance: float
    overlap_minutes: int | None
    load: int
    compatibility: float | None = None

    @property
    def remaining_capacity(self) -> int:
        return max(0, self.capacity - self.load)

    def sort_key(self) -> tuple:
        primary = self.relevance if self.compatibility is None else self.compatibility
        return _sort_key(primary, self.mark == MarkKind.FAVOURITE, self.sort_name, self.user_id)

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
    """The SQL of one directory search in the connection's dialect: the filters as a WHERE
    clause over the index, the relevance as an expression."""

    def __init__(self, dialect: str) -> None:
        self.p = Params(dialect)
        self.sqlite = dialect == "sqlite"
        self.where: list[str] = []
        self.texts = False  # whether directory_texts is joined

    def contains(self, column: str, placeholder: str) -> str:
        return f"{'instr' if self.sqlite else 'strpos'}({column}, {placeholder}) > 0"

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
        short = [self.contains("t.words", self.p(t)) for t in terms if len(t) < MIN_INDEXED_WORD]
        self.texts = self.texts or bool(short)
        self.where += short

    def relevance(self, terms: list[str]) -> str:
        """Per word, (3 for the name + 1 + level/5 for the best skill) + 1 for the bio,
        summed word by word. Every row holds every word somewhere, so one found in neither
        name nor skills is in the bio, which is then not searched (it is the longest and
        lives in another table)."""
        hits = []
        for term in terms:
            word = self.p(term)
            bio = (
                f"(SELECT CASE WHEN {self.contains('b.bio', word)} THEN 1 ELSE 0 END "
                "FROM directory_texts b WHERE b.user_id = e.user_id)"
            )
            skills = [
                (self.contains(f"e.skills{level}", word), _float(1 + level / 5)) for level in LEVELS
            ]
            best = " ".join(f"WHEN {found} THEN {value}" for found, value in skills)
            by_skill = " ".join(f"WHEN {found} THEN {value} + {bio}" for found, value in skills)
            hits.append(
                f"(CASE WHEN {self.contains('e.sort_name', word)} "
                f"THEN (3 + CASE {best} ELSE 0 END) + {bio} {by_skill} ELSE 1 END)"
            )
        return " + ".join(hits)

    def source(self) -> str:
        join = " JOIN directory_texts t ON t.user_id = e.user_id" if self.texts else ""
        return f"directory_entries e{join} WHERE {' AND '.join(self.where)}"


def _float(value: float) -> str:
    """A float literal both databases read as exactly this double."""
    return f"CAST({value!r} AS DOUBLE PRECISION)"


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


@dataclass
class _Viewer:
    """What the search needs of the person searching."""

    id: int
    marks: dict[int, MarkKind]
    timezone: str = ""
    availability: list[dict] = field(default_factory=list)

    @cached_property
    def week(self) -> Week:
        return Week.of(self.availability, self.timezone)

    def marked(self, kind: MarkKind) -> set[int]:
        return {mentor for mentor, mark in self.marks.items() if mark == kind}


async def _viewer(user: User, with_week: bool) -> _Viewer:
    conn = get_connection("default")
    p = Params(dialect_of(conn))
    rows = await conn.execute_query_dict(
        f"SELECT mentor_id, kind FROM directory_marks WHERE user_id = {p(user.id)}", p.values
    )
    viewer = _Viewer(user.id, {row["mentor_id"]: MarkKind(row["kind"]) for row in rows})
    if with_week:
        p = Params(p.dialect)
        rows = await conn.execute_query_dict(
            f"SELECT timezone, availability FROM profiles WHERE user_id = {p(user.id)}",
            p.values,
        )
        viewer.timezone = rows[0]["timezone"]
        viewer.availability = json_value(rows[0]["availability"])
    return viewer


def _filters(
    q: _Query, f: MentorFilter, viewer: _Viewer, zones: list[str] | None, terms: list[str]
) -> None:
    hidden = viewer.marked(MarkKind.HIDDEN)
    if hidden and not f.include_hidden:  # a few: cheaper one by one than as a set
        few = len(hidden) <= 8
        q.where += (
            [f"e.user_id <> {int(i)}" for i in sorted(hidden)]
            if few
            else [f"e.user_id NOT IN {_ids(hidden)}"]
        )
    if f.favourites_only:
        favourites = viewer.marked(MarkKind.FAVOURITE)
        q.where.append(f"e.user_id IN {_ids(favourites)}" if favourites else "1 = 0")
    if f.open_only:
        q.where.append("e.open_for_requests")
    if f.with_capacity:
        q.where.append("e.capacity > e.mentee_load")
    if f.languages:  # profiles hold known codes only, so an unknown one matches nobody
        codes = [c for c in dict.fromkeys(f.languages) if c in LANGUAGE_CODES]
        q.any_of([q.contains("e.languages", q.p(f" {code} ")) for code in codes])
    if zones is not None:
        q.where.append(
            "e.timezone IN (" + ", ".join(q.p(z) for z in zones) + ")" if zones else "1 = 0"
        )
    if f.focus_areas:  # likewise slugs: a malformed one names no focus area
        slugs = [s for s in dict.fromkeys(f.focus_areas) if SLUG_RE.fullmatch(s)]
        level = f.min_level or 1
        q.any_of([q.contains("e.focus_levels", q.p(f" {slug}:{level} ")) for slug in slugs])
    elif f.min_level:
        q.where.append(f"e.top_level >= {q.p(f.min_level)}")
    if f.overlaps_my_availability:
        week = viewer.week
        q.any_of([f"(e.week{i} & {q.p(word)}) <> 0" for i, word in enumerate(week.words) if word])
        if not week.exact:  # exact when either side's slots are wholly free
            overlaps = " OR ".join(
                f"(w.starts < {q.p(end)} AND w.ends > {q.p(start)})" for start, end in week.pieces
            )
            q.where.append(
                "(e.week_exact OR EXISTS (SELECT 1 FROM directory_windows w "
                f"WHERE w.user_id = e.user_id AND ({overlaps})))"
            )
    q.words(terms)


async def _rank_by_compatibility(viewer: User, programme: Programme, ranked: list[_Ranked]) -> None:
    """Score every mentor found against the viewer as mentee (0 when a hard rule blocks)."""
    if not ranked:  # the matcher wants someone to rank
        return
    cohort = await cohort_of(programme, [r.user_id for r in ranked], [viewer.id])
    mentee, mentors = cohort.mentees[0], cohort.mentors
    _, found = await workers.run(
        solving.suggest_mentors, mentee, mentors, cohort.rules, len(mentors)
    )
    scores = {s.participant_id: s.score for s in found}
    for r in ranked:
        r.compatibility = round(scores.get(r.user_id, 0.0), 4)


async def _ranked(
    q: _Query,
    relevance: str | None,
    favourites: set[int],
    key: tuple[float, bool, str, int] | None,
    limit: int,
    ordered: bool = True,
) -> list[_Ranked]:
    """Up to ``limit`` mentors in ranking order after the cursor ``key``.

    What is the same for every row (the relevance without search words, the favourite
    rank without favourites) is left out of the ordering, so a page in name order walks
    the index in order and stops at the page's end."""
    not_favourite = f"CASE WHEN e.user_id IN {_ids(favourites)} THEN 0 ELSE 1 END"
    columns = ["e.user_id", "e.sort_name", "e.mentee_load"]
    columns += [f"{relevance} AS relevance"] if relevance else []
    columns += [f"{not_favourite} AS not_favourite"] if favourites else []
    sql = f"SELECT * FROM (SELECT {', '.join(columns)} FROM {q.source()}) h"
    order = [  # (ascending expression, or None with every row's value), as in _sort_key
        ("-h.relevance" if relevance else None, -0.0),
        ("h.not_favourite" if favourites else None, 1),
        ("h.sort_name", None),
        ("h.user_id", None),
    ]
    if key is not None:
        sql += " WHERE " + _after(q, [(e, v, k) for (e, v), k in zip(order, key, strict=True)])
    if ordered:
        sql += " ORDER BY " + ", ".join(e for e, _ in order if e is not None)
    sql += f" LIMIT {q.p(limit)}"
    rows = await get_connection("default").execute_query_dict(sql, q.p.values)
    return [
        _Ranked(
            r["user_id"], r["sort_name"], r["mentee_load"], float(r.get("relevance", 0.0)),
            not r.get("not_favourite", 1),
        )
        for r in rows
    ]  # fmt: skip


def _after(q: _Query, order: list[tuple[str | None, Any, Any]]) -> str:
    """SQL for "the row comes after the cursor": lexicographic over (expression, or None
    with the value every row has, the cursor's value), folding the constant ones here."""
    (expression, value, cursor), rest = order[0], order[1:]
    then = _after(q, rest) if rest else "1 = 0"
    if expression is None:
        return "1 = 1" if value > cursor else "1 = 0" if value < cursor else then
    at = q.p(cursor)
    if then == "1 = 0":
        return f"{expression} > {at}"
    return f"({expression} > {at} OR ({expression} = {at} AND {then}))"


async def search_mentors(
    user: User, programme_id: int, f: MentorFilter, first: int, after: str | None
) -> MentorPage:
    _check_filter(f, first)
    programme, access = await visible_programme(user, programme_id)
    if not access.participates:
        raise Forbidden("Join the programme to browse its mentors.")
    compatibility = f.sort == DirectorySort.COMPATIBILITY
    if compatibility and not _mentee(access):
        raise BadInput("Sorting by compatibility needs you to be a mentee here.", field="sort")
    key = _decode_cursor(after) if after else None
    viewer = await _viewer(user, f.overlaps_my_availability)
    zones = None
    if f.utc_offset_min is not None or f.utc_offset_max is not None:
        zones = await _zones_between(programme_id, f.utc_offset_min, f.utc_offset_max)
    terms = f.text.lower().split()

    def query(ranked: bool) -> tuple[_Query, str | None]:
        """The search's WHERE clause, and its relevance expression when ``ranked`` and
        there are words."""
        q = _Query(dialect_of(get_connection("default")))
        relevance = q.relevance(terms) if ranked and terms else None
        q.where += [
            f"e.programme_id = {q.p(programme_id)}",
            f"e.user_id <> {q.p(user.id)}",
            f"e.birth_year <= {q.p(datetime.now(UTC).year - ADULT_AGE)}",
        ]
        _filters(q, f, viewer, zones, terms)
        return q, relevance

    favourites = viewer.marked(MarkKind.FAVOURITE)
    if compatibility:
        q, relevance = query(ranked=True)
        ranked = await _ranked(
            q, relevance, favourites, None, COMPATIBILITY_LIMIT + 1, ordered=False
        )
        if len(ranked) > COMPATIBILITY_LIMIT:
            raise BadInput(
                f"More than {COMPATIBILITY_LIMIT} mentors match: narrow the search to sort "
                "them by compatibility.",
                field="sort",
            )
        await _rank_by_compatibility(user, programme, ranked)
        ranked.sort(key=_Ranked.key)
        total = len(ranked)
        if key is not None:
            ranked = [r for r in ranked if r.key() > key]
    else:
        q, _ = query(ranked=False)
        count = f"SELECT COUNT(*) AS n FROM {q.source()}"
        total = (await get_connection("default").execute_query_dict(count, q.p.values))[0]["n"]
        q, relevance = query(ranked=True)
        ranked = await _ranked(q, relevance, favourites, key, first + 1)
    page = ranked[:first]
    return MentorPage(await _hits(page, viewer), len(ranked) > first, total)


def _mentee(access: ProgrammeAccess) -> bool:
    return access.enrolment is not None and access.enrolment.as_mentee


async def _hits(page: list[_Ranked], viewer: _Viewer) -> list[MentorHit]:
    """The page's cards, with the viewer's weekly overlap when they asked for it."""
    if not page:
        return []
    conn = get_connection("default")
    p = Params(dialect_of(conn))
    ids = ", ".join(p(r.user_id) for r in page)
    rows = await conn.execute_query_dict(
        f"SELECT {', '.join(CARD_COLUMNS)} FROM directory_cards WHERE user_id IN ({ids})",
        p.values,
    )
    cards = {row["user_id"]: row for row in rows}
    mine = viewer.week.pieces if viewer.timezone else None
    hits = []
    for r in page:
        card = cards[r.user_id]
        overlap = None
        if mine is not None:  # minutes both are free: the sum over pairs of windows
            overlap = sum(
                max(0, min(end, their_end) - max(start, their_start))
                for start, end in mine
                for their_start, their_end in json.loads(card["week"])
            )
        expertise = [
            Skill(s["skill"], s["level"], s["area"] and Area(**s["area"]))
            for s in json.loads(card["expertise"])
        ]
        hits.append(
            MentorHit(
                r.user_id, card["display_name"], card["bio"], json.loads(card["languages"]),
                card["timezone"], bool(card["open_for_requests"]), card["capacity"], expertise,
                r.sort_name, viewer.marks.get(r.user_id), r.relevance, overlap, r.load,
                r.compatibility,
            )
        )  # fmt: skip
    return hits
