"""Sessions, attendance and calendar links."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models import sessions
from models.sessions import SessionKind, SessionStatus
from resolvers import sessions as sessions_resolvers
from schema.accounts import User
from schema.context import Info
from schema.goals import Feedback
from schema.permissions import CanRead, CanWrite

SessionKindEnum = strawberry.enum(SessionKind, name="SessionKind")
SessionStatusEnum = strawberry.enum(SessionStatus, name="SessionStatus")


@strawberry.type
class AttendanceRecord:
    user: User
    attended: bool


@strawberry.type(description="A mentoring session of a relationship.")
class Session(relay.Node):
    id: relay.NodeID[int]
    kind: SessionKindEnum  # type: ignore[valid-type]
    agenda: str
    starts_at: datetime
    ends_at: datetime
    status: SessionStatusEnum  # type: ignore[valid-type]
    sequence: int = strawberry.field(description="Bumped on every change (iCalendar SEQUENCE).")
    cancel_reason: str

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, sessions.Session))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[sessions.Session | None]:
        return await sessions_resolvers.sessions_by_ids(info.context, [int(i) for i in node_ids])

    @strawberry.field(description="The external link, or null for the built-in live room.")
    def external_url(self) -> str | None:
        return self.external_url or None  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.relationship_id))  # type: ignore[attr-defined]

    @strawberry.field(
        description="Download as .ics with your bearer token (the path takes the session's ID)."
    )
    def ics_path(self) -> str:
        return f"/calendar/sessions/{relay.GlobalID('Session', str(self.id))}.ics"  # type: ignore[attr-defined]

    @strawberry.field(description="The feedback you gave on this session, or null.")
    async def my_feedback(self, info: Info) -> Feedback | None:
        return await sessions_resolvers.my_feedback(info.context, self.id)  # type: ignore[return-value,attr-defined]

    @strawberry.field
    async def attendance(self, info: Info) -> list[AttendanceRecord]:
        rows = await sessions.Attendance.filter(session_id=self.id)
        users = await info.context.loaders.user.load_many([r.user_id for r in rows])
        return [
            AttendanceRecord(user=u, attended=r.attended)  # type: ignore[arg-type]
            for r, u in zip(rows, users, strict=True)
        ]


@strawberry.type
class TimeSlot:
    starts_at: datetime
    ends_at: datetime


@strawberry.input
class SessionInput:
    relationship_id: relay.GlobalID
    starts_at: datetime
    ends_at: datetime
    kind: SessionKindEnum = SessionKind.REGULAR  # type: ignore[valid-type]
    agenda: str = ""
    external_url: str = strawberry.field(default="", description="Empty: the built-in room.")


@strawberry.type
class SessionQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def sessions(self, info: Info, relationship_id: relay.GlobalID) -> list[Session]:
        return await sessions_resolvers.sessions_of(info.context, relationship_id)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Times inside every participant's weekly availability, in their zones.",
    )
    async def suggest_session_times(
        self,
        info: Info,
        relationship_id: relay.GlobalID,
        start: datetime,
        end: datetime,
        minutes: int = 60,
    ) -> list[TimeSlot]:
        slots = await sessions_resolvers.suggest_session_times(
            info.context, relationship_id, start, end, minutes
        )
        return [TimeSlot(starts_at=a, ends_at=b) for a, b in slots]


@strawberry.type
class SessionMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def schedule_session(self, info: Info, input: SessionInput) -> Session:
        return await sessions_resolvers.schedule_session(  # type: ignore[return-value]
            info.context,
            input.relationship_id,
            input.kind,
            input.agenda,
            input.starts_at,
            input.ends_at,
            input.external_url,
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def reschedule_session(
        self, info: Info, session_id: relay.GlobalID, starts_at: datetime, ends_at: datetime
    ) -> Session:
        return await sessions_resolvers.reschedule_session(
            info.context, session_id, starts_at, ends_at
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def cancel_session(
        self, info: Info, session_id: relay.GlobalID, reason: str = ""
    ) -> Session:
        return await sessions_resolvers.cancel_session(info.context, session_id, reason)

    @strawberry.mutation(
        permission_classes=[CanWrite], description="The session happened; list who attended."
    )
    async def record_session_held(
        self, info: Info, session_id: relay.GlobalID, attended: list[relay.GlobalID]
    ) -> Session:
        return await sessions_resolvers.record_session_held(info.context, session_id, attended)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="A private feed URL for calendar apps; replaces any earlier one.",
    )
    async def create_calendar_feed(self, info: Info) -> str:
        return await sessions_resolvers.create_calendar_feed(info.context)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def revoke_calendar_feed(self, info: Info) -> bool:
        return await sessions_resolvers.revoke_calendar_feed(info.context)
