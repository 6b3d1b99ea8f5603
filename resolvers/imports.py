"""Importing participants (models/imports.py) from the API: checks, commits and progress.

The file itself arrives over HTTP (server/imports.py), since GraphQL strings are bounded
far below a registration form's export; everything after the upload is GraphQL.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import timedelta
from functools import partial
from typing import Any

from strawberry import relay

from models import imports
from models.accounts import Scope
from models.errors import BadInput
from models.import_rows import MAX_COLUMNS, ImportField, guess_mapping
from models.invitations import ParticipantRole
from realtime import imports as live_imports
from realtime.broker import cut_off_when_too_slow
from resolvers.context import Context
from resolvers.ids import db_id

TOO_SLOW = (
    "Progress arrived faster than this subscription read it, so it was ended. Subscribe "
    "again: the first event is the import's state."
)


def _key(import_id: relay.GlobalID) -> int:
    return db_id(import_id, "ImportBatch", "importId")


async def import_batch(context: Context, import_id: relay.GlobalID) -> imports.ImportBatch:
    user = context.require(Scope.READ)
    return await imports.batch_of(user, _key(import_id))


def guess_import_mapping(context: Context, columns: list[str]) -> dict[str, ImportField]:
    context.require(Scope.READ)
    if len(columns) > MAX_COLUMNS:
        raise BadInput(f"Give at most {MAX_COLUMNS} columns.", field="columns")
    return guess_mapping(columns)


async def dry_run_import(
    context: Context,
    import_id: relay.GlobalID,
    mapping: list[tuple[str, ImportField | None]] | None,
    default_role: ParticipantRole | None,
) -> imports.Report:
    """``mapping``: (column, field) pairs, a null field leaving the column out."""
    user = context.require(Scope.WRITE)
    key = _key(import_id)
    chosen = None
    if mapping is not None:
        if len(mapping) > MAX_COLUMNS:
            raise BadInput(f"Map at most {MAX_COLUMNS} columns.", field="mapping")
        chosen = {column: target for column, target in mapping if target is not None}
    return await imports.dry_run(
        user, key, chosen, default_role, progress=partial(live_imports.publish, key)
    )


async def commit_import(context: Context, import_id: relay.GlobalID) -> imports.Report:
    user = context.require(Scope.WRITE)
    key = _key(import_id)
    await imports.batch_of(user, key)  # only its coordinators spend their budget
    await context.throttle.check("invite:inviter", str(user.id))  # an import is one act
    return await imports.commit(
        user,
        key,
        lifetime=timedelta(days=context.settings.invitation_days),
        base_url=context.settings.public_base_url,
        progress=partial(live_imports.publish, key),
    )


async def import_progress(
    context: Context, import_id: relay.GlobalID
) -> AsyncGenerator[dict[str, Any], None]:
    user = context.require(Scope.READ)
    batch = await imports.batch_of(user, _key(import_id))
    with cut_off_when_too_slow(TOO_SLOW):
        async for message in live_imports.follow(batch.id):
            yield message
