"""Relationship health and follow-up flags."""

from __future__ import annotations

from strawberry import relay

from models import health
from models.accounts import Scope
from resolvers.ids import db_id
from schema.context import Info
from schema.health import RelationshipHealth, UnansweredRequests


async def relationship_health(info: Info, programme_id: relay.GlobalID) -> list[RelationshipHealth]:
    user = info.context.require(Scope.READ)
    found = await health.programme_health(user, db_id(programme_id, "Programme", "programmeId"))
    return [
        RelationshipHealth(
            relationship=h.relationship,
            score=h.score,
            reasons=h.reasons,  # type: ignore[arg-type]
            days_inactive=h.days_inactive,
            inactive=h.inactive,
            offer_closing=h.offer_closing,
        )
        for h in found
    ]


async def unanswered_requests(
    info: Info, programme_id: relay.GlobalID, older_than_days: int = 7
) -> list[UnansweredRequests]:
    user = info.context.require(Scope.READ)
    found = await health.unanswered_requests(
        user, db_id(programme_id, "Programme", "programmeId"), max(older_than_days, 0)
    )
    users = await info.context.loaders.user.load_many([f.mentor_id for f in found])
    return [
        UnansweredRequests(mentor=u, pending=f.pending, oldest_days=f.oldest_days)  # type: ignore[arg-type]
        for f, u in zip(found, users, strict=True)
    ]
