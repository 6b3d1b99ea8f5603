"""Giving evaluations and reading their aggregates."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from models import evaluations
from models.accounts import Scope
from resolvers.context import Context
from resolvers.ids import db_id


def _answers(items: Sequence[tuple[str, int]]) -> dict[str, int]:
    return {key.strip()[:40]: score for key, score in items}


async def evaluate_relationship(
    context: Context,
    relationship_id: relay.GlobalID,
    rating: int,
    comment: str = "",
    answers: Sequence[tuple[str, int]] = (),
) -> bool:
    user = context.require(Scope.WRITE)
    await evaluations.evaluate_relationship(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        rating,
        comment,
        _answers(answers),
    )
    return True


async def evaluate_programme(
    context: Context,
    programme_id: relay.GlobalID,
    rating: int,
    comment: str = "",
    answers: Sequence[tuple[str, int]] = (),
) -> bool:
    user = context.require(Scope.WRITE)
    await evaluations.evaluate_programme(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        rating,
        comment,
        _answers(answers),
    )
    return True


async def programme_evaluations(
    context: Context, programme_id: relay.GlobalID
) -> dict[str, evaluations.Summary]:
    """Summaries keyed "relationship", "programme" and "sessions"."""
    user = context.require(Scope.READ)
    return await evaluations.evaluation_summary(
        user, db_id(programme_id, "Programme", "programmeId")
    )
