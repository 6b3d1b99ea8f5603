"""Requesting, accepting, declining and withdrawing; live match events."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from strawberry import relay

from models import requests
from models.accounts import Scope, now
from models.requests import MatchEventKind, RequestStatus
from realtime.broker import broker, cut_off_when_too_slow, user_topic
from resolvers.context import Context
from resolvers.ids import db_id


async def announce(
    user_ids: list[int],
    kind: MatchEventKind,
    programme_id: int,
    request_id: int | None = None,
    relationship_id: int | None = None,
) -> None:
    message = {
        "kind": kind.value,
        "programme": programme_id,
        "request": request_id,
        "relationship": relationship_id,
        "at": now().isoformat(),
    }
    for user_id in user_ids:
        await broker().publish(user_topic(user_id), message)


async def request_mentor(
    context: Context, programme_id: relay.GlobalID, mentor_id: relay.GlobalID, message: str = ""
) -> requests.MentorRequest:
    user = context.require(Scope.WRITE)
    request = await requests.request_mentor(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(mentor_id, "User", "mentorId"),
        message,
    )
    await announce(
        [request.mentor_id], MatchEventKind.REQUEST_RECEIVED, request.programme_id, request.id
    )
    return request


async def accept_request(context: Context, request_id: relay.GlobalID) -> requests.MentorRequest:
    user = context.require(Scope.WRITE)
    request, superseded = await requests.accept_request(
        user, db_id(request_id, "MentorRequest", "requestId")
    )
    await announce(
        [request.mentee_id, request.mentor_id],
        MatchEventKind.REQUEST_ACCEPTED,
        request.programme_id,
        request.id,
        request.relationship_id,
    )
    await announce_superseded(superseded)
    return request


async def announce_superseded(superseded: list[requests.MentorRequest]) -> None:
    """Tell each mentor (and the mentee) that a request closed because its mentee is matched."""
    for request in superseded:
        await announce(
            [request.mentor_id, request.mentee_id],
            MatchEventKind.REQUEST_SUPERSEDED,
            request.programme_id,
            request.id,
        )


async def decline_request(
    context: Context, request_id: relay.GlobalID, reason: str = ""
) -> requests.MentorRequest:
    user = context.require(Scope.WRITE)
    request = await requests.decline_request(
        user, db_id(request_id, "MentorRequest", "requestId"), reason
    )
    await announce(
        [request.mentee_id], MatchEventKind.REQUEST_DECLINED, request.programme_id, request.id
    )
    return request


async def withdraw_request(context: Context, request_id: relay.GlobalID) -> requests.MentorRequest:
    user = context.require(Scope.WRITE)
    request = await requests.withdraw_request(user, db_id(request_id, "MentorRequest", "requestId"))
    await announce(
        [request.mentor_id], MatchEventKind.REQUEST_WITHDRAWN, request.programme_id, request.id
    )
    return request


async def set_open_for_requests(context: Context, open: bool) -> bool:
    user = context.require(Scope.WRITE)
    profile = await requests.set_open_for_requests(user, open)
    return profile.open_for_requests


async def my_requests(
    context: Context, sent: bool, status: RequestStatus | None = None
) -> list[requests.MentorRequest]:
    """The requests you sent (``sent``) or received."""
    user = context.require(Scope.READ)
    await requests.expire_overdue()
    query = requests.MentorRequest.filter(
        **({"mentee_id": user.id} if sent else {"mentor_id": user.id})
    )
    if status is not None:
        query = query.filter(status=status)
    return await query.limit(200)


async def match_events(context: Context) -> AsyncGenerator[dict[str, Any], None]:
    """Your own request and match events, live, from the moment you subscribe, as
    ``announce`` sent them."""
    user = context.require(Scope.READ)
    async with broker().subscribe(user_topic(user.id)) as events:
        with cut_off_when_too_slow():
            async for message in events:
                yield message
