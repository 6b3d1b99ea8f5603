"""Scheduling and recording sessions; finding times; calendar feeds."""

from __future__ import annotations

from datetime import datetime

from strawberry import relay

from models import goals, notes, sessions
from models.accounts import Scope
from models.errors import NotFound
from models.relationships import relationship_for
from models.sessions import SessionKind
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


async def sessions_by_ids(context: Context, ids: list[int]) -> list[sessions.Session | None]:
    user = context.require(Scope.READ)

    async def fetch(session_id: int) -> sessions.Session:
        row = await sessions.Session.get_or_none(id=session_id)
        if row is None:
            raise NotFound("No such session.")
        await relationship_for(user, row.relationship_id)  # NotFound unless it may see it
        return row

    return await visible_nodes(ids, fetch)


async def sessions_of(context: Context, relationship_id: relay.GlobalID) -> list[sessions.Session]:
    user = context.require(Scope.READ)
    return await sessions.sessions_of(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )


async def my_feedback(context: Context, session_id: int) -> goals.SessionFeedback | None:
    """The feedback the reader gave on a session they can see, if any."""
    user = context.require(Scope.READ)
    return await context.loaders.feedback_by.load((session_id, user.id))


async def schedule_session(
    context: Context,
    relationship_id: relay.GlobalID,
    kind: SessionKind,
    agenda: str,
    starts_at: datetime,
    ends_at: datetime,
    external_url: str,
) -> sessions.Session:
    user = context.require(Scope.WRITE)
    return await sessions.schedule_session(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        SessionKind(kind),
        agenda,
        starts_at,
        ends_at,
        external_url,
    )


async def reschedule_session(
    context: Context, session_id: relay.GlobalID, starts_at: datetime, ends_at: datetime
) -> sessions.Session:
    user = context.require(Scope.WRITE)
    return await sessions.reschedule_session(
        user, db_id(session_id, "Session", "sessionId"), starts_at, ends_at
    )


async def cancel_session(
    context: Context, session_id: relay.GlobalID, reason: str = ""
) -> sessions.Session:
    user = context.require(Scope.WRITE)
    return await sessions.cancel_session(user, db_id(session_id, "Session", "sessionId"), reason)


async def record_session_held(
    context: Context, session_id: relay.GlobalID, attended: list[relay.GlobalID]
) -> sessions.Session:
    user = context.require(Scope.WRITE)
    present = {db_id(a, "User", "attended") for a in attended}
    held = await sessions.record_held(user, db_id(session_id, "Session", "sessionId"), present)
    await notes.compact_session_note(held.id)  # the session is over: its notes settle
    return held


async def suggest_session_times(
    context: Context,
    relationship_id: relay.GlobalID,
    start: datetime,
    end: datetime,
    minutes: int = 60,
) -> list[tuple[datetime, datetime]]:
    """Free slots as (start, end)."""
    user = context.require(Scope.READ)
    return await sessions.suggest_times(
        user, db_id(relationship_id, "Relationship", "relationshipId"), start, end, minutes
    )


async def create_calendar_feed(context: Context) -> str:
    user = context.require(Scope.WRITE)
    token = await sessions.create_feed(user)
    return f"{context.settings.public_base_url}/calendar/feed/{token}.ics"


async def revoke_calendar_feed(context: Context) -> bool:
    user = context.require(Scope.WRITE)
    await sessions.revoke_feeds(user)
    return True
