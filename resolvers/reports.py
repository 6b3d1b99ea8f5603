"""Reports: the coordinators' four, and the public transparency report anyone may read."""

from __future__ import annotations

from datetime import date

from strawberry import relay

from models import reports
from models.accounts import Scope
from models.reports import Report, ReportKind
from resolvers.context import Context
from resolvers.ids import db_id
from resolvers.knowledge import reader


def _programme(programme_id: relay.GlobalID) -> int:
    return db_id(programme_id, "Programme", "programmeId")


async def _report(
    context: Context, programme_id: relay.GlobalID, kind: ReportKind, period: tuple = ()
) -> Report:
    """A coordinator's report of one kind: the four queries differ only in kind and period."""
    user = context.require(Scope.READ)
    return await reports.programme_report(user, _programme(programme_id), kind, *period)


async def programme_metrics(
    context: Context, programme_id: relay.GlobalID, start: date, end: date
) -> Report:
    return await _report(context, programme_id, ReportKind.METRICS, ((start, end),))


async def monthly_progress(
    context: Context, programme_id: relay.GlobalID, year: int, month: int
) -> Report:
    return await _report(context, programme_id, ReportKind.MONTHLY_PROGRESS, ((year, month),))


async def quarterly_impact(
    context: Context, programme_id: relay.GlobalID, year: int, quarter: int
) -> Report:
    return await _report(context, programme_id, ReportKind.QUARTERLY_IMPACT, ((year, quarter),))


async def season_evaluation(context: Context, programme_id: relay.GlobalID) -> Report:
    return await _report(context, programme_id, ReportKind.SEASON_EVALUATION)


async def transparency(context: Context, programme_id: relay.GlobalID) -> Report:
    """Public: no token needed (a token that is sent must be valid)."""
    reader(context)
    return await reports.transparency_report(_programme(programme_id))


async def publish_transparency(context: Context, programme_id: relay.GlobalID) -> Report:
    user = context.require(Scope.WRITE)
    return await reports.publish_transparency(user, _programme(programme_id))


async def withdraw_transparency(context: Context, programme_id: relay.GlobalID) -> bool:
    user = context.require(Scope.WRITE)
    await reports.withdraw_transparency(user, _programme(programme_id))
    return True
