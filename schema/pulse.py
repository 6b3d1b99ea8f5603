"""Pulse check-ins and re-match requests."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models.pulse import RematchStatus

RematchStatusEnum = strawberry.enum(RematchStatus, name="RematchStatus")


@strawberry.type
class PulseQuestion:
    key: str
    text: str


@strawberry.type(description="The check-in due now in a relationship, if any.")
class CheckIn:
    round: int
    questions: list[PulseQuestion]
    answered: bool


@strawberry.input
class PulseAnswerInput:
    key: str
    score: int = strawberry.field(description="1 (not at all) to 5 (very much).")


@strawberry.type(description="Someone asked for a new match; coordinators decide.")
class RematchRequest:
    reason: str
    status: RematchStatusEnum  # type: ignore[valid-type]
    note: str
    created_at: datetime

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("RematchRequest", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.relationship_id))  # type: ignore[attr-defined]

    @strawberry.field(description="Who asked: coordinators see it, the other side never does.")
    def requester_id(self) -> relay.GlobalID:
        return relay.GlobalID("User", str(self.requester_id))  # type: ignore[attr-defined]
