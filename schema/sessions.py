"""Sessions, attendance and calendar links."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models import sessions
from models.sessions import SessionKind, SessionStatus
from schema.accounts import User
from schema.context import Info

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
        from resolvers.sessions import sessions_by_ids

        return await sessions_by_ids(info, [int(i) for i in node_ids])

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
