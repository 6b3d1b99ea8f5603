"""The figures a programme is judged by, per period: the registry every report draws on.

Each entry of ``METRICS`` is one metric: a key, the section it belongs to, the labels of
the figures it makes (Bahasa Indonesia and English) and an async function that computes
them from a ``Scope`` (a programme, a period, and whether the result is for the public).
Reports pick entries by section, so a new figure is one more entry: mentor progression
(members per level, promotions) comes from the ``levels`` feature and is added there.

What each figure counts, precisely (the README repeats it for coordinators):

- *participants*: people enrolled by the end of the period, as approved mentors or as
  mentees; *engaged*: those of them present at a session held in the period.
- *match rate*: mentees put with a mentor (in a relationship not cancelled before it
  started) by the period's end, of all mentees; Mentorloop recommends aiming for 70 %.
- *relationships*: started, completed and cancelled in the period; the completion rate is
  the completed share of those that ended.
- *sessions*: held and cancelled sessions that were to start in the period, hours held,
  and attendance (present / expected) at the held ones.
- *skill development*: for each mentee and skill assessed at the start and again later
  (end, else midpoint), the level gained; the mean over those pairs.
- *satisfaction*: mean session rating given by mentees and by mentors in the period, and
  the mean of the programme's and relationships' evaluations given in it (evaluations may be
  anonymous, so they are not split by role).
- *knowledge transfer*: the programme's articles published in the period, their readers'
  views and "this helped me" votes in it.
- *money*: expenses dated in the period, per currency, by category and by participant.
- *supply and demand*: as of now, per focus area: unmatched mentees needing it, and free
  places of mentors at expert level in it (matching's own ``SkillGap`` definition), with the
  mentors to recruit at the programme's median mentor capacity.

Every figure counts the people it is computed from, so a public report can withhold small
groups (``models.figures``). Figures about relationships and sessions involve two sides;
they count the smaller side, so a single mentor's sessions are as protected as a single
mentee's.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from statistics import mean, median_low
from typing import Any

from strawberry import relay

from models import solving, workers
from models.accounts import User
from models.evaluations import Evaluation, EvaluationKind
from models.expenses import CATEGORY_LABELS, Total, spending_in
from models.figures import Figure, Relations, Unit
from models.goals import Goal, GoalStatus, SessionFeedback
from models.journeys import AssessmentPhase, SkillAssessment
from models.knowledge import Article, ArticleAuthor, ArticleView, HelpfulVote
from models.levels import LEVEL_NAMES, LEVELS, HistoryKind, level_ranks, promotions
from models.matches import cohort_rows
from models.organisations import FocusArea
from models.profiles import Profile
from models.programmes import Enrolment, MentorStatus, Programme
from models.relationships import Relationship, RelationshipMember, RelationshipStatus
from models.sessions import Attendance, Session, SessionStatus

MATCH_TARGET = 0.7  # Mentorloop's guidance for a healthy programme


class Section(StrEnum):
    PARTICIPATION = "participation"
    MATCHING = "matching"
    RELATIONSHIPS = "relationships"
    SESSIONS = "sessions"
    SKILLS = "skills"
    SATISFACTION = "satisfaction"
    KNOWLEDGE = "knowledge"
    PROGRESSION = "progression"
    MONEY = "money"
    SUPPLY = "supply"


SECTION_LABELS: dict[Section, tuple[str, str]] = {
    Section.PARTICIPATION: ("Partisipasi", "Participation"),
    Section.MATCHING: ("Pemasangan mentor", "Matching"),
    Section.RELATIONSHIPS: ("Hubungan mentoring", "Mentoring relationships"),
    Section.SESSIONS: ("Sesi dan kehadiran", "Sessions and attendance"),
    Section.SKILLS: ("Perkembangan keterampilan", "Skill development"),
    Section.SATISFACTION: ("Kepuasan", "Satisfaction"),
    Section.KNOWLEDGE: ("Berbagi pengetahuan", "Knowledge transfer"),
    Section.PROGRESSION: ("Jenjang mentor", "Mentor progression"),
    Section.MONEY: ("Pengeluaran", "Money spent"),
    Section.SUPPLY: ("Kebutuhan dan ketersediaan mentor", "Mentor supply and demand"),
}


@dataclass(frozen=True)
class Scope:
    """What figures are computed over: a programme, a period (whole days), and whether the
    report is public (public reports leave out what is about one person by design)."""

    programme: Programme
    start: date
    end: date
    public: bool = False
    # what several metrics read alike (the enrolment), read once per report
    _read: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(), UTC)

    @property
    def end_at(self) -> datetime:  # exclusive
        return datetime.combine(self.end + timedelta(days=1), time(), UTC)


@dataclass
class Computed:
    figures: list[Figure] = field(default_factory=list)
    relations: Relations = field(default_factory=Relations)

    def add(self, figure: Figure) -> str:
        self.figures.append(figure)
        return figure.ref


@dataclass(frozen=True)
class Metric:
    key: str
    section: Section
    labels: dict[str, tuple[str, str]]  # figure key -> (Bahasa Indonesia, English)
    compute: Callable[[Scope], Awaitable[Computed]]


def _count(key: str, people: set[int] | int, unit: Unit = Unit.PEOPLE, **extra) -> Figure:
    size = people if isinstance(people, int) else len(people)
    return Figure(key, unit, float(size), size, **extra)


def _share(key: str, part: int, whole: int, **extra) -> Figure:
    value = round(part / whole, 4) if whole else None
    return Figure(key, Unit.SHARE, value, part, others=whole - part, **extra)


def _mean(key: str, values: list[int], people: int) -> Figure:
    value = round(mean(values), 2) if values else None
    return Figure(key, Unit.MEAN, value, people, uniform=len(set(values)) == 1)


# --- who takes part ----------------------------------------------------------------------


async def _enrolled(scope: Scope) -> tuple[set[int], set[int]]:
    """(approved mentors, mentees) enrolled by the end of the period."""
    if "enrolled" not in scope._read:
        rows = await Enrolment.filter(
            programme_id=scope.programme.id, created_at__lt=scope.end_at
        ).values_list("user_id", "as_mentee", "mentor_status")
        mentors = {u for u, _, status in rows if status == MentorStatus.APPROVED}
        scope._read["enrolled"] = mentors, {u for u, as_mentee, _ in rows if as_mentee}
    return scope._read["enrolled"]


@dataclass
class _Sides:
    """Who is on each side of some relationships: read once for all the figures a metric
    makes about them and their subsets."""

    mentor_of: dict[int, int]  # relationship → its mentor, where it has one
    members_of: dict[int, set[int]]  # relationship → its mentees or peers

    @classmethod
    async def of(cls, relationship_ids: set[int]) -> _Sides:
        if not relationship_ids:
            return cls({}, {})
        mentors = await Relationship.filter(
            id__in=relationship_ids, mentor_id__isnull=False
        ).values_list("id", "mentor_id")
        members: dict[int, set[int]] = {}
        for relationship, user in await RelationshipMember.filter(
            relationship_id__in=relationship_ids
        ).values_list("relationship_id", "user_id"):
            members.setdefault(relationship, set()).add(user)
        return cls(dict(mentors), members)

    def people(self, relationship_ids: set[int]) -> int:
        """People a figure about these relationships is computed from: the smaller side
        (peers have none above them, so their relationships count their members)."""
        mentors = {self.mentor_of[r] for r in relationship_ids if r in self.mentor_of}
        members = set().union(*(self.members_of.get(r, ()) for r in relationship_ids))
        return min(len(mentors), len(members)) if mentors else len(members)


async def participation(scope: Scope) -> Computed:
    mentors, mentees = await _enrolled(scope)
    everyone = mentors | mentees
    present = await Attendance.filter(
        attended=True,
        session__status=SessionStatus.HELD,
        session__relationship__programme_id=scope.programme.id,
        session__starts_at__gte=scope.start_at,
        session__starts_at__lt=scope.end_at,
    ).values_list("user_id", flat=True)
    engaged = everyone & set(present)
    out = Computed()
    total = out.add(_count("participants", everyone))
    parts = [out.add(_count("mentors", mentors)), out.add(_count("mentees", mentees))]
    out.relations.total(total, parts)
    active = out.add(_count("engaged", engaged))
    idle = out.add(_count("not_engaged", everyone - engaged))
    out.relations.total(total, [active, idle])
    rate = out.add(_share("participation_rate", len(engaged), len(everyone)))
    out.relations.derive(rate, [active, total])
    return out


async def matched_mentees(scope: Scope) -> Computed:
    _, mentees = await _enrolled(scope)
    members = await RelationshipMember.filter(
        relationship__programme_id=scope.programme.id,
        joined_at__lt=scope.end_at,
    ).values_list("user_id", "relationship__status", "relationship__started_at")
    matched = mentees & {
        user
        for user, status, started in members
        if not (status == RelationshipStatus.CANCELLED and started is None)
    }
    out = Computed()
    whole = _count("mentees", mentees).ref  # the participation metric shows it
    part = out.add(_count("matched", matched))
    rest = out.add(_count("unmatched", mentees - matched))
    out.relations.total(whole, [part, rest])
    rate = out.add(_share("match_rate", len(matched), len(mentees), target=MATCH_TARGET))
    out.relations.derive(rate, [part, whole])
    return out


def _counted(key: str, how_many: int, relationship_ids: set[int], sides: _Sides) -> Figure:
    """A count of things relationships did (sessions, goals), with the people behind them."""
    return Figure(key, Unit.COUNT, float(how_many), sides.people(relationship_ids))


def _split(
    out: Computed, keys: tuple[str, str, str, str], yes: list[int], no: list[int], sides: _Sides
) -> None:
    """A whole, its part, the rest and the part's share, over things each tied to a
    relationship (one relationship id per thing). ``keys``: whole, part, rest, share."""
    whole, part, rest, share = keys
    total = len(yes) + len(no)
    whole_ref = out.add(_counted(whole, total, set(yes) | set(no), sides))
    part_figure, rest_figure = (
        _counted(part, len(yes), set(yes), sides),
        _counted(rest, len(no), set(no), sides),
    )
    out.relations.total(whole_ref, [out.add(part_figure), out.add(rest_figure)])
    rate = Figure(
        share,
        Unit.SHARE,
        round(len(yes) / total, 4) if total else None,
        part_figure.people,
        others=rest_figure.people,
    )
    out.relations.derive(out.add(rate), [part_figure.ref, whole_ref])


async def relationships(scope: Scope) -> Computed:
    rows = await Relationship.filter(programme_id=scope.programme.id).values_list(
        "id", "status", "started_at", "ended_at"
    )

    def within(moment: datetime | None) -> bool:
        return moment is not None and scope.start_at <= moment < scope.end_at

    out = Computed()
    sides = await _Sides.of({i for i, *_ in rows})  # every figure below is about some of them
    started = [i for i, _, at, _ in rows if within(at)]
    out.add(_counted("relationships_started", len(started), set(started), sides))
    ended = [(i, status) for i, status, _, at in rows if within(at)]
    _split(
        out,
        (
            "relationships_ended",
            "relationships_completed",
            "relationships_cancelled",
            "completion_rate",
        ),
        [i for i, status in ended if status == RelationshipStatus.COMPLETED],
        [i for i, status in ended if status != RelationshipStatus.COMPLETED],
        sides,
    )
    goals = await Goal.filter(
        relationship__programme_id=scope.programme.id, created_at__lt=scope.end_at
    ).values_list("relationship_id", "status", "reached_at")
    reached = [
        (r, status == GoalStatus.REACHED and at is not None and at < scope.end_at)
        for r, status, at in goals
    ]
    _split(
        out,
        ("goals_set", "goals_reached", "goals_unreached", "goal_attainment"),
        [r for r, yes in reached if yes],
        [r for r, yes in reached if not yes],
        sides,
    )
    return out


async def sessions(scope: Scope) -> Computed:
    rows = await Session.filter(
        relationship__programme_id=scope.programme.id,
        starts_at__gte=scope.start_at,
        starts_at__lt=scope.end_at,
        status__in=(SessionStatus.HELD, SessionStatus.CANCELLED),
    ).values_list("id", "relationship_id", "status", "starts_at", "ends_at")
    held = [r for r in rows if r[2] == SessionStatus.HELD]
    cancelled = [r for r in rows if r[2] == SessionStatus.CANCELLED]
    out = Computed()
    sides = await _Sides.of({r[1] for r in rows})
    held_figure = _counted("sessions_held", len(held), {r[1] for r in held}, sides)
    held_ref = out.add(held_figure)
    out.add(_counted("sessions_cancelled", len(cancelled), {r[1] for r in cancelled}, sides))
    hours = sum((r[4] - r[3]).total_seconds() for r in held) / 3600
    hours_ref = out.add(Figure("mentoring_hours", Unit.HOURS, round(hours, 2), held_figure.people))
    out.relations.derive(hours_ref, [held_ref])
    marks = await Attendance.filter(session_id__in=[r[0] for r in held]).values_list(
        "user_id", "attended"
    )
    present = {u for u, attended in marks if attended}
    absent = {u for u, attended in marks if not attended}
    rate = Figure(
        "attendance_rate",
        Unit.SHARE,
        round(sum(a for _, a in marks) / len(marks), 4) if marks else None,
        len(present),
        others=len(absent),
    )
    out.relations.derive(out.add(rate), [held_ref])
    return out


async def skills(scope: Scope) -> Computed:
    rows = await SkillAssessment.filter(
        programme_id=scope.programme.id, created_at__lt=scope.end_at
    ).values_list("user_id", "skill", "phase", "level")
    levels: dict[tuple[int, str], dict[str, int]] = {}
    for user, skill, phase, level in rows:
        levels.setdefault((user, skill), {})[phase] = level
    gains = {}
    for pair, phases in levels.items():
        later = phases.get(AssessmentPhase.END, phases.get(AssessmentPhase.MIDPOINT))
        if AssessmentPhase.START in phases and later is not None:
            gains[pair] = later - phases[AssessmentPhase.START]
    people = {user for user, _ in gains}
    out = Computed()
    out.add(_count("mentees_assessed", people))
    out.add(_mean("skill_gain", list(gains.values()), len(people)))
    return out


async def satisfaction(scope: Scope) -> Computed:
    ratings = await SessionFeedback.filter(
        session__relationship__programme_id=scope.programme.id,
        created_at__gte=scope.start_at,
        created_at__lt=scope.end_at,
    ).values_list("author_id", "rating", "session__relationship__mentor_id")
    out = Computed()
    for key, by_mentor in (("mentee_satisfaction", False), ("mentor_satisfaction", True)):
        given = [(a, r) for a, r, mentor in ratings if (a == mentor) == by_mentor]
        out.add(_mean(key, [r for _, r in given], len({a for a, _ in given})))
    kinds = [(EvaluationKind.PROGRAMME, "programme_rating")]
    if not scope.public:  # one person may evaluate several relationships, anonymously:
        kinds.append((EvaluationKind.RELATIONSHIP, "relationship_rating"))  # no head count
    for kind, key in kinds:
        answers = await Evaluation.filter(
            programme_id=scope.programme.id,
            kind=kind,
            given_on__gte=scope.start,
            given_on__lte=scope.end,
        ).values_list("rating", flat=True)
        out.add(_mean(key, list(answers), len(answers)))
    return out


async def knowledge(scope: Scope) -> Computed:
    articles = await Article.filter(programme_id=scope.programme.id).values_list(
        "id", "published_at"
    )
    published = [i for i, at in articles if at is not None and scope.start_at <= at < scope.end_at]
    authors = await ArticleAuthor.filter(article_id__in=published).values_list("user_id", flat=True)
    ids = [i for i, _ in articles]
    views = await ArticleView.filter(
        article_id__in=ids, day__gte=scope.start, day__lte=scope.end
    ).values_list("user_id", flat=True)
    votes = await HelpfulVote.filter(
        article_id__in=ids, created_at__gte=scope.start_at, created_at__lt=scope.end_at
    ).values_list("user_id", flat=True)
    out = Computed()
    out.add(Figure("articles_published", Unit.COUNT, float(len(published)), len(set(authors))))
    out.add(Figure("article_views", Unit.COUNT, float(len(views)), len(set(views))))
    out.add(Figure("helpful_votes", Unit.COUNT, float(len(votes)), len(set(votes))))
    return out


async def progression(scope: Scope) -> Computed:
    """The programme's approved mentors by level now, and their promotions in the period."""
    mentors, _ = await _enrolled(scope)
    organisation_id = scope.programme.organisation_id
    ranks = await level_ranks(organisation_id, among=mentors)
    out = Computed()
    for position, level in enumerate(LEVELS, start=1):
        label_id, label_en = LEVEL_NAMES[level]
        at_level = {user for user, rank in ranks.items() if rank == position}
        out.add(
            _count(
                "mentors_at_level",
                at_level,
                dimension="level",
                member=level.value,
                member_id=label_id,
                member_en=label_en,
            )
        )
    changes = await promotions(organisation_id, since=scope.start_at, until=scope.end_at)
    promoted = [
        e.user_id for e in changes if e.kind == HistoryKind.PROMOTED and e.user_id in mentors
    ]
    out.add(Figure("promotions", Unit.COUNT, float(len(promoted)), len(set(promoted))))
    return out


