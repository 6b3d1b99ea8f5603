"""Relationship lifecycle and progress events, read and followed live."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

from strawberry import relay
from tortoise.expressions import Q

from models import relationships
from models.accounts import Scope
from models.errors import BadInput
from models.programmes import visible_programme
from models.progress import event_message, events_after
from models.relationships import OPEN_STATUSES, ProgressAudience, progress_filter
from realtime.broker import cut_off_when_too_slow
from realtime.progress import follow
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


async def relationships_by_ids(
    context: Context, ids: list[int]
) -> list[relationships.Relationship | None]:
    user = context.require(Scope.READ)

    async def fetch(relationship_id: int) -> relationships.Relationship:
        return (await relationships.relationship_for(user, relationship_id))[0]

    return await visible_nodes(ids, fetch)


async def my_relationships(
    context: Context, include_closed: bool = False
) -> list[relationships.Relationship]:
    user = context.require(Scope.READ)
    query = relationships.Relationship.filter(Q(members__user_id=user.id) | Q(mentor_id=user.id))
    if not include_closed:
        query = query.filter(status__in=OPEN_STATUSES)
    return await query.distinct().order_by("-created_at")


async def acknowledge_guidelines(
    context: Context, relationship_id: relay.GlobalID
) -> relationships.Relationship:
    user = context.require(Scope.WRITE)
    return await relationships.acknowledge_guidelines(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )


async def _change(
    context: Context, relationship_id: relay.GlobalID, action: str, reason: str = ""
) -> relationships.Relationship:
    user = context.require(Scope.WRITE)
    return await relationships.change_status(
        user, db_id(relationship_id, "Relationship", "relationshipId"), action, reason
    )


async def pause_relationship(
    context: Context, relationship_id: relay.GlobalID, reason: str = ""
) -> relationships.Relationship:
    return await _change(context, relationship_id, "pause", reason)


async def resume_relationship(
    context: Context, relationship_id: relay.GlobalID
) -> relationships.Relationship:
    return await _change(context, relationship_id, "resume")


async def complete_relationship(
    context: Context, relationship_id: relay.GlobalID
) -> relationships.Relationship:
    return await _change(context, relationship_id, "complete")


async def remove_from_relationship(
    context: Context, relationship_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
) -> relationships.Relationship:
    user = context.require(Scope.WRITE)
    return await relationships.remove_member(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
        reason,
    )


async def cancel_relationship(
    context: Context, relationship_id: relay.GlobalID, reason: str
) -> relationships.Relationship:
    return await _change(context, relationship_id, "cancel", reason)


async def appoint_moderator(
    context: Context, relationship_id: relay.GlobalID, user_id: relay.GlobalID
) -> relationships.Relationship:
    user = context.require(Scope.WRITE)
    return await relationships.appoint_moderator(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
    )


async def vote_moderator(
    context: Context, relationship_id: relay.GlobalID, user_id: relay.GlobalID
) -> relationships.Relationship:
    user = context.require(Scope.WRITE)
    return await relationships.vote_moderator(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
    )


@dataclass
class EventPage:
    """Progress events (as published messages) you may see, the cursor to continue from,
    and whether more follow."""

    events: list[dict[str, Any]]
    last_seq: int
    has_more: bool


async def progress_events(
    context: Context, programme_id: relay.GlobalID, after: int = 0, first: int = 100
) -> EventPage:
    """A page of the programme's events after a cursor, as far as you may see them."""
    user = context.require(Scope.PROGRESS_READ)
    if not 1 <= first <= 500:
        raise BadInput("Ask for 1 to 500 events at a time.", field="first")
    if after < 0:
        raise BadInput("The cursor is a non-negative event number.", field="after")
    programme, _ = await visible_programme(user, db_id(programme_id, "Programme", "programmeId"))
    visible = await progress_filter(user, programme)
    batch = await events_after(programme.id, after, first + 1)
    page = [event_message(e) for e in batch[:first]]
    return EventPage(
        events=[m for m in page if await visible(m)],
        last_seq=page[-1]["seq"] if page else after,
        has_more=len(batch) > first,
    )


TOO_SLOW = (
    "Events arrived faster than this subscription read them, so it was ended to keep the "
    "server's memory bounded. Subscribe again with `after` set to the last `seq` you "
    "received: you will miss nothing."
)


async def progress_updates(
    context: Context, programme_id: relay.GlobalID, after: int = 0
) -> AsyncGenerator[dict[str, Any], None]:
    """Everything after your cursor, then live: resubscribe with the last `seq` you saw."""
    user = context.require(Scope.PROGRESS_READ)
    if after < 0:
        raise BadInput("The cursor is a non-negative event number.", field="after")
    programme, _ = await visible_programme(user, db_id(programme_id, "Programme", "programmeId"))
    visible = await progress_filter(user, programme)
    shared, audience = context.addressing, ProgressAudience()
    with cut_off_when_too_slow(TOO_SLOW):
        async for message in follow(programme.id, after):
            if shared is not None:  # one execution for many participants: name who sees it
                shared.to(await audience.of(message))
                yield message
            elif await visible(message):
                yield message
