"""What a programme spends: expenses with their receipts, and the totals reports show.

A school mentoring board accounts each season for the money it spent ("uang yang
dikeluarkan"): on a venue, food for a meeting, a mentor's transport, printed materials, an
honorarium, a platform subscription, mobile data, or a gift for a mentee who is ill or
celebrating. Each expense is one amount in one currency (ISO 4217, Rupiah unless said
otherwise), kept in the currency's minor units as an integer so sums are exact; amounts in
different currencies are never added together, anywhere.

The programme's coordinators (and the organisation's admins) record, correct and remove
expenses; nobody else learns that an expense exists. A receipt is a JPEG, PNG or PDF,
recognised by its content, stored the way the knowledge repository stores its files
(``models.knowledge_files``: a random name under ``UPLOAD_DIR``, written whole or not at
all); its download needs the same right as the expense.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from babel.numbers import get_currency_precision, is_currency
from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, NotFound
from models.knowledge_files import clean_filename, delete_file, save_file, sniff, stored_path
from models.programmes import Enrolment, Programme, access_to, coordinated_programme

MAX_DESCRIPTION = 500
MAX_AMOUNT = Decimal(10) ** 12  # in major units: a trillion rupiah is no community budget
DEFAULT_CURRENCY = "IDR"
# how far around the programme's dates an expense may fall: preparation before, late
# bills after
DAYS_BEFORE_START = 365
DAYS_AFTER_END = 180
MAX_LISTED = 1000
RECEIPT_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


class ExpenseCategory(StrEnum):
    VENUE = "venue"
    CONSUMPTION = "consumption"
    TRANSPORT = "transport"
    MATERIALS = "materials"
    HONORARIUM = "honorarium"
    PLATFORM = "platform"
    COMMUNICATION = "communication"
    WELFARE = "welfare"
    OTHER = "other"


# (Bahasa Indonesia, English): reports and receipts are read in both languages
CATEGORY_LABELS: dict[ExpenseCategory, tuple[str, str]] = {
    ExpenseCategory.VENUE: ("Tempat", "Venue"),
    ExpenseCategory.CONSUMPTION: ("Konsumsi", "Food and drink"),
    ExpenseCategory.TRANSPORT: ("Transportasi", "Transport"),
    ExpenseCategory.MATERIALS: ("Bahan dan cetakan", "Materials and printing"),
    ExpenseCategory.HONORARIUM: ("Honorarium", "Honorarium"),
    ExpenseCategory.PLATFORM: ("Platform dan perangkat lunak", "Platform and software"),
    ExpenseCategory.COMMUNICATION: ("Pulsa dan kuota", "Phone credit and data"),
    ExpenseCategory.WELFARE: ("Santunan dan hadiah", "Welfare and gifts"),
    ExpenseCategory.OTHER: ("Lain-lain", "Other"),
}


class Expense(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    category = fields.CharEnumField(ExpenseCategory, max_length=16)
    # in the currency's minor units (none for the rupiah, cents for the dollar)
    amount_minor = fields.BigIntField()
    currency = fields.CharField(max_length=3, default=DEFAULT_CURRENCY)
    spent_on = fields.DateField()
    description = fields.CharField(max_length=MAX_DESCRIPTION)
    # the mentor or mentee it was for (a mentor's transport, a mentee's gift), if any
    participant: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    receipt_stored_name = fields.CharField(max_length=64, default="")
    receipt_filename = fields.CharField(max_length=120, default="")
    receipt_content_type = fields.CharField(max_length=100, default="")
    receipt_size = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "expenses"
        ordering = ["spent_on", "id"]
        indexes = (("programme_id", "spent_on"),)

    @property
    def amount(self) -> Decimal:
        return to_major(self.amount_minor, self.currency)


# --- money -------------------------------------------------------------------------------


def check_currency(code: str, field: str = "currency") -> str:
    code = code.strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha() or not is_currency(code):
        raise BadInput("Give an ISO 4217 currency code, such as IDR or USD.", field=field)
    return code


def to_minor(amount: Decimal, currency: str, field: str = "amount") -> int:
    """An amount in major units as an exact integer of minor units, refused when it is not
    positive, too large, or finer than the currency's smallest unit."""
    try:
        finite = amount.is_finite()
    except (AttributeError, InvalidOperation):
        finite = False
    if not finite or not 0 < amount <= MAX_AMOUNT:
        raise BadInput(f"Give an amount above 0 and at most {MAX_AMOUNT:,}.", field=field)
    minor = amount.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        digits = get_currency_precision(currency)
        raise BadInput(f"{currency} amounts take at most {digits} decimal places.", field=field)
    return int(minor)


