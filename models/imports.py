"""Importing a programme's participants from a registration form's CSV export.

A coordinator uploads the file (:func:`stage`), checks it (:func:`dry_run`: every bad row
with its row number, column and reason) and commits it (:func:`commit`). The commit is all
or nothing: one transaction, and nothing is written if any row is bad.

Nobody is enrolled by an import. Each row becomes a participant invitation to its address
(models/invitations.py), mailed like every invitation, with what the person told the form
kept on the invitation: an address with an account (matched case-insensitively) is invited
exactly like one without, and nothing is granted until the owner of the address accepts,
which enrols them and fills in a profile they have not filled in yet. So an import cannot
be used to enrol someone against their will, nor to learn who has an account: reports say
only what the coordinators can see anyway (who is enrolled in or invited to their
programme). Re-importing is idempotent: an address already enrolled, already invited with
the same details, or that declined this programme's invitation is left alone; an invited
address whose row changed has its invitation updated.

Long imports report progress through a callback (the API publishes it for the
``importProgress`` subscription, the CLI draws a bar). Rows are checked in a worker thread
in chunks, and written with bulk inserts, so 10,000 rows take seconds (bench/imports.py).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import OutboxEmail, User, now, require_verified
from models.announcements import Publication, announce
from models.errors import BadInput, Conflict, NotFound
from models.import_rows import (
    MAX_LISTED_PROBLEMS,
    ImportField,
    Person,
    Problem,
    RowChecker,
    check_mapping,
    decode,
    guess_mapping,
    read_sheet,
)
from models.invitations import (
    Invitation,
    InvitationKind,
    InvitationStatus,
    ParticipantRole,
    invitation_mail,
    invitation_title,
)
from models.notifications import Notification, NotificationKind, notification_topic
from models.organisations import FocusArea
from models.programmes import Enrolment, Programme, ProgrammeStatus, coordinated_programme

CHECK_CHUNK = 500  # rows checked per worker-thread call, then progress is reported
WRITE_CHUNK = 1000  # invitations (and their mails) per bulk insert
STAGED_LIFETIME = timedelta(days=7)  # an uploaded file never committed is deleted after this
ROLE_LABELS = {
    ParticipantRole.MENTOR: "mentor",
    ParticipantRole.MENTEE: "mentee",
    ParticipantRole.BOTH: "mentor & mentee",
}


class ImportStatus(StrEnum):
    STAGED = "staged"  # uploaded; checked as often as the coordinator likes
    COMMITTED = "committed"


class ImportPhase(StrEnum):
    STAGED = "staged"
    CHECKING = "checking"  # done/total: rows
    CHECKED = "checked"  # a dry run finished
    WRITING = "writing"  # done/total: invitations written
    COMMITTED = "committed"
    FAILED = "failed"  # a commit was refused (bad rows, or the state changed); nothing written


Progress = Callable[[ImportPhase, int, int], Awaitable[None]]


async def no_progress(phase: ImportPhase, done: int, total: int) -> None:
    """For callers that do not follow progress."""


class ImportBatch(Model):
    """One uploaded file. Its text is kept only until it is committed (it holds personal
    data of people who have not accepted anything yet), or for STAGED_LIFETIME."""

    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="import_batches", on_delete=fields.CASCADE
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    filename = fields.CharField(max_length=200, default="")
    digest = fields.CharField(max_length=64)  # SHA-256 of the text, to recognise a file
    content = fields.TextField(default="")
    delimiter = fields.CharField(max_length=1)
    columns = fields.JSONField(default=list)
    row_count = fields.IntField()
    mapping = fields.JSONField(default=dict)  # column name -> ImportField value
    default_role = fields.CharField(max_length=8, null=True)  # for rows without a role
    status = fields.CharEnumField(ImportStatus, max_length=16, default=ImportStatus.STAGED)
    result = fields.JSONField(default=dict)  # the last report's counts
    created_at = fields.DatetimeField(auto_now_add=True)
    committed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "import_batches"

    @property
    def field_mapping(self) -> dict[str, ImportField]:
        return {column: ImportField(value) for column, value in self.mapping.items()}


def import_topic(import_id: int) -> str:
    return f"import:{import_id}:progress"


@dataclass
class Report:
    """What a dry run found, or what a commit wrote."""

    import_id: int
    rows: int
    invite: int = 0  # new invitations
    update: int = 0  # pending invitations whose row changed
    unchanged: int = 0  # already invited with the same role and details
    enrolled: int = 0  # already in the programme
    declined: int = 0  # declined this programme's invitation before: not asked again
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first MAX_LISTED_PROBLEMS
    committed: bool = False

    @property
    def valid(self) -> int:
        return self.invite + self.update + self.unchanged + self.enrolled + self.declined

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "valid": self.valid, "invite": self.invite,
            "update": self.update, "unchanged": self.unchanged, "enrolled": self.enrolled,
            "declined": self.declined, "problem_count": self.problem_count,
            "committed": self.committed,
        }  # fmt: skip


@dataclass
class Plan:
    """A checked file against the programme as it is now: what a commit would write."""

    report: Report
    invite: list[Person] = field(default_factory=list)
    update: list[tuple[int, Person]] = field(default_factory=list)  # (invitation id, row)


# --- staging ---------------------------------------------------------------------------


def _clean_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:200]


async def stage(
    coordinator: User, programme_id: int, data: bytes, filename: str = ""
) -> ImportBatch:
    """Store an uploaded file with a guessed mapping; the whole file is refused if it is
    not a CSV table Rajut can read (encoding, header, size)."""
    programme = await coordinated_programme(coordinator, programme_id)
    require_verified(coordinator, "import participants")
    if programme.status == ProgrammeStatus.CLOSED:
        raise Conflict("A closed programme takes no new participants.", field="programmeId")
    text = decode(data)
    sheet = await asyncio.to_thread(read_sheet, text)
    if not sheet.rows:
        raise BadInput("The file has a header but no rows.", field="file")
    await ImportBatch.filter(
        status=ImportStatus.STAGED, created_at__lt=now() - STAGED_LIFETIME
    ).delete()
    return await ImportBatch.create(
        programme=programme,
        created_by=coordinator,
        filename=_clean_filename(filename),
        digest=hashlib.sha256(text.encode()).hexdigest(),
        content=text,
        delimiter=sheet.delimiter,
        columns=sheet.columns,
        row_count=len(sheet.rows),
        mapping={c: f.value for c, f in guess_mapping(sheet.columns).items()},
    )


# what describes an import, without its text (up to IMPORT_MAX_BYTES)
SUMMARY_FIELDS = (
    "id", "programme_id", "created_by_id", "filename", "digest", "delimiter", "columns",
    "row_count", "mapping", "default_role", "status", "result", "created_at", "committed_at",
)  # fmt: skip


async def batch_of(user: User, import_id: int, *, with_content: bool = False) -> ImportBatch:
    """An import, for its programme's coordinators."""
    query = ImportBatch.filter(id=import_id)
    batch = await (query if with_content else query.only(*SUMMARY_FIELDS)).first()
    if batch is None:
        raise NotFound("No such import.", field="importId")
    await coordinated_programme(user, batch.programme_id)
    return batch


