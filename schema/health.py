"""Relationship health and follow-up flags for coordinators."""

from __future__ import annotations

import strawberry
from strawberry import relay

from resolvers import health as health_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead
from schema.relationships import Relationship


@strawberry.type(description="How a relationship is doing, 0-100, and why.")
class RelationshipHealth:
    relationship: Relationship
    score: int
    reasons: list[str]
    days_inactive: int
    inactive: bool = strawberry.field(description="Quiet longer than the programme allows.")
    offer_closing: bool = strawberry.field(description="Quiet so long it may be closed.")


@strawberry.type(description="A mentor with requests waiting too long for an answer.")
class UnansweredRequests:
    mentor: User
    pending: int
    oldest_days: int


@strawberry.type
class HealthQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: every open relationship, weakest first, with reasons.",
    )
    async def relationship_health(
        self, info: Info, programme_id: relay.GlobalID
    ) -> list[RelationshipHealth]:
        found = await health_resolvers.relationship_health(info.context, programme_id)
        return [
            RelationshipHealth(
                relationship=h.relationship,  # type: ignore[arg-type]
                score=h.score,
                reasons=h.reasons,  # type: ignore[arg-type]
                days_inactive=h.days_inactive,
                inactive=h.inactive,
                offer_closing=h.offer_closing,
            )
            for h in found
        ]

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: mentors leaving requests unanswered.",
    )
    async def unanswered_requests(
        self, info: Info, programme_id: relay.GlobalID, older_than_days: int = 7
    ) -> list[UnansweredRequests]:
        found = await health_resolvers.unanswered_requests(
            info.context, programme_id, older_than_days
        )
        return [
            UnansweredRequests(mentor=u, pending=f.pending, oldest_days=f.oldest_days)  # type: ignore[arg-type]
            for f, u in found
        ]
