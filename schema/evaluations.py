"""Evaluation aggregates for coordinators."""

from __future__ import annotations

import strawberry


@strawberry.type
class RatingCount:
    rating: int
    count: int


@strawberry.type(description="Ratings and comments, without who gave them.")
class EvaluationSummary:
    count: int
    mean_rating: float | None
    distribution: list[RatingCount]
    comments: list[str] = strawberry.field(description="In random order.")


@strawberry.type
class ProgrammeEvaluations:
    relationships: EvaluationSummary
    programme: EvaluationSummary
    sessions: EvaluationSummary = strawberry.field(description="Per-session feedback ratings.")


@strawberry.input
class EvaluationAnswerInput:
    key: str
    score: int
