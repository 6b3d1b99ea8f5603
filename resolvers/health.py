"""Relationship health and follow-up flags."""

from __future__ import annotations

from strawberry import relay

from models import health
from models.accounts import Scope, User
from resolvers.context import Context
from resolvers.ids import db_id


async def relationship_health(
    context: Context, programme_id: relay.GlobalID
) -> list[health.Health]:
    user = context.require(Scope.READ)
    return await health.programme_health(user, db_id(programme_id, "Programme", "programmeId"))


async def unanswered_requests(
    context: Context, programme_id: relay.GlobalID, older_than_days: int = 7
) -> list[tuple[health.UnansweredMentor, User]]:
    """Each mentor's unanswered requests, with the mentor."""
    user = context.require(Scope.READ)
    found = await health.unanswered_requests(
        user, db_id(programme_id, "Programme", "programmeId"), max(older_than_days, 0)
    )
    users = await context.loaders.user.load_many([f.mentor_id for f in found])
    return list(zip(found, users, strict=True))  # type: ignore[arg-type]