def to_major(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-get_currency_precision(currency))


# --- recording ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpenseInput:
    """What a coordinator says about an expense; None leaves a field as it is (edits)."""

    category: ExpenseCategory | None = None
    amount: Decimal | None = None
    currency: str | None = None
    spent_on: date | None = None
    description: str | None = None
    participant_id: int | None = None
    clear_participant: bool = False


async def _checked(programme: Programme, given: ExpenseInput, current: Expense | None) -> dict:
    """Every value checked, before anything is written."""
    values: dict[str, Any] = {}
    currency = current.currency if current else DEFAULT_CURRENCY
    if given.currency is not None:
        currency = values["currency"] = check_currency(given.currency)
    if given.amount is not None:
        values["amount_minor"] = to_minor(given.amount, currency)
    elif current is not None and "currency" in values:
        # the same amount in another currency: re-express it, refusing what cannot be
        values["amount_minor"] = to_minor(current.amount, currency)
    if given.category is not None:
        values["category"] = given.category
    if given.spent_on is not None:
        earliest = programme.starts_on - timedelta(days=DAYS_BEFORE_START)
        latest = min(programme.ends_on + timedelta(days=DAYS_AFTER_END), now().date())
        if not earliest <= given.spent_on <= latest:
            raise BadInput(
                f"The date must lie between {earliest} and {latest} (not in the future).",
                field="spentOn",
            )
        values["spent_on"] = given.spent_on
    if given.description is not None:
        description = " ".join(given.description.split())
        if not 1 <= len(description) <= MAX_DESCRIPTION:
            raise BadInput(
                f"Describe the expense in 1 to {MAX_DESCRIPTION} characters.", field="description"
            )
        values["description"] = description
    if given.clear_participant:
        values["participant_id"] = None
    elif given.participant_id is not None:
        if not await Enrolment.filter(
            programme_id=programme.id, user_id=given.participant_id
        ).exists():
            raise BadInput(
                "The participant must be enrolled in this programme.", field="participantId"
            )
        values["participant_id"] = given.participant_id
    return values


async def record_expense(user: User, programme_id: int, given: ExpenseInput) -> Expense:
    programme = await coordinated_programme(user, programme_id)
    missing = [
        name
        for name, value in (
            ("category", given.category),
            ("amount", given.amount),
            ("spentOn", given.spent_on),
            ("description", given.description),
        )
        if value is None
    ]
    if missing:
        raise BadInput(f"Give {', '.join(missing)}.", field=missing[0])
    values = await _checked(programme, given, None)
    return await Expense.create(programme=programme, recorded_by_id=user.id, **values)


async def coordinated_expense(user: User | None, expense_id: int) -> Expense:
    """The expense, for its programme's coordinators; to anyone else it does not exist."""
    expense = await Expense.get_or_none(id=expense_id).select_related("programme")
    if expense is None or not (await access_to(user, expense.programme)).coordinates:
        raise NotFound("No such expense.", field="expenseId")
    return expense


async def edit_expense(user: User, expense_id: int, given: ExpenseInput) -> Expense:
    expense = await coordinated_expense(user, expense_id)
    values = await _checked(expense.programme, given, expense)
    if values:
        expense.update_from_dict(values)
        await expense.save()
    return expense


async def delete_expense(user: User, expense_id: int, upload_dir: Path) -> None:
    expense = await coordinated_expense(user, expense_id)
    await expense.delete()
    await delete_file(expense.receipt_stored_name, upload_dir)


