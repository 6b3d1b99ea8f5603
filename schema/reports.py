"""Programme reports as the API shows them: sections of figures, each labelled in Bahasa
Indonesia and English, with the paths of the report's CSV, JSON (and PDF) downloads."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from urllib.parse import urlencode

import strawberry
from strawberry import relay

from models import figures, reports
from models.metrics import SECTION_LABELS, labels
from models.reports import DOCUMENT_NAMES, KIND_LABELS, ReportKind, period_query, sections_of
from resolvers import reports as reports_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

ReportKindEnum = strawberry.enum(ReportKind, name="ReportKind")
FigureUnitEnum = strawberry.enum(figures.Unit, name="FigureUnit")


@strawberry.type(description="One number of a report, with what it is and who it counts.")
class ReportFigure:
    key: str = strawberry.field(description="What is measured (stable, e.g. match_rate).")
    label: str = strawberry.field(description="In your language.")
    label_id: str
    label_en: str
    unit: FigureUnitEnum  # type: ignore[valid-type]
    value: float | None = strawberry.field(
        description="SHARE from 0 to 1; MONEY in major units. Null when withheld or when "
        "there is nothing to compute it from."
    )
    amount: Decimal | None = strawberry.field(description="Money, exactly.")
    currency: str | None
    people: int | None = strawberry.field(description="How many people it is computed from.")
    dimension: str | None = strawberry.field(
        description="What it is broken down by: category, focusArea or participant."
    )
    member: str | None = strawberry.field(description="Which one (a slug or an ID).")
    member_label: str | None
    target: float | None = strawberry.field(description="The figure to aim for, if any.")
    suppressed: bool = strawberry.field(
        description="Withheld from a public report: it would describe fewer than 5 people, "
        "or could be worked out from published figures."
    )

    @classmethod
    def of(cls, figure: figures.Figure, english: bool) -> ReportFigure:
        label_id, label_en = labels()[figure.key]
        return cls(
            key=figure.key,
            label=label_en if english else label_id,
            label_id=label_id,
            label_en=label_en,
            unit=figure.unit,
            value=figure.value,
            amount=figure.amount,
            currency=figure.currency or None,
            people=figure.people,
            dimension=figure.dimension or None,
            member=figure.member or None,
            member_label=(figure.member_en if english else figure.member_id) or None,
            target=figure.target,
            suppressed=figure.suppressed,
        )


@strawberry.type
class ReportSection:
    key: str
    title: str = strawberry.field(description="In your language.")
    title_id: str
    title_en: str
    figures: list[ReportFigure]


@strawberry.type(
    description="The same report as files; send your bearer token (not needed "
    "for a published transparency report)."
)
class ReportDownloads:
    csv: str
    json: str
    pdf: str | None = strawberry.field(description="The season evaluation only.")


@strawberry.type
class Report:
    kind: ReportKindEnum  # type: ignore[valid-type]
    title: str
    title_id: str
    title_en: str
    programme_id: relay.GlobalID
    programme_name: str
    start: date = strawberry.field(name="from")
    end: date = strawberry.field(name="to", description="Included.")
    generated_at: datetime = strawberry.field(
        description="For a transparency report: when it was published."
    )
    sections: list[ReportSection]
    downloads: ReportDownloads

    @classmethod
    def of(cls, report: reports.Report, info: Info) -> Report:
        english = info.context.english
        title_id, title_en = KIND_LABELS[report.kind]
        programme = relay.GlobalID("Programme", str(report.programme_id))
        base = f"/reports/{programme}/{DOCUMENT_NAMES[report.kind]}"
        query = urlencode(period_query(report))
        suffix = f"?{query}" if query else ""
        return cls(
            kind=report.kind,
            title=title_en if english else title_id,
            title_id=title_id,
            title_en=title_en,
            programme_id=programme,
            programme_name=report.programme_name,
            start=report.start,
            end=report.end,
            generated_at=report.generated_at,
            sections=[
                ReportSection(
                    key=section.value,
                    title=SECTION_LABELS[section][1 if english else 0],
                    title_id=SECTION_LABELS[section][0],
                    title_en=SECTION_LABELS[section][1],
                    figures=[ReportFigure.of(f, english) for f in found],
                )
                for section, found in sections_of(report)
            ],
            downloads=ReportDownloads(
                csv=f"{base}.csv{suffix}",
                json=f"{base}.json{suffix}",
                pdf=f"{base}.pdf" if report.kind == ReportKind.SEASON_EVALUATION else None,
            ),
        )


@strawberry.type
class ReportQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: every figure from `from` to `to` (dates included).",
    )
    async def programme_metrics(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        start: Annotated[date, strawberry.argument(name="from")],
        end: Annotated[date, strawberry.argument(name="to")],
    ) -> Report:
        found = await reports_resolvers.programme_metrics(info.context, programme_id, start, end)
        return Report.of(found, info)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: participation, matching, relationships, sessions, "
        "knowledge and money in one calendar month.",
    )
    async def monthly_progress_report(
        self, info: Info, programme_id: relay.GlobalID, year: int, month: int
    ) -> Report:
        found = await reports_resolvers.monthly_progress(info.context, programme_id, year, month)
        return Report.of(found, info)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: outcomes, satisfaction, knowledge, money, and supply and "
        "demand in one calendar quarter (1-4).",
    )
    async def quarterly_impact_report(
        self, info: Info, programme_id: relay.GlobalID, year: int, quarter: int
    ) -> Report:
        found = await reports_resolvers.quarterly_impact(info.context, programme_id, year, quarter)
        return Report.of(found, info)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: every figure over the programme's dates (also as PDF).",
    )
    async def season_evaluation_report(self, info: Info, programme_id: relay.GlobalID) -> Report:
        found = await reports_resolvers.season_evaluation(info.context, programme_id)
        return Report.of(found, info)

    @strawberry.field(
        description="Anyone, signed in or not, once the coordinators publish it: aggregates "
        "only, every figure about fewer than 5 people withheld."
    )
    async def transparency_report(self, info: Info, programme_id: relay.GlobalID) -> Report:
        found = await reports_resolvers.transparency(info.context, programme_id)
        return Report.of(found, info)


@strawberry.type
class ReportMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators opt in: publish the season so far as the public "
        "transparency report (replacing an earlier one).",
    )
    async def publish_transparency_report(self, info: Info, programme_id: relay.GlobalID) -> Report:
        found = await reports_resolvers.publish_transparency(info.context, programme_id)
        return Report.of(found, info)

    @strawberry.mutation(permission_classes=[CanWrite], description="Take it down.")
    async def withdraw_transparency_report(self, info: Info, programme_id: relay.GlobalID) -> bool:
        return await reports_resolvers.withdraw_transparency(info.context, programme_id)