# --- checking --------------------------------------------------------------------------


async def _focus_areas(organisation_id: int) -> dict[str, str]:
    """Each focus area by its slug and both names, lower case."""
    named: dict[str, str] = {}
    for area in await FocusArea.filter(organisation_id=organisation_id):
        for name in (area.slug, area.name_en, area.name_id):
            named[name.lower()] = area.slug
    return named


async def _check_rows(
    batch: ImportBatch, programme: Programme, progress: Progress
) -> tuple[list[Person], list[Problem]]:
    sheet = await asyncio.to_thread(read_sheet, batch.content)
    role = ParticipantRole(batch.default_role) if batch.default_role else None
    checker = RowChecker(
        sheet.columns, batch.field_mapping, role, await _focus_areas(programme.organisation_id)
    )
    people: list[Person] = []
    problems: list[Problem] = []
    total = len(sheet.rows)
    await progress(ImportPhase.CHECKING, 0, total)
    for start in range(0, total, CHECK_CHUNK):
        end = start + CHECK_CHUNK
        good, bad = await asyncio.to_thread(
            checker.check, sheet.rows[start:end], sheet.numbers[start:end]
        )
        people += good
        problems += bad
        await progress(ImportPhase.CHECKING, min(end, total), total)
    return people, problems


async def _plan(batch: ImportBatch, programme: Programme, progress: Progress) -> Plan:
    """Check every row, then sort the good ones by what the programme already holds."""
    people, problems = await _check_rows(batch, programme, progress)
    report = Report(batch.id, batch.row_count, problem_count=len(problems))
    report.problems = problems[:MAX_LISTED_PROBLEMS]
    plan = Plan(report)
    enrolled = set(
        await Enrolment.filter(programme_id=programme.id).values_list("user__email", flat=True)
    )
    latest: dict[str, dict[str, Any]] = {}
    for row in (
        await Invitation.filter(
            programme_id=programme.id, kind=InvitationKind.PROGRAMME_PARTICIPANT
        )
        .order_by("id")
        .values("id", "email", "status", "expires_at", "role", "details")
    ):
        latest[row["email"]] = row  # the newest invitation to each address wins
    moment = now()
    for person in people:
        invitation = latest.get(person.email)
        status = invitation and invitation["status"]
        live = status == InvitationStatus.PENDING and invitation["expires_at"] > moment
        if person.email in enrolled:
            report.enrolled += 1
        elif status == InvitationStatus.DECLINED:
            report.declined += 1
        elif live and (invitation["role"], invitation["details"] or {}) == (
            person.role.value,
            person.details,
        ):
            report.unchanged += 1
        elif live:
            plan.update.append((invitation["id"], person))
        else:
            plan.invite.append(person)
    report.invite, report.update = len(plan.invite), len(plan.update)
    return plan


