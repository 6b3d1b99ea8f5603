"""Webhook delivery with two `rajut serve` processes on one PostgreSQL and Redis.

Both processes run the delivery loop against the same endpoints; each event must still
reach the receiver exactly once, and each failed attempt must be made once, not once per
process.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from pathlib import Path

from standardwebhooks import Webhook as StandardWebhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.support import Api, acknowledge, open_programme, pair_up, serving, serving_here
from tests.test_webhooks import GOAL, LOG, REGISTER

EVENTS = 30
REFUSALS = 3  # the receiver's first answers: 503 with Retry-After, each attempt logged once


async def test_two_processes_deliver_each_event_once(
    tmp_path: Path, redis_url: str, postgres_url: str
) -> None:
    received: list[tuple[str, int]] = []  # (webhook-id, seq) as the receiver accepted them
    refused: list[str] = []
    secret: list[str] = []

    async def hook(request: Request) -> Response:
        body = await request.body()
        event = StandardWebhook(secret[0]).verify(body, dict(request.headers))
        await asyncio.sleep(0.02)  # a receiver doing some work widens any race
        if len(refused) < REFUSALS:
            refused.append(request.headers["webhook-id"])
            return Response("busy", status_code=503, headers={"Retry-After": "1"})
        received.append((request.headers["webhook-id"], event["data"]["seq"]))
        return Response(status_code=204)

    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "shared-secret",
        "WEBHOOKS_ALLOW_PRIVATE": "1",  # the receiver listens on 127.0.0.1
        "WEBHOOK_INTERVAL": "0.05",  # both processes poll often: they meet on every endpoint
    }
    receiver = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    async with (
        serving_here(receiver, lifespan="off", access_log=False) as receiver_url,
        serving(env, tmp_path) as one_process,
        serving(env, tmp_path) as other,
        Api(one_process.base_url, database_url=postgres_url) as first,
        Api(other.base_url, database_url=postgres_url) as second,
    ):
        world = await open_programme(first)
        mentor, mentee, relationship = await pair_up(first, world)
        await acknowledge(first, relationship, mentor, mentee)
        registered = await first.ok(
            REGISTER,
            {"p": world.programme_id, "u": receiver_url + "/hook"},
            world.coordinator.token,
        )
        secret.append(registered["registerWebhook"]["secret"])
        start = registered["registerWebhook"]["webhook"]["lastSeq"]
        for n in range(EVENTS):
            api = first if n % 2 else second
            await api.ok(GOAL, {"r": relationship, "t": f"Tujuan {n}"}, mentee.token)
        async with asyncio.timeout(60):
            while len(received) < EVENTS:
                await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)  # time for a duplicate to arrive, were one on its way
        log = (
            await second.ok(
                LOG.replace("deliveries {", "deliveries(last: 100) {"),
                {"p": world.programme_id},
                world.coordinator.token,
            )
        )["webhooks"][0]

    ids = [webhook_id for webhook_id, _ in received]
    assert len(received) == EVENTS, Counter(ids).most_common(3)
    assert len(set(ids)) == EVENTS
    assert [seq for _, seq in received] == list(range(start + 1, start + EVENTS + 1))
    assert refused == [ids[0]] * REFUSALS  # each failed attempt made once, then the same id
    attempts = [(d["seq"], d["attempt"]) for d in log["deliveries"]]
    assert len(attempts) == EVENTS + REFUSALS
    assert len(set(attempts)) == len(attempts), Counter(attempts).most_common(3)
    delivered = sorted(d["seq"] for d in log["deliveries"] if d["delivered"])
    assert delivered == list(range(start + 1, start + EVENTS + 1))
    assert log["lastSeq"] == start + EVENTS and log["failures"] == 0
