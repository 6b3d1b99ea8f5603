"""Importing participants from a registration form (models/imports.py): the uploaded file,
its column mapping, dry runs, the all-or-nothing commit and its live progress."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from models import imports
from models.import_rows import ImportField, Problem, ProblemCode
from models.invitations import ParticipantRole
from resolvers import imports as imports_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

ImportFieldEnum = strawberry.enum(
    ImportField, name="ImportField", description="What a column of an imported file holds."
)
ParticipantRoleEnum = strawberry.enum(ParticipantRole, name="ParticipantRole")
ImportStatusEnum = strawberry.enum(imports.ImportStatus, name="ImportStatus")
ImportPhaseEnum = strawberry.enum(imports.ImportPhase, name="ImportPhase")
ImportProblemCodeEnum = strawberry.enum(ProblemCode, name="ImportProblemCode")


@strawberry.type(description="A column of the file and the field it is read as (null: ignored).")
class ImportColumn:
    column: str
    field: ImportFieldEnum | None  # type: ignore[valid-type]


@strawberry.input
class ImportColumnInput:
    column: str = strawberry.field(description="The column's name in the file's header.")
    field: ImportFieldEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Null leaves the column out."
    )


@strawberry.type(description="Why one row cannot be imported.")
class ImportProblem:
    row: int = strawberry.field(description="As a spreadsheet numbers it: the header is row 1.")
    column: str | None = strawberry.field(description="Null when the row as a whole is at fault.")
    field: ImportFieldEnum | None  # type: ignore[valid-type]
    code: ImportProblemCodeEnum  # type: ignore[valid-type]
    reason: str = strawberry.field(description="In your account's language.")
    reason_id: str = strawberry.field(description="In Bahasa Indonesia.")
    reason_en: str = strawberry.field(description="In English.")

    @classmethod
    def of(cls, problem: Problem, locale: str) -> ImportProblem:
        return cls(
            row=problem.row,
            column=problem.column,
            field=problem.field,
            code=problem.code,
            reason=problem.reason(locale),
            reason_id=problem.reason("id"),
            reason_en=problem.reason("en"),
        )


@strawberry.type(
    description="What a dry run found, or a commit wrote. Addresses with and without an "
    "account are counted alike: an import never tells who is on Rajut."
)
class ImportCounts:
    rows: int = strawberry.field(description="Rows holding anything (blank rows are skipped).")
    valid: int
    invite: int = strawberry.field(description="New invitations.")
    update: int = strawberry.field(description="Pending invitations whose row changed.")
    unchanged: int = strawberry.field(description="Already invited, same role and details.")
    enrolled: int = strawberry.field(description="Already in the programme: left alone.")
    declined: int = strawberry.field(description="Declined this programme before: not asked again.")
    problem_count: int
    committed: bool


@strawberry.type
class ImportReport(ImportCounts):
    import_id: relay.GlobalID
    problems: list[ImportProblem] = strawberry.field(
        description="The first 200 bad rows' problems, in row order; problemCount counts all."
    )

    @classmethod
    def of(cls, report: imports.Report, locale: str) -> ImportReport:
        return cls(
            import_id=relay.GlobalID("ImportBatch", str(report.import_id)),
            problems=[ImportProblem.of(p, locale) for p in report.problems],
            **report.counts(),
        )


@strawberry.type(description="An uploaded file (POST /imports) waiting to be, or once, committed.")
class ImportBatch:
    programme_id: relay.GlobalID
    filename: str
    row_count: int
    delimiter: str
    status: ImportStatusEnum  # type: ignore[valid-type]
    default_role: ParticipantRoleEnum | None  # type: ignore[valid-type]
    created_at: datetime
    committed_at: datetime | None
    id: relay.GlobalID
    columns: list[ImportColumn] = strawberry.field(
        description="Every column of the header, with the field it is read as."
    )
    result: ImportCounts | None = strawberry.field(
        description="The last dry run's or the commit's counts."
    )

    @classmethod
    def of(cls, batch: imports.ImportBatch) -> ImportBatch:
        mapping = batch.field_mapping
        return cls(
            id=relay.GlobalID("ImportBatch", str(batch.id)),
            programme_id=relay.GlobalID("Programme", str(batch.programme_id)),
            filename=batch.filename,
            row_count=batch.row_count,
            delimiter=batch.delimiter,
            status=batch.status,
            default_role=ParticipantRole(batch.default_role) if batch.default_role else None,
            created_at=batch.created_at,
            committed_at=batch.committed_at,
            columns=[ImportColumn(column=c, field=mapping.get(c)) for c in batch.columns if c],
            result=ImportCounts(**batch.result) if batch.result else None,
        )


@strawberry.type(description="Where an import stands; every event carries the whole state.")
class ImportProgress:
    phase: ImportPhaseEnum  # type: ignore[valid-type]
    done: int = strawberry.field(description="Rows checked, or invitations written.")
    total: int
    at: datetime
    import_id: relay.GlobalID

    @classmethod
    def of(cls, message: dict[str, Any]) -> ImportProgress:
        return cls(
            phase=imports.ImportPhase(message["phase"]),
            done=message["done"],
            total=message["total"],
            at=datetime.fromisoformat(message["at"]),
            import_id=relay.GlobalID("ImportBatch", str(message["importId"])),
        )


def _locale(info: Info) -> str:
    user = info.context.user
    return user.locale if user else "id"


@strawberry.type
class ImportQueries:
    @strawberry.field(
        permission_classes=[CanRead], description="Coordinators: an uploaded file and its mapping."
    )
    async def import_batch(self, info: Info, import_id: relay.GlobalID) -> ImportBatch:
        return ImportBatch.of(await imports_resolvers.import_batch(info.context, import_id))

    @strawberry.field(
        permission_classes=[CanRead],
        description="The mapping an upload would guess for these header names (Indonesian "
        "and English header words), each field at most once.",
    )
    def guess_import_mapping(self, info: Info, columns: list[str]) -> list[ImportColumn]:
        guessed = imports_resolvers.guess_import_mapping(info.context, columns)
        return [ImportColumn(column=c, field=guessed.get(c)) for c in columns]


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Check every row without inviting anyone, with this mapping (default: "
        "the last one, at first the guessed one) and this role for rows that name none. "
        "Both are kept for the commit.",
    )
    async def dry_run_import(
        self,
        info: Info,
        import_id: relay.GlobalID,
        mapping: list[ImportColumnInput] | None = None,
        default_role: ParticipantRoleEnum | None = None,  # type: ignore[valid-type]
    ) -> ImportReport:
        pairs = None if mapping is None else [(m.column, m.field) for m in mapping]
        report = await imports_resolvers.dry_run_import(
            info.context, import_id, pairs, default_role
        )
        return ImportReport.of(report, _locale(info))

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Invite every row, all or nothing: one bad row refuses the file "
        "(BAD_USER_INPUT, field `rows`) and nothing is written.",
    )
    async def commit_import(self, info: Info, import_id: relay.GlobalID) -> ImportReport:
        report = await imports_resolvers.commit_import(info.context, import_id)
        return ImportReport.of(report, _locale(info))


@strawberry.type
class ImportSubscriptions:
    @strawberry.subscription(
        permission_classes=[CanRead],
        description="The import's state, then live progress of its dry runs and commit; "
        "ends after COMMITTED.",
    )
    async def import_progress(
        self, info: Info, import_id: relay.GlobalID
    ) -> AsyncGenerator[ImportProgress, None]:
        async with aclosing(imports_resolvers.import_progress(info.context, import_id)) as stream:
            async for message in stream:
                yield ImportProgress.of(message)
