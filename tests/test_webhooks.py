"""Webhooks end to end: register, receive signed events in order, retry, read the log."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from standardwebhooks import Webhook as StandardWebhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from realtime.webhooks import verify
from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    code_of,
    open_programme,
    pair_up,
    serving_here,
)
from tests.test_relationships import paired

REGISTER = """mutation($p: ID!, $u: String!) { registerWebhook(programmeId: $p, url: $u) {
  secret webhook { id url lastSeq } } }"""
LOG = """query($p: ID!) { webhooks(programmeId: $p) { url lastSeq failures nextAttemptAt
  disabledReason deliveries { seq attempt statusCode delivered error } } }"""
GOAL = """mutation($r: ID!, $t: String!) { setGoal(input: {relationshipId: $r, title: $t,
  specificOutcome: "", measurableTarget: "", milestones: []}) { id } }"""


class Receiver:
    """A real HTTP endpoint on 127.0.0.1 that records what it is sent."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0
        self.answers: list[tuple[int, dict[str, str]]] = []  # scripted refusals, in order
        self.refused = 0

    async def hook(self, request: Request) -> Response:
        body = await request.body()
        if self.answers:
            self.refused += 1
            status, headers = self.answers.pop(0)
            return Response("not now", status_code=status, headers=headers)
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
        event = StandardWebhook(secret).verify(body, headers)  # the reference verifier
        kinds.append(event["type"])
        seqs.append(event["data"]["seq"])
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


async def hooked_pair(api: Api, url: str) -> tuple[ProgrammeWorld, Person, Person, str, str]:
    """An active relationship whose programme has a webhook to ``url`` registered after the
    relationship started: (world, mentor, mentee, relationship id, secret)."""
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    registered = (
        await api.ok(REGISTER, {"p": world.programme_id, "u": url}, world.coordinator.token)
    )["registerWebhook"]
    return world, mentor, mentee, relationship, registered["secret"]


async def test_body_is_the_standard_envelope_with_global_ids(
    api: Api, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    world, _mentor, mentee, relationship, secret = await hooked_pair(api, url)
    before = datetime.now(UTC) - timedelta(seconds=1)
    goal = (await api.ok(GOAL, {"r": relationship, "t": "Kampanye pertama"}, mentee.token))[
        "setGoal"
    ]["id"]
    await wait_for(lambda: len(target.received) == 1)
    headers, body = target.received[0]
    event = StandardWebhook(secret).verify(body, headers)
    assert set(event) == {"type", "timestamp", "data"}
    assert event["type"] == "goal.set"
    assert before <= datetime.fromisoformat(event["timestamp"]) <= datetime.now(UTC)
    assert event["timestamp"].endswith("Z")
    data = event["data"]
    assert data["programmeId"] == world.programme_id
    assert data["relationshipId"] == relationship
    assert data["actorId"] == mentee.id
    assert data["payload"] == {"goal": goal}
    assert isinstance(data["seq"], int) and data["seq"] > 0
    # the IDs are the API's own: node(id:) finds the goal
    found = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": data["payload"]["goal"]}, mentee.token
    )
    assert found["node"] == {"id": goal}


def near(moment: str, expected: datetime, slack: timedelta = timedelta(seconds=30)) -> bool:
    return abs(datetime.fromisoformat(moment) - expected) < slack


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_in_seconds_or_as_a_date_is_honoured_and_capped(
    api: Api, receiver: tuple[Receiver, str], status: int
) -> None:
    target, url = receiver
    world, _mentor, mentee, relationship, _secret = await hooked_pair(api, url)
    target.answers = [(status, {"Retry-After": "120"})]
    asked = datetime.now(UTC)
    await api.ok(GOAL, {"r": relationship, "t": "Satu"}, mentee.token)
    await wait_for(lambda: target.refused == 1)
    await wait_for_log(api, world, lambda hook: hook["nextAttemptAt"] is not None)
    log = (await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token))["webhooks"][0]
    # the test server retries 100 times sooner than the schedule (5 s -> 0.05 s): the
    # receiver's two minutes win over it
    assert near(log["nextAttemptAt"], asked + timedelta(seconds=120)), log
    assert "Retry-After" in log["deliveries"][0]["error"]
    assert target.received == []

    # an HTTP date three days ahead is capped at the schedule's longest step, a day
    world, _mentor, mentee, relationship, _secret = await hooked_pair(api, url)
    later = format_datetime(datetime.now(UTC) + timedelta(days=3), usegmt=True)
    target.answers = [(status, {"Retry-After": later})]
    asked = datetime.now(UTC)
    await api.ok(GOAL, {"r": relationship, "t": "Dua"}, mentee.token)
    await wait_for_log(api, world, lambda hook: hook["nextAttemptAt"] is not None)
    log = (await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token))["webhooks"][0]
    assert near(log["nextAttemptAt"], asked + timedelta(days=1)), log


async def test_retry_after_as_a_near_date_delays_the_retry_then_it_arrives(
    api: Api, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    world, _mentor, mentee, relationship, _secret = await hooked_pair(api, url)
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
    target.answers = [(503, {"Retry-After": soon})]
    await api.ok(GOAL, {"r": relationship, "t": "Tiga"}, mentee.token)
    await wait_for(lambda: target.refused == 1)
    refused_at = datetime.now(UTC)
    await wait_for(lambda: len(target.received) == 1)
    # not before the receiver's date (HTTP dates have whole seconds, hence the second)
    assert datetime.now(UTC) >= refused_at + timedelta(seconds=1)
    log = (await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token))["webhooks"][0]
    assert [(d["statusCode"], d["attempt"]) for d in reversed(log["deliveries"])] == [
        (503, 1),
        (204, 2),
    ]


async def test_gone_disables_the_endpoint_and_its_log_says_so(
    api: Api, receiver: tuple[Receiver, str]
) -> None:
    target, url = receiver
    world, _mentor, mentee, relationship, _secret = await hooked_pair(api, url)
    target.answers = [(410, {})]
    await api.ok(GOAL, {"r": relationship, "t": "Satu"}, mentee.token)
    await wait_for_log(api, world, lambda hook: hook["disabledReason"] != "")
    await api.ok(GOAL, {"r": relationship, "t": "Dua"}, mentee.token)
    await asyncio.sleep(1)  # several passes of the delivery loop (0.2 s apart here)
    log = (await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token))["webhooks"][0]
    assert "410 Gone" in log["disabledReason"]
    [only] = log["deliveries"]
    assert only["statusCode"] == 410 and not only["delivered"]
    assert "endpoint disabled" in only["error"] and "410 Gone" in only["error"]
    assert target.refused == 1 and target.received == []


async def wait_for_log(
    api: Api, world: ProgrammeWorld, predicate: Callable[[dict], bool], seconds: float = 10
) -> None:
    async with asyncio.timeout(seconds):
        while True:
            hooks = await api.ok(LOG, {"p": world.programme_id}, world.coordinator.token)
            if predicate(hooks["webhooks"][0]):
                return
            await asyncio.sleep(0.1)
