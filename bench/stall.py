"""Event-loop stall benchmark: what other people feel while a coordinator runs matching.

Not a test. It seeds a programme of N approved mentors and M unmatched mentees straight
through the models (SQLite in a temporary folder; realistic profiles: languages id/en/jv/su,
Indonesian and foreign time zones, the ten focus areas, capacities 1-5), starts one
`rajut serve` process on it and, over HTTP as a coordinator's client does:

- `first_at_healthz`: the first `runMatching` fired the moment `/healthz` answers, so it
  includes whatever start-up work is still going on (the worker pool warming up);
- `cold`: on a second start, the first run once the server logged that its matching workers
  are warm (and `warm_s`, how long after the process started that was);
- `warm`: `--runs` more runs, one after the other (seconds per run, min/median/max, and
  the CPU seconds per run of the server process and of its matching workers);
- `stall_cold`, `stall_warm`: a separate client process sends `{ me { email } }` in a loop,
  one request at a time, as a mentee, during the cold run and during another `--runs`
  runs (p50/p99/max latency in ms); `baseline`: the same for as long with no matching;
- `stall_report`: the same during `--runs` downloads of the season evaluation's PDF, one
  after another (every section: supply and demand over the whole cohort, the PDF drawn),
  with the seconds per download.

The mutation asks what a coordinator's review screen shows (README "### Matching"): every
pair with both names, score and components, every unmatched mentee with the reason, and the
metrics. One JSON line per result on stdout, each with the machine's load average.

    .venv/bin/python bench/stall.py                         # 500 mentors x 2,000 mentees
    .venv/bin/python bench/stall.py --mentors 50 --mentees 200 --runs 3

Targets (issue 12): cold and warm <= 0.4 s; `{ me }` p99 < 50 ms during matching.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-stall-2026"
COORDINATOR = "koordinator@bench.test"
PROBE = "mentee0001@bench.test"
RUN = """mutation($p: ID!) { runMatching(programmeId: $p, mode: OPTIMAL) {
  id metrics { matched unmatched meanScore p10Score blockingPairs skillGaps { skill gap } }
  pairs { mentor { displayName } mentee { displayName } score components { name value } }
  unmatched { mentee { displayName } reason } } }"""
ME = "{ me { email } }"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
WARM_LINE = "matching workers warm"  # what the server logs when its pool is ready
START_TIMEOUT = 180.0
WARM_TIMEOUT = float(os.environ.get("STALL_WARM_TIMEOUT", 60))
LANGUAGES = (("en", 0.4), ("jv", 0.2), ("su", 0.1))
ZONES = (
    ("Asia/Jakarta", 60),
    ("Asia/Makassar", 20),
    ("Asia/Jayapura", 10),
    ("Asia/Tokyo", 3),
    ("Europe/Amsterdam", 4),
    ("Australia/Perth", 3),
)


# --- the programme -------------------------------------------------------------------------


def _profile(rng: random.Random, user_id: int, year: int, capacity: int) -> dict[str, Any]:
    from models.profiles import QUESTIONS, CommunicationStyle
    from server.demo import AVAILABILITY_HABITS

    languages = ["id"] + [code for code, p in LANGUAGES if rng.random() < p]
    zone = rng.choices([z for z, _ in ZONES], weights=[w for _, w in ZONES])[0]
    habits = rng.sample(AVAILABILITY_HABITS, rng.randint(1, 3))
    windows = sorted({w for habit in habits for w in habit})
    return {
        "user_id": user_id,
        "languages": languages,
        "timezone": zone,
        "availability": [{"weekday": d, "start": s, "end": e} for d, s, e in windows],
        "communication_style": rng.choice(list(CommunicationStyle)),
        "questionnaire": {q: rng.randint(1, 5) for q in QUESTIONS},
        "birth_year": year - rng.randint(19, 60),
        "capacity": capacity,
    }


async def seed(database_url: str, mentors: int, mentees: int, seed_: int) -> str:
    """The programme's global ID. Staff go through the domain functions; the cohort is
    written in bulk (the domain path costs minutes at this size and is not what we measure)."""
    from tortoise import Tortoise

    from server.db import migrate, open_database

    await migrate(database_url)
    await open_database(database_url)
    try:
        return await _seed_open(mentors, mentees, seed_)
    finally:
        await Tortoise.close_connections()


async def _seed_open(mentors: int, mentees: int, seed_: int) -> str:
    from tortoise.transactions import in_transaction

    from models.accounts import User, hash_password, register
    from models.organisations import DEFAULT_FOCUS_AREAS, FocusArea, create_organisation
    from models.profiles import Expertise, LearningNeed, Profile
    from models.programmes import (
        Enrolment,
        MentorStatus,
        ProgrammeStatus,
        advance_programme,
        create_programme,
    )
    from server.demo import FOCUS_SKILLS, MENTEE_GOALS, MENTOR_GOALS

    rng = random.Random(seed_)
    now = datetime.now(UTC)
    hashed = hash_password(PASSWORD)
    coordinator = await register(
        COORDINATOR, PASSWORD, "Koordinator", password_hash=hashed, verified=True
    )
    org = await create_organisation(coordinator, "Bench", "bench")
    programme = await create_programme(
        coordinator, org, "stall", [slug for slug, _, _ in DEFAULT_FOCUS_AREAS],
        name="Stall", mentoring_models=["one_to_one"], registration_opens_at=now,
        registration_closes_at=now + timedelta(days=30), starts_on=now.date(),
        ends_on=(now + timedelta(days=240)).date(),
    )  # fmt: skip
    await advance_programme(coordinator, programme.id, ProgrammeStatus.REGISTRATION_OPEN)
    areas = {a.slug: a.id for a in await FocusArea.filter(organisation_id=org.id)}
    mentor_weights = [row[1] for row in FOCUS_SKILLS]
    mentee_weights = [row[2] for row in FOCUS_SKILLS]
    async with in_transaction():
        people = [
            User(
                email=f"mentor{i + 1:04d}@bench.test" if i < mentors else
                f"mentee{i - mentors + 1:04d}@bench.test",
                password_hash=hashed, display_name=f"Orang {i + 1:04d}", email_verified_at=now,
            )
            for i in range(mentors + mentees)
        ]  # fmt: skip
        await User.bulk_create(people, batch_size=500)
        ids = await User.filter(email__endswith="@bench.test").exclude(email=COORDINATOR)
        by_email = {u.email: u.id for u in ids}
        profiles, enrolments, skills, needs = [], [], [], []
        for i in range(mentors + mentees):
            mentor = i < mentors
            email = people[i].email
            user_id = by_email[email]
            row = _profile(rng, user_id, now.year, rng.randint(1, 5) if mentor else 1)
            weights = mentor_weights if mentor else mentee_weights
            picked = {rng.choices(FOCUS_SKILLS, weights=weights)[0] for _ in range(2)}
            if mentor:
                row["goals"] = rng.choice(MENTOR_GOALS)[0].format(
                    capacity=row["capacity"], areas=", ".join(p[0] for p in picked)
                )
                skills += [
                    Expertise(user_id=user_id, focus_area_id=areas[slug],
                              skill=rng.choice(options), level=rng.randint(3, 5))
                    for slug, _, _, options in picked
                ]  # fmt: skip
            else:
                chosen = [rng.choice(options) for _, _, _, options in picked]
                row["goals"] = rng.choice(MENTEE_GOALS)[0].format(
                    skills=", ".join(chosen), areas="", cause="desa kami"
                )
                needs += [
                    LearningNeed(user_id=user_id, focus_area_id=areas[slug], skill=skill,
                                 current_level=1, target_level=rng.randint(2, 5),
                                 priority=rng.randint(1, 3))
                    for (slug, _, _, _), skill in zip(picked, chosen, strict=True)
                ]  # fmt: skip
            profiles.append(Profile(**row))
            enrolments.append(
                Enrolment(programme_id=programme.id, user_id=user_id, as_mentor=mentor,
                          as_mentee=not mentor, mentor_status=MentorStatus.APPROVED if mentor
                          else MentorStatus.NOT_APPLIED)
            )  # fmt: skip
        await Profile.filter(user_id__in=list(by_email.values())).delete()
        for model, rows in ((Profile, profiles), (Enrolment, enrolments),
                            (Expertise, skills), (LearningNeed, needs)):  # fmt: skip
            await model.bulk_create(rows, batch_size=500)
    return base64.b64encode(f"Programme:{programme.id}".encode()).decode()


# --- the server ----------------------------------------------------------------------------


def _cpu_s(pid: int) -> float:
    """User plus system CPU time of a live process (all its threads), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """Every process below `pid` (the server's fork server and matching workers)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
                parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One `rajut serve` process; its log is read as it comes to see when it is warm."""

    def __init__(self, folder: Path, database_url: str) -> None:
        self.folder, self.database_url = folder, database_url
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.started = 0.0
        self.warm_at: float | None = None
        self.warmed = asyncio.Event()
        self.lines: list[str] = []
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": self.database_url, "PYTHONPATH": str(ROOT),
               "SECRET_KEY": "bench-stall", "LOGIN_LIMIT_PER_ACCOUNT": "100/minute"}  # fmt: skip
        self.started = time.monotonic()
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server.cli", "serve", "--port", str(self.port),
            cwd=self.folder, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        async for raw in self.process.stdout:
            line = raw.decode(errors="replace").rstrip()
            self.lines.append(line)
            if WARM_LINE in line and self.warm_at is None:
                self.warm_at = time.monotonic()
                self.warmed.set()

    async def healthy(self) -> float:
        deadline = self.started + START_TIMEOUT
        async with httpx.AsyncClient(base_url=self.base_url, trust_env=False) as http:
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.returncode is not None:
                    raise RuntimeError("the server exited:\n" + "\n".join(self.lines[-20:]))
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/healthz", timeout=2)).status_code == 200:
                        return time.monotonic() - self.started
                await asyncio.sleep(0.05)
        raise RuntimeError("the server did not start in time")

    async def warm(self) -> float | None:
        """Seconds from start until the pool said it is warm (None: it never says so)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.warmed.wait(), WARM_TIMEOUT)
        return None if self.warm_at is None else self.warm_at - self.started

    def cpu(self) -> tuple[float, float]:
        """CPU seconds so far: the server process, and its workers together."""
        assert self.process is not None
        pid = self.process.pid
        return _cpu_s(pid), sum(_cpu_s(child) for child in _descendants(pid))

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                os.killpg(self.process.pid, signal.SIGKILL)
                await self.process.wait()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@contextlib.asynccontextmanager
async def serving(folder: Path, database_url: str) -> AsyncIterator[Server]:
    server = Server(folder, database_url)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


# --- clients -------------------------------------------------------------------------------


async def graphql(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str | None = None
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=120
    )
    body = response.json()
    if body.get("errors") or response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {body.get('errors')}")
    return body["data"]


async def login(base_url: str, email: str) -> str:
    async with httpx.AsyncClient(base_url=base_url, trust_env=False) as http:
        data = await graphql(http, LOGIN, {"e": email, "p": PASSWORD})
    return data["login"]["token"]


async def timed_run(http: httpx.AsyncClient, programme: str, token: str) -> tuple[float, int]:
    started = time.perf_counter()
    data = await graphql(http, RUN, {"p": programme}, token)
    return time.perf_counter() - started, len(data["runMatching"]["pairs"])


async def timed_report(http: httpx.AsyncClient, programme: str, token: str) -> float:
    started = time.perf_counter()
    response = await http.get(
        f"/reports/{programme}/season-evaluation.pdf",
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    if response.status_code != 200 or not response.content.startswith(b"%PDF"):
        raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
    return time.perf_counter() - started


async def probe(base_url: str, token: str) -> None:
    """`--probe`: `{ me }` one request at a time until stdin says stop; then print every
    latency (ms) as one JSON list. Its own process, so parsing the big matching answers on
    the bench's side cannot delay it."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    stop = asyncio.create_task(reader.readline())
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base_url, trust_env=False) as http:
        await graphql(http, ME, {}, token)
        print("ready", flush=True)
        while not stop.done():
            started = time.perf_counter()
            await graphql(http, ME, {}, token)
            latencies.append(round((time.perf_counter() - started) * 1000, 2))
    print(json.dumps(latencies), flush=True)


