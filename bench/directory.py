"""Benchmark of the mentor directory: pages of 20 at 50, 500 and 5,000 approved mentors.

Not a test. For each size it migrates a fresh database, writes an open programme straight
through the models (mentors with Indonesian-style names, bios of 20-60 words in which the
search words sit among made-up words with Zipf frequencies, as in bench/knowledge.py, so a
search word is in ~0.2-20 % of the bios; 0-4 skills in the ten focus areas, 1-3 of the
directory's languages, time zones
mostly Indonesian and some abroad, 2-6 weekly windows, one in five of them on odd minutes,
capacities 1-5, a quarter of them holding mentees), indexes it with the directory's own
``rebuild`` and analyses it, then serves it with a real ``rajut serve`` process. A mentee
with evening availability, a few favourites and hidden mentors, then asks for pages of 20
with the web app's card fields, for each case:

    browse            no filter, first page (name order)
    text              one search word (rotating through the topic words), ranked
    text+lang+open    a search word, a language, open for requests
    focus+level+room  a focus area, a minimum level, with capacity left
    overlap+offset    overlaps my availability, UTC+7 to UTC+9
    text+overlap p3   a search word and overlap, the third page (from the second's cursor)
    compatibility     the matcher's ranking of one focus area's open, Indonesian-speaking
                      mentors (opt-in; its cost grows with the mentors it ranks)

at concurrency 1 and 16 (16 clients with their own connections). Per case and concurrency one
JSON line: p50/p99 latency at the client, pages/s, the server process's CPU time per page
(user + system from /proc, every thread, so SQLite's work counts) and its matching workers'
(where the compatibility sort runs), and the SQL statements one page costs (counted once per
case in an in-process server on the same database; whole request: token check, programme
access, the directory's queries, the card fields' loaders).

    .venv/bin/python bench/directory.py                           # SQLite, 50/500/5,000
    .venv/bin/python bench/directory.py --sizes 50 --pages 40     # a quick check
    .venv/bin/python bench/directory.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/directory.py --server-path ../main     # another checkout's server
    .venv/bin/python bench/directory.py --cases compatibility     # some of the cases

Target (issue 12): at 5,000 approved mentors a filtered, ranked page costs at most 10 ms of
server CPU, and p99 stays under 100 ms at concurrency 16 on one process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import scratch_postgres  # noqa: E402
from bench.knowledge import Vocabulary  # noqa: E402
from tests.support import count_queries, free_port  # noqa: E402

TOPIC = [
    "kampanye",
    "donasi",
    "relawan",
    "cerita",
    "keuangan",
    "laporan",
    "desa",
    "pemuda",
    "pelatihan",
    "komunitas",
    "storytelling",
    "fundraising",
    "budget",
    "video",
    "leadership",
    "volunteers",
    "report",
    "transparan",
    "media",
    "sosial",
]
SYLLABLES = "ba ka ma la ri su to ne pi go da wi ju ke lo ra ti nu se ha".split()  # noqa: SIM905
SKILLS = [
    "storytelling",
    "budgeting",
    "video editing",
    "fundraising",
    "copywriting",
    "public speaking",
    "data analysis",
    "community building",
    "social media",
    "grant writing",
]
ZONES = (
    ["Asia/Jakarta"] * 6
    + ["Asia/Makassar"] * 2
    + [
        "Asia/Jayapura",
        "Asia/Singapore",
        "Europe/Amsterdam",
        "Asia/Tokyo",
        "Australia/Perth",
    ]
)
LANGUAGES = ["id"] * 5 + ["en"] * 3 + ["jv", "su", "ms", "min", "ban", "bug"]
EVENINGS = [{"weekday": d, "start": "19:00", "end": "22:00"} for d in range(5)]
CARD = """query($p: ID!, $f: MentorFilterInput!, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node {
      user { id } displayName bio languages timezone openForRequests capacity
      remainingCapacity mark compatibility overlapHours
      expertise { skill level focusArea { slug nameEn nameId } }
    } } } }"""


@dataclass
class World:
    token: str
    programme_id: str  # global ID
    focus_slugs: list[str]


def _name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(2)
    )


def _windows(rng: random.Random) -> list[dict]:
    windows = []
    for i in range(rng.randint(2, 6)):
        odd = i == 0 and rng.random() < 0.2
        start = rng.randrange(0, 24 * 60 - 60) if odd else rng.randrange(0, 92) * 15
        end = min(24 * 60, start + (rng.randint(30, 180) if odd else 15 * rng.randint(2, 12)))
        windows.append(
            {
                "weekday": rng.randrange(7),
                "start": f"{start // 60:02}:{start % 60:02}",
                "end": "00:00" if end == 24 * 60 else f"{end // 60:02}:{end % 60:02}",
            }
        )
    return windows


async def seed(url: str, mentors: int, rng: random.Random) -> tuple[World, float]:
    """A fresh database holding one open programme with ``mentors`` approved mentors."""
    from strawberry import relay
    from tortoise import Tortoise
    from tortoise.connection import get_connection
    from tortoise.transactions import in_transaction

    from models import directory_index
    from models.accounts import TokenKind, User, issue_token
    from models.organisations import FocusArea, create_organisation
    from models.profiles import DirectoryMark, Expertise, LearningNeed, MarkKind, Profile
    from models.programmes import (
        Enrolment,
        MentoringModel,
        MentorStatus,
        Programme,
        ProgrammeStatus,
    )
    from models.relationships import Origin, Relationship, RelationshipMember, RelationshipStatus
    from server.db import migrate, open_database

    await migrate(url)
    await open_database(url)
    started = time.perf_counter()
    moment = datetime.now(UTC)
    words = Vocabulary(rng, TOPIC, "zipf")
    founder = await User.create(
        email="koordinator@bench.test",
        password_hash="!",
        display_name="K",
        email_verified_at=moment,
    )
    await Profile.create(user=founder)
    org = await create_organisation(founder, "Bench", "bench")
    areas = await FocusArea.filter(organisation=org).order_by("id")
    programme = await Programme.create(
        organisation=org,
        name="Bench",
        slug="bench",
        status=ProgrammeStatus.REGISTRATION_OPEN,
        registration_opens_at=moment - timedelta(days=1),
        registration_closes_at=moment + timedelta(days=30),
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=120),
        mentoring_models=["one_to_one", "group"],
    )
    async with in_transaction():
        await User.bulk_create(
            [
                User(
                    email=f"mentor{i}@bench.test",
                    password_hash="!",
                    display_name=_name(rng),
                    email_verified_at=moment,
                )
                for i in range(mentors)
            ],
            batch_size=1000,
        )
        ids = (
            await User.filter(email__startswith="mentor")
            .order_by("id")
            .values_list("id", flat=True)
        )
        year = moment.year
        await Profile.bulk_create(
            [
                Profile(
                    user_id=i,
                    bio=words.text(rng, rng.randint(20, 60)),
                    languages=sorted(set(rng.sample(LANGUAGES, rng.randint(1, 3)))),
                    timezone=rng.choice(ZONES),
                    availability=_windows(rng),
                    capacity=rng.randint(1, 5),
                    open_for_requests=rng.random() < 0.8,
                    birth_year=year - rng.randint(22, 60),
                    listed_in_directory=rng.random() < 0.97,
                )
                for i in ids
            ],
            batch_size=1000,
        )
        await Expertise.bulk_create(
            [
                Expertise(
                    user_id=i,
                    skill=rng.choice(SKILLS),
                    level=rng.randint(1, 5),
                    focus_area=rng.choice(areas),
                )
                for i in ids
                for _ in range(rng.randint(0, 4))
            ],
            batch_size=1000,
        )
        await Enrolment.bulk_create(
            [
                Enrolment(
                    programme=programme,
                    user_id=i,
                    as_mentor=True,
                    mentor_status=MentorStatus.APPROVED,
                )
                for i in ids
            ],
            batch_size=1000,
        )
        viewer = await User.create(
            email="mentee@bench.test",
            password_hash="!",
            display_name="Mentee Bench",
            email_verified_at=moment,
        )
        await Profile.create(
            user=viewer,
            timezone="Asia/Jakarta",
            availability=EVENINGS,
            languages=["id", "en"],
            birth_year=year - 25,
        )
        await LearningNeed.create(
            user=viewer, skill="budgeting", target_level=4, priority=3, focus_area=areas[1]
        )
        await Enrolment.create(programme=programme, user=viewer, as_mentee=True)
        for i, mentor in enumerate(rng.sample(ids, min(8, len(ids)))):
            kind = MarkKind.FAVOURITE if i < 5 else MarkKind.HIDDEN
            await DirectoryMark.create(user=viewer, mentor_id=mentor, kind=kind)
        # a quarter of the mentors hold one or two mentees (the triggers count them)
        await User.bulk_create(
            [
                User(email=f"held{i}@bench.test", password_hash="!", display_name="M")
                for i in range(max(1, mentors // 4))
            ],
            batch_size=1000,
        )
        held = await User.filter(email__startswith="held").values_list("id", flat=True)
        for mentor, mentee in zip(rng.sample(ids, len(held)), held, strict=True):
            relationship = await Relationship.create(
                programme=programme,
                mentor_id=mentor,
                status=RelationshipStatus.ACTIVE,
                origin=Origin.MATCHING,
                mentoring_model=MentoringModel.ONE_TO_ONE,
            )
            await RelationshipMember.create(relationship=relationship, user_id=mentee)
        await directory_index.rebuild(get_connection("default"))
    token, _ = await issue_token(viewer, TokenKind.SESSION, lifetime=timedelta(days=1))
    # what autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) does in a running install
    await get_connection("default").execute_script("ANALYZE")
    seconds = time.perf_counter() - started
    await Tortoise.close_connections()
    programme_id = str(relay.GlobalID("Programme", str(programme.id)))
    return World(token, programme_id, [a.slug for a in areas]), seconds


def cases(world: World) -> dict[str, Any]:
    """Each case: a function of the request's number giving (filter, pages to walk)."""
    words = itertools.cycle(TOPIC)
    slugs = itertools.cycle(world.focus_slugs)
    langs = itertools.cycle(["jv", "en", "su", "ms"])
    return {
        "browse": lambda: ({}, 1),
        "text": lambda: ({"text": next(words)}, 1),
        "text+lang+open": lambda: (
            {"text": next(words), "languages": [next(langs)], "openOnly": True},
            1,
        ),
        "focus+level+room": lambda: (
            {"focusAreas": [next(slugs)], "minLevel": 3, "withCapacity": True},
            1,
        ),
        "overlap+offset": lambda: (
            {"overlapsMyAvailability": True, "utcOffsetMin": 7, "utcOffsetMax": 9},
            1,
        ),
        "text+overlap p3": lambda: ({"text": next(words), "overlapsMyAvailability": True}, 3),
        "compatibility": lambda: (
            {
                "sort": "COMPATIBILITY",
                "focusAreas": [next(slugs)],
                "languages": ["id"],
                "openOnly": True,
                "minLevel": 3,
            },
            1,
        ),
    }


