"""`rajut import`: a coordinator imports a registration form's CSV from the terminal, with
a progress bar, straight on the database like `rajut match`.

It goes through the same steps as the API (models/imports.py): stage the file, a dry run
with the guessed mapping corrected by ``--map``, and, unless ``--dry-run`` or a row is bad,
the all-or-nothing commit. Exit status 1 when any row is bad (each is printed with its row
number, column and reason, in the coordinator's language), 0 otherwise. The invitation
mails wait in the outbox for a running server's sender.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import timedelta
from pathlib import Path

from models.errors import RajutError
from models.import_rows import ImportField
from models.imports import ImportPhase, Report, commit, dry_run, stage
from models.invitations import ParticipantRole
from server.db import open_database
from server.matchcli import ProgressBar, coordinator_and_programme
from server.settings import Settings

PHASES = {
    ImportPhase.CHECKING: "checking rows",
    ImportPhase.CHECKED: "checked",
    ImportPhase.WRITING: "writing invitations",
    ImportPhase.COMMITTED: "committed",
    ImportPhase.FAILED: "refused",
}


def parse_map(pairs: list[str], columns: list[str]) -> dict[str, ImportField | None]:
    """``--map "Nama Lengkap=display_name"`` (or ``=DISPLAY_NAME``); ``"Kolom="`` ignores
    a column."""
    chosen: dict[str, ImportField | None] = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        if not sep or column not in columns:
            raise SystemExit(f"--map {pair!r}: use COLUMN=FIELD with a column of the file.")
        try:
            chosen[column] = ImportField(name.strip().lower()) if name.strip() else None
        except ValueError:
            fields = ", ".join(f.value for f in ImportField)
            raise SystemExit(f"--map {pair!r}: fields are {fields}.") from None
    return chosen


def print_report(report: Report, locale: str) -> None:
    print(
        f"import {report.import_id}: {report.rows} rows, {report.valid} valid: "
        f"{report.invite} to invite, {report.update} to update, {report.unchanged} unchanged, "
        f"{report.enrolled} already enrolled, {report.declined} declined before; "
        f"{report.problem_count} bad rows"
    )
    for problem in report.problems:
        where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
        print(f"  {where}: {problem.reason(locale)}")
    if report.problem_count > len(report.problems):
        print(f"  … and {report.problem_count - len(report.problems)} more")


def import_file(settings: Settings, args: argparse.Namespace) -> None:
    path = Path(args.file)
    if not path.is_file() or path.stat().st_size > settings.import_max_bytes:
        raise SystemExit(f"{path}: no such file, or larger than {settings.import_max_bytes} bytes.")
    asyncio.run(_import(settings, args, path.name, path.read_bytes()))


async def _import(settings: Settings, args: argparse.Namespace, name: str, data: bytes) -> None:
    db = await open_database(settings.database_url)
    try:
        coordinator, programme = await coordinator_and_programme(args)
        bar = ProgressBar()

        async def progress(phase: ImportPhase, done: int, total: int) -> None:
            bar.show(done / total if total else 1.0, f"{PHASES.get(phase, phase)} {done}/{total}")

        try:
            batch = await stage(coordinator, programme.id, data, name)
            chosen = parse_map(args.map, batch.columns)
            guessed = {  # a field given with --map leaves the column it was guessed for
                c: f
                for c, f in batch.field_mapping.items()
                if c not in chosen and f not in chosen.values()
            }
            mapping = {**guessed, **{c: f for c, f in chosen.items() if f is not None}}
            report = await dry_run(
                coordinator,
                batch.id,
                mapping,
                ParticipantRole(args.default_role) if args.default_role else None,
                progress,
            )
            sys.stderr.write("\n")
            print_report(report, coordinator.locale)
            if report.problem_count:
                raise SystemExit(1)
            if args.dry_run:
                return
            report = await commit(
                coordinator,
                batch.id,
                lifetime=timedelta(days=settings.invitation_days),
                base_url=settings.public_base_url,
                progress=progress,
            )
            sys.stderr.write("\n")
            print(f"committed: {report.invite} invited, {report.update} updated")
        except RajutError as exc:
            sys.stderr.write("\n")
            raise SystemExit(f"{exc.code}: {exc.message}") from None
    finally:
        await db.close_connections()
