"""The rules badges are earned by: one registry entry per kind of rule.

A rule *measures* something about members of one organisation (sessions attended, goals
reached, the longest run of weekly journals, the most "this helped me" votes on one of
their articles); a badge of that kind is earned when the measure reaches the badge's
threshold. Measuring the state rather than counting events is what makes evaluation safe
to repeat: a replay, or a second process reading the same events, measures the same thing
and reaches the same answer.

``triggers`` names the progress events after which the measure may have grown and
``subjects`` who an event concerns, so the recogniser (models/badges.py) measures only
them; a rule without triggers (helpful votes are not progress events) is swept on every
pass instead. ``defaults`` are the badges of this kind every organisation's catalogue
starts with. Adding a kind of rule is one entry in :data:`RULES`; the GraphQL enum
``BadgeRule`` and the default catalogue follow from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.functions import Count

from models.goals import Goal, GoalStatus, Journal
from models.knowledge import ArticleAuthor, ArticleStatus
from models.levels import level_ranks
from models.progress import EventKind, ProgressEvent
from models.relationships import Relationship, RelationshipMember
from models.sessions import Attendance, SessionStatus

# (organisation id, only these members or None for all) -> {member id: measure}
Measure = Callable[[int, set[int] | None], Awaitable[dict[int, int]]]
Subjects = Callable[[ProgressEvent], Awaitable[set[int]]]


@dataclass(frozen=True)
class DefaultBadge:
    """A badge every organisation's catalogue starts with (``key`` keeps it unique)."""

    key: str
    threshold: int
    icon: str
    name_id: str
    name_en: str
    description_id: str
    description_en: str


@dataclass(frozen=True)
class Rule:
    measure: Measure
    criteria_id: str  # what earns it, "{n}" standing for the threshold
    criteria_en: str
    thresholds: tuple[int, int]  # the thresholds a badge of this kind may set
    triggers: frozenset[EventKind] = frozenset()  # empty: swept on every pass
    subjects: Subjects | None = None
    defaults: tuple[DefaultBadge, ...] = ()

    def criteria(self, threshold: int) -> str:
        return f"{self.criteria_id.format(n=threshold)} / {self.criteria_en.format(n=threshold)}"


def _only(counts: Iterable[tuple[int, int]], among: set[int] | None) -> dict[int, int]:
    return {user: n for user, n in counts if among is None or user in among}


async def _relationship_ids(organisation_id: int, among: set[int] | None) -> list[int]:
    """The organisation's relationships (those of ``among`` only, when given)."""
    query = Relationship.filter(programme__organisation_id=organisation_id)
    if among is None:
        return await query.values_list("id", flat=True)
    mentored = await query.filter(mentor_id__in=among).values_list("id", flat=True)
    joined = await RelationshipMember.filter(
        user_id__in=among, relationship__programme__organisation_id=organisation_id
    ).values_list("relationship_id", flat=True)
    return sorted({*mentored, *joined})


# --- sessions ----------------------------------------------------------------------------


async def sessions_attended(organisation_id: int, among: set[int] | None) -> dict[int, int]:
    query = Attendance.filter(
        attended=True,
        session__status=SessionStatus.HELD,
        session__relationship__programme__organisation_id=organisation_id,
    )
    if among is not None:
        query = query.filter(user_id__in=among)
    rows = await query.annotate(n=Count("id")).group_by("user_id").values_list("user_id", "n")
    return {user: n for user, n in rows}


async def session_attendees(event: ProgressEvent) -> set[int]:
    rows = await Attendance.filter(
        session_id=event.payload.get("session"), attended=True
    ).values_list("user_id", flat=True)
    return set(rows)


# --- goals -------------------------------------------------------------------------------


async def goals_reached(organisation_id: int, among: set[int] | None) -> dict[int, int]:
    """Goals reached in the relationships one took part in, as mentor or mentee."""
    relationships = await _relationship_ids(organisation_id, among)
    reached = Counter(
        await Goal.filter(relationship_id__in=relationships, status=GoalStatus.REACHED).values_list(
            "relationship_id", flat=True
        )
    )
    if not reached:
        return {}
    counts: Counter[int] = Counter()
    for relationship, mentor in await Relationship.filter(id__in=list(reached)).values_list(
        "id", "mentor_id"
    ):
        if mentor is not None:
            counts[mentor] += reached[relationship]
    for relationship, user in await RelationshipMember.filter(
        relationship_id__in=list(reached)
    ).values_list("relationship_id", "user_id"):
        counts[user] += reached[relationship]
    return _only(counts.items(), among)


async def relationship_people(event: ProgressEvent) -> set[int]:
    relationship = await Relationship.get_or_none(id=event.relationship_id)
    if relationship is None:
        return set()
    members = await RelationshipMember.filter(relationship_id=relationship.id).values_list(
        "user_id", flat=True
    )
    return {*members, *([relationship.mentor_id] if relationship.mentor_id else [])}