def _money(key: str, total: Total, people: int | None, **extra) -> Figure:
    return Figure(
        key,
        Unit.MONEY,
        float(total.amount),
        people,
        currency=total.currency,
        amount=total.amount,
        **extra,
    )


async def money(scope: Scope) -> Computed:
    spent = await spending_in(scope.programme.id, scope.start, scope.end)
    out = Computed()
    parts: dict[str, list[str]] = {}
    for total in spent.totals:
        # the whole season's spending is the programme's, about nobody in particular
        parts[out.add(_money("spent", total, None))] = []
    for category, totals in spent.by_category.items():
        label_id, label_en = CATEGORY_LABELS[category]
        for total in totals:
            figure = _money(
                "spent_by_category",
                total,
                len(total.people) or None,  # a hall's rent is about no one
                dimension="category",
                member=category.value,
                member_id=label_id,
                member_en=label_en,
            )
            parts[_money("spent", total, None).ref].append(out.add(figure))
    for whole, pieces in parts.items():
        out.relations.total(whole, pieces)
    if scope.public:
        return out  # what was spent on one person is never public
    names = dict(
        await User.filter(id__in=[p for p in spent.by_participant if p]).values_list(
            "id", "display_name"
        )
    )
    for participant, totals in spent.by_participant.items():
        who = str(relay.GlobalID("User", str(participant))) if participant else ""
        name = names.get(participant, "")
        for total in totals:
            out.add(
                _money(
                    "spent_by_participant",
                    total,
                    1 if participant else None,
                    dimension="participant",
                    member=who,
                    member_id=name or "Untuk program secara umum",
                    member_en=name or "For the programme as a whole",
                )
            )
    return out


