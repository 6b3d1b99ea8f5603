"""Relationship lifecycle and progress events, read and followed live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from strawberry import relay
from tortoise.expressions import Q

from models import relationships
from models.accounts import Scope
from models.errors import BadInput
from models.programmes import visible_programme
from models.progress import event_message, events_after
from models.relationships import OPEN_STATUSES, progress_filter
from realtime.broker import cut_off_when_too_slow
from realtime.progress import follow
from resolvers.ids import db_id, visible_nodes
from schema.context import Info
from schema.relationships import ProgressEvent, ProgressPage, Relationship


async def relationships_by_ids(
    info: Info, ids: list[int]
) -> list[relationships.Relationship | None]:
    user = info.context.require(Scope.READ)

    async def fetch(relationship_id: int) -> relationships.Relationship:
        return (await relationships.relationship_for(user, relationship_id))[0]

    return await visible_nodes(ids, fetch)


async def my_relationships(info: Info, include_closed: bool = False) -> list[Relationship]:
    user = info.context.require(Scope.READ)
    query = relationships.Relationship.filter(Q(members__user_id=user.id) | Q(mentor_id=user.id))
    if not include_closed:
        query = query.filter(status__in=OPEN_STATUSES)
    return await query.distinct().order_by("-created_at")  # type: ignore[return-value]


async def acknowledge_guidelines(info: Info, relationship_id: relay.GlobalID) -> Relationship:
    user = info.context.require(Scope.WRITE)
    return await relationships.acknowledge_guidelines(  # type: ignore[return-value]
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )


async def _change(
    info: Info, relationship_id: relay.GlobalID, action: str, reason: str = ""
) -> Relationship:
    user = info.context.require(Scope.WRITE)
    return await relationships.change_status(  # type: ignore[return-value]
        user, db_id(relationship_id, "Relationship", "relationshipId"), action, reason
    )


async def pause_relationship(
    info: Info, relationship_id: relay.GlobalID, reason: str = ""
) -> Relationship:
    return await _change(info, relationship_id, "pause", reason)


async def resume_relationship(info: Info, relationship_id: relay.GlobalID) -> Relationship:
    return await _change(info, relationship_id, "resume")


async def complete_relationship(info: Info, relationship_id: relay.GlobalID) -> Relationship:
    return await _change(info, relationship_id, "complete")


async def remove_from_relationship(
    info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
) -> Relationship:
    user = info.context.require(Scope.WRITE)
    return await relationships.remove_member(  # type: ignore[return-value]
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
        reason,
    )


async def cancel_relationship(
    info: Info, relationship_id: relay.GlobalID, reason: str
) -> Relationship:
    return await _change(info, relationship_id, "cancel", reason)


async def appoint_moderator(
    info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID
) -> Relationship:
    user = info.context.require(Scope.WRITE)
    return await relationships.appoint_moderator(  # type: ignore[return-value]
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
    )


async def vote_moderator(
    info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID
) -> Relationship:
    user = info.context.require(Scope.WRITE)
    return await relationships.vote_moderator(  # type: ignore[return-value]
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        db_id(user_id, "User", "userId"),
    )


async def progress_events(
    info: Info, programme_id: relay.GlobalID, after: int = 0, first: int = 100
) -> ProgressPage:
    """A page of the programme's events after a cursor, as far as you may see them."""
    user = info.context.require(Scope.PROGRESS_READ)
    if not 1 <= first <= 500:
        raise BadInput("Ask for 1 to 500 events at a time.", field="first")
    if after < 0:
        raise BadInput("The cursor is a non-negative event number.", field="after")
    programme, _ = await visible_programme(user, db_id(programme_id, "Programme", "programmeId"))
    visible = await progress_filter(user, programme)
    batch = await events_after(programme.id, after, first + 1)
    page = [event_message(e) for e in batch[:first]]
    return ProgressPage(
        events=[ProgressEvent(raw=m) for m in page if await visible(m)],
        last_seq=page[-1]["seq"] if page else after,
        has_more=len(batch) > first,
    )


TOO_SLOW = (
    "Events arrived faster than this subscription read them, so it was ended to keep the "
    "server's memory bounded. Subscribe again with `after` set to the last `seq` you "
    "received: you will miss nothing."
)


async def progress_updates(
    info: Info, programme_id: relay.GlobalID, after: int = 0
) -> AsyncGenerator[ProgressEvent, None]:
    """Everything after your cursor, then live: resubscribe with the last `seq` you saw."""
    user = info.context.require(Scope.PROGRESS_READ)
    if after < 0:
        raise BadInput("The cursor is a non-negative event number.", field="after")
    programme, _ = await visible_programme(user, db_id(programme_id, "Programme", "programmeId"))
    visible = await progress_filter(user, programme)
    with cut_off_when_too_slow(TOO_SLOW):
        async for message in follow(programme.id, after):
            if await visible(message):
                yield ProgressEvent(raw=message)
