"""Progress events: the durable record behind live updates, feeds and webhooks.

Every meaningful change writes an event in the same transaction as the change. Each
programme numbers its events 1, 2, 3… under a row lock on the programme's counter, so the
numbering follows commit order: a subscriber that read up to N and later sees N+2 knows N+1
exists and fetches it. The broker only carries the live tail, announced after commit
(models.announcements); anything missed there is read back from this table by cursor
(``realtime.progress.follow``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.announcements import Publication, transaction
from models.announcements import announce as announce_now
from models.programmes import Programme


class EventKind(StrEnum):
    RELATIONSHIP_PROPOSED = "relationship.proposed"
    RELATIONSHIP_STARTED = "relationship.started"
    RELATIONSHIP_PAUSED = "relationship.paused"
    RELATIONSHIP_RESUMED = "relationship.resumed"
    RELATIONSHIP_COMPLETED = "relationship.completed"
    RELATIONSHIP_CANCELLED = "relationship.cancelled"
    MEMBER_REMOVED = "relationship.member_removed"
    GUIDELINES_ACKNOWLEDGED = "guidelines.acknowledged"
    SESSION_SCHEDULED = "session.scheduled"
    SESSION_RESCHEDULED = "session.rescheduled"
    SESSION_HELD = "session.held"
    SESSION_CANCELLED = "session.cancelled"
    GOAL_SET = "goal.set"
    GOAL_REACHED = "goal.reached"
    MILESTONE_REACHED = "milestone.reached"
    GOAL_EDITED = "goal.edited"
    GOAL_DROPPED = "goal.dropped"
    GOAL_REOPENED = "goal.reopened"
    MILESTONE_ADDED = "milestone.added"
    MILESTONE_EDITED = "milestone.edited"
    MILESTONE_REMOVED = "milestone.removed"
    JOURNAL_SUBMITTED = "journal.submitted"
    FEEDBACK_GIVEN = "feedback.given"
    JOURNEY_STAGE_CHANGED = "journey.stage_changed"
    SKILL_ASSESSED = "skill.assessed"


class ProgressCounter(Model):
    """The last event number of one programme, locked while an event is numbered."""

    id = fields.IntField(primary_key=True)
    programme: fields.OneToOneRelation[Programme] = fields.OneToOneField(
        "rajut.Programme", related_name="progress_counter", on_delete=fields.CASCADE
    )
    last_seq = fields.BigIntField(default=0)

    class Meta:
        table = "progress_counters"


class ProgressEvent(Model):
    id = fields.BigIntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="progress_events", on_delete=fields.CASCADE
    )
    seq = fields.BigIntField()
    kind = fields.CharEnumField(EventKind, max_length=40)
    relationship_id = fields.IntField(null=True, db_index=True)
    actor_id = fields.IntField(null=True)
    payload = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "progress_events"
        unique_together = (("programme", "seq"),)
        ordering = ["seq"]


def progress_topic(programme_id: int) -> str:
    return f"programme:{programme_id}:progress"


@dataclass
class Recorder:
    """Collects the events of one transaction; they are announced only once it commits."""

    events: list[ProgressEvent] = field(default_factory=list)

    async def record(
        self,
        programme_id: int,
        kind: EventKind,
        *,
        relationship_id: int | None = None,
        actor_id: int | None = None,
        **payload: Any,
    ) -> ProgressEvent:
        current = await self._locked_counter(programme_id)
        current.last_seq += 1
        await current.save(update_fields=["last_seq"])
        event = await ProgressEvent.create(
            programme_id=programme_id,
            seq=current.last_seq,
            kind=kind,
            relationship_id=relationship_id,
            actor_id=actor_id,
            payload=payload,
        )
        self.events.append(event)
        return event

    @staticmethod
    async def _locked_counter(programme_id: int) -> ProgressCounter:
        locked = ProgressCounter.filter(programme_id=programme_id).select_for_update()
        if counter := await locked.first():
            return counter
        try:  # the programme's first event: a savepoint lets a concurrent creator win
            async with in_transaction():
                await ProgressCounter.create(programme_id=programme_id)
        except IntegrityError:
            pass
        return await locked.get()


def event_message(event: ProgressEvent) -> dict[str, Any]:
    return {
        "id": event.id, "programme": event.programme_id, "seq": event.seq,
        "kind": event.kind.value, "relationship": event.relationship_id,
        "actor": event.actor_id, "payload": event.payload,
        "at": event.created_at.isoformat(),
    }  # fmt: skip


async def announce(events: list[ProgressEvent]) -> None:
    """Put the events on their programme's topic (once the open transaction, if any, commits)."""
    await announce_now(
        *(Publication(progress_topic(e.programme_id), event_message(e)) for e in events)
    )


@asynccontextmanager
async def recording() -> AsyncIterator[Recorder]:
    """A transaction whose progress events go live after it commits (and never if not).

    Nested in another ``recording()`` or ``models.announcements.transaction()`` it is a
    savepoint, and its events wait for the outermost commit.
    """
    recorder = Recorder()
    async with transaction():
        yield recorder
        await announce(recorder.events)


PAGE = 500


async def events_after(programme_id: int, after: int, limit: int) -> list[ProgressEvent]:
    return (
        await ProgressEvent.filter(programme_id=programme_id, seq__gt=after)
        .order_by("seq")
        .limit(limit)
    )


async def stored_after(programme_id: int, after: int) -> AsyncIterator[ProgressEvent]:
    """Every stored event after ``after``, read page by page."""
    while True:
        batch = await events_after(programme_id, after, PAGE)
        for event in batch:
            after = event.seq
            yield event
        if len(batch) < PAGE:
            return
