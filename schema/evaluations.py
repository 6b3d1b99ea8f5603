"""Evaluation aggregates for coordinators."""

from __future__ import annotations

import strawberry
from strawberry import relay

from models import evaluations
from resolvers import evaluations as evaluations_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite


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

    @classmethod
    def of(cls, s: evaluations.Summary) -> EvaluationSummary:
        return cls(
            count=s.count,
            mean_rating=s.mean_rating,
            comments=s.comments,
            distribution=[RatingCount(rating=r, count=c) for r, c in s.distribution.items()],
        )


@strawberry.type
class ProgrammeEvaluations:
    relationships: EvaluationSummary
    programme: EvaluationSummary
    sessions: EvaluationSummary = strawberry.field(description="Per-session feedback ratings.")


@strawberry.input
class EvaluationAnswerInput:
    key: str
    score: int


def _pairs(answers: list[EvaluationAnswerInput] | None) -> list[tuple[str, int]]:
    return [(a.key, a.score) for a in answers or []]


@strawberry.type
class EvaluationQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: aggregates of evaluations and session feedback.",
    )
    async def programme_evaluations(
        self, info: Info, programme_id: relay.GlobalID
    ) -> ProgrammeEvaluations:
        found = await evaluations_resolvers.programme_evaluations(info.context, programme_id)
        return ProgrammeEvaluations(
            relationships=EvaluationSummary.of(found["relationship"]),
            programme=EvaluationSummary.of(found["programme"]),
            sessions=EvaluationSummary.of(found["sessions"]),
        )


@strawberry.type
class EvaluationMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Once a relationship has ended; anonymous where the programme says so.",
    )
    async def evaluate_relationship(
        self,
        info: Info,
        relationship_id: relay.GlobalID,
        rating: int,
        comment: str = "",
        answers: list[EvaluationAnswerInput] | None = None,
    ) -> bool:
        return await evaluations_resolvers.evaluate_relationship(
            info.context, relationship_id, rating, comment, _pairs(answers)
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def evaluate_programme(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        rating: int,
        comment: str = "",
        answers: list[EvaluationAnswerInput] | None = None,
    ) -> bool:
        return await evaluations_resolvers.evaluate_programme(
            info.context, programme_id, rating, comment, _pairs(answers)
        )
