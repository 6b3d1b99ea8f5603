"""Property-based fuzzing of the whole API: valid queries and mutations with arbitrary
arguments, generated from the live schema (hypothesis-graphql), sent as an anonymous visitor,
a mentee and a coordinator, on SQLite and PostgreSQL. Whatever the arguments, the server
answers with data or coded client errors: never INTERNAL_SERVER_ERROR, never a 5xx.

The example count is kept small for the suite; RAJUT_FUZZ_EXAMPLES raises it (`make fuzz`).
Hypothesis runs in a worker thread with a blocking client, while the server keeps serving on
the test's event loop.
"""

from __future__ import annotations

import asyncio
import base64
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import graphql
import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import from_schema

from schema.sdl import sdl
from tests.support import (
    Api,
    acknowledge,
    documentation_address,
    open_programme,
    pair_up,
)

EXAMPLES = int(os.environ.get("RAJUT_FUZZ_EXAMPLES", "50"))
NODE_TYPES = (
    "User",
    "Programme",
    "Organisation",
    "Enrolment",
    "Relationship",
    "Session",
    "Goal",
    "Milestone",
    "MentorRequest",
    "MatchRun",
    "Room",
    "RoomMessage",
    "ConversationMessage",
    "Notification",
    "Webhook",
    "ApiToken",
    "ConcernReport",
    "RematchRequest",
)
# mutations that would end the fuzzer's own session, not the server's problem
SKIPPED = {"logout"}


def string_node(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.ValueNode]:
    return strategy.map(lambda value: graphql.StringValueNode(value=value))


def global_ids(known: list[str]) -> st.SearchStrategy[str]:
    """Real IDs of the fuzzer's world, well-formed IDs of any type and tail, and junk."""
    small = st.integers(min_value=1, max_value=40).map(str)  # rows that probably exist
    tails = st.one_of(
        small,
        small,
        small,
        st.integers(min_value=-(2**40), max_value=2**40).map(str),
        st.sampled_from(["abc", "1.5", "2147483648", "0", "-1", " 1", "1e3", ""]),
        st.text(max_size=12),
    )
    forged = st.builds(
        lambda type_name, tail: base64.b64encode(f"{type_name}:{tail}".encode()).decode(),
        st.sampled_from(NODE_TYPES),
        tails,
    )
    real = st.sampled_from(known)
    return st.one_of(real, forged, forged, st.text(max_size=20))


# fixed once: a strategy must draw the same way every time it is built
TODAY = datetime.now(UTC).replace(microsecond=0, second=0, minute=0)


def datetimes() -> st.SearchStrategy[str]:
    soon = TODAY
    near = st.datetimes(
        min_value=(soon - timedelta(days=60)).replace(tzinfo=None),
        max_value=(soon + timedelta(days=400)).replace(tzinfo=None),
        timezones=st.sampled_from([UTC]),
    )
    anywhere = st.datetimes(timezones=st.one_of(st.none(), st.timezones()))
    return st.one_of(near, anywhere).map(lambda value: value.isoformat())


def strings() -> st.SearchStrategy[str]:
    """Mostly values a domain accepts, so operations get past the gate and into the models;
    sometimes anything at all."""
    plausible = st.sampled_from(
        [
            "",
            "Asia/Jakarta",
            "Asia/Jayapura",
            "Europe/London",
            "id",
            "en",
            "jv",
            "a@rajut.test",
            "koordinator@rajut.test",
            "storytelling",
            "campaign-creation",
            "09:00",
            "17:30",
            "mentoring-2026",
            "http://127.0.0.1:9/hook",
            '{"type": "offer", "sdp": "v=0"}',
            '{"candidate": ""}',
            "correct horse battery",
            "Selamat pagi",
        ]
    )
    hostile = st.sampled_from(["\x00", "\ud800", "a" * 300, "é" * 70, " ", "\n"])
    return st.one_of(plausible, plausible, st.text(max_size=40), hostile)


def ints() -> st.SearchStrategy[int]:
    return st.one_of(
        st.integers(min_value=0, max_value=10),
        st.integers(min_value=-10, max_value=500),
        st.sampled_from([2**31 - 1, -(2**31), 3650, 3651, 1900, 2200, 10_000]),
    )


def dates() -> st.SearchStrategy[str]:
    today = TODAY.date()
    near = st.dates(min_value=today - timedelta(days=60), max_value=today + timedelta(days=400))
    return st.one_of(near, st.dates()).map(lambda value: value.isoformat())


@dataclass
class Seat:
    name: str
    token: str | None


async def world(api: Api) -> tuple[list[Seat], list[str]]:
    """A programme with a coordinator, an active mentor-mentee pair and their IDs."""
    programme = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, programme)
    await acknowledge(api, relationship, mentor, mentee)
    known = [
        programme.org_id,
        programme.programme_id,
        relationship,
        mentor.id,
        mentee.id,
        programme.coordinator.id,
    ]
    seats = [
        Seat("anonymous", None),
        Seat("mentee", mentee.token),
        Seat("coordinator", programme.coordinator.token),
    ]
    return seats, known


def fuzz(server: str, seat: Seat, known: list[str]) -> None:
    """Blocking: Hypothesis drives a synchronous client from a worker thread."""
    text = sdl()
    schema = graphql.build_schema(text)
    fields = [
        name
        for root in (schema.query_type, schema.mutation_type)
        for name in root.fields  # type: ignore[union-attr]
        if name not in SKIPPED
    ]
    scalars = {
        "ID": string_node(global_ids(known)),
        "String": string_node(strings()),
        "Int": ints().map(lambda value: graphql.IntValueNode(value=str(value))),
        "Float": st.floats(allow_nan=False, allow_infinity=False, width=32).map(
            lambda value: graphql.FloatValueNode(value=repr(float(value)))
        ),
        "DateTime": string_node(datetimes()),
        "Date": string_node(dates()),
    }
    # one root field per operation: a bad argument anywhere refuses the whole operation, so
    # several fields at once would rarely get past the input gate
    operations = st.sampled_from(fields).flatmap(
        lambda field: from_schema(text, fields=[field], custom_scalars=scalars, codec=None)
    )
    headers = {"X-Forwarded-For": documentation_address()}
    if seat.token:
        headers["Authorization"] = f"Bearer {seat.token}"

    with httpx.Client(base_url=server, timeout=60, headers=headers) as http:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: report what was sent
            suppress_health_check=list(HealthCheck),
        )
        @given(operations)
        def answers_without_crashing(query: str) -> None:
            response = http.post(
                "/graphql",
                content=_json({"query": query}),
                headers={"Content-Type": "application/json"},
            )
            assert response.status_code < 500, (seat.name, query, response.text[:500])
            if response.status_code != 200:
                return
            for error in response.json().get("errors") or []:
                code = (error.get("extensions") or {}).get("code")
                assert code not in {None, "INTERNAL_SERVER_ERROR"}, (seat.name, query, error)

        answers_without_crashing()


def _json(value: object) -> bytes:
    import json

    # ensure_ascii writes lone surrogates as escapes, as a hostile client would
    return json.dumps(value, ensure_ascii=True).encode()


@pytest.mark.parametrize("seat_name", ["anonymous", "mentee", "coordinator"])
async def test_no_operation_crashes_the_server(api: Api, server: str, seat_name: str) -> None:
    seats, known = await world(api)
    seat = next(s for s in seats if s.name == seat_name)
    await asyncio.to_thread(fuzz, server, seat, known)
