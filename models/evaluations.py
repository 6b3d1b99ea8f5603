"""Evaluations at a relationship's end and a programme's end, anonymous where the programme
says so, and the aggregates coordinators see.

Anonymity holds through every field: an anonymous answer has no author, a random id and
only the day it was given; who has answered is kept apart in receipts (to allow one answer
each), and nothing orders or times both alike.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from statistics import mean

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import User, now
from models.errors import BadInput, Conflict, Forbidden
from models.goals import SessionFeedback
from models.programmes import Programme, ProgrammeStatus, coordinated_programme, visible_programme
from models.relationships import RelationshipStatus, participant_relationship


class EvaluationKind(StrEnum):
    RELATIONSHIP = "relationship"
    PROGRAMME = "programme"


class Evaluation(Model):
    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    kind = fields.CharEnumField(EvaluationKind, max_length=16)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    relationship_id = fields.IntField(null=True)
    author_id = fields.IntField(null=True)  # null when the programme keeps answers anonymous
    rating = fields.IntField()
    answers = fields.JSONField(default=dict)
    comment = fields.TextField(default="")
    given_on = fields.DateField()

    class Meta:
        table = "evaluations"


class EvaluationReceipt(Model):
    """That someone has answered (to allow one answer each), never what they answered."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(EvaluationKind, max_length=16)
    programme_id = fields.IntField()
    relationship_id = fields.IntField(null=True)
    user_id = fields.IntField()

    class Meta:
        table = "evaluation_receipts"
        unique_together = (("kind", "programme_id", "relationship_id", "user_id"),)


def _check(rating: int, comment: str, answers: dict[str, int]) -> None:
    if not 1 <= rating <= 5:
        raise BadInput("Rate from 1 to 5.", field="rating")
    if len(comment) > 4000:
        raise BadInput("Keep the comment under 4000 characters.", field="comment")
    if len(answers) > 30 or any(not 1 <= v <= 5 for v in answers.values()):
        raise BadInput("Answer each question from 1 to 5.", field="answers")


async def _record(
    kind: EvaluationKind,
    programme: Programme,
    relationship_id: int | None,
    user: User,
    rating: int,
    comment: str,
    answers: dict[str, int],
) -> None:
    if await EvaluationReceipt.filter(
        kind=kind, programme_id=programme.id, relationship_id=relationship_id, user_id=user.id
    ).exists():
        raise Conflict("You already gave this evaluation.")
    async with in_transaction():
        await EvaluationReceipt.create(
            kind=kind, programme_id=programme.id, relationship_id=relationship_id, user_id=user.id
        )
        await Evaluation.create(
            kind=kind,
            programme=programme,
            relationship_id=relationship_id,
            author_id=None if programme.anonymous_evaluations else user.id,
            rating=rating,
            answers=answers,
            comment=comment.strip(),
            given_on=now().date(),
        )


async def evaluate_relationship(
    user: User, relationship_id: int, rating: int, comment: str, answers: dict[str, int]
) -> None:
    relationship, _ = await participant_relationship(
        user, relationship_id, "The relationship's participants evaluate it."
    )
    if relationship.status not in (RelationshipStatus.COMPLETED, RelationshipStatus.CANCELLED):
        raise Conflict("Evaluate a relationship once it has ended.", field="relationshipId")
    _check(rating, comment, answers)
    await _record(
        EvaluationKind.RELATIONSHIP,
        relationship.programme,
        relationship.id,
        user,
        rating,
        comment,
        answers,
    )


async def evaluate_programme(
    user: User, programme_id: int, rating: int, comment: str, answers: dict[str, int]
) -> None:
    programme, access = await visible_programme(user, programme_id)
    if access.enrolment is None:
        raise Forbidden("The programme's participants evaluate it.")
    if programme.status not in (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED):
        raise Conflict("The evaluation opens once the programme runs.", field="programmeId")
    _check(rating, comment, answers)
    await _record(EvaluationKind.PROGRAMME, programme, None, user, rating, comment, answers)


@dataclass
class Summary:
    count: int
    mean_rating: float | None
    distribution: dict[int, int]
    comments: list[str]


def _summary(ratings: list[int], comments: list[str]) -> Summary:
    shuffled = [c for c in comments if c]
    random.shuffle(shuffled)  # stored order must not hint at who wrote what
    return Summary(
        len(ratings),
        round(mean(ratings), 2) if ratings else None,
        dict(sorted(Counter(ratings).items())),
        shuffled,
    )


async def evaluation_summary(user: User, programme_id: int) -> dict[str, Summary]:
    """Aggregates for coordinators: relationship and programme evaluations, session ratings."""
    programme = await coordinated_programme(user, programme_id)
    out = {}
    for kind in EvaluationKind:
        rows = await Evaluation.filter(programme_id=programme.id, kind=kind)
        out[kind.value] = _summary([r.rating for r in rows], [r.comment for r in rows])
    ratings = await SessionFeedback.filter(
        session__relationship__programme_id=programme.id
    ).values_list("rating", flat=True)
    out["sessions"] = _summary(list(ratings), [])
    return out
