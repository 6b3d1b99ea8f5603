"""Benchmark of mentor levels: what eligibility costs the paths that move it, and how long
an organisation takes to evaluate.

Not a test. For each database it migrates a fresh one and writes an organisation straight
through the models: N mentors with profiles and expertise, two required training modules
(confirmed for most), levels spread over the five steps, three completed relationships per
mentor, each with a held session rated by its mentee. Then it times:

- ``hear``: what a relationship completion or a rating pays for being watched (the
  announcement listener, per call);
- ``evaluate``: ``models.eligibility.evaluate`` over the whole organisation (the
  coordinators' ``mentorLevels``, and the level watch's organisation-wide pass), wall and
  this process's CPU time (SQLite's work included, PostgreSQL's not), with the number of
  SQL statements;
- ``watch``: an organisation-wide pass of the level watch once every eligibility was
  announced (evaluation plus the claims that find nothing new).

One JSON line per result.

    .venv/bin/python bench/levels.py                      # SQLite, 1,000 and 5,000 mentors
    .venv/bin/python bench/levels.py --postgres postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import scratch_postgres

BATCH = 500


class Statements(logging.Handler):
    """Counts the SQL statements Tortoise sends."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def build(database_url: str, mentors: int) -> tuple[int, float]:
    """The organisation described above; returns its id and the seconds it took."""
    from tortoise.transactions import in_transaction

    from models.accounts import User
    from models.goals import SessionFeedback
    from models.levels import (
        LEVELS,
        CompletionStatus,
        Level,
        MentorStanding,
        TrainingCompletion,
        TrainingModule,
    )
    from models.organisations import FocusArea, Organisation, OrgMembership
    from models.profiles import Expertise, Profile
    from models.programmes import Enrolment, MentoringModel, MentorStatus, Programme
    from models.relationships import Origin, Relationship, RelationshipMember, RelationshipStatus
    from models.sessions import Session, SessionStatus
    from server.db import migrate, open_database

    await migrate(database_url)
    await open_database(database_url)
    started = time.perf_counter()
    moment = datetime.now(UTC)
    org = await Organisation.create(name="Bench", slug="bench")
    area = await FocusArea.create(organisation=org, slug="storytelling", name_en="S", name_id="S")
    programme = await Programme.create(
        organisation=org, name="Bench", slug="bench", registration_opens_at=moment,
        registration_closes_at=moment + timedelta(days=7), starts_on=date.today(),
        ends_on=date.today() + timedelta(days=90),
    )  # fmt: skip
    modules = [
        await TrainingModule.create(organisation=org, title=f"M{level}", content="x",
                                    required_for=level)
        for level in (Level.MENTOR_CANDIDATE, Level.COMMUNITY_MENTOR)
    ]  # fmt: skip
    await User.bulk_create(
        [User(email=f"mentee{i}@bench.test", password_hash="-", display_name=f"E{i}")
         for i in range(200)]
    )  # fmt: skip
    mentee_ids = [u.id for u in await User.filter(email__startswith="mentee").order_by("id")]
    for start in range(0, mentors, BATCH):
        span = range(start, min(start + BATCH, mentors))
        async with in_transaction():
            await User.bulk_create(
                [User(email=f"mentor{i}@bench.test", password_hash="-", display_name=f"M{i}")
                 for i in span]
            )  # fmt: skip
            users = await User.filter(email__in=[f"mentor{i}@bench.test" for i in span]).order_by(
                "id"
            )
            await Profile.bulk_create(
                [Profile(user_id=u.id, bio="Mentor", languages=["id"], birth_year=1990,
                         availability=[{"weekday": 1, "start": "19:00", "end": "21:00"}])
                 for u in users]
            )  # fmt: skip
            await Expertise.bulk_create(
                [Expertise(user_id=u.id, skill="cerita", level=4, focus_area_id=area.id)
                 for u in users]
            )  # fmt: skip
            await OrgMembership.bulk_create(
                [OrgMembership(organisation_id=org.id, user_id=u.id) for u in users]
            )
            await Enrolment.bulk_create(
                [Enrolment(programme_id=programme.id, user_id=u.id, as_mentor=True,
                           mentor_status=MentorStatus.APPROVED) for u in users]
            )  # fmt: skip
            await TrainingCompletion.bulk_create(
                [TrainingCompletion(module_id=m.id, user_id=u.id,
                                    status=CompletionStatus.CONFIRMED, confirmed_at=moment)
                 for n, u in enumerate(users) if n % 4 for m in modules]
            )  # fmt: skip
            await MentorStanding.bulk_create(
                [MentorStanding(organisation_id=org.id, user_id=u.id,
                                level=LEVELS[n % len(LEVELS)], since=moment, changes=1)
                 for n, u in enumerate(users) if n % 6]
            )  # fmt: skip
            await Relationship.bulk_create(
                [Relationship(programme_id=programme.id, mentor_id=u.id,
                              mentoring_model=MentoringModel.ONE_TO_ONE,
                              status=RelationshipStatus.COMPLETED, origin=Origin.MATCHING,
                              end_reason=f"bench:{u.id}:{k}")
                 for u in users for k in range(3)]
            )  # fmt: skip
            relationships = await Relationship.filter(mentor_id__in=[u.id for u in users]).order_by(
                "id"
            )
            await RelationshipMember.bulk_create(
                [RelationshipMember(relationship_id=r.id,
                                    user_id=mentee_ids[r.id % len(mentee_ids)])
                 for r in relationships]
            )  # fmt: skip
            await Session.bulk_create(
                [Session(relationship_id=r.id, starts_at=moment, ends_at=moment,
                         status=SessionStatus.HELD) for r in relationships]
            )  # fmt: skip
            sessions = await Session.filter(
                relationship_id__in=[r.id for r in relationships]
            ).order_by("id")
            await SessionFeedback.bulk_create(
                [SessionFeedback(session_id=s.id, rating=5 - s.id % 2,
                                 author_id=mentee_ids[s.relationship_id % len(mentee_ids)])
                 for s in sessions]
            )  # fmt: skip
    return org.id, time.perf_counter() - started


