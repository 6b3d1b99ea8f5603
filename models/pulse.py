"""Pulse check-ins: short surveys at programme-set intervals, and blameless re-match requests.

The first check-in comes early (by default day 30) and asks whether the pairing works; later
ones follow every so often (by default every 60 days). Anyone may ask for a re-match in a
check-in: the request goes to the coordinators' queue, and the other side is not told who
asked.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Conflict, NotFound
from models.programmes import Programme, access_to, coordinated_programme
from models.relationships import Relationship, RelationshipStatus, participant_relationship

DEFAULT_QUESTIONS = [
    {"key": "working", "id": "Apakah pendampingan ini berjalan baik?",
     "en": "Is this pairing working?"},
    {"key": "progress", "id": "Seberapa jauh kemajuan Anda?",
     "en": "How much are you progressing?"},
]  # fmt: skip


class Pulse(Model):
    """One person's answers to one check-in round of a relationship."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="pulses", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    round = fields.IntField()
    answers = fields.JSONField(default=dict)
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "pulses"
        unique_together = (("relationship", "user", "round"),)


class RematchStatus(StrEnum):
    OPEN = "open"
    HANDLED = "handled"


class RematchRequest(Model):
    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="rematch_requests", on_delete=fields.CASCADE
    )
    requester: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    reason = fields.TextField(default="")
    status = fields.CharEnumField(RematchStatus, max_length=16, default=RematchStatus.OPEN)
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "rematch_requests"
        ordering = ["created_at", "id"]


def questions_of(programme: Programme) -> list[dict[str, str]]:
    return programme.pulse_questions or DEFAULT_QUESTIONS


def due_round(programme: Programme, days_active: int) -> int | None:
    """The latest check-in round due after so many days, or None before the first."""
    first, every = programme.pulse_first_days, programme.pulse_every_days
    if days_active < first:
        return None
    return 1 + (days_active - first) // every


def current_round(relationship: Relationship) -> int | None:
    if relationship.started_at is None:
        return None
    return due_round(relationship.programme, (now() - relationship.started_at).days)


async def answer_pulse(
    user: User,
    relationship_id: int,
    answers: dict[str, int],
    comment: str,
    wants_rematch: bool,
    reason: str,
) -> Pulse:
    relationship, _ = await participant_relationship(
        user, relationship_id, "Only the relationship's participants answer its check-ins."
    )
    if relationship.status != RelationshipStatus.ACTIVE:
        raise Conflict("Check-ins are for active relationships.", field="relationshipId")
    round_ = current_round(relationship)
    if round_ is None:
        raise Conflict("No check-in is due yet.", field="relationshipId")
    keys = {q["key"] for q in questions_of(relationship.programme)}
    if set(answers) - keys or any(not 1 <= v <= 5 for v in answers.values()):
        raise BadInput(f"Answer {', '.join(sorted(keys))} from 1 to 5.", field="answers")
    if len(comment) > 2000 or len(reason) > 2000:
        raise BadInput("Keep it under 2000 characters.", field="comment")
    if await Pulse.filter(relationship_id=relationship.id, user_id=user.id, round=round_).exists():
        raise Conflict("You already answered this check-in.", field="relationshipId")
    pulse = await Pulse.create(
        relationship=relationship, user=user, round=round_, answers=answers, comment=comment.strip()
    )
    if wants_rematch:
        await RematchRequest.create(
            relationship=relationship, requester=user, reason=reason.strip()
        )
    return pulse


async def rematch_queue(user: User, programme_id: int) -> list[RematchRequest]:
    programme = await coordinated_programme(user, programme_id)
    return await RematchRequest.filter(
        relationship__programme_id=programme.id, status=RematchStatus.OPEN
    )


async def handle_rematch(user: User, request_id: int, note: str) -> RematchRequest:
    request = await RematchRequest.get_or_none(id=request_id).select_related(
        "relationship__programme"
    )
    if request is None or not (await access_to(user, request.relationship.programme)).coordinates:
        raise NotFound("No such re-match request.", field="requestId")
    if request.status == RematchStatus.HANDLED:
        raise Conflict("Already handled.", field="requestId")
    request.status, request.note = RematchStatus.HANDLED, note.strip()[:2000]
    await request.save(update_fields=["status", "note"])
    return request