async def expenses_of(user: User, programme_id: int) -> list[Expense]:
    programme = await coordinated_programme(user, programme_id)
    return await Expense.filter(programme_id=programme.id).limit(MAX_LISTED)


# --- receipts ----------------------------------------------------------------------------


async def attach_receipt(
    user: User, expense_id: int, data: bytes, filename: str, upload_dir: Path
) -> Expense:
    """Keep a receipt with the expense (replacing an earlier one): JPEG, PNG or PDF only."""
    if len(filename) > 1000:
        raise BadInput("That file name is too long.", field="filename")
    expense = await coordinated_expense(user, expense_id)
    found = sniff(data)
    if found is None or found[0] not in RECEIPT_TYPES:
        raise BadInput("A receipt is a JPEG, PNG or PDF file.", field="file")
    content_type, extension = found
    stored = await save_file(data, upload_dir)
    previous = expense.receipt_stored_name
    try:
        expense.update_from_dict(
            {
                "receipt_stored_name": stored,
                "receipt_filename": clean_filename(filename or "kwitansi", extension),
                "receipt_content_type": content_type,
                "receipt_size": len(data),
            }
        )
        await expense.save()
    except BaseException:
        await delete_file(stored, upload_dir)
        raise
    await delete_file(previous, upload_dir)
    return expense


async def receipt_of(user: User | None, expense_id: int, upload_dir: Path) -> tuple[Path, str, str]:
    """(where the receipt is kept, its file name, its type), for the coordinators."""
    expense = await coordinated_expense(user, expense_id)
    path = stored_path(expense.receipt_stored_name, upload_dir)
    if path is None:
        raise NotFound("This expense has no receipt.", field="expenseId")
    return path, expense.receipt_filename, expense.receipt_content_type


async def remove_receipt(user: User, expense_id: int, upload_dir: Path) -> Expense:
    expense = await coordinated_expense(user, expense_id)
    stored = expense.receipt_stored_name
    expense.update_from_dict(
        {
            "receipt_stored_name": "",
            "receipt_filename": "",
            "receipt_content_type": "",
            "receipt_size": 0,
        }
    )
    await expense.save()
    await delete_file(stored, upload_dir)
    return expense


# --- totals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Total:
    """One sum in one currency: of a category, of a participant, or of everything."""

    currency: str
    amount_minor: int
    count: int
    people: frozenset[int]  # the participants the summed expenses were for

    @property
    def amount(self) -> Decimal:
        return to_major(self.amount_minor, self.currency)


@dataclass(frozen=True)
class Spending:
    """What was spent in a period, per currency (never summed across currencies)."""

    totals: list[Total]
    by_category: dict[ExpenseCategory, list[Total]]
    by_participant: dict[int | None, list[Total]]  # None: expenses for no one in particular


def _sum(expenses: list[Expense]) -> list[Total]:
    per: dict[str, list[Expense]] = defaultdict(list)
    for expense in expenses:
        per[expense.currency].append(expense)
    return [
        Total(
            currency,
            sum(e.amount_minor for e in rows),
            len(rows),
            frozenset(e.participant_id for e in rows if e.participant_id is not None),  # type: ignore[attr-defined]
        )
        for currency, rows in sorted(per.items())
    ]


def spending_of(expenses: list[Expense]) -> Spending:
    categories: dict[ExpenseCategory, list[Expense]] = defaultdict(list)
    participants: dict[int | None, list[Expense]] = defaultdict(list)
    for expense in expenses:
        categories[expense.category].append(expense)
        participants[expense.participant_id].append(expense)  # type: ignore[attr-defined]
    return Spending(
        totals=_sum(expenses),
        by_category={c: _sum(categories[c]) for c in ExpenseCategory if c in categories},
        by_participant={p: _sum(rows) for p, rows in participants.items()},
    )


async def spending_in(programme_id: int, start: date, end: date) -> Spending:
    return spending_of(
        await Expense.filter(programme_id=programme_id, spent_on__gte=start, spent_on__lte=end)
    )


async def expense_totals(user: User, programme_id: int, start: date, end: date) -> Spending:
    programme = await coordinated_programme(user, programme_id)
    return await spending_in(programme.id, start, end)
