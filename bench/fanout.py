"""Fan-out benchmark: one Rajut process pushing progress events to N WebSocket subscribers.

Not a test. For each case and size it starts a fresh `rajut serve` (SQLite in a temporary
folder), connects N graphql-transport-ws clients to `progressUpdates`, each with a token of
its own (as devices reconnecting after a deploy; `--tokens shared` for one per person), and
fires a burst of events. The same clients do the same against the reference server first:
the npm `graphql-ws` package on Node (bench/fanout_node, installed with `npm ci` on first
use), fed by an in-process emitter with the same payload shape; it checks no token against
anything.

- `coordinators`: a programme's coordinator (PROGRESS_READ tokens), who sees every event;
  the events are a mentee's skill self-assessments (`assessSkills`). Rajut runs one shared
  execution for them all.
- `participants`: the demo's running group (`rajut seed-demo`: a mentor and three mentees),
  its four people spread over the N subscribers; the events are goal edits in the group
  (`editGoal`), which each participant may see because they are in the group. Rajut runs
  one per-viewer execution and checks every subscriber against each event's participants;
  the reference checks each subscriber's person against the event too.

    .venv/bin/python bench/fanout.py                          # 1,000 subscribers, both cases
    .venv/bin/python bench/fanout.py --subscribers 1000,10000 --cases participants

Output: one JSON line per case, server and size on stdout, {"bench": "fanout", "case",
"subscribers", "server": "rajut" | "graphql-ws-node", "events_per_s", "p50_ms", "p99_ms",
"rss_mb", "connect_s", "live_s", ...}; Rajut's line also carries `vs_reference`, its figures
divided by the reference's, and every line the machine's load average while it ran (the
clients share the machine). A table for people follows on stderr.

Connecting: every subscriber notes when it began to connect, when the WebSocket upgrade
answered (`upgrade_*_ms`: TCP and HTTP), when `connection_ack` came (`sign_in_*_ms`: the
token checked), and when its first event came. One event is stored before anyone connects
and every subscriber asks for it (`after` the one before), so that first event is its
catch-up and says the subscription is live. `connect_s` runs from the first connect to the
last ack, `live_s` to the last subscriber's first event. `--batch` connections open at once.

Latency is receive time minus the event's `at` (Rajut: when the event row was written, so
the mutation's commit and the broker are included; Node: when it was emitted), all on this
machine's clock. Events per second counts deliveries (subscribers x events) from the first
event's `at` to the last receipt. RSS is the server's peak (VmHWM) from /proc. CPU per
delivery is user plus system time during the burst divided by the deliveries, for the server
(Rajut's includes serving the mutations) and for all clients together. The clients run in
several worker processes on uvloop and read frames off plain sockets (see `_Subscriber`): a
general-purpose client library cost more CPU per message than either server, and on a 2-core
machine the clients share the CPU with the server, so absolute figures are pessimistic for
both servers alike. Before the burst, warm-up events go out until every subscriber has one.

The clients offer permessage-deflate as browsers do (`--compression none` not to); both
servers decline it (`rajut serve` turns it off, Node's `ws` has it off by default).
`--unshared` gives every subscriber an operation name of its own, so Rajut runs one
execution per subscriber, as it did for participants before per-viewer executions.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import itertools
import json
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NODE_DIR = HERE / "fanout_node"
SERVERS = ("graphql-ws-node", "rajut")  # the reference first: Rajut's line carries the ratio
CASES = ("coordinators", "participants")
SUBSCRIPTION = (
    "subscription($p: ID!, $after: Int!) { progressUpdates(programmeId: $p, after: $after) "
    "{ seq kind at } }"
)
NODE_TOKEN = "fanout-bench"
START_TIMEOUT = 120.0  # Rajut imports numpy, SciPy and scikit-learn at start-up
_children: set[int] = set()  # process groups this run started, stopped on any exit


# --- child processes ------------------------------------------------------------------------


def _raise_fd_limit() -> int:
    """Each subscriber is a socket on both sides; children inherit the raised limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _kill_children() -> None:
    """Stop every process group we started: SIGTERM, then SIGKILL for the stubborn."""
    for pgid in list(_children):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    for pgid in list(_children):
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.05)
        else:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)
        _children.discard(pgid)


async def _spawn(*argv: str, **kwargs: Any) -> asyncio.subprocess.Process:
    """A child in its own process group, remembered so that any exit path stops it."""
    process = await asyncio.create_subprocess_exec(*argv, start_new_session=True, **kwargs)
    _children.add(process.pid)
    return process


async def _stop(process: asyncio.subprocess.Process, grace: float = 10.0) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
    _children.discard(process.pid)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_kib(pid: int, key: str) -> int | None:
    """VmRSS / VmHWM of a live process, in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _proc_cpu_s(pid: int) -> float:
    """User plus system CPU time of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@dataclass