# --- journals ----------------------------------------------------------------------------


def longest_run(weeks: Iterable[date]) -> int:
    """The most consecutive weeks (Mondays) in a set of journal weeks."""
    have = set(weeks)
    best = 0
    for week in have:
        if week - timedelta(days=7) in have:
            continue  # not the start of a run
        length = 1
        while week + timedelta(days=7 * length) in have:
            length += 1
        best = max(best, length)
    return best


async def journal_streak(organisation_id: int, among: set[int] | None) -> dict[int, int]:
    """The longest run of weeks with a journal, across one's relationships."""
    query = Journal.filter(relationship__programme__organisation_id=organisation_id)
    if among is not None:
        query = query.filter(author_id__in=among)
    weeks: dict[int, set[date]] = {}
    for author, week in await query.values_list("author_id", "week_of"):
        weeks.setdefault(author, set()).add(week)
    return {author: longest_run(found) for author, found in weeks.items()}


async def journal_author(event: ProgressEvent) -> set[int]:
    return {event.actor_id} if event.actor_id is not None else set()


# --- knowledge ---------------------------------------------------------------------------


async def most_helpful_article(organisation_id: int, among: set[int] | None) -> dict[int, int]:
    """Per author, the "this helped me" votes of their most helpful published article."""
    query = ArticleAuthor.filter(
        article__organisation_id=organisation_id,
        article__status=ArticleStatus.PUBLISHED,
        article__helpful__gt=0,
    )
    if among is not None:
        query = query.filter(user_id__in=among)
    best: dict[int, int] = {}
    for user, helpful in await query.values_list("user_id", "article__helpful"):
        best[user] = max(best.get(user, 0), helpful)
    return best


RULES: dict[str, Rule] = {
    "sessions_held": Rule(
        measure=sessions_attended,
        criteria_id="Hadir dalam {n} sesi mentoring yang terlaksana.",
        criteria_en="Attended {n} mentoring sessions that were held.",
        thresholds=(1, 1000),
        triggers=frozenset({EventKind.SESSION_HELD}),
        subjects=session_attendees,
        defaults=(
            DefaultBadge(
                "first-session", 1, "🌱", "Sesi pertama", "First session",
                "Hadir dalam sesi mentoring pertama.", "Attended a first mentoring session.",
            ),
            DefaultBadge(
                "five-sessions", 5, "🗓️", "Lima sesi", "Five sessions",
                "Hadir dalam lima sesi mentoring.", "Attended five mentoring sessions.",
            ),
        ),
    ),
    "goals_reached": Rule(
        measure=goals_reached,
        criteria_id="Mencapai {n} tujuan dalam pendampingan.",
        criteria_en="Reached {n} goals in a mentoring relationship.",
        thresholds=(1, 1000),
        triggers=frozenset({EventKind.GOAL_REACHED}),
        subjects=relationship_people,
        defaults=(
            DefaultBadge(
                "goal-reached", 1, "🎯", "Tujuan tercapai", "Goal reached",
                "Mencapai tujuan pertama bersama mentor atau mentee.",
                "Reached a first goal with a mentor or mentee.",
            ),
        ),
    ),
    "journal_streak": Rule(
        measure=journal_streak,
        criteria_id="Menulis jurnal {n} minggu berturut-turut.",
        criteria_en="Wrote a journal {n} weeks in a row.",
        thresholds=(2, 104),
        triggers=frozenset({EventKind.JOURNAL_SUBMITTED}),
        subjects=journal_author,
        defaults=(
            DefaultBadge(
                "journal-streak-4", 4, "📓", "Empat minggu menulis", "Four-week journal streak",
                "Menulis jurnal empat minggu berturut-turut.",
                "Wrote a journal four weeks in a row.",
            ),
        ),
    ),
    "article_helped": Rule(
        measure=most_helpful_article,
        criteria_id="Menulis artikel yang membantu {n} orang.",
        criteria_en="Wrote an article that helped {n} people.",
        thresholds=(1, 100_000),
        defaults=(
            DefaultBadge(
                "article-helped-10", 10, "💡", "Artikel yang membantu", "A helpful article",
                "Menulis artikel yang membantu sepuluh orang.",
                "Wrote an article that helped ten people.",
            ),
        ),
    ),
    "mentor_level": Rule(
        measure=level_ranks,
        criteria_id="Mencapai jenjang mentor ke-{n} (1 Kandidat Mentor … 5 Pemimpin Komunitas).",
        criteria_en="Reached mentor level {n} (1 Mentor Candidate … 5 Community Leader).",
        thresholds=(1, 5),
        defaults=(
            DefaultBadge(
                "community-mentor", 2, "🏅", "Mentor Komunitas", "Community Mentor",
                "Dikukuhkan sebagai Mentor Komunitas oleh koordinator.",
                "Confirmed as a Community Mentor by a coordinator.",
            ),
        ),
    ),
}  # fmt: skip
