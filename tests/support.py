"""A small GraphQL-over-HTTP client and scenario builders shared by the tests."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import random
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import websockets

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}x{random.randrange(10**6)}"


def documentation_address() -> str:
    """A documentation-range address (RFC 3849), sent only as X-Forwarded-For so each test
    client counts as its own visitor for the per-address rate limits."""
    return f"2001:db8::{random.randrange(1, 2**32):x}"


class GraphQLErrors(AssertionError):
    def __init__(self, errors: list[dict]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class Person:
    email: str
    token: str
    id: str  # global ID
    name: str


VERIFY_EMAIL = """mutation($t: String!) { verifyEmail(token: $t) {
  token me { emailVerified user { id displayName } } } }"""


async def last_mail(to_address: str, database_url: str | None = None) -> str:
    """The body of the newest outbox mail to an address, read as the mail's recipient
    would get it. In-process servers share this process's database connection; a served
    process (``database_url``) is read with a plain connection to its database."""
    if database_url is None:
        from models.accounts import OutboxEmail

        mail = await OutboxEmail.filter(to_address=to_address).order_by("-id").first()
        assert mail is not None, f"no mail to {to_address}"
        return mail.body
    query = "SELECT body FROM outbox_emails WHERE to_address = {} ORDER BY id DESC LIMIT 1"
    if database_url.startswith("sqlite://"):
        import sqlite3

        def read() -> tuple | None:
            with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite://"))) as db:
                return db.execute(query.format("?"), (to_address,)).fetchone()

        row = await asyncio.to_thread(read)
    else:
        import asyncpg

        conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            row = await conn.fetchrow(query.format("$1"), to_address)
        finally:
            await conn.close()
    assert row is not None, f"no mail to {to_address}"
    return row[0]


def link_token(body: str, path: str) -> str:
    """The token of the ``#/<path>?token=`` link in a mail."""
    return body.split(f"#/{path}?token=", 1)[1].split()[0]


class Api:
    """Talks to the server as the SPA would: POST /graphql with a bearer token.

    ``database_url`` names the database of a server in another process, so `register` can
    read its verification mail (in-process servers need none)."""

    def __init__(
        self, base_url: str, address: str | None = None, database_url: str | None = None
    ) -> None:
        self.base_url = base_url
        self.database_url = database_url
        self.http = httpx.AsyncClient(
            base_url=base_url,
            timeout=30,
            headers={"X-Forwarded-For": address or documentation_address()},
        )

    async def __aenter__(self) -> Api:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code in {200, 400}, response.text
        return response.json()

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Run an operation that must succeed; return its data."""
        body = await self.post(query, variables, token)
        if body.get("errors"):
            raise GraphQLErrors(body["errors"])
        return body["data"]

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Run an operation that must fail; return its single error."""
        body = await self.post(query, variables, token)
        errors = body.get("errors")
        assert errors, f"expected an error, got {body}"
        assert len(errors) == 1, errors
        return errors[0]

    async def register(
        self,
        name: str | None = None,
        locale: str = "id",
        *,
        email: str | None = None,
        password: str = PASSWORD,
    ) -> Person:
        """Sign up as a person does: register, open the confirmation mail, follow its link."""
        name = name or unique("Anggota ")
        email = email or unique("user") + "@rajut.test"
        # each newcomer arrives from their own address, as real sign-ups do
        body = await self.post(
            "mutation($input: RegisterInput!) { register(input: $input) }",
            {
                "input": {
                    "email": email,
                    "password": password,
                    "displayName": name,
                    "locale": locale,
                }
            },
            headers={"X-Forwarded-For": documentation_address()},
        )
        assert not body.get("errors"), body
        assert body["data"]["register"] is True
        mail = await last_mail(email.strip().lower(), self.database_url)
        return await self.verify(email, link_token(mail, "verify-email"), name)

    async def verify(self, email: str, token: str, name: str) -> Person:
        """Follow a confirmation (or claim) link; the person is signed in."""
        # from the newcomer's own device, like the registration
        body = await self.post(
            VERIFY_EMAIL, {"t": token}, headers={"X-Forwarded-For": documentation_address()}
        )
        assert not body.get("errors"), body
        verified = body["data"]["verifyEmail"]
        assert verified["me"]["emailVerified"] is True
        return Person(email, verified["token"], verified["me"]["user"]["id"], name)


def relay_pk(global_id: str) -> int:
    """The database id inside a Relay global ID (for tests that travel in time)."""
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