async def request(
    http: httpx.AsyncClient, world: World, f: dict, after: str | None
) -> tuple[float, str | None]:
    """One page of 20: (seconds, the cursor after it)."""
    variables = {"p": world.programme_id, "f": f, "first": 20, "after": after}
    started = time.perf_counter()
    response = await http.post(
        "/graphql",
        json={"query": CARD, "variables": variables},
        headers={"Authorization": f"Bearer {world.token}"},
    )
    elapsed = time.perf_counter() - started
    body = response.json()
    if "errors" in body:
        raise RuntimeError(f"{f}: {body['errors']}")
    return elapsed, body["data"]["mentorDirectory"]["pageInfo"]["endCursor"]


async def page(http: httpx.AsyncClient, world: World, f: dict, walk: int) -> float:
    """The time of the last of ``walk`` pages (the ones before give its cursor)."""
    after = None
    for _ in range(walk):
        elapsed, after = await request(http, world, f, after)
    return elapsed


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a live process and all its threads, from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds(pid: int) -> float:
    """The same for the process's live children: its matching workers (compatibility)."""
    children = {
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    }
    total = 0.0
    for child in children:
        with contextlib.suppress(OSError):  # a child may end meanwhile
            total += cpu_seconds(child)
    return total


@contextlib.asynccontextmanager
async def served(url: str, server_path: Path) -> AsyncIterator[tuple[int, str]]:
    """``rajut serve`` on the database, as one production process: (pid, base URL)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(server_path)}
    env.pop("REDIS_URL", None)
    # a matching worker starts at the first compatibility page (a warm-up page, not measured),
    # so no worker's warm-up lands in a measured case
    env["MATCHING_WARM_UP"] = "off"
    with tempfile.TemporaryDirectory() as tmp:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "server.cli", "serve", "--port", str(port)),
            cwd=tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            async with httpx.AsyncClient(base_url=base, trust_env=False) as http:
                for _ in range(600):
                    with contextlib.suppress(httpx.HTTPError):
                        if (await http.get("/healthz")).status_code == 200:
                            break
                    if process.returncode is not None:
                        raise SystemExit("rajut serve exited at start-up")
                    await asyncio.sleep(0.1)
            yield process.pid, base
        finally:
            process.terminate()
            await asyncio.wait_for(process.wait(), 30)


async def statements_per_page(url: str, world: World, names: list[str]) -> dict[str, int]:
    """SQL statements of one page of each case, counted in an in-process server on the
    same database (the last page of a walk, after its cursor)."""
    from server.app import create_app
    from server.settings import Settings
    from tests.support import serving_here

    counts = {}
    app = create_app(Settings(database_url=url, send_email=False))
    async with (
        serving_here(app, lifespan="on") as base,
        httpx.AsyncClient(base_url=base, trust_env=False, timeout=120) as http,
    ):
        for name in names:
            f, walk = cases(world)[name]()
            await page(http, world, f, walk)  # warm: the schema's and the loaders' caches
            after = None
            for _ in range(walk - 1):
                _, after = await request(http, world, f, after)
            with count_queries() as statements:
                await request(http, world, f, after)
            counts[name] = len(statements)
    return counts


async def run_case(
    base: str, pid: int, world: World, make: Any, concurrency: int, pages: int
) -> dict[str, Any]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, trust_env=False, timeout=120, limits=limits
    ) as http:
        for _ in range(3):  # warm the connections and the server's caches
            await page(http, world, *make())

        async def client(count: int) -> None:
            for _ in range(count):
                latencies.append(await page(http, world, *make()))

        cpu, workers, started = cpu_seconds(pid), children_cpu_seconds(pid), time.perf_counter()
        share = max(1, pages // concurrency)
        await asyncio.gather(*(client(share) for _ in range(concurrency)))
        wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu
        workers = children_cpu_seconds(pid) - workers
    latencies.sort()
    done = len(latencies)
    # a walk of n pages serves n requests; CPU and rate are per page served
    served = done * make()[1]
    return {
        "pages": done,
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[max(0, int(done * 0.99) - 1)] * 1000, 1),
        "pages_per_s": round(served / wall, 1),
        "server_cpu_ms_per_page": round(cpu / served * 1000, 2),
        "workers_cpu_ms_per_page": round(workers / served * 1000, 2),
    }


async def measure(database: str, url: str, args: argparse.Namespace, mentors: int) -> None:
    rng = random.Random(args.seed)
    world, seed_seconds = await seed(url, mentors, rng)
    counted = args.server_path.resolve() == ROOT
    statements = await statements_per_page(url, world, args.cases) if counted else {}
    async with served(url, args.server_path) as (pid, base):
        for name in args.cases:
            for concurrency in (1, 16):
                make = cases(world)[name]
                result = await run_case(base, pid, world, make, concurrency, args.pages)
                print(
                    json.dumps(
                        {
                            "bench": "directory",
                            "database": database,
                            "mentors": mentors,
                            "case": name,
                            "concurrency": concurrency,
                            **result,
                            "sql_per_page": statements.get(name),
                            "seed_s": round(seed_seconds, 1),
                        }
                    ),
                    flush=True,
                )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--pages", type=int, default=160, help="pages per case and concurrency")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--postgres", help="a server URL; a database is created and dropped")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--server-path", type=Path, default=ROOT, help="checkout to serve from")
    parser.add_argument("--cases", help="comma-separated case names (default: every case)")
    args = parser.parse_args()
    every = list(cases(World("", "", [])))
    args.cases = args.cases.split(",") if args.cases else every
    if unknown := set(args.cases) - set(every):
        parser.error(f"no such case: {', '.join(sorted(unknown))} (cases: {', '.join(every)})")
    sizes = [int(s) for s in args.sizes.split(",")]
    for mentors in sizes:
        if not args.skip_sqlite:
            with tempfile.TemporaryDirectory() as tmp:
                await measure("sqlite", f"sqlite://{tmp}/bench.sqlite3", args, mentors)
        if args.postgres:
            async with scratch_postgres(args.postgres) as url:
                await measure("postgres", url, args, mentors)


if __name__ == "__main__":
    asyncio.run(main())