async def dry_run(
    user: User,
    import_id: int,
    mapping: dict[str, ImportField] | None = None,
    default_role: ParticipantRole | None = None,
    progress: Progress = no_progress,
) -> Report:
    """Check the file with this mapping (or the last one; the guessed one at first) and
    this default role for rows without one; both are kept for the commit. Writes nothing
    else."""
    batch = await batch_of(user, import_id, with_content=True)
    if batch.status == ImportStatus.COMMITTED:
        raise Conflict(
            "This file was imported already; upload it again to check it afresh.",
            field="importId",
        )
    if mapping is not None:
        check_mapping(batch.columns, mapping)
        batch.mapping = {c: f.value for c, f in mapping.items()}
    batch.default_role = default_role.value if default_role else None
    programme = await Programme.get(id=batch.programme_id)
    plan = await _plan(batch, programme, progress)
    batch.result = plan.report.counts()
    await batch.save(update_fields=["mapping", "default_role", "result"])
    await progress(ImportPhase.CHECKED, batch.row_count, batch.row_count)
    return plan.report


# --- committing ------------------------------------------------------------------------


async def commit(
    user: User,
    import_id: int,
    *,
    lifetime: timedelta,
    base_url: str,
    progress: Progress = no_progress,
) -> Report:
    """Invite everyone the last dry run's mapping finds, in one transaction, or nobody:
    any bad row refuses the whole file (BAD_USER_INPUT, field ``rows``)."""
    batch = await batch_of(user, import_id)
    require_verified(user, "invite anyone")
    try:
        report, notified = await _commit(user, batch, lifetime, base_url, progress)
    except Exception:  # refused, or worse: nothing was written either way
        await progress(ImportPhase.FAILED, 0, batch.row_count)
        raise
    await progress(ImportPhase.COMMITTED, report.valid, report.valid)
    # announced after the commit, as every invitation's notification is
    await announce(*(Publication(notification_topic(u), {"id": n}) for n, u in notified))
    return report


