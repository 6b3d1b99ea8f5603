"""Expenses: coordinators record, correct and remove them; totals per category and person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from strawberry import relay

from models import expenses
from models.accounts import Scope
from models.expenses import Expense, ExpenseInput, Spending
from models.reports import check_period
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


def with_participant(
    given: ExpenseInput, participant: relay.GlobalID | None, clear: bool
) -> ExpenseInput:
    """The input naming its participant by database id (or clearing it)."""
    if clear:
        return replace(given, participant_id=None, clear_participant=True)
    if participant is None:
        return given
    return replace(given, participant_id=db_id(participant, "User", "participantId"))


async def record_expense(
    context: Context, programme_id: relay.GlobalID, given: ExpenseInput
) -> Expense:
    user = context.require(Scope.WRITE)
    return await expenses.record_expense(
        user, db_id(programme_id, "Programme", "programmeId"), given
    )


async def edit_expense(
    context: Context, expense_id: relay.GlobalID, given: ExpenseInput
) -> Expense:
    user = context.require(Scope.WRITE)
    return await expenses.edit_expense(user, db_id(expense_id, "Expense", "expenseId"), given)


async def delete_expense(context: Context, expense_id: relay.GlobalID) -> bool:
    user = context.require(Scope.WRITE)
    await expenses.delete_expense(
        user, db_id(expense_id, "Expense", "expenseId"), context.settings.upload_path
    )
    return True


async def remove_receipt(context: Context, expense_id: relay.GlobalID) -> Expense:
    user = context.require(Scope.WRITE)
    return await expenses.remove_receipt(
        user, db_id(expense_id, "Expense", "expenseId"), context.settings.upload_path
    )


async def expenses_of(context: Context, programme_id: relay.GlobalID) -> list[Expense]:
    user = context.require(Scope.READ)
    return await expenses.expenses_of(user, db_id(programme_id, "Programme", "programmeId"))


async def expenses_by_ids(context: Context, ids: list[int]) -> list[Expense | None]:
    """For node(id:): an expense its reader may not see is null."""
    user = context.require(Scope.READ)
    return await visible_nodes(ids, lambda key: expenses.coordinated_expense(user, key))


async def expense_totals(
    context: Context, programme_id: relay.GlobalID, start: date, end: date
) -> Spending:
    user = context.require(Scope.READ)
    start, end = check_period(start, end)
    return await expenses.expense_totals(
        user, db_id(programme_id, "Programme", "programmeId"), start, end
    )
