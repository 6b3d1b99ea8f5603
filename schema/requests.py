"""The request marketplace and live match events."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay

from models import requests
from models.requests import RequestStatus
from schema.accounts import User
from schema.context import Info
from schema.programmes import Programme

RequestStatusEnum = strawberry.enum(RequestStatus, name="RequestStatus")


@strawberry.enum
class RequestSide(Enum):
    SENT = "sent"
    RECEIVED = "received"


@strawberry.type(description="A mentee's request to a mentor.")
class MentorRequest(relay.Node):
    id: relay.NodeID[int]
    message: str
    status: RequestStatusEnum  # type: ignore[valid-type]
    decline_reason: str
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, requests.MentorRequest))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[requests.MentorRequest | None]:
        user = info.context.user
        rows = {
            str(r.id): r
            for r in await requests.MentorRequest.filter(id__in=[int(i) for i in node_ids])
            if user and user.id in (r.mentor_id, r.mentee_id)
        }
        return [rows.get(i) for i in node_ids]

    @strawberry.field
    async def mentee(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.mentee_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def mentor(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.mentor_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def programme(self, info: Info) -> Programme:
        return await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]

    @strawberry.field(description="The relationship an accepted request created.")
    def relationship_id(self) -> relay.GlobalID | None:
        rid = self.relationship_id  # type: ignore[attr-defined]
        return None if rid is None else relay.GlobalID("Relationship", str(rid))


@strawberry.enum
class MatchEventKind(Enum):
    REQUEST_RECEIVED = "request_received"
    REQUEST_ACCEPTED = "request_accepted"
    REQUEST_DECLINED = "request_declined"
    REQUEST_WITHDRAWN = "request_withdrawn"
    REQUEST_SUPERSEDED = strawberry.enum_value(
        "request_superseded",
        description="Closed by Rajut: the mentee now has as many mentors as the programme allows.",
    )
    MATCH_APPROVED = "match_approved"


@strawberry.type(description="Something happened to one of your requests or matches.")
class MatchEvent:
    kind: MatchEventKind
    programme_id: relay.GlobalID
    request_id: relay.GlobalID | None = None
    relationship_id: relay.GlobalID | None = None
    at: datetime
