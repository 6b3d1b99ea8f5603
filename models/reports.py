"""Programme reports: monthly progress, quarterly impact, season evaluation, metrics over any
period, and the public transparency report.

The first four are for the programme's coordinators (and the organisation's admins) only;
to anyone else a programme's reports do not exist, or are refused. Each is the registry's
figures (``models.metrics``) for the sections the report is about, over its period:

- monthly progress (for a steering committee): participation, matching, relationships,
  sessions, knowledge and money in one calendar month;
- quarterly impact (for executives): relationships, sessions, skills, satisfaction,
  knowledge, mentor progression, money and supply and demand in one calendar quarter;
- season evaluation: everything, over the programme's dates;
- metrics: everything, over any period of at most ten years.

The transparency report is public by the coordinators' choice, and only then:
``publish_transparency`` computes the season so far with every small group withheld
(``models.figures``) and keeps that *snapshot*; the public reads the snapshot, never live
figures, so nobody can take two readings a day apart and subtract them to learn what one
person did in between. Publishing again replaces it (and, said plainly in the README, can be
compared with the earlier one); ``withdraw_transparency`` takes it down. Only withheld
figures' identities are stored, never their values.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Conflict, NotFound
from models.figures import Figure, Unit, suppress
from models.metrics import METRICS, Scope, Section, compute
from models.programmes import Programme, ProgrammeStatus, coordinated_programme

MAX_PERIOD_DAYS = 3653


class ReportKind(StrEnum):
    METRICS = "metrics"
    MONTHLY_PROGRESS = "monthly_progress"
    QUARTERLY_IMPACT = "quarterly_impact"
    SEASON_EVALUATION = "season_evaluation"
    TRANSPARENCY = "transparency"


KIND_LABELS: dict[ReportKind, tuple[str, str]] = {
    ReportKind.METRICS: ("Ukuran program", "Programme metrics"),
    ReportKind.MONTHLY_PROGRESS: ("Laporan kemajuan bulanan", "Monthly progress report"),
    ReportKind.QUARTERLY_IMPACT: ("Laporan dampak triwulanan", "Quarterly impact report"),
    ReportKind.SEASON_EVALUATION: ("Evaluasi musim", "Season evaluation"),
    ReportKind.TRANSPARENCY: ("Laporan transparansi publik", "Public transparency report"),
}

# how downloads name each report: /reports/<programme ID>/<name>.<csv|json|pdf>
DOCUMENT_NAMES: dict[ReportKind, str] = {
    ReportKind.METRICS: "metrics",
    ReportKind.MONTHLY_PROGRESS: "monthly-progress",
    ReportKind.QUARTERLY_IMPACT: "quarterly-impact",
    ReportKind.SEASON_EVALUATION: "season-evaluation",
    ReportKind.TRANSPARENCY: "transparency",
}

EVERYTHING = tuple(Section)
SECTIONS: dict[ReportKind, tuple[Section, ...]] = {
    ReportKind.METRICS: EVERYTHING,
    ReportKind.MONTHLY_PROGRESS: (
        Section.PARTICIPATION,
        Section.MATCHING,
        Section.RELATIONSHIPS,
        Section.SESSIONS,
        Section.KNOWLEDGE,
        Section.MONEY,
    ),
    ReportKind.QUARTERLY_IMPACT: (
        Section.RELATIONSHIPS,
        Section.SESSIONS,
        Section.SKILLS,
        Section.SATISFACTION,
        Section.KNOWLEDGE,
        Section.PROGRESSION,
        Section.MONEY,
        Section.SUPPLY,
    ),
    ReportKind.SEASON_EVALUATION: EVERYTHING,
    ReportKind.TRANSPARENCY: EVERYTHING,
}


@dataclass(frozen=True)
class Report:
    kind: ReportKind
    programme_id: int
    programme_name: str
    start: date
    end: date
    generated_at: datetime
    figures: list[Figure]


class TransparencyReport(Model):
    """A programme's published public report, small groups already withheld.

    The figures are those of the moment of publishing, so readings cannot be subtracted.
    """

    id = fields.IntField(primary_key=True)
    programme: fields.OneToOneRelation[Programme] = fields.OneToOneField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    period_start = fields.DateField()
    period_end = fields.DateField()
    figures = fields.JSONField(default=list)
    published_at = fields.DatetimeField()
    published_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "transparency_reports"


# --- periods -----------------------------------------------------------------------------


def _check_year(programme: Programme, year: int) -> None:
    if not programme.starts_on.year - 1 <= year <= programme.ends_on.year + 1:
        raise BadInput(
            f"Choose a year from {programme.starts_on.year - 1} to {programme.ends_on.year + 1}.",
            field="year",
        )


def month_of(programme: Programme, year: int, month: int) -> tuple[date, date]:
    _check_year(programme, year)
    if not 1 <= month <= 12:
        raise BadInput("Months run from 1 to 12.", field="month")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(programme: Programme, year: int, quarter: int) -> tuple[date, date]:
    _check_year(programme, year)
    if not 1 <= quarter <= 4:
        raise BadInput("Quarters run from 1 to 4.", field="quarter")
    first = 3 * quarter - 2
    return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])


def check_period(start: date, end: date) -> tuple[date, date]:
    if end < start:
        raise BadInput("The period must end on or after its start.", field="to")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise BadInput("A period spans at most ten years.", field="to")
    return start, end


def season_of(programme: Programme) -> tuple[date, date]:
    return programme.starts_on, programme.ends_on


def _so_far(programme: Programme) -> tuple[date, date]:
    """The season up to today (or its end): what a public report may describe."""
    today = now().date()
    return programme.starts_on, max(programme.starts_on, min(programme.ends_on, today))


# --- reports -----------------------------------------------------------------------------


async def build(
    programme: Programme, kind: ReportKind, start: date, end: date, public: bool = False
) -> Report:
    scope = Scope(programme, start, end, public=public)
    found = await compute(scope, SECTIONS[kind])
    figures = suppress(found.figures, found.relations) if public else found.figures
    return Report(kind, programme.id, programme.name, start, end, now(), figures)


async def programme_report(
    user: User, programme_id: int, kind: ReportKind, period: tuple[Any, ...] = ()
) -> Report:
    """A coordinator's report. ``period``: (year, month) for monthly progress, (year,
    quarter) for quarterly impact, (from, to) for metrics, nothing for the season."""
    if kind == ReportKind.TRANSPARENCY:
        raise BadInput("Read the transparency report as the public does.", field="kind")
    programme = await coordinated_programme(user, programme_id)
    if kind == ReportKind.MONTHLY_PROGRESS:
        start, end = month_of(programme, *period)
    elif kind == ReportKind.QUARTERLY_IMPACT:
        start, end = quarter_of(programme, *period)
    elif kind == ReportKind.METRICS:
        start, end = check_period(*period)
    else:
        start, end = season_of(programme)
    return await build(programme, kind, start, end)


def sections_of(report: Report) -> list[tuple[Section, list[Figure]]]:
    """The report's figures under their sections, in the registry's order."""
    section_of = {key: metric.section for metric in METRICS for key in metric.labels}
    grouped: dict[Section, list[Figure]] = {}
    for figure in report.figures:
        grouped.setdefault(section_of[figure.key], []).append(figure)
    return [(section, grouped[section]) for section in Section if section in grouped]


def period_query(report: Report) -> dict[str, str]:
    """The query string that names this report's period in its download paths."""
    if report.kind == ReportKind.MONTHLY_PROGRESS:
        return {"year": str(report.start.year), "month": str(report.start.month)}
    if report.kind == ReportKind.QUARTERLY_IMPACT:
        return {"year": str(report.start.year), "quarter": str((report.start.month + 2) // 3)}
    if report.kind == ReportKind.METRICS:
        return {"from": report.start.isoformat(), "to": report.end.isoformat()}
    return {}


# --- the public report -------------------------------------------------------------------


def _stored(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "unit": figure.unit.value,
        "value": figure.value,
        "people": figure.people,
        "dimension": figure.dimension,
        "member": figure.member,
        "memberId": figure.member_id,
        "memberEn": figure.member_en,
        "currency": figure.currency,
        "amount": None if figure.amount is None else str(figure.amount),
        "target": figure.target,
        "suppressed": figure.suppressed,
    }


def _loaded(row: dict[str, Any]) -> Figure:
    return Figure(
        row["key"],
        Unit(row["unit"]),
        row["value"],
        row["people"],
        dimension=row["dimension"],
        member=row["member"],
        member_id=row["memberId"],
        member_en=row["memberEn"],
        currency=row["currency"],
        amount=None if row["amount"] is None else Decimal(row["amount"]),
        target=row["target"],
        suppressed=row["suppressed"],
    )


async def publish_transparency(user: User, programme_id: int) -> Report:
    """Opt in: the public may read the season so far, small groups withheld."""
    programme = await coordinated_programme(user, programme_id)
    if programme.status not in (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED):
        raise Conflict("Publish a transparency report once the programme runs.")
    start, end = _so_far(programme)
    report = await build(programme, ReportKind.TRANSPARENCY, start, end, public=True)
    await TransparencyReport.update_or_create(
        {
            "period_start": start,
            "period_end": end,
            "figures": [_stored(f) for f in report.figures],
            "published_at": report.generated_at,
            "published_by_id": user.id,
        },
        programme_id=programme.id,
    )
    return report


async def withdraw_transparency(user: User, programme_id: int) -> None:
    programme = await coordinated_programme(user, programme_id)
    await TransparencyReport.filter(programme_id=programme.id).delete()


async def transparency_report(programme_id: int) -> Report:
    """What anyone may read, signed in or not: the published snapshot, if there is one."""
    published = await TransparencyReport.get_or_none(programme_id=programme_id).select_related(
        "programme"
    )
    if published is None or published.programme.status == ProgrammeStatus.DRAFT:
        raise NotFound("This programme publishes no transparency report.", field="programmeId")
    return Report(
        ReportKind.TRANSPARENCY,
        published.programme.id,
        published.programme.name,
        published.period_start,
        published.period_end,
        published.published_at,
        [_loaded(row) for row in published.figures],
    )
