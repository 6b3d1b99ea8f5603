"""Benchmark of knowledge-repository search: latency over 10,000 generated articles.

Not a test. For each database it migrates a fresh one, writes the corpus straight through
the models (half Indonesian, half English, ~150 words each, published, with tags and focus
areas), then times ``models.knowledge_search.search`` as a programme participant sees it
(visibility, ranking and snippets included; no HTTP). One JSON line per result.

    .venv/bin/python bench/knowledge.py                      # SQLite only
    .venv/bin/python bench/knowledge.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Target: p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ID_WORDS = [
    "membimbing",
    "bimbingan",
    "pembimbing",
    "relawan",
    "kampanye",
    "penggalangan",
    "dana",
    "donasi",
    "donatur",
    "komunitas",
    "pendukung",
    "keuangan",
    "laporan",
    "transparan",
    "cerita",
    "video",
    "media",
    "sosial",
    "desa",
    "warga",
    "kepemimpinan",
    "dampak",
    "pengukuran",
    "perizinan",
    "aturan",
    "pelatihan",
    "belajar",
    "mengajar",
    "pengalaman",
    "kegiatan",
    "rencana",
    "tujuan",
    "target",
    "kerja",
    "sama",
    "mitra",
    "sekolah",
    "anak",
    "pemuda",
    "lingkungan",
    "kesehatan",
]
EN_WORDS = [
    "mentoring",
    "mentor",
    "mentors",
    "mentee",
    "volunteers",
    "campaign",
    "fundraising",
    "donation",
    "donors",
    "community",
    "supporters",
    "finance",
    "report",
    "transparent",
    "story",
    "video",
    "social",
    "media",
    "village",
    "leadership",
    "impact",
    "measurement",
    "permits",
    "rules",
    "training",
    "learning",
    "teaching",
    "experience",
    "activity",
    "plan",
    "goal",
    "target",
    "partnership",
    "partners",
    "school",
    "children",
    "youth",
    "environment",
    "health",
]
QUERIES = {
    "id": ["bimbingan", "membimbing relawan", "penggalangan dana", "laporan keuangan desa",
           "pemuda", "cerita kampanye video"],
    "en": ["mentoring", "volunteer training", "fundraising campaign", "transparent report",
           "youth", "community leadership"],
}  # fmt: skip
TAGS = ["relawan", "donasi", "keuangan", "cerita", "desa", "pelatihan", "youth", "impact"]
AREAS = ["campaign-creation", "digital-storytelling", "financial-management"]


def text(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


async def build(database_url: str, articles: int, seed: int) -> tuple[object, float]:
    from tortoise.transactions import in_transaction

    from models import knowledge_search
    from models.accounts import User
    from models.knowledge import Article, ArticleAuthor, ArticleStatus, Language, Visibility
    from models.organisations import FocusArea, Organisation
    from models.programmes import Enrolment, Programme
    from server.db import migrate, open_database

    await migrate(database_url)
    await open_database(database_url)
    rng = random.Random(seed)
    org = await Organisation.create(name="Bench", slug="bench")
    areas = [await FocusArea.create(organisation=org, slug=s, name_en=s, name_id=s) for s in AREAS]
    moment = datetime.now(UTC)
    programme = await Programme.create(
        organisation=org, name="Bench", slug="bench", registration_opens_at=moment,
        registration_closes_at=moment + timedelta(days=7), starts_on=date.today(),
        ends_on=date.today() + timedelta(days=90),
    )  # fmt: skip
    author = await User.create(
        email="author@bench.test", password_hash="-", display_name="A", email_verified_at=moment
    )
    reader = await User.create(email="reader@bench.test", password_hash="-", display_name="R")
    await Enrolment.create(programme=programme, user=author, as_mentee=True)
    await Enrolment.create(programme=programme, user=reader, as_mentee=True)
    visibilities = [Visibility.PROGRAMME, Visibility.ORGANISATION, Visibility.PUBLIC]
    started = time.perf_counter()
    for start in range(0, articles, 500):
        async with in_transaction():
            for i in range(start, min(start + 500, articles)):
                language = Language.ID if i % 2 == 0 else Language.EN
                words = ID_WORDS if language == Language.ID else EN_WORDS
                article = await Article.create(
                    programme=programme, organisation_id=org.id,
                    title=text(rng, words, 6).capitalize(), summary=text(rng, words, 20),
                    body="\n\n".join(text(rng, words, 40) for _ in range(3)),
                    tags=rng.sample(TAGS, 2), language=language,
                    visibility=rng.choice(visibilities), status=ArticleStatus.PUBLISHED,
                    created_by=author, published_at=moment,
                )  # fmt: skip
                await ArticleAuthor.create(article=article, user=author)
                await article.focus_areas.add(rng.choice(areas))
                await knowledge_search.reindex(article)
    return reader, time.perf_counter() - started


async def measure(database: str, url: str, articles: int, rounds: int, seed: int) -> None:
    from tortoise import Tortoise

    from models import knowledge_search
    from models.knowledge import Language

    reader, build_seconds = await build(url, articles, seed)
    cases = {
        "text": knowledge_search.Filters(),
        "text+language+tag": knowledge_search.Filters(language=Language.ID, tag="desa"),
        "text+focus_area": knowledge_search.Filters(focus_area="financial-management"),
    }
    for case, filters in cases.items():
        queries = [q for qs in QUERIES.values() for q in qs]
        for q in queries[:3]:  # warm caches and prepared plans
            await knowledge_search.search(reader, q, filters, 20)  # type: ignore[arg-type]
        timings: list[float] = []
        hits = 0
        for i in range(rounds):
            q = queries[i % len(queries)]
            started = time.perf_counter()
            found = await knowledge_search.search(reader, q, filters, 20)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - started) * 1000)
            hits += len(found)
        timings.sort()
        print(
            json.dumps(
                {
                    "bench": "knowledge_search",
                    "database": database,
                    "case": case,
                    "articles": articles,
                    "queries": rounds,
                    "page": 20,
                    "p50_ms": round(statistics.median(timings), 2),
                    "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 2),
                    "max_ms": round(timings[-1], 2),
                    "mean_hits": round(hits / rounds, 1),
                    "build_s": round(build_seconds, 1),
                }
            ),
            flush=True,
        )
    await Tortoise.close_connections()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="a server URL; a database is created and dropped")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite://{tmp}/bench.sqlite3"
            await measure("sqlite", url, args.articles, args.rounds, args.seed)
    if args.postgres:
        import asyncpg

        base = args.postgres.replace("postgresql://", "postgres://", 1)
        name = "rajut_bench_" + secrets.token_hex(4)
        admin = base.replace("postgres://", "postgresql://", 1)
        conn = await asyncpg.connect(admin)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        try:
            url = urlunsplit(urlsplit(base)._replace(path="/" + name))
            await measure("postgres", url, args.articles, args.rounds, args.seed)
        finally:
            conn = await asyncpg.connect(admin)
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