class Server:
    name: str
    process: asyncio.subprocess.Process
    base_url: str
    log: Path
    programme: str = ""
    # fires one event per call; returns the seq of the last event
    burst: Callable[[int], Any] = field(default=lambda n: None)
    # n tokens for n subscribers: all different, or (distinct=False) one per person
    tokens: Callable[[int, bool], Any] = field(default=lambda n, distinct: [])
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://") + "/graphql"


async def _wait_healthy(server: Server, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as http:
        while time.monotonic() < deadline:
            if server.process.returncode is not None:
                raise RuntimeError(f"{server.name} exited at start-up:\n{_tail(server.log)}")
            with contextlib.suppress(httpx.TransportError):
                if (await http.get("/healthz", timeout=2)).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{server.name} did not start within {within_s:.0f} s")


# --- Rajut --------------------------------------------------------------------------------


class _Api:
    """Just enough of the public GraphQL API to build a programme and produce events."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def ok(self, query: str, variables: dict[str, Any], token: str | None = None) -> Any:
        headers = {"X-Forwarded-For": f"2001:db8::{random.randrange(1, 2**32):x}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL error: {body['errors']}")
        return body["data"]


REGISTER = """mutation($i: RegisterInput!) { register(input: $i) }"""
VERIFY_EMAIL = """mutation($t: String!) { verifyEmail(token: $t) { token } }"""
ASSESS = """mutation($p: ID!, $l: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: START, levels: $l) { skill } }"""
LAST_SEQ = """query($p: ID!, $a: Int!) { progressEvents(programmeId: $p, after: $a, first: 500) {
  lastSeq hasMore } }"""


def _confirmation_token(database: Path, email: str) -> str:
    """The token of the confirmation link mailed to `email` (read from the outbox table)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(database)) as db:
        (body,) = db.execute(
            "SELECT body FROM outbox_emails WHERE to_address = ? ORDER BY id DESC LIMIT 1",
            (email,),
        ).fetchone()
    return body.split("#/verify-email?token=", 1)[1].split()[0]