class Prober:
    """The `{ me }` client, in a child process running this script with `--probe`."""

    def __init__(self, base_url: str, token: str) -> None:
        self.args = (base_url, token)

    async def __aenter__(self) -> Prober:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--probe", *self.args,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**24,
        )  # fmt: skip
        assert self.process.stdout is not None
        assert (await self.process.stdout.readline()).strip() == b"ready"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    async def latencies(self) -> list[float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(b"stop\n")
        await self.process.stdin.drain()
        found = json.loads(await self.process.stdout.readline())
        await self.process.wait()
        return found


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def emit(record: dict[str, Any]) -> None:
    print(json.dumps({"bench": "stall", **record, "load_average": _load()}), flush=True)


def latency_record(case: str, latencies: list[float], seconds: float) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "case": case,
        "requests": len(ordered),
        "seconds": round(seconds, 2),
        "p50_ms": round(statistics.median(ordered), 1),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
    }


async def measure(args: argparse.Namespace) -> None:
    size = {"mentors": args.mentors, "mentees": args.mentees}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database_url = f"sqlite://{folder / 'bench.sqlite3'}"
        started = time.perf_counter()
        programme = await seed(database_url, args.mentors, args.mentees, args.seed)
        print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

        async with serving(folder, database_url) as server:
            ready = await server.healthy()
            coordinator = await login(server.base_url, COORDINATOR)
            async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as http:
                seconds, pairs = await timed_run(http, programme, coordinator)
            emit({"case": "first_at_healthz", **size, "healthz_s": round(ready, 2),
                  "seconds": round(seconds, 3), "pairs": pairs})  # fmt: skip

        async with serving(folder, database_url) as server:
            await server.healthy()
            warm = await server.warm()
            coordinator = await login(server.base_url, COORDINATOR)
            mentee = await login(server.base_url, PROBE)
            async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as http:
                async with Prober(server.base_url, mentee) as prober:
                    seconds, pairs = await timed_run(http, programme, coordinator)
                    cold_latencies = await prober.latencies()
                emit({"case": "cold", **size, "warm_s": warm and round(warm, 2),
                      "seconds": round(seconds, 3), "pairs": pairs})  # fmt: skip
                emit({**latency_record("stall_cold", cold_latencies, seconds), **size})
                timings = []
                cpu_before = server.cpu()
                for _ in range(args.runs):
                    timings.append((await timed_run(http, programme, coordinator))[0])
                own, workers = (
                    (after - before) / args.runs
                    for after, before in zip(server.cpu(), cpu_before, strict=True)
                )
                emit({"case": "warm", **size, "runs": args.runs,
                      "min_s": round(min(timings), 3),
                      "median_s": round(statistics.median(timings), 3),
                      "max_s": round(max(timings), 3),
                      "server_cpu_s_per_run": round(own, 3),
                      "workers_cpu_s_per_run": round(workers, 3)})  # fmt: skip
                async with Prober(server.base_url, mentee) as prober:
                    began = time.perf_counter()
                    for _ in range(args.runs):
                        await timed_run(http, programme, coordinator)
                    during = time.perf_counter() - began
                    busy = await prober.latencies()
                emit({**latency_record("stall_warm", busy, during), **size})
                async with Prober(server.base_url, mentee) as prober:
                    await asyncio.sleep(during)
                    quiet = await prober.latencies()
                emit({**latency_record("baseline", quiet, during), **size})
                async with Prober(server.base_url, mentee) as prober:
                    began = time.perf_counter()
                    reports = [
                        await timed_report(http, programme, coordinator) for _ in range(args.runs)
                    ]
                    during = time.perf_counter() - began
                    reporting = await prober.latencies()
                emit({**latency_record("stall_report", reporting, during), **size,
                      "report_median_s": round(statistics.median(reports), 3)})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--mentees", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--probe", nargs=2, metavar=("URL", "TOKEN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        asyncio.run(probe(*args.probe))
    else:
        asyncio.run(measure(args))


if __name__ == "__main__":
    main()
