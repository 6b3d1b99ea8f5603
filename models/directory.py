"""The mentor directory: who a programme's participants can browse and request.

A programme has hundreds to a few thousand mentors, so the candidate set is read with a
fixed number of queries and ranked in Python, where time-zone and availability filters are
easy to get right. Pages are cut with keyset cursors over the ranking.
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass, field
from enum import StrEnum

from models.accounts import User
from models.availability import overlap_minutes, parse_windows, utc_offset_hours
from models.errors import BadInput, Forbidden
from models.matches import matching, participants
from models.profiles import DirectoryMark, Expertise, MarkKind, Profile
from models.programmes import (
    Enrolment,
    MentorStatus,
    Programme,
    ProgrammeAccess,
    visible_programme,
)
from models.relationships import mentee_loads

MAX_PAGE = 100


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
    expertise: list[Expertise]
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
        return (
            -primary,
            self.mark != MarkKind.FAVOURITE,
            self.user.display_name.lower(),
            self.user.id,
        )

    def cursor(self) -> str:
        return base64.urlsafe_b64encode(json.dumps(self.sort_key()).encode()).decode()


@dataclass
class MentorPage:
    hits: list[MentorHit]
    has_next_page: bool
    total: int


async def _rank_by_compatibility(
    viewer: User, programme: Programme, access: ProgrammeAccess, hits: list[MentorHit]
) -> None:
    """Score every listed mentor against the viewer as mentee (0 when a hard rule blocks)."""
    if access.enrolment is None or not access.enrolment.as_mentee:
        raise BadInput("Sorting by compatibility needs you to be a mentee here.", field="sort")
    mentors, mentees, rules = await participants(programme, [h.user.id for h in hits], [viewer.id])
    found = await asyncio.to_thread(
        matching.suggest_mentors, mentees[0], mentors, rules, max(len(mentors), 1)
    )
    scores = {s.participant_id: s.score for s in found}
    for hit in hits:
        hit.compatibility = round(scores.get(hit.user.id, 0.0), 4)


def _decode_cursor(cursor: str) -> tuple:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return (float(key[0]), bool(key[1]), str(key[2]), int(key[3]))
    except (ValueError, TypeError, IndexError, KeyError):
        raise BadInput("That cursor is not one this server gave out.", field="after") from None


def _relevance(terms: list[str], user: User, profile: Profile, skills: list[Expertise]) -> float:
    """Every term must match somewhere; a name match counts most, then a skill (more for a
    higher level), then the bio."""
    name, bio = user.display_name.lower(), profile.bio.lower()
    skill_texts = [
        (
            " ".join(
                [e.skill, e.focus_area.name_en, e.focus_area.name_id] if e.focus_area else [e.skill]
            ).lower(),
            e.level,
        )
        for e in skills
    ]
    score = 0.0
    for term in terms:
        best_level = max((level for text, level in skill_texts if term in text), default=0)
        hit = 3 * (term in name) + (1 + best_level / 5 if best_level else 0) + (term in bio)
        if not hit:
            return 0.0
        score += hit
    return score


def _passes(f: MentorFilter, profile: Profile, skills: list[Expertise], load: int) -> bool:
    if f.open_only and not profile.open_for_requests:
        return False
    if f.with_capacity and profile.capacity <= load:
        return False
    if f.languages and not set(f.languages) & set(profile.languages):
        return False
    if f.utc_offset_min is not None or f.utc_offset_max is not None:
        offset = utc_offset_hours(profile.timezone)
        if f.utc_offset_min is not None and offset < f.utc_offset_min:
            return False
        if f.utc_offset_max is not None and offset > f.utc_offset_max:
            return False
    relevant = [
        e
        for e in skills
        if not f.focus_areas or (e.focus_area and e.focus_area.slug in f.focus_areas)
    ]
    if f.focus_areas and not relevant:
        return False
    return not (f.min_level and not any(e.level >= f.min_level for e in relevant))


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


async def search_mentors(
    viewer: User, programme_id: int, f: MentorFilter, first: int, after: str | None
) -> MentorPage:
    _check_filter(f, first)
    programme, access = await visible_programme(viewer, programme_id)
    if not access.participates:
        raise Forbidden("Join the programme to browse its mentors.")
    mentor_ids = (
        await Enrolment.filter(
            programme_id=programme_id, as_mentor=True, mentor_status=MentorStatus.APPROVED
        )
        .exclude(user_id=viewer.id)
        .values_list("user_id", flat=True)
    )
    profiles = [
        p
        for p in await Profile.filter(
            user_id__in=mentor_ids, listed_in_directory=True
        ).select_related("user")
        if not p.is_minor and p.user.is_active
    ]
    ids = [p.user_id for p in profiles]
    skills: dict[int, list[Expertise]] = {i: [] for i in ids}
    for e in await Expertise.filter(user_id__in=ids).select_related("focus_area"):
        skills[e.user_id].append(e)
    marks = dict(
        await DirectoryMark.filter(user_id=viewer.id, mentor_id__in=ids).values_list(
            "mentor_id", "kind"
        )
    )
    loads = await mentee_loads(ids)
    mine = await Profile.get(user_id=viewer.id) if f.overlaps_my_availability else None
    my_windows = parse_windows(mine.availability) if mine else []
    terms = f.text.lower().split()

    hits = []
    for p in profiles:
        mark = MarkKind(marks[p.user_id]) if p.user_id in marks else None
        if mark == MarkKind.HIDDEN and not f.include_hidden:
            continue
        if f.favourites_only and mark != MarkKind.FAVOURITE:
            continue
        if not _passes(f, p, skills[p.user_id], loads[p.user_id]):
            continue
        relevance = _relevance(terms, p.user, p, skills[p.user_id]) if terms else 0.0
        if terms and not relevance:
            continue
        overlap = None
        if mine is not None:
            overlap = overlap_minutes(
                my_windows, mine.timezone, parse_windows(p.availability), p.timezone
            )
            if overlap == 0:
                continue
        hits.append(
            MentorHit(p.user, p, skills[p.user_id], mark, relevance, overlap, loads[p.user_id])
        )
    if f.sort == DirectorySort.COMPATIBILITY:
        await _rank_by_compatibility(viewer, programme, access, hits)
    hits.sort(key=MentorHit.sort_key)
    if after:
        key = _decode_cursor(after)
        hits_after = [h for h in hits if h.sort_key() > key]
    else:
        hits_after = hits
    return MentorPage(hits_after[:first], len(hits_after) > first, len(hits))
