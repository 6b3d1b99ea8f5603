"""Expenses of a programme, their receipts and totals: for its coordinators only."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from models import expenses
from models.expenses import CATEGORY_LABELS, ExpenseCategory, ExpenseInput, Total
from resolvers import expenses as expenses_resolvers
from schema.accounts import User
from schema.context import Info
from schema.inputs import given_fields
from schema.permissions import CanRead, CanWrite

ExpenseCategoryEnum = strawberry.enum(ExpenseCategory, name="ExpenseCategory")


def _label(info: Info, category: ExpenseCategory) -> str:
    label_id, label_en = CATEGORY_LABELS[category]
    return label_en if info.context.english else label_id


@strawberry.type(description="A receipt kept with an expense: JPEG, PNG or PDF.")
class Receipt:
    filename: str
    content_type: str = strawberry.field(description="Read from the file's content.")
    size: int
    download_path: str = strawberry.field(description="GET it with your bearer token.")


@strawberry.type(description="Money a programme spent, in one currency.")
class Expense(relay.Node):
    id: relay.NodeID[int]
    category: ExpenseCategoryEnum  # type: ignore[valid-type]
    currency: str = strawberry.field(description="ISO 4217.")
    spent_on: date
    description: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, expenses.Expense))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[expenses.Expense | None]:
        return await expenses_resolvers.expenses_by_ids(info.context, [int(i) for i in node_ids])

    @strawberry.field(description="In major units, exactly (Rp 150000, USD 12.50).")
    def amount(self) -> Decimal:
        return self.amount  # type: ignore[return-value]

    @strawberry.field(description="The category's name in your language.")
    def category_label(self, info: Info) -> str:
        return _label(info, self.category)  # type: ignore[arg-type]

    @strawberry.field
    def programme_id(self) -> relay.GlobalID:
        return relay.GlobalID("Programme", str(self.programme_id))  # type: ignore[attr-defined]

    @strawberry.field(description="The mentor or mentee it was for, if any.")
    async def participant(self, info: Info) -> User | None:
        key = self.participant_id  # type: ignore[attr-defined]
        return None if key is None else await info.context.loaders.user.load(key)  # type: ignore[return-value]

    @strawberry.field(description="Who recorded it (null once their account is gone).")
    async def recorded_by(self, info: Info) -> User | None:
        key = self.recorded_by_id  # type: ignore[attr-defined]
        return None if key is None else await info.context.loaders.user.load(key)  # type: ignore[return-value]

    @strawberry.field
    def receipt(self) -> Receipt | None:
        stored: expenses.Expense = self  # type: ignore[assignment]
        if not stored.receipt_stored_name:
            return None
        return Receipt(
            filename=stored.receipt_filename,
            content_type=stored.receipt_content_type,
            size=stored.receipt_size,
            download_path=f"/expenses/receipts/{relay.GlobalID('Expense', str(stored.id))}",
        )


@strawberry.input(name="ExpenseInput")
class NewExpense:
    category: ExpenseCategoryEnum  # type: ignore[valid-type]
    amount: Decimal = strawberry.field(description="Above 0, in major units.")
    spent_on: date = strawberry.field(
        description="From a year before the programme starts to 180 days after it ends; "
        "not in the future."
    )
    description: str = strawberry.field(description="1 to 500 characters.")
    currency: str = strawberry.field(default="IDR", description="ISO 4217.")
    participant_id: relay.GlobalID | None = strawberry.field(
        default=None, description="A mentor or mentee of the programme it was for."
    )


@strawberry.input(description="Only the fields given change; participantId: null clears it.")
class ExpenseChanges:
    category: ExpenseCategoryEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    amount: Decimal | None = strawberry.UNSET
    spent_on: date | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    participant_id: relay.GlobalID | None = strawberry.UNSET


@strawberry.type(description="A sum in one currency; currencies are never added together.")
class MoneyTotal:
    currency: str
    amount: Decimal
    count: int = strawberry.field(description="How many expenses.")

    @classmethod
    def of(cls, total: Total) -> MoneyTotal:
        return cls(currency=total.currency, amount=total.amount, count=total.count)


@strawberry.type
class CategoryTotal:
    category: ExpenseCategoryEnum  # type: ignore[valid-type]
    label: str
    totals: list[MoneyTotal]


@strawberry.type
class ParticipantTotal:
    participant: User | None = strawberry.field(description="Null: for no one in particular.")
    totals: list[MoneyTotal]


@strawberry.type
class ExpenseTotals:
    totals: list[MoneyTotal]
    by_category: list[CategoryTotal]
    by_participant: list[ParticipantTotal]


@strawberry.type
class ExpenseQueries:
    @strawberry.field(permission_classes=[CanRead], description="Coordinators: oldest first.")
    async def expenses(self, info: Info, programme_id: relay.GlobalID) -> list[Expense]:
        return await expenses_resolvers.expenses_of(info.context, programme_id)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: what was spent from `from` to `to` (dates included), per "
        "currency, by category and by participant.",
    )
    async def expense_totals(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        start: Annotated[date, strawberry.argument(name="from")],
        end: Annotated[date, strawberry.argument(name="to")],
    ) -> ExpenseTotals:
        found = await expenses_resolvers.expense_totals(info.context, programme_id, start, end)
        people = [p for p in found.by_participant if p is not None]
        users = dict(zip(people, await info.context.loaders.user.load_many(people), strict=True))
        return ExpenseTotals(
            totals=[MoneyTotal.of(t) for t in found.totals],
            by_category=[
                CategoryTotal(
                    category=category,
                    label=_label(info, category),
                    totals=[MoneyTotal.of(t) for t in totals],
                )
                for category, totals in found.by_category.items()
            ],
            by_participant=[
                ParticipantTotal(
                    participant=users.get(p),  # type: ignore[arg-type]
                    totals=[MoneyTotal.of(t) for t in totals],
                )
                for p, totals in found.by_participant.items()
            ],
        )


@strawberry.type
class ExpenseMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators. Attach a receipt afterwards: POST /expenses/receipts.",
    )
    async def record_expense(
        self, info: Info, programme_id: relay.GlobalID, input: NewExpense
    ) -> Expense:
        given = ExpenseInput(
            category=input.category,
            amount=input.amount,
            currency=input.currency,
            spent_on=input.spent_on,
            description=input.description,
        )
        given = expenses_resolvers.with_participant(given, input.participant_id, clear=False)
        return await expenses_resolvers.record_expense(info.context, programme_id, given)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def edit_expense(
        self, info: Info, expense_id: relay.GlobalID, changes: ExpenseChanges
    ) -> Expense:
        sent = given_fields(changes)
        participant = sent.pop("participant_id", strawberry.UNSET)
        given = ExpenseInput(**{k: v for k, v in sent.items() if v is not None})
        given = expenses_resolvers.with_participant(
            given,
            None if participant is strawberry.UNSET else participant,
            clear=participant is None,
        )
        return await expenses_resolvers.edit_expense(info.context, expense_id, given)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite], description="Its receipt goes too.")
    async def delete_expense(self, info: Info, expense_id: relay.GlobalID) -> bool:
        return await expenses_resolvers.delete_expense(info.context, expense_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def remove_expense_receipt(self, info: Info, expense_id: relay.GlobalID) -> Expense:
        return await expenses_resolvers.remove_receipt(info.context, expense_id)  # type: ignore[return-value]