async def _api_tokens(api: _Api, sessions: list[str], count: int) -> list[str]:
    """``count`` PROGRESS_READ API tokens, made round-robin from these sessions, as many
    per request as the alias limit allows (a device or dashboard each, as after a deploy)."""
    per_request = 25
    jobs = []
    for start in range(0, count, per_request):
        session = sessions[(start // per_request) % len(sessions)]
        n = min(per_request, count - start)
        fields = " ".join(
            f't{i}: createApiToken(input: {{name: "fanout", scopes: [PROGRESS_READ]}}) {{ token }}'
            for i in range(n)
        )
        jobs.append((session, "mutation { " + fields + " }"))
    gate = asyncio.Semaphore(8)

    async def run(session: str, query: str) -> list[str]:
        async with gate:
            data = await api.ok(query, {}, session)
        return [v["token"] for v in data.values()]

    return [t for batch in await asyncio.gather(*(run(*job) for job in jobs)) for t in batch]


PARTICIPANTS = ("mentor04", "mentee002", "mentee003", "mentee004")  # the demo's group
DEMO_PASSWORD = "rajut-demo-2026"
EDIT_GOAL = (
    """mutation($g: ID!, $t: String!) { editGoal(goalId: $g, changes: {title: $t}) { id } }"""
)
GROUP = """{ myRelationships { id mentoringModel programme { id } } }"""


async def _participants_world(
    api: _Api, database: Path
) -> tuple[list[str], str, Callable[[int], Any]]:
    """The demo's running group (one mentor, three mentees): their sessions, the running
    programme, and goal edits in the group as the events (each one `goal.edited` that the
    four participants, and only they among participants, may see)."""
    sessions = []
    for name in PARTICIPANTS:
        login = await api.ok(
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            {"e": f"{name}@rajut.test", "p": DEMO_PASSWORD},
        )
        sessions.append(login["login"]["token"])
    mentor = sessions[0]
    group = next(
        r
        for r in (await api.ok(GROUP, {}, mentor))["myRelationships"]
        if r["mentoringModel"] == "GROUP"
    )
    goals = await api.ok(
        "query($r: ID!) { goals(relationshipId: $r) { id } }", {"r": group["id"]}, mentor
    )
    goal = goals["goals"][0]["id"]
    programme = group["programme"]["id"]
    counter = iter(range(10**9))

    async def burst(count: int) -> int:
        await asyncio.gather(
            *(
                api.ok(EDIT_GOAL, {"g": goal, "t": f"Goal {next(counter)}"}, mentor)
                for _ in range(count)
            )
        )
        return await _last_seq(api, programme, mentor)

    return sessions, programme, burst


async def _last_seq(api: _Api, programme: str, token: str) -> int:
    after = 0
    while True:
        page = (await api.ok(LAST_SEQ, {"p": programme, "a": after}, token))["progressEvents"]
        after = page["lastSeq"]
        if not page["hasMore"]:
            return after


async def _rajut_world(api: _Api, database: Path) -> tuple[list[str], str, Callable[[int], Any]]:
    """A coordinator's session, an open programme, and a mentee whose skill
    self-assessments are the events (one `skill.assessed` per mutation, no other side effects).
    """

    async def register(name: str) -> str:
        """Sign up and follow the confirmation link, as a person does."""
        email = f"{name.lower()}{random.randrange(10**9)}@bench.test"
        await api.ok(
            REGISTER,
            {
                "i": {
                    "email": email,
                    "password": "correct horse battery",
                    "displayName": name,
                    "locale": "en",
                }
            },
        )
        token = await asyncio.to_thread(_confirmation_token, database, email)
        return (await api.ok(VERIFY_EMAIL, {"t": token}))["verifyEmail"]["token"]

    coordinator = await register("Coordinator")
    org = await api.ok(
        "mutation($n: String!, $s: String!) { createOrganisation(name: $n, slug: $s) { id } }",
        {"n": "Bench", "s": f"bench-{random.randrange(10**9)}"},
        coordinator,
    )
    now, today = datetime.now(UTC), date.today()
    programme_input = {
        "organisationId": org["createOrganisation"]["id"],
        "name": "Fan-out bench",
        "slug": f"fanout-{random.randrange(10**9)}",
        "registrationOpensAt": (now - timedelta(days=1)).isoformat(),
        "registrationClosesAt": (now + timedelta(days=30)).isoformat(),
        "startsOn": (today + timedelta(days=31)).isoformat(),
        "endsOn": (today + timedelta(days=240)).isoformat(),
        "mentoringModels": ["ONE_TO_ONE"],
        "focusAreas": ["campaign-creation"],
    }
    created = await api.ok(
        "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }",
        {"i": programme_input},
        coordinator,
    )
    programme = created["createProgramme"]["id"]
    await api.ok(
        "mutation($id: ID!) { advanceProgramme(id: $id, to: REGISTRATION_OPEN) { status } }",
        {"id": programme},
        coordinator,
    )
    mentee = await register("Mentee")
    await api.ok(
        "mutation($p: ID!) { enrol(input: {programmeId: $p, asMentee: true}) { id } }",
        {"p": programme},
        mentee,
    )
    counter = iter(range(10**9))

    async def burst(count: int) -> int:
        """`count` concurrent mutations, as a busy programme would send them."""
        await asyncio.gather(
            *(
                api.ok(
                    ASSESS,
                    {"p": programme, "l": [{"skill": f"skill {next(counter)}", "level": 3}]},
                    mentee,
                )
                for _ in range(count)
            )
        )
        return await _last_seq(api, programme, coordinator)

    return [coordinator], programme, burst


@contextlib.asynccontextmanager
async def rajut_server(case: str) -> AsyncIterator[Server]:
    """A fresh `rajut serve` on SQLite in a temporary folder, as one production process;
    for the participants' case with the demo seeded (its running group)."""
    with tempfile.TemporaryDirectory(prefix="rajut-fanout-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite://{tmp}/bench.sqlite3",
            "SECRET_KEY": "fanout-bench-" + "x" * 32,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        log = Path(tmp, "server.log")
        with await asyncio.to_thread(log.open, "wb") as out:
            migrate = await _spawn(
                sys.executable, "-m", "server.cli", "migrate", cwd=tmp, env=env, stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                await asyncio.wait_for(migrate.wait(), 300)
            finally:
                await _stop(migrate)
            if migrate.returncode != 0:
                raise RuntimeError(f"rajut migrate failed:\n{_tail(log)}")
            if case == "participants":
                seed = await _spawn(
                    sys.executable, "-m", "server.cli", "seed-demo", cwd=tmp, env=env,
                    stdout=out, stderr=subprocess.STDOUT,
                )  # fmt: skip
                try:
                    await asyncio.wait_for(seed.wait(), 600)
                finally:
                    await _stop(seed)
                if seed.returncode != 0:
                    raise RuntimeError(f"rajut seed-demo failed:\n{_tail(log)}")
            port = _free_port()
            process = await _spawn(
                sys.executable, "-m", "server.cli", "serve", "--port", str(port), cwd=tmp,
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        server = Server("rajut", process, f"http://127.0.0.1:{port}", log)
        try:
            await _wait_healthy(server, START_TIMEOUT)
            limits = httpx.Limits(max_connections=64)
            # generous: during a large fan-out the mutations wait behind it on the same loop
            async with httpx.AsyncClient(
                base_url=server.base_url, timeout=600, trust_env=False, limits=limits
            ) as http:
                api = _Api(http)
                world = _participants_world if case == "participants" else _rajut_world
                sessions, server.programme, server.burst = await world(
                    api, Path(tmp, "bench.sqlite3")
                )

                async def tokens(n: int, distinct: bool) -> list[str]:
                    made = await _api_tokens(api, sessions, n if distinct else len(sessions))
                    return [made[i % len(made)] for i in range(n)]

                server.tokens = tokens
                yield server
        finally:
            await _stop(process)


# --- graphql-ws on Node ---------------------------------------------------------------------


def _ensure_node_modules() -> None:
    """`npm ci` from the committed lock file the first time (or after a lock file change)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("node and npm are needed for the graphql-ws reference server")
    marker = NODE_DIR / "node_modules" / ".package-lock.json"
    lock = NODE_DIR / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("installing the graphql-ws reference server (npm ci) ...", file=sys.stderr)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=NODE_DIR,
        check=True,
        timeout=600,
        stdout=sys.stderr,
    )


@contextlib.asynccontextmanager
async def node_server(case: str) -> AsyncIterator[Server]:
    """bench/fanout_node/server.mjs: graphql-ws 6 on `ws`, an emitter instead of a database.
    Its tokens name no one (coordinators) or one of four participants, whose events each
    subscriber checks against its person, as Rajut does."""
    await asyncio.to_thread(_ensure_node_modules)
    with tempfile.TemporaryDirectory(prefix="graphql-ws-fanout-") as tmp:
        log = Path(tmp, "server.log")
        port = _free_port()
        with await asyncio.to_thread(log.open, "wb") as out:
            process = await _spawn(
                "node", "server.mjs", "--port", str(port), "--token", NODE_TOKEN, cwd=NODE_DIR,
                env={**os.environ, "NODE_ENV": "production"}, stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        server = Server("graphql-ws-node", process, f"http://127.0.0.1:{port}", log)
        try:
            await _wait_healthy(server, 30)
            server.programme = "UHJvZ3JhbW1lOjE="
            people = len(PARTICIPANTS) if case == "participants" else 0

            async def tokens(n: int, distinct: bool) -> list[str]:
                """The reference looks nothing up: any token of this run is accepted."""
                return [
                    f"{NODE_TOKEN}:{i % people if people else 'all'}:{i if distinct else 0}"
                    for i in range(n)
                ]

            server.tokens = tokens
            async with httpx.AsyncClient(
                base_url=server.base_url, timeout=120, trust_env=False
            ) as http:

                async def burst(count: int) -> int:
                    response = await http.post("/burst", params={"count": count})
                    return int(response.json()["lastSeq"])

                server.burst = burst
                yield server
        finally:
            await _stop(process)


# --- client workers (separate processes) ------------------------------------------------------


class _Clients:
    """One worker's subscribers: counts what each has received after the burst began."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.n = int(config["connections"])
        self.received: list[list[tuple[int, str, float]]] = [[] for _ in range(self.n)]
        self.subscribed = 0
        self.failed = 0
        self.errors: list[str] = []
        self.burst_after: int | None = None
        self.expected = 0
        self.counts = [0] * self.n
        self.complete = 0
        self.all_complete = asyncio.Event()
        self.all_settled = asyncio.Event()  # every subscriber subscribed or failed
        # per subscriber, wall-clock seconds: connecting began, the upgrade answered,
        # connection_ack arrived, the first event (the catch-up) arrived
        self.started = [0.0] * self.n
        self.opened = [0.0] * self.n
        self.acked = [0.0] * self.n
        self.first = [0.0] * self.n

    def settle(self, ok: bool) -> None:
        if ok:
            self.subscribed += 1
        else:
            self.failed += 1
        if self.subscribed + self.failed == self.n:
            self.all_settled.set()

    def note_error(self, error: str) -> None:
        if len(self.errors) < 5:
            self.errors.append(error[:300])

    def record(self, i: int, seq: int, at: str, now: float) -> None:
        if not self.received[i]:
            self.first[i] = now
        self.received[i].append((seq, at, now))
        if self.burst_after is not None and seq > self.burst_after:
            self.counts[i] += 1
            if self.counts[i] == self.expected:
                self.complete += 1
                if self.complete == self.n:
                    self.all_complete.set()

    def start_burst(self, after: int, expected: int) -> None:
        self.burst_after, self.expected = after, expected
        self.counts = [sum(1 for seq, _, _ in got if seq > after) for got in self.received]
        self.complete = sum(1 for c in self.counts if c >= expected)
        if self.complete == self.n:
            self.all_complete.set()

    def warm(self) -> int:
        return sum(1 for got in self.received if got)

    def result(self) -> dict[str, Any]:
        after = self.burst_after or 0
        stamps: dict[str, float] = {}
        latencies: list[float] = []
        first_at, last_recv = float("inf"), 0.0
        for got in self.received:
            for seq, at, now in got:
                if seq <= after:
                    continue
                if at not in stamps:
                    stamps[at] = datetime.fromisoformat(at).timestamp()
                latencies.append(round((now - stamps[at]) * 1000, 3))
                first_at, last_recv = min(first_at, stamps[at]), max(last_recv, now)
        return {
            "latencies_ms": latencies,
            "first_at": first_at if latencies else None,
            "last_recv": last_recv if latencies else None,
            "complete": self.complete,
            "cpu_s": _own_cpu_s(),
            "errors": self.errors,
            "started": self.started,
            "opened": self.opened,
            "acked": self.acked,
            "first": self.first,
        }


def _client_frame(data: bytes, opcode: int = 0x1) -> bytes:
    """One masked client-to-server frame (RFC 6455 requires clients to mask)."""
    mask, n = os.urandom(4), len(data)
    if n < 126:
        head = bytes([0x80 | opcode, 0x80 | n])
    elif n < 65536:
        head = bytes([0x80 | opcode, 0x80 | 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 0x80 | 127]) + n.to_bytes(8, "big")
    key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
    return head + mask + (int.from_bytes(data, "big") ^ key).to_bytes(n, "big")


class _Subscriber(asyncio.Protocol):
    """One graphql-transport-ws subscriber on a plain socket.

    The load generator shares the machine with the server under test, so it is kept lean: the
    opening handshake and frame parsing by hand (RFC 6455: unmasked server frames, pings
    answered, permessage-deflate inflated if a server accepts the offer), and no per-message
    task or queue. A general WebSocket client spent more CPU per message than either server.
    """

    def __init__(self, clients: _Clients, i: int) -> None:
        self.clients, self.i = clients, i
        self.key = base64.b64encode(os.urandom(16)).decode()
        self.buffer = bytearray()
        self.handshaken = False
        self.inflate: Any = None
        self.fragments: list[bytes] = []
        self.compressed = False
        self.acked: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        url = httpx.URL(self.clients.config["url"])
        offer = (
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
            if self.clients.config["compression"] == "deflate"
            else ""
        )
        request = (
            f"GET {url.raw_path.decode()} HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Key: {self.key}\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n"
            f"{offer}\r\n"
        )
        self.transport.write(request.encode())

    def send(self, message: dict[str, Any]) -> None:
        assert self.transport is not None
        self.transport.write(_client_frame(json.dumps(message).encode()))

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.acked.done():
            self.acked.set_exception(ConnectionError(f"closed before connection_ack: {exc}"))

    def data_received(self, data: bytes) -> None:
        now = time.time()
        self.buffer += data
        if not self.handshaken and not self._handshake():
            return
        buffer, pos = self.buffer, 0
        while len(buffer) - pos >= 2:
            first, second = buffer[pos], buffer[pos + 1]
            length, head = second & 0x7F, 2
            if length == 126:
                if len(buffer) - pos < 4:
                    break
                length, head = int.from_bytes(buffer[pos + 2 : pos + 4], "big"), 4
            elif length == 127:
                if len(buffer) - pos < 10:
                    break
                length, head = int.from_bytes(buffer[pos + 2 : pos + 10], "big"), 10
            if len(buffer) - pos < head + length:
                break
            payload = bytes(buffer[pos + head : pos + head + length])
            pos += head + length
            self._frame(first, payload, now)
        del buffer[:pos]

    def _handshake(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        lines = self.buffer[:end].decode("latin-1").split("\r\n")
        del self.buffer[: end + 4]
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
        }
        expected = base64.b64encode(
            hashlib.sha1((self.key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()
        ).decode()
        if " 101 " not in lines[0] + " " or headers.get("sec-websocket-accept") != expected:
            self.clients.note_error(f"handshake: {lines[0]}")
            assert self.transport is not None
            self.transport.close()
            return False
        if "permessage-deflate" in headers.get("sec-websocket-extensions", ""):
            self.inflate = zlib.decompressobj(wbits=-15)
        self.handshaken = True
        self.clients.opened[self.i] = time.time()
        token = self.clients.config["tokens"][self.i]
        self.send({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        return True

    def _frame(self, first: int, payload: bytes, now: float) -> None:
        opcode = first & 0x0F
        if opcode == 0x9:  # ping: the servers close connections that do not answer
            assert self.transport is not None
            self.transport.write(_client_frame(payload, 0xA))
            return
        if opcode == 0x8:
            assert self.transport is not None
            self.transport.close()
            return
        if opcode in (0x1, 0x2):
            self.fragments, self.compressed = [payload], bool(first & 0x40)
        elif opcode == 0x0:
            self.fragments.append(payload)
        else:
            return
        if not first & 0x80:  # more fragments follow
            return
        message = b"".join(self.fragments)
        if self.compressed:
            message = self.inflate.decompress(message + b"\x00\x00\xff\xff")
        self._message(message, now)

    def _message(self, raw: bytes, now: float) -> None:
        message = json.loads(raw)
        kind = message.get("type")
        if kind == "next" and "data" in message["payload"]:
            event = message["payload"]["data"]["progressUpdates"]
            self.clients.record(self.i, event["seq"], event["at"], now)
        elif kind == "connection_ack":
            self.clients.acked[self.i] = now
            self.acked.set_result(None)
        elif kind == "ping":
            self.send({"type": "pong"})
        elif kind in {"error", "complete", "next"}:
            self.clients.note_error(f"message: {raw[:200]!r}")
            assert self.transport is not None
            self.transport.close()


async def _subscriber(clients: _Clients, i: int, gate: asyncio.Semaphore) -> None:
    config = clients.config
    url = httpx.URL(config["url"])
    loop = asyncio.get_running_loop()
    protocol = _Subscriber(clients, i)
    try:
        async with gate:
            clients.started[i] = time.time()
            await asyncio.wait_for(
                loop.create_connection(lambda: protocol, url.host, url.port), 120
            )
            await asyncio.wait_for(protocol.acked, 120)
            variables = {"p": config["programme"], "after": config["after"]}
            query = SUBSCRIPTION
            if config["unshared"]:  # an operation name of its own: nothing to share
                query = query.replace("subscription(", f"subscription Fanout{i}(", 1)
            payload = {"query": query, "variables": variables}
            protocol.send({"id": "1", "type": "subscribe", "payload": payload})
        clients.settle(ok=True)
    except Exception as exc:
        clients.settle(ok=False)
        clients.note_error(f"connect: {type(exc).__name__}: {exc}")
        if protocol.transport is not None:
            protocol.transport.abort()


async def _worker_main() -> None:
    """Speaks JSON lines on stdin/stdout with the parent; exits when stdin closes."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**26)  # the config carries thousands of tokens
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    def say(message: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    config = json.loads(await reader.readline())
    clients = _Clients(config)
    gate = asyncio.Semaphore(int(config["batch"]))
    tasks = [asyncio.create_task(_subscriber(clients, i, gate)) for i in range(clients.n)]
    await clients.all_settled.wait()
    say({"subscribed": clients.subscribed, "failed": clients.failed, "errors": clients.errors})
    while line := await reader.readline():
        command = json.loads(line)
        if command["cmd"] == "warm":
            say({"warm": clients.warm()})
        elif command["cmd"] == "cpu":
            say({"cpu_s": _own_cpu_s()})
        elif command["cmd"] == "go":
            clients.start_burst(int(command["after"]), int(command["events"]))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(clients.all_complete.wait(), float(command["timeout"]))
            say(clients.result())
    # the parent is done (or gone): no polite close handshakes for thousands of sockets
    for task in tasks:
        task.cancel()
    os._exit(0)


@dataclass
class _Worker:
    process: asyncio.subprocess.Process

    async def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        await self.process.stdin.drain()

    async def receive(self, within_s: float) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), within_s)
        if not line:
            raise RuntimeError("a client worker exited early")
        return json.loads(line)


async def _start_workers(
    server: Server, tokens: list[str], args: argparse.Namespace, after: int
) -> list[_Worker]:
    n, workers, batch = len(tokens), args.workers, args.batch
    compression = None if args.compression == "none" else args.compression
    share = [n // workers + (1 if w < n % workers else 0) for w in range(workers)]
    started, offset = [], 0
    for count in share:
        if count == 0:
            continue
        mine, offset = tokens[offset : offset + count], offset + count
        process = await _spawn(
            sys.executable, __file__, "--client-worker", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, limit=2**28,
        )  # fmt: skip
        worker = _Worker(process)
        await worker.send(
            {
                "url": server.ws_url,
                "tokens": mine,
                "programme": server.programme,
                "after": after,
                "connections": count,
                "batch": max(1, batch // workers),
                "compression": compression,
                "unshared": args.unshared,
            }
        )
        started.append(worker)
    return started


# --- one measurement ----------------------------------------------------------------------------


async def _ask(workers: list[_Worker], command: dict[str, Any]) -> list[dict[str, Any]]:
    for w in workers:
        await w.send(command)
    return await asyncio.gather(*(w.receive(60) for w in workers))


def _per_delivery(cpu_s: float, deliveries: int) -> float | None:
    return round(cpu_s / deliveries * 1e6, 1) if deliveries else None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _connecting(results: list[dict[str, Any]]) -> dict[str, Any]:
    """How connecting went, from every subscriber's clock readings: the WebSocket upgrade
    (TCP and HTTP), then connection_init to connection_ack (signing in), and the whole storm
    from the first connect to the last ack and to the last subscriber's first event (its
    catch-up: the subscription is live)."""
    started = [t for r in results for t in r["started"]]
    opened = [t for r in results for t in r["opened"]]
    acked = [t for r in results for t in r["acked"]]
    first = [t for r in results for t in r["first"]]
    if not started or not all(started) or not all(acked):
        return {"connect_s": None, "live_s": None}
    upgrade = [(o - s) * 1000 for s, o in zip(started, opened, strict=True)]
    sign_in = [(a - o) * 1000 for o, a in zip(opened, acked, strict=True)]
    return {
        "connect_s": round(max(acked) - min(started), 2),
        "live_s": round(max(first) - min(started), 2) if all(first) else None,
        "upgrade_p50_ms": round(statistics.median(upgrade), 2),
        "upgrade_p99_ms": round(_percentile(upgrade, 99), 2),
        "sign_in_p50_ms": round(statistics.median(sign_in), 2),
        "sign_in_p99_ms": round(_percentile(sign_in, 99), 2),
    }


async def measure(server: Server, n: int, events: int, args: argparse.Namespace) -> dict:
    """Connect n subscribers, warm them up, fire the burst, collect the latencies."""
    pid = server.process.pid
    idle_kib = _proc_kib(pid, "VmRSS") or 0
    tokens = await server.tokens(n, args.tokens == "distinct")
    # one stored event before anyone listens: each subscriber's first event is its
    # catch-up, which tells when its subscription was live
    after = await server.burst(1) - 1
    connect_cpu = _proc_cpu_s(pid)
    workers = await _start_workers(server, tokens, args, after)
    try:
        connect_timeout = 60 + n * args.connect_timeout_per_subscriber
        hello = await asyncio.gather(*(w.receive(connect_timeout) for w in workers))
        connect_cpu = _proc_cpu_s(pid) - connect_cpu
        subscribed = sum(h["subscribed"] for h in hello)
        errors = [e for h in hello for e in h["errors"]]
        rss_subscribed = _proc_kib(pid, "VmRSS") or 0
        # warm-up: one event at a time until every subscriber has one (this also proves the
        # subscriptions are live; graphql-transport-ws has no acknowledgement for subscribe)
        deadline = time.monotonic() + 60 + n / 100
        warm, last = 0, after
        while warm < subscribed and time.monotonic() < deadline:
            last = await server.burst(1)
            patience = time.monotonic() + 5 + n / 500
            while time.monotonic() < patience:
                await asyncio.sleep(0.5)
                replies = await _ask(workers, {"cmd": "warm"})
                warm = sum(r["warm"] for r in replies)
                if warm >= subscribed:
                    break
        await asyncio.sleep(1.0)  # let the warm-up deliveries drain
        timeout = args.burst_timeout + n * events / 1000
        clients_cpu = sum(r["cpu_s"] for r in await _ask(workers, {"cmd": "cpu"}))
        server_cpu = _proc_cpu_s(pid)
        for w in workers:
            await w.send({"cmd": "go", "after": last, "events": events, "timeout": timeout})
        await server.burst(events)
        results = await asyncio.gather(*(w.receive(timeout + 60) for w in workers))
        server_cpu = _proc_cpu_s(pid) - server_cpu
        clients_cpu = sum(r["cpu_s"] for r in results) - clients_cpu
        peak_kib = _proc_kib(pid, "VmHWM") or 0
    finally:
        for w in workers:
            if w.process.stdin is not None:
                w.process.stdin.close()
        await asyncio.gather(*(_stop(w.process, 5) for w in workers))
    latencies = [x for r in results for x in r["latencies_ms"]]
    errors += [e for r in results for e in r["errors"]]
    firsts = [r["first_at"] for r in results if r["first_at"] is not None]
    lasts = [r["last_recv"] for r in results if r["last_recv"] is not None]
    span = max(lasts) - min(firsts) if firsts and lasts else 0.0
    return {
        "bench": "fanout",
        "case": args.case,
        "subscribers": n,
        "server": server.name,
        "events_per_s": round(len(latencies) / span, 1) if span > 0 else None,
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(_percentile(latencies, 99), 2) if latencies else None,
        "rss_mb": round(peak_kib / 1024, 1),
        "events": events,
        "connected": subscribed,
        "warm": warm,
        "delivered": len(latencies),
        "expected": n * events,
        **_connecting(results),
        # the server's CPU time from before the first connect to the last subscribe sent
        "connect_server_cpu_ms_per_subscriber": round(connect_cpu / n * 1000, 3),
        "tokens": args.tokens,
        "compression": args.compression,
        "unshared": args.unshared,
        # CPU time during the burst (from just before it to the last receipt), per delivery:
        # the server's includes producing the events (Rajut: the mutations), the clients' is
        # the load generator's share of the machine
        "server_cpu_us_per_delivery": _per_delivery(server_cpu, len(latencies)),
        "clients_cpu_us_per_delivery": _per_delivery(clients_cpu, len(latencies)),
        "idle_rss_mb": round(idle_kib / 1024, 1),
        "subscribed_rss_mb": round(rss_subscribed / 1024, 1),
        **({"errors": errors[:3]} if errors else {}),
    }


async def run_one(name: str, n: int, args: argparse.Namespace) -> dict[str, Any]:
    factory = rajut_server if name == "rajut" else node_server
    log_tail = ""
    try:
        async with factory(args.case) as server:
            try:
                return await measure(server, n, args.events, args)
            finally:
                log_tail = _tail(server.log, 5)
    except Exception as exc:
        return {
            "bench": "fanout", "case": args.case, "subscribers": n, "server": name,
            "events_per_s": None,
            "p50_ms": None, "p99_ms": None, "rss_mb": None,
            "error": f"{type(exc).__name__}: {exc!r}"[:500],
            "server_log_tail": log_tail,
        }  # fmt: skip


def _table(lines: list[dict[str, Any]]) -> None:
    def cell(value: Any, fmt: str) -> str:
        width = fmt.split(".")[0].rstrip("df,")
        return format(value, fmt) if value is not None else format("null", ">" + width)

    print()
    print(
        f"{'case':13} {'subs':>6} {'server':16} {'events/s':>10} {'p50 ms':>9} {'p99 ms':>9} "
        f"{'RSS MB':>8} {'connect s':>9} {'live s':>7} {'delivered':>19} {'load':>10}  note"
    )
    for line in lines:
        delivered = f"{line.get('delivered', 0):,}/{line.get('expected', 0):,}"
        print(
            f"{line['case']:13} {line['subscribers']:>6} {line['server']:16} "
            f"{cell(line['events_per_s'], '10,.0f')} "
            f"{cell(line['p50_ms'], '9.1f')} {cell(line['p99_ms'], '9.1f')} "
            f"{cell(line['rss_mb'], '8.0f')} {cell(line.get('connect_s'), '9.2f')} "
            f"{cell(line.get('live_s'), '7.2f')} {delivered:>19} "
            f"{'-'.join(str(x) for x in line.get('load_avg', [])):>10}  "
            f"{line.get('error', '; '.join(line.get('errors', [])))[:120]}"
        )
    print()
    for line in lines:
        if line["server"] == "rajut" and line.get("vs_reference"):
            ratios = ", ".join(
                f"{key} {value:.2f}x" for key, value in line["vs_reference"].items() if value
            )
            print(f"{line['case']:13} {line['subscribers']:>6} rajut / graphql-ws-node: {ratios}")


def _vs_reference(ours: dict[str, Any], reference: dict[str, Any] | None) -> dict[str, Any]:
    """Rajut's figures divided by the reference's (throughput: higher is better)."""

    def ratio(key: str) -> float | None:
        a, b = ours.get(key), (reference or {}).get(key)
        return round(a / b, 2) if a and b else None

    keys = ("events_per_s", "p50_ms", "p99_ms", "rss_mb", "connect_s", "live_s")
    return {key: ratio(key) for key in keys}


async def _main(args: argparse.Namespace) -> None:
    limit = _raise_fd_limit()
    sizes = [int(x) for x in args.subscribers.split(",")]
    if max(sizes) + 500 > limit:  # the server holds one socket per subscriber
        print(
            f"warning: open-file limit {limit} is low for {max(sizes)} subscribers", file=sys.stderr
        )
    lines = []
    for case, n in itertools.product(args.cases.split(","), sizes):
        reference = None
        for name in args.servers.split(","):
            load_before = os.getloadavg()[0]
            line = await run_one(name, n, argparse.Namespace(**vars(args), case=case))
            line["load_avg"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            if name == "graphql-ws-node":
                reference = line
            elif name == "rajut":
                line["vs_reference"] = _vs_reference(line, reference)
            print(json.dumps(line), flush=True)
            lines.append(line)
    with contextlib.redirect_stdout(sys.stderr):
        _table(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--subscribers", default="1000", help="comma-separated sizes, e.g. 1000,5000,10000"
    )
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help="coordinators (one programme-wide stream), participants (each their own events)",
    )
    parser.add_argument(
        "--tokens",
        choices=("distinct", "shared"),
        default="distinct",
        help="a token per subscriber (devices reconnecting after a deploy), or one per person",
    )
    parser.add_argument("--events", type=int, default=20, help="events per burst")
    parser.add_argument("--workers", type=int, default=4, help="client processes")
    parser.add_argument("--batch", type=int, default=200, help="connections opening at once")
    parser.add_argument(
        "--burst-timeout", type=float, default=120, help="seconds, plus 1 ms per delivery"
    )
    parser.add_argument(
        "--compression",
        choices=("deflate", "none"),
        default="deflate",
        help="what the clients offer (browsers offer permessage-deflate)",
    )
    parser.add_argument(
        "--unshared",
        action="store_true",
        help="give every subscriber its own operation name, so Rajut cannot share executions",
    )
    parser.add_argument("--connect-timeout-per-subscriber", type=float, default=0.05)
    parser.add_argument("--client-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client_worker:
        _raise_fd_limit()
        try:  # uvicorn's event loop, when installed: the clients' share of the CPU shrinks
            import uvloop
        except ImportError:
            asyncio.run(_worker_main())
        else:
            uvloop.run(_worker_main())
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        asyncio.run(_main(args))
    finally:
        _kill_children()


if __name__ == "__main__":
    main()
