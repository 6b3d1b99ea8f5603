"""In-app notifications."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models.notifications import NotificationKind

NotificationKindEnum = strawberry.enum(NotificationKind, name="NotificationKind")


@strawberry.type
class Notification:
    kind: NotificationKindEnum  # type: ignore[valid-type]
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Notification", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID | None:
        rid = self.relationship_id  # type: ignore[attr-defined]
        return None if rid is None else relay.GlobalID("Relationship", str(rid))

    @strawberry.field
    def session_id(self) -> relay.GlobalID | None:
        sid = self.session_id  # type: ignore[attr-defined]
        return None if sid is None else relay.GlobalID("Session", str(sid))