async def measure(database: str, url: str, mentors: int, rounds: int) -> None:
    from tortoise import Tortoise

    from models.announcements import Publication
    from models.eligibility import evaluate, mentors_of
    from models.level_watch import Watch

    org, build_seconds = await build(url, mentors)
    base = {"bench": "levels", "database": database, "mentors": mentors}

    watch = Watch()
    heard = Publication("programme:1:progress", {"kind": "feedback.given", "relationship": 7})
    calls = 100_000
    started = time.perf_counter()
    for _ in range(calls):
        await watch.hear(heard)
    per_call = (time.perf_counter() - started) / calls * 1e6
    print(json.dumps({**base, "case": "hear", "us_per_call": round(per_call, 2)}), flush=True)

    people = await mentors_of(org)
    counter = Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    timings, cpu = [], []
    for _ in range(rounds):
        counter.count = 0
        started, started_cpu = time.perf_counter(), time.process_time()
        found = await evaluate(org, people)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    statements = counter.count
    logger.removeHandler(counter)
    logger.setLevel(logging.WARNING)
    eligible = sum(p.eligible for p in found.values())
    print(
        json.dumps(
            {**base, "case": "evaluate", "rounds": rounds,
             "p50_ms": round(statistics.median(timings), 1), "max_ms": round(max(timings), 1),
             "cpu_p50_ms": round(statistics.median(cpu), 1),
             "statements": statements, "eligible": eligible,
             "build_s": round(build_seconds, 1)}
        ),
        flush=True,
    )  # fmt: skip

    watch.organisation(org)
    started = time.perf_counter()
    first = await watch.work()  # announces every eligible mentor once
    first_ms = (time.perf_counter() - started) * 1000
    watch.organisation(org)
    started = time.perf_counter()
    again = await watch.work()  # everything claimed: nothing new
    again_ms = (time.perf_counter() - started) * 1000
    print(
        json.dumps(
            {**base, "case": "watch", "first_pass_ms": round(first_ms, 1), "announced": first,
             "steady_pass_ms": round(again_ms, 1), "announced_again": again}
        ),
        flush=True,
    )  # fmt: skip
    await Tortoise.close_connections()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentors", type=int, nargs="+", default=[1_000, 5_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a server URL; a database is created and dropped")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    for mentors in args.mentors:
        if not args.skip_sqlite:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite://{tmp}/bench.sqlite3"
                await measure("sqlite", url, mentors, args.rounds)
        if args.postgres:
            async with scratch_postgres(args.postgres) as url:
                await measure("postgres", url, mentors, args.rounds)


if __name__ == "__main__":
    asyncio.run(main())