async def supply_and_demand(scope: Scope) -> Computed:
    """As of now: matching's own view of who waits and who has room (``cohort_rows``),
    computed by a matching worker (``solving.skill_gaps``: the engine encodes the whole
    cohort, seconds of CPU for a large programme)."""
    programme = scope.programme
    cohort, _ = await cohort_rows(programme)
    areas = await FocusArea.filter(programmes__id=programme.id)
    approved = await Enrolment.filter(
        programme_id=programme.id, mentor_status=MentorStatus.APPROVED
    ).values_list("user_id", flat=True)
    capacities = await Profile.filter(user_id__in=list(approved)).values_list("capacity", flat=True)
    places_per_mentor = max(1, median_low(capacities)) if capacities else 1
    _, gaps = await workers.run(solving.skill_gaps, cohort)
    out = Computed()
    waiting = out.add(_count("waiting_mentees", len(cohort.mentees)))
    demands = []
    for area in areas:
        gap = gaps.get(area.slug, solving.NO_GAP)
        where = {
            "dimension": "focusArea",
            "member": area.slug,
            "member_id": area.name_id,
            "member_en": area.name_en,
        }
        demand = out.add(_count("demand", gap.demand, **where))
        demands.append(demand)
        supply = out.add(
            Figure("supply", Unit.PLACES, float(gap.supply), gap.experts_with_room, **where)
        )
        balance = out.add(Figure("gap", Unit.PLACES, float(gap.gap), None, **where))
        out.relations.derive(balance, [demand, supply])
        short = max(0, -gap.gap)
        recruit = Figure(
            "mentors_to_recruit",
            Unit.PEOPLE,
            float(math.ceil(short / places_per_mentor)),
            None,
            **where,
        )
        out.relations.derive(out.add(recruit), [balance])
    out.relations.total(waiting, demands)
    return out


