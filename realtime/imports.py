"""An import's progress, live: published while a dry run or commit works, followed by the
``importProgress`` subscription.

Progress during a commit cannot be stored: the rows it writes exist only inside its own
transaction until the end. So it travels on the broker only, at most once, and every event
carries the whole state (phase, rows done, rows in all), so a lost one is superseded by the
next. The end is stored: a committed import reads COMMITTED from the database, and
:func:`follow` reads the stored state after subscribing, so a subscriber never waits for an
end that came before it arrived.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from models.accounts import now
from models.imports import SUMMARY_FIELDS, ImportBatch, ImportPhase, ImportStatus, import_topic
from realtime.broker import RESYNC, broker


def progress_message(import_id: int, phase: ImportPhase, done: int, total: int) -> dict[str, Any]:
    return {
        "importId": import_id,
        "phase": phase.value,
        "done": done,
        "total": total,
        "at": now().isoformat(),
    }


async def publish(import_id: int, phase: ImportPhase, done: int, total: int) -> None:
    """The progress callback the API hands to models.imports (bind ``import_id`` first)."""
    await broker().publish(import_topic(import_id), progress_message(import_id, phase, done, total))


def _stored(batch: ImportBatch) -> dict[str, Any]:
    if batch.status == ImportStatus.COMMITTED:
        valid = batch.result.get("valid", batch.row_count)
        return progress_message(batch.id, ImportPhase.COMMITTED, valid, valid)
    return progress_message(batch.id, ImportPhase.STAGED, 0, batch.row_count)


async def _summary(import_id: int) -> ImportBatch | None:
    return await ImportBatch.filter(id=import_id).only(*SUMMARY_FIELDS).first()


async def follow(import_id: int) -> AsyncIterator[dict[str, Any]]:
    """The stored state, then live progress, ending after COMMITTED. A failed commit does
    not end it: the coordinator may correct the mapping and commit again."""
    async with broker().subscribe(import_topic(import_id), resync=True) as live:
        batch = await _summary(import_id)
        if batch is None:  # a file never committed is deleted after a week
            return
        yield _stored(batch)
        if batch.status == ImportStatus.COMMITTED:
            return
        async for message in live:
            if message is RESYNC:  # live events may be lost: the end may have come
                batch = await _summary(import_id)
                if batch is None or batch.status == ImportStatus.COMMITTED:
                    if batch is not None:
                        yield _stored(batch)
                    return
                continue
            yield message
            if message["phase"] == ImportPhase.COMMITTED:
                return
