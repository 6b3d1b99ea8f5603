"""Giving evaluations and reading their aggregates."""

from __future__ import annotations

from strawberry import relay

from models import evaluations
from models.accounts import Scope
from resolvers.ids import db_id
from schema.context import Info
from schema.evaluations import (
    EvaluationAnswerInput,
    EvaluationSummary,
    ProgrammeEvaluations,
    RatingCount,
)


def _answers(items: list[EvaluationAnswerInput]) -> dict[str, int]:
    return {a.key.strip()[:40]: a.score for a in items}


async def evaluate_relationship(
    info: Info,
    relationship_id: relay.GlobalID,
    rating: int,
    comment: str = "",
    answers: list[EvaluationAnswerInput] | None = None,
) -> bool:
    user = info.context.require(Scope.WRITE)
    await evaluations.evaluate_relationship(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        rating,
        comment,
        _answers(answers or []),
    )
    return True


async def evaluate_programme(
    info: Info,
    programme_id: relay.GlobalID,
    rating: int,
    comment: str = "",
    answers: list[EvaluationAnswerInput] | None = None,
) -> bool:
    user = info.context.require(Scope.WRITE)
    await evaluations.evaluate_programme(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        rating,
        comment,
        _answers(answers or []),
    )
    return True


def _summary(s: evaluations.Summary) -> EvaluationSummary:
    return EvaluationSummary(
        count=s.count,
        mean_rating=s.mean_rating,
        comments=s.comments,
        distribution=[RatingCount(rating=r, count=c) for r, c in s.distribution.items()],
    )


async def programme_evaluations(info: Info, programme_id: relay.GlobalID) -> ProgrammeEvaluations:
    user = info.context.require(Scope.READ)
    found = await evaluations.evaluation_summary(
        user, db_id(programme_id, "Programme", "programmeId")
    )
    return ProgrammeEvaluations(
        relationships=_summary(found["relationship"]),
        programme=_summary(found["programme"]),
        sessions=_summary(found["sessions"]),
    )