def code_of(error: dict) -> str:
    return error["extensions"]["code"]


# --- scenarios -------------------------------------------------------------------------

PROGRAMME_FIELDS = "id name status registrationIsOpen focusAreas { slug } mentoringModels"


def programme_input(org_id: str, **overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    today = date.today()
    values = {
        "organisationId": org_id,
        "name": "Mentoring Kampanye",
        "slug": unique("prog-"),
        "registrationOpensAt": (now - timedelta(days=1)).isoformat(),
        "registrationClosesAt": (now + timedelta(days=30)).isoformat(),
        "startsOn": (today + timedelta(days=31)).isoformat(),
        "endsOn": (today + timedelta(days=240)).isoformat(),
        "mentoringModels": ["ONE_TO_ONE", "GROUP", "PEER"],
        "focusAreas": ["campaign-creation", "digital-storytelling", "financial-management"],
    }
    values.update(overrides)
    return values


@dataclass
class ProgrammeWorld:
    coordinator: Person
    org_id: str
    programme_id: str


async def open_programme(api: Api, **overrides: Any) -> ProgrammeWorld:
    """An organisation with one programme whose registration is open now."""
    coordinator = await api.register("Koordinator")
    org = await api.ok(
        "mutation($n: String!, $s: String!) { createOrganisation(name: $n, slug: $s) { id } }",
        {"n": "Merajut ASA", "s": unique("org-")},
        coordinator.token,
    )
    org_id = org["createOrganisation"]["id"]
    created = await api.ok(
        f"mutation($i: ProgrammeInput!) {{ createProgramme(input: $i) {{ {PROGRAMME_FIELDS} }} }}",
        {"i": programme_input(org_id, **overrides)},
        coordinator.token,
    )
    programme_id = created["createProgramme"]["id"]
    await api.ok(
        "mutation($id: ID!) { advanceProgramme(id: $id, to: REGISTRATION_OPEN) { status } }",
        {"id": programme_id},
        coordinator.token,
    )
    return ProgrammeWorld(coordinator, org_id, programme_id)


ENROL = """mutation($i: EnrolInput!) { enrol(input: $i) { id mentorStatus asMentor asMentee } }"""
SCREEN = """mutation($e: ID!, $d: ScreeningDecision!, $r: String!) {
  screenMentor(enrolmentId: $e, decision: $d, reason: $r) { id mentorStatus screeningReason } }"""
UPDATE_PROFILE = """mutation($p: ProfileInput!) { updateProfile(input: $p) {
  displayName bio timezone languages capacity } }"""


async def enrol(api: Api, person: Person, world: ProgrammeWorld, **roles: bool) -> str:
    data = await api.ok(ENROL, {"i": {"programmeId": world.programme_id, **roles}}, person.token)
    return data["enrol"]["id"]


async def approved_mentor(
    api: Api,
    world: ProgrammeWorld,
    profile: dict[str, Any] | None = None,
    name: str | None = None,
) -> Person:
    mentor = await api.register(name)
    enrolment = await enrol(api, mentor, world, asMentor=True)
    await api.ok(SCREEN, {"e": enrolment, "d": "APPROVE", "r": ""}, world.coordinator.token)
    defaults = {"birthYear": 1990, "languages": ["id"], "timezone": "Asia/Jakarta"}
    await api.ok(UPDATE_PROFILE, {"p": {**defaults, **(profile or {})}}, mentor.token)
    return mentor


REQUEST_MENTOR = """mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m,
  message: "") { id } }"""
ACCEPT_REQUEST = "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }"
ACKNOWLEDGE = "mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { status } }"


async def pair_up(
    api: Api, world: ProgrammeWorld, mentor: Person | None = None, mentee: Person | None = None
) -> tuple[Person, Person, str]:
    """A mentor and a mentee of the programme (new ones unless given) paired by an accepted
    request: (mentor, mentee, relationship id). The relationship is proposed until both
    acknowledge the guidelines."""
    mentor = mentor or await approved_mentor(api, world)
    if mentee is None:
        mentee = await api.register()
        await enrol(api, mentee, world, asMentee=True)
    asked = await api.ok(REQUEST_MENTOR, {"p": world.programme_id, "m": mentor.id}, mentee.token)
    accepted = await api.ok(ACCEPT_REQUEST, {"r": asked["requestMentor"]["id"]}, mentor.token)
    return mentor, mentee, accepted["acceptRequest"]["relationshipId"]


MY_INVITATIONS = """{ myInvitations { id kind status orgRole staffRole programmeName
  invitedBy organisation { id name } } }"""
ACCEPT_INVITATION = "mutation($id: ID!) { acceptInvitation(id: $id) { status } }"


async def accept_invitations(api: Api, person: Person) -> list[dict[str, Any]]:
    """Accept every pending invitation to the person's address, as they would from their
    invitations page; returns what they saw there."""
    pending = (await api.ok(MY_INVITATIONS, token=person.token))["myInvitations"]
    for invitation in pending:
        await api.ok(ACCEPT_INVITATION, {"id": invitation["id"]}, person.token)
    return pending


async def acknowledge(api: Api, relationship: str, *people: Person) -> None:
    for person in people:
        await api.ok(ACKNOWLEDGE, {"r": relationship}, person.token)


# --- real servers ------------------------------------------------------------------------


@asynccontextmanager
async def serving_here(app: Any, force_exit: bool = False, **options: Any) -> AsyncIterator[str]:
    """Serve an ASGI app with uvicorn on this event loop, on a free loopback port (or
    ``port=``), until the block ends; yields its base URL. ``force_exit`` ends it without
    waiting for handlers still running."""
    import uvicorn

    config = uvicorn.Config(
        app, **{"host": "127.0.0.1", "port": 0, "log_level": "warning", **options}
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        server.force_exit = force_exit
        await task


# --- real processes ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def rajut(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """Run the `rajut` CLI to completion; return what it printed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    assert process.returncode == 0, output.decode()
    return output.decode()


@dataclass
class Served:
    base_url: str
    output: str = ""
    returncode: int | None = None
    process: asyncio.subprocess.Process | None = None  # for tests that kill it themselves


@asynccontextmanager
async def serving(env: dict[str, str], cwd: Path) -> AsyncIterator[Served]:
    """`rajut serve` in its own process on a free port, stopped with SIGTERM afterwards."""
    served = Served(f"http://127.0.0.1:{free_port()}")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        "serve",
        "--port",
        served.base_url.rsplit(":", 1)[1],
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    served.process = process
    try:
        async with httpx.AsyncClient(base_url=served.base_url) as http:
            # start-up imports numpy, SciPy and scikit-learn: slow on a busy 2-core machine
            for _ in range(600):
                try:
                    await http.get("/healthz")
                    break
                except httpx.TransportError:
                    if process.returncode is not None:
                        raise AssertionError("the server exited during start-up") from None
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("the server did not start within a minute")
        yield served
    finally:
        if process.returncode is None:
            process.terminate()
        output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        served.output, served.returncode = output.decode(), process.returncode


# --- subscriptions over graphql-transport-ws -------------------------------------------------


class Subscription:
    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws

    async def next(self) -> dict[str, Any]:
        async with asyncio.timeout(10):
            message = json.loads(await self.ws.recv())
        assert message["type"] == "next", message
        return message["payload"]["data"]


@asynccontextmanager
async def subscribe(base_url: str, token: str, query: str) -> AsyncIterator[Subscription]:
    """A raw graphql-transport-ws subscription, started before the block's body runs."""
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        # the protocol has no acknowledgement for subscribe; give the server a moment to
        # reach the broker before the test produces events
        await asyncio.sleep(0.3)
        yield Subscription(ws)


async def started_group_of_two(
    api: Api,
) -> tuple[ProgrammeWorld, Person, Person, Person, str]:
    """A mentor with two mentees in one started group: (world, mentor, mentee, mentee,
    group id)."""
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 2})
    mentees = [await api.register() for _ in range(2)]
    groups = set()
    for mentee in mentees:
        await enrol(api, mentee, world, asMentee=True)
        groups.add((await pair_up(api, world, mentor, mentee))[2])
    (group,) = groups
    await acknowledge(api, group, mentor, *mentees)
    return world, mentor, mentees[0], mentees[1], group


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Every SQL statement Tortoise sends while the block runs (the server shares our
    process; the app's background loops are left out)."""
    statements: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            task = asyncio.current_task()
            if task is not None and task.get_name().startswith("background:"):
                return  # the app's own loops (webhooks, reminders, mail) are not the request
            statements.append(str(record.msg % record.args if record.args else record.msg))

    logger = logging.getLogger("tortoise.db_client")
    handler, level = Collect(level=logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
