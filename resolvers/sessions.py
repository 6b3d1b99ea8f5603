"""Scheduling and recording sessions; finding times; calendar feeds."""

from __future__ import annotations

from datetime import datetime

from strawberry import relay

from models import sessions
from models.accounts import Scope
from models.errors import NotFound
from models.relationships import relationship_for
from models.sessions import SessionKind
from resolvers.ids import db_id, visible_nodes
from schema.context import Info
from schema.sessions import Session, SessionInput, TimeSlot


async def sessions_by_ids(info: Info, ids: list[int]) -> list[sessions.Session | None]:
    user = info.context.require(Scope.READ)

    async def fetch(session_id: int) -> sessions.Session:
        row = await sessions.Session.get_or_none(id=session_id)
        if row is None:
            raise NotFound("No such session.")
        await relationship_for(user, row.relationship_id)  # NotFound unless it may see it
        return row

    return await visible_nodes(ids, fetch)


async def sessions_of(info: Info, relationship_id: relay.GlobalID) -> list[Session]:
    user = info.context.require(Scope.READ)
    return await sessions.sessions_of(  # type: ignore[return-value]
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )


async def schedule_session(info: Info, input: SessionInput) -> Session:
    user = info.context.require(Scope.WRITE)
    return await sessions.schedule_session(  # type: ignore[return-value]
        user,
        db_id(input.relationship_id, "Relationship", "relationshipId"),
        SessionKind(input.kind),
        input.agenda,
        input.starts_at,
        input.ends_at,
        input.external_url,
    )


async def reschedule_session(
    info: Info, session_id: relay.GlobalID, starts_at: datetime, ends_at: datetime
) -> Session:
    user = info.context.require(Scope.WRITE)
    return await sessions.reschedule_session(  # type: ignore[return-value]
        user, db_id(session_id, "Session", "sessionId"), starts_at, ends_at
    )


async def cancel_session(info: Info, session_id: relay.GlobalID, reason: str = "") -> Session:
    user = info.context.require(Scope.WRITE)
    return await sessions.cancel_session(  # type: ignore[return-value]
        user, db_id(session_id, "Session", "sessionId"), reason
    )


async def record_session_held(
    info: Info, session_id: relay.GlobalID, attended: list[relay.GlobalID]
) -> Session:
    user = info.context.require(Scope.WRITE)
    present = {db_id(a, "User", "attended") for a in attended}
    return await sessions.record_held(  # type: ignore[return-value]
        user, db_id(session_id, "Session", "sessionId"), present
    )


async def suggest_session_times(
    info: Info,
    relationship_id: relay.GlobalID,
    start: datetime,
    end: datetime,
    minutes: int = 60,
) -> list[TimeSlot]:
    user = info.context.require(Scope.READ)
    slots = await sessions.suggest_times(
        user, db_id(relationship_id, "Relationship", "relationshipId"), start, end, minutes
    )
    return [TimeSlot(starts_at=a, ends_at=b) for a, b in slots]


async def create_calendar_feed(info: Info) -> str:
    user = info.context.require(Scope.WRITE)
    token = await sessions.create_feed(user)
    return f"{info.context.settings.public_base_url}/calendar/feed/{token}.ics"


async def revoke_calendar_feed(info: Info) -> bool:
    user = info.context.require(Scope.WRITE)
    await sessions.revoke_feeds(user)
    return True
