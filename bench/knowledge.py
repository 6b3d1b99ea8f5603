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
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import scratch_postgres

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


SYLLABLES = "ba ka ma la ri su to ne pi go da wi ju ke lo ra ti nu se ha".split()  # noqa: SIM905
ZIPF_WORDS = 4000


class Vocabulary:
    """Words drawn with Zipf frequencies: the topic words sit at ranks 20 to 2,000 among
    made-up words, so a query word is in anything from ~1 % to ~60 % of the articles, as in
    real text. ``small`` draws uniformly from the topic words alone: every query word is in
    nearly every article of its language (the worst case for ranking)."""

    def __init__(self, rng: random.Random, topic: list[str], kind: str) -> None:
        if kind == "small":
            self.words, self.weights = topic, None
            return
        made: set[str] = set()
        while len(made) < ZIPF_WORDS:
            made.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
        words = sorted(made - set(topic))
        for word, rank in zip(topic, sorted(rng.sample(range(20, 2000), len(topic))), strict=False):
            words.insert(rank, word)
        self.words = words
        self.weights = list(itertools.accumulate(1 / (r + 1) for r in range(len(words))))

    def text(self, rng: random.Random, n: int) -> str:
        return " ".join(rng.choices(self.words, cum_weights=self.weights, k=n))


async def build(
    database_url: str, articles: int, seed: int, vocabulary: str
) -> tuple[object, float]:
    from tortoise.connection import get_connection
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
    vocabularies = {
        Language.ID: Vocabulary(rng, ID_WORDS, vocabulary),
        Language.EN: Vocabulary(rng, EN_WORDS, vocabulary),
    }
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
                words = vocabularies[language]
                article = await Article.create(
                    programme=programme, organisation_id=org.id,
                    title=words.text(rng, 6).capitalize(), summary=words.text(rng, 20),
                    body="\n\n".join(words.text(rng, 40) for _ in range(3)),
                    tags=rng.sample(TAGS, 2), language=language,
                    visibility=rng.choice(visibilities), status=ArticleStatus.PUBLISHED,
                    created_by=author, published_at=moment,
                )  # fmt: skip
                await ArticleAuthor.create(article=article, user=author)
                await article.focus_areas.add(rng.choice(areas))
                await knowledge_search.reindex(article)
    # what autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) does in a running install
    conn = get_connection("default")
    await conn.execute_script("ANALYZE")
    return reader, time.perf_counter() - started


async def measure(
    database: str, url: str, articles: int, rounds: int, seed: int, vocabulary: str
) -> None:
    from tortoise import Tortoise

    from models import knowledge_search
    from models.knowledge import Language

    reader, build_seconds = await build(url, articles, seed, vocabulary)
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
                    "vocabulary": vocabulary,
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
    parser.add_argument("--vocabulary", choices=["zipf", "small"], default="zipf")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite://{tmp}/bench.sqlite3"
            await measure("sqlite", url, args.articles, args.rounds, args.seed, args.vocabulary)
    if args.postgres:
        async with scratch_postgres(args.postgres) as url:
            await measure("postgres", url, args.articles, args.rounds, args.seed, args.vocabulary)


if __name__ == "__main__":
    asyncio.run(main())