# --- the registry ------------------------------------------------------------------------

METRICS: list[Metric] = [
    Metric(
        "participation",
        Section.PARTICIPATION,
        {
            "participants": ("Peserta", "Participants"),
            "mentors": ("Mentor disetujui", "Approved mentors"),
            "mentees": ("Mentee", "Mentees"),
            "engaged": ("Peserta yang hadir di sesi", "Participants present at a session"),
            "not_engaged": ("Peserta yang belum hadir di sesi", "Participants at no session"),
            "participation_rate": ("Tingkat partisipasi", "Participation rate"),
        },
        participation,
    ),
    Metric(
        "matching",
        Section.MATCHING,
        {
            "matched": ("Mentee yang sudah dipasangkan", "Mentees matched"),
            "unmatched": ("Mentee yang belum dipasangkan", "Mentees not matched"),
            "match_rate": ("Tingkat pemasangan (target 70 %)", "Match rate (aim: 70 %)"),
        },
        matched_mentees,
    ),
    Metric(
        "relationships",
        Section.RELATIONSHIPS,
        {
            "relationships_started": ("Hubungan dimulai", "Relationships started"),
            "relationships_ended": ("Hubungan berakhir", "Relationships ended"),
            "relationships_completed": ("Hubungan selesai", "Relationships completed"),
            "relationships_cancelled": ("Hubungan dibatalkan", "Relationships cancelled"),
            "completion_rate": ("Tingkat penyelesaian", "Completion rate"),
            "goals_set": ("Tujuan ditetapkan", "Goals set"),
            "goals_reached": ("Tujuan tercapai", "Goals reached"),
            "goals_unreached": ("Tujuan belum tercapai", "Goals not reached"),
            "goal_attainment": ("Tingkat pencapaian tujuan", "Goal attainment"),
        },
        relationships,
    ),
    Metric(
        "sessions",
        Section.SESSIONS,
        {
            "sessions_held": ("Sesi terlaksana", "Sessions held"),
            "sessions_cancelled": ("Sesi dibatalkan", "Sessions cancelled"),
            "mentoring_hours": ("Jam pendampingan", "Mentoring hours"),
            "attendance_rate": ("Tingkat kehadiran", "Attendance rate"),
        },
        sessions,
    ),
    Metric(
        "skills",
        Section.SKILLS,
        {
            "mentees_assessed": ("Mentee yang menilai diri dua kali", "Mentees assessed twice"),
            "skill_gain": ("Rata-rata kenaikan level", "Mean level gain"),
        },
        skills,
    ),
    Metric(
        "satisfaction",
        Section.SATISFACTION,
        {
            "mentee_satisfaction": ("Kepuasan mentee (1-5)", "Mentee satisfaction (1-5)"),
            "mentor_satisfaction": ("Kepuasan mentor (1-5)", "Mentor satisfaction (1-5)"),
            "programme_rating": ("Evaluasi program (1-5)", "Programme evaluation (1-5)"),
            "relationship_rating": ("Evaluasi hubungan (1-5)", "Relationship evaluation (1-5)"),
        },
        satisfaction,
    ),
    Metric(
        "knowledge",
        Section.KNOWLEDGE,
        {
            "articles_published": ("Artikel terbit", "Articles published"),
            "article_views": ("Pembaca artikel", "Article views"),
            "helpful_votes": ('Suara "ini membantu"', '"This helped me" votes'),
        },
        knowledge,
    ),
    Metric(
        "money",
        Section.MONEY,
        {
            "spent": ("Total pengeluaran", "Total spent"),
            "spent_by_category": ("Pengeluaran per kategori", "Spent by category"),
            "spent_by_participant": ("Pengeluaran per peserta", "Spent by participant"),
        },
        money,
    ),
    Metric(
        "supply",
        Section.SUPPLY,
        {
            "waiting_mentees": ("Mentee menunggu mentor", "Mentees waiting for a mentor"),
            "demand": ("Kebutuhan mentee", "Mentees needing it"),
            "supply": ("Tempat mentor yang tersedia", "Free mentor places"),
            "gap": ("Selisih tempat", "Places short (-) or spare (+)"),
            "mentors_to_recruit": ("Mentor yang perlu direkrut", "Mentors to recruit"),
        },
        supply_and_demand,
    ),
    Metric(
        "progression",
        Section.PROGRESSION,
        {
            "mentors_at_level": ("Mentor per jenjang", "Mentors per level"),
            "promotions": ("Kenaikan jenjang", "Promotions"),
        },
        progression,
    ),
]


def labels() -> dict[str, tuple[str, str]]:
    """Every figure key's label, (Bahasa Indonesia, English), from the registry."""
    return {key: label for metric in METRICS for key, label in metric.labels.items()}


async def compute(scope: Scope, sections: tuple[Section, ...]) -> Computed:
    """Every registered metric of these sections, in registry order."""
    out = Computed()
    for metric in METRICS:
        if metric.section in sections:
            found = await metric.compute(scope)
            out.figures += found.figures
            out.relations.parts += found.relations.parts
            out.relations.derived += found.relations.derived
    return out
