"""The request marketplace and live match events."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay

from models import requests
from models.requests import MatchEventKind, RequestStatus
from resolvers import requests as requests_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite
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


MatchEventKindEnum = strawberry.enum(MatchEventKind, name="MatchEventKind")
for _value in MatchEventKindEnum.__strawberry_definition__.values:  # type: ignore[attr-defined]
    if _value.name == "REQUEST_SUPERSEDED":
        _value.description = (
            "Closed by Rajut: the mentee now has as many mentors as the programme allows."
        )


@strawberry.type(description="Something happened to one of your requests or matches.")
class MatchEvent:
    kind: MatchEventKindEnum  # type: ignore[valid-type]
    programme_id: relay.GlobalID
    request_id: relay.GlobalID | None = None
    relationship_id: relay.GlobalID | None = None
    at: datetime

    @classmethod
    def of(cls, message: dict) -> MatchEvent:
        """From what resolvers.requests.announce published."""
        return cls(
            kind=MatchEventKind(message["kind"]),
            programme_id=relay.GlobalID("Programme", str(message["programme"])),
            request_id=_gid("MentorRequest", message["request"]),
            relationship_id=_gid("Relationship", message["relationship"]),
            at=datetime.fromisoformat(message["at"]),
        )


def _gid(type_name: str, value: int | None) -> relay.GlobalID | None:
    return None if value is None else relay.GlobalID(type_name, str(value))


@strawberry.type
class RequestQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def my_requests(
        self,
        info: Info,
        side: RequestSide,
        status: RequestStatusEnum | None = None,  # type: ignore[valid-type]
    ) -> list[MentorRequest]:
        return await requests_resolvers.my_requests(  # type: ignore[return-value]
            info.context, side == RequestSide.SENT, status
        )


@strawberry.type
class RequestMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def request_mentor(
        self, info: Info, programme_id: relay.GlobalID, mentor_id: relay.GlobalID, message: str = ""
    ) -> MentorRequest:
        return await requests_resolvers.request_mentor(
            info.context, programme_id, mentor_id, message
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def accept_request(self, info: Info, request_id: relay.GlobalID) -> MentorRequest:
        return await requests_resolvers.accept_request(info.context, request_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def decline_request(
        self, info: Info, request_id: relay.GlobalID, reason: str = ""
    ) -> MentorRequest:
        return await requests_resolvers.decline_request(info.context, request_id, reason)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def withdraw_request(self, info: Info, request_id: relay.GlobalID) -> MentorRequest:
        return await requests_resolvers.withdraw_request(info.context, request_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Close your mentor profile to new requests, or reopen it.",
    )
    async def set_open_for_requests(self, info: Info, open: bool) -> bool:
        return await requests_resolvers.set_open_for_requests(info.context, open)


@strawberry.type
class RequestSubscriptions:
    @strawberry.subscription(permission_classes=[CanRead])
    async def match_events(self, info: Info) -> AsyncGenerator[MatchEvent, None]:
        async with aclosing(requests_resolvers.match_events(info.context)) as stream:
            async for message in stream:
                yield MatchEvent.of(message)
