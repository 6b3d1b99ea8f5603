"""Webhooks end to end: register, receive signed events in order, retry, read the log."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from realtime.webhooks import verify
from tests.support import Api, code_of, serving_here
from tests.test_relationships import paired

REGISTER = """mutation($p: ID!, $u: String!) { registerWebhook(programmeId: $p, url: $u) {
  secret webhook { id url lastSeq } } }"""
LOG = """query($p: ID!) { webhooks(programmeId: $p) { url lastSeq failures
  deliveries { seq attempt statusCode delivered error } } }"""


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that records what it is sent."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0

    async def hook(self, request: Request) -> Response:
        body = await request.body()
        if self.fail_next:
            self.fail_next -= 1
            return Response("busy", status_code=503)
        self.received.append((dict(request.headers), body))
        return Response(status_code=204)


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    target = Receiver()
    app = Starlette(routes=[Route("/hook", target.hook, methods=["POST"])])
    async with serving_here(app, lifespan="off") as base_url:
        yield target, base_url + "/hook"


async def wait_for(predicate, seconds: float = 10) -> None:
    async with asyncio.timeout(seconds):
        while not predicate():
            await asyncio.sleep(0.05)


async def test_events_arrive_signed_in_order_and_survive_failures(
    api: Api, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    world, mentor, mentee, relationship = await paired(api)
    outsider = await api.register()
    refused = await api.error(REGISTER, {"p": world.programme_id, "u": url}, outsider.token)
    assert code_of(refused) == "FORBIDDEN"
    registered = (
        await api.ok(REGISTER, {"p": world.programme_id, "u": url}, world.coordinator.token)
    )["registerWebhook"]
    secret = registered["secret"]
    assert secret.startswith("whsec_") and registered["webhook"]["lastSeq"] == 2
    target.fail_next = 2  # the receiver is down for the next two attempts
    ack = "mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { status } }"
    for person in (mentee, mentor):
        await api.ok(ack, {"r": relationship}, person.token)
    await wait_for(lambda: len(target.received) == 5)
    kinds, seqs, ids = [], [], set()
    for headers, body in target.received:
        assert verify(secret, headers, body)
        event = json.loads(body)
        kinds.append(event["kind"])
        seqs.append(event["seq"])
        ids.add(headers["webhook-id"])
    assert kinds == [
        "guidelines.acknowledged",
        "journey.stage_changed",
        "guidelines.acknowledged",
        "relationship.started",
        "journey.stage_changed",
    ]
    assert seqs == [3, 4, 5, 6, 7] and len(ids) == 5
    log = (await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token))["webhooks"]
    attempts = [
        (d["seq"], d["attempt"], d["statusCode"], d["delivered"])
        for d in reversed(log[0]["deliveries"])
    ]
    assert attempts == [
        (3, 1, 503, False),
        (3, 2, 503, False),
        (3, 3, 204, True),
        *((seq, 1, 204, True) for seq in range(4, 8)),
    ]
    assert log[0]["lastSeq"] == 7 and log[0]["failures"] == 0


async def test_only_https_targets(api: Api) -> None:
    """Private and loopback targets are refused in production (unit-tested in
    test_webhooks_delivery.py); this server allows loopback so tests can receive."""
    world, *_ = await paired(api)
    error = await api.error(
        REGISTER, {"p": world.programme_id, "u": "ftp://example.org/x"}, world.coordinator.token
    )
    assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "url")