async def _commit(
    user: User, batch: ImportBatch, lifetime: timedelta, base_url: str, progress: Progress
) -> tuple[Report, list[tuple[int, int]]]:
    async with in_transaction():
        # one import at a time per programme (PostgreSQL; SQLite serialises writers), so
        # two files naming one address cannot both invite it
        programme = await Programme.filter(id=batch.programme_id).select_for_update().get()
        batch = await ImportBatch.get(id=batch.id)
        if batch.status == ImportStatus.COMMITTED:
            raise Conflict("This file was imported already.", field="importId")
        if programme.status == ProgrammeStatus.CLOSED:
            raise Conflict("A closed programme takes no new participants.", field="importId")
        plan = await _plan(batch, programme, progress)
        report = plan.report
        if report.problem_count:
            first = report.problems[0]
            raise BadInput(
                f"{report.problem_count} rows cannot be imported (first: row {first.row}, "
                f"{first.reason('en')}); nothing was written. Run a dry run to see them all.",
                field="rows",
            )
        notified = await _write(user, programme, plan, lifetime, base_url, progress)
        report.committed = True
        await ImportBatch.filter(id=batch.id).update(
            status=ImportStatus.COMMITTED,
            committed_at=now(),
            content="",
            result=report.counts(),
        )
    return report, notified


async def _write(
    inviter: User,
    programme: Programme,
    plan: Plan,
    lifetime: timedelta,
    base_url: str,
    progress: Progress,
) -> list[tuple[int, int]]:
    """Bulk writes; returns (notification id, user id) of the accounts told in the app."""
    expires_at = now() + lifetime
    total = len(plan.invite) + len(plan.update)
    await progress(ImportPhase.WRITING, 0, total)
    if plan.update:
        await Invitation.bulk_update(
            [
                Invitation(id=key, role=p.role.value, details=p.details, expires_at=expires_at)
                for key, p in plan.update
            ],
            ["role", "details", "expires_at"],
            batch_size=WRITE_CHUNK,
        )
        await progress(ImportPhase.WRITING, len(plan.update), total)
    newest = await Notification.all().order_by("-id").first().values_list("id", flat=True)
    told: list[int] = []
    for start in range(0, len(plan.invite), WRITE_CHUNK):
        chunk = plan.invite[start : start + WRITE_CHUNK]
        told += await _invite(inviter, programme, chunk, expires_at, base_url)
        await progress(ImportPhase.WRITING, len(plan.update) + start + len(chunk), total)
    if not told:
        return []
    # bulk inserts do not hand back ids: read the new ones (a concurrent invitation's
    # notification to the same person may come along; announcing it twice is harmless)
    notified: list[tuple[int, int]] = []
    for start in range(0, len(told), WRITE_CHUNK):
        notified += await Notification.filter(
            id__gt=newest or 0,
            kind=NotificationKind.INVITATION,
            user_id__in=told[start : start + WRITE_CHUNK],
        ).values_list("id", "user_id")
    return notified


async def _invite(
    inviter: User,
    programme: Programme,
    people: list[Person],
    expires_at: datetime,
    base_url: str,
) -> list[int]:
    """One chunk: the invitations, their mails, and notifications to verified accounts
    with these addresses (the same for an address with an account as without)."""
    await Invitation.bulk_create(
        [
            Invitation(
                kind=InvitationKind.PROGRAMME_PARTICIPANT,
                email=p.email,
                organisation_id=programme.organisation_id,
                programme_id=programme.id,
                role=p.role.value,
                invited_by_id=inviter.id,
                expires_at=expires_at,
                details=p.details,
            )
            for p in people
        ]
    )
    what = {role: f"{label} — {programme.name}" for role, label in ROLE_LABELS.items()}
    await OutboxEmail.bulk_create(
        [
            OutboxEmail(
                to_address=p.email,
                subject=f"Rajut: {invitation_title(inviter, what[p.role])}"[:200],
                body=invitation_mail(inviter, what[p.role], base_url, expires_at),
            )
            for p in people
        ]
    )
    roles = {p.email: p.role for p in people}
    accounts = await User.filter(
        email__in=list(roles), is_active=True, email_verified_at__isnull=False
    ).values_list("id", "email")
    await Notification.bulk_create(
        [
            Notification(
                user_id=key,
                kind=NotificationKind.INVITATION,
                title=invitation_title(inviter, what[roles[email]]),
                body="",
            )
            for key, email in accounts
        ]
    )
    return [key for key, _ in accounts]
