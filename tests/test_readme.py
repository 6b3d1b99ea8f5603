"""A newcomer's first hour: README's GraphQL examples run on a fresh demo, and the demo's
calendars keep their UIDs when PUBLIC_BASE_URL changes.

One demo is seeded for the module (seeding takes a while); each test serves it with
`rajut serve` in its own process, as `make run` would.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, OperationType, parse
from icalendar import Calendar

from tests.conftest import fresh_postgres
from tests.databases import migrated_sqlite
from tests.support import Api, rajut, serving

README = Path(__file__).resolve().parent.parent / "README.md"
DEMO_PASSWORD = "rajut-demo-2026"
COORDINATOR = "koordinator@rajut.test"
BLOCK = re.compile(r"^```graphql\n(.*?)^```", re.DOTALL | re.MULTILINE)
AS = re.compile(r"^#\s*as\s+(\S+@\S+)", re.MULTILINE)
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"


@dataclass
class Demo:
    path: Path
    env: dict[str, str]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
async def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Demo]:
    """A freshly seeded demo, on SQLite (as `make run` makes it) and on PostgreSQL."""
    path = tmp_path_factory.mktemp("demo")
    async with contextlib.AsyncExitStack() as stack:
        if request.param == "sqlite":
            (path / "var").mkdir()
            database_url = migrated_sqlite(path / "var" / "rajut.sqlite3")
        else:
            database_url = await stack.enter_async_context(fresh_postgres())
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            # as a deployment would: without ICE servers `iceServers` is rightly empty
            "STUN_URLS": "stun:stun.rajut.test:3478",
        }
        env.pop("REDIS_URL", None)
        await rajut("seed-demo", cwd=path, env=env)
        yield Demo(path, env)


def readme_blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def operations(block: str) -> list[tuple[OperationDefinitionNode, str]]:
    """Each operation of a block with its own source text (comments are not operations)."""
    document = parse(block)
    found = []
    for definition in document.definitions:
        assert isinstance(definition, OperationDefinitionNode), definition
        assert definition.loc is not None
        found.append((definition, block[definition.loc.start : definition.loc.end]))
    return found


def empty(value: Any) -> bool:
    """Nothing to show: null, an empty list or object, or a connection without edges."""
    if value is None or value == [] or value == {}:
        return True
    return isinstance(value, dict) and value.get("edges") == []


class Variables:
    """Fills an example's variables from the demo by their names (documented in README)."""

    def __init__(self, api: Api, token: str) -> None:
        self.api, self.token, self.cache = api, token, {}

    async def get(self, name: str) -> str:
        if name not in self.cache:
            self.cache[name] = await getattr(self, "_" + name)()
        return self.cache[name]

    async def _ask(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.api.ok(query, variables, self.token)

    async def _org(self) -> str:
        orgs = (await self._ask("{ myOrganisations { id name } }"))["myOrganisations"]
        return next(o["id"] for o in orgs if o["name"] == "Merajut ASA")

    async def _programme(self, status: str) -> str:
        query = "query($o: ID!) { programmes(organisationId: $o) { id status } }"
        found = (await self._ask(query, {"o": await self.get("org")}))["programmes"]
        return next(p["id"] for p in found if p["status"] == status)

    async def _p(self) -> str:
        return await self._programme("REGISTRATION_OPEN")

    async def _running(self) -> str:
        return await self._programme("RUNNING")

    async def _relationship(self) -> str:
        mine = await self._ask("{ myRelationships { id } }")
        return mine["myRelationships"][0]["id"]

    async def _room(self) -> str:
        query = "query($r: ID!) { callRoom(relationshipId: $r) { id } }"
        return (await self._ask(query, {"r": await self.get("relationship")}))["callRoom"]["id"]

    async def _session(self) -> str:
        query = "query($r: ID!) { sessions(relationshipId: $r) { id status } }"
        found = await self._ask(query, {"r": await self.get("relationship")})
        return next(s["id"] for s in found["sessions"] if s["status"] == "SCHEDULED")


async def login(api: Api, email: str) -> str:
    return (await api.ok(LOGIN, {"e": email, "p": DEMO_PASSWORD}))["login"]["token"]


def test_readme_has_graphql_examples_that_parse() -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 4
    for block in blocks:
        assert operations(block), block


async def test_every_readme_example_returns_something_on_the_demo(demo: Demo) -> None:
    ran = 0
    tokens: dict[str, str] = {}  # one sign-in per account: the login limit is 5 a minute
    async with serving(demo.env, demo.path) as served, Api(served.base_url) as api:
        for block in readme_blocks():
            named = AS.search(block)
            if named and named.group(1) not in tokens:
                tokens[named.group(1)] = await login(api, named.group(1))
            token = tokens[named.group(1)] if named else None
            variables = Variables(api, token) if token else None
            for operation, source in operations(block):
                needed = [v.variable.name.value for v in operation.variable_definitions or ()]
                if needed:
                    assert variables is not None, f"no login before:\n{source}"
                values = {name: await variables.get(name) for name in needed}  # type: ignore[union-attr]
                body = await api.post(source, values, token)
                assert not body.get("errors"), (source, body["errors"])
                for field, value in body["data"].items():
                    assert not empty(value), f"{field} is empty on the demo:\n{source}"
                if operation.operation == OperationType.MUTATION and "login" in body["data"]:
                    token = body["data"]["login"]["token"]
                    variables = Variables(api, token)
                ran += 1
    assert ran >= 9


async def test_the_showcase_mentee_is_matched_and_sees_mentoring_in_progress(demo: Demo) -> None:
    async with serving(demo.env, demo.path) as served, Api(served.base_url) as api:
        mentee = await login(api, "mentee001@rajut.test")
        relationships = (
            await api.ok(
                "{ myRelationships { id status mentoringModel mentor { displayName } } }",
                token=mentee,
            )
        )["myRelationships"]
        [one_to_one] = relationships
        assert (one_to_one["status"], one_to_one["mentoringModel"]) == ("ACTIVE", "ONE_TO_ONE")
        seen = await api.ok(
            """query($r: ID!) { sessions(relationshipId: $r) { status }
              goals(relationshipId: $r) { milestones { reachedAt } }
              journals(relationshipId: $r) { journals { weekOf } }
              conversation(relationshipId: $r) {
                messages(first: 10) { edges { node { body } } } } }""",
            {"r": one_to_one["id"]},
            mentee,
        )
        statuses = [s["status"] for s in seen["sessions"]]
        assert statuses.count("HELD") >= 2 and statuses.count("SCHEDULED") >= 1
        milestones = seen["goals"][0]["milestones"]
        assert any(m["reachedAt"] for m in milestones) and not all(
            m["reachedAt"] for m in milestones
        )
        assert seen["journals"]["journals"]
        assert len(seen["conversation"]["messages"]["edges"]) >= 2

        group_member = await login(api, "mentee002@rajut.test")
        groups = await api.ok("{ myRelationships { mentoringModel status } }", token=group_member)
        assert {"mentoringModel": "GROUP", "status": "ACTIVE"} in groups["myRelationships"]

        coordinator = await login(api, COORDINATOR)
        running = await Variables(api, coordinator).get("running")
        events = await api.ok(
            "query($p: ID!) { progressEvents(programmeId: $p, first: 500) { events { kind } } }",
            {"p": running},
            coordinator,
        )
        kinds = {e["kind"] for e in events["progressEvents"]["events"]}
        assert {
            "relationship.started",
            "session.held",
            "session.scheduled",
            "goal.set",
            "milestone.reached",
            "journal.submitted",
            "feedback.given",
        } <= kinds


async def session_uids(demo: Demo, base_url: str) -> dict[str, str]:
    """Each of mentee001's sessions' iCalendar UID, fetched by the path the API gives."""
    env = {**demo.env, "PUBLIC_BASE_URL": base_url}
    uids = {}
    async with serving(env, demo.path) as served, Api(served.base_url) as api:
        mentee = await login(api, "mentee001@rajut.test")
        relationship = await Variables(api, mentee).get("relationship")
        sessions = await api.ok(
            "query($r: ID!) { sessions(relationshipId: $r) { id icsPath } }",
            {"r": relationship},
            mentee,
        )
        async with httpx.AsyncClient(base_url=served.base_url) as http:
            for session in sessions["sessions"]:
                assert session["icsPath"] == f"/calendar/sessions/{session['id']}.ics"
                ics = await http.get(
                    session["icsPath"], headers={"Authorization": f"Bearer {mentee}"}
                )
                assert ics.status_code == 200, ics.text
                [event] = Calendar.from_ical(ics.content).walk("VEVENT")
                uids[session["id"]] = str(event["UID"])
    return uids


async def test_moving_to_a_new_address_keeps_every_calendar_uid(demo: Demo) -> None:
    before = await session_uids(demo, "https://rajut.lama.example")
    after = await session_uids(demo, "https://mentoring.baru.example")
    assert before and before == after
    for uid in before.values():
        assert "example" not in uid and re.fullmatch(r"session-\d+@[\w.-]+", uid), uid
