"""Benchmark of participant import: a 10,000-row registration form, staged, checked and
committed, then imported again.

Not a test. For each database it migrates a fresh one, makes an organisation, a programme
open for registration and its coordinator, and accounts (verified, so they are also told in
the app) for a fifth of the form's addresses. The form is what Google Forms exports:
semicolon-separated UTF-8 with a byte-order mark, Indonesian headers, a timestamp column the
import ignores, names, roles, languages, zones, focus areas by their Indonesian names, a bio
of a few sentences, birth year and phone. Then it times, through models/imports.py as the
API and `rajut import` call it (no HTTP): staging (decode, parse, store), the dry run, the
commit (invitations, mails and notifications, one transaction), and the same file again
(staged, checked and committed: nothing to write). One JSON line per step.

    .venv/bin/python bench/imports.py                      # SQLite only
    .venv/bin/python bench/imports.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Target: 10,000 rows imported (stage + dry run + commit) in under 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST = ["Siti", "Budi", "Ayu", "Dewi", "Wayan", "Made", "Putu", "Rizky", "Nur", "Agus",
         "Rina", "Yohanes", "Maria", "Andi", "Fitri"]  # fmt: skip
LAST = ["Rahmawati", "Santoso", "Lestari", "Pratama", "Wijaya", "Siregar", "Nasution",
        "Hidayat", "Saputra", "Manurung"]  # fmt: skip
ROLES = ["Mentee", "Mentee", "Mentee", "Mentor", "Mentor dan mentee"]
LANGUAGES = ["Bahasa Indonesia", "Bahasa Indonesia, Jawa", "Indonesia, Inggris", "Sunda",
             "Indonesia; Bali"]  # fmt: skip
ZONES = ["WIB", "WIB", "WITA", "WIT", "Asia/Jakarta"]
AREAS = ["Pembuatan kampanye", "Penceritaan digital", "Keterlibatan komunitas",
         "Pengelolaan keuangan", "Pengembangan kepemimpinan"]  # fmt: skip
BIOS = [
    "Saya guru SD di {city} dan ingin belajar menggalang dana untuk perpustakaan desa.",
    "Relawan komunitas lingkungan di {city}; sudah dua tahun mengelola kampanye daur ulang.",
    "Mahasiswa tingkat akhir di {city}, tertarik pada cerita digital dan video pendek.",
]
CITIES = ["Bandung", "Makassar", "Medan", "Kupang", "Denpasar", "Jayapura", "Yogyakarta"]
HEADER = ["Stempel waktu", "Alamat email", "Nama Lengkap", "Daftar sebagai",
          "Bahasa yang dikuasai", "Zona waktu", "Bidang minat", "Tentang saya", "Tahun lahir",
          "No. HP/WA"]  # fmt: skip


def form(rows: int, seed: int) -> tuple[bytes, list[str]]:
    """The CSV as a form exports it, and its addresses."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    emails = []
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.lower()}{n}@contoh.id"
        emails.append(email)
        writer.writerow(
            [
                f"2026/01/{1 + n % 28:02d} 09:{n % 60:02d}:00", email, f"{first} {last}",
                rng.choice(ROLES), rng.choice(LANGUAGES), rng.choice(ZONES),
                ", ".join(rng.sample(AREAS, rng.randint(1, 3))),
                rng.choice(BIOS).format(city=rng.choice(CITIES)), str(rng.randint(1970, 2005)),
                f"08{rng.randint(10**9, 10**10 - 1)}",
            ]
        )  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8"), emails


async def setup(database_url: str, emails: list[str], existing: float) -> tuple[Any, int]:
    from models.accounts import User
    from models.organisations import create_organisation
    from models.profiles import Profile
    from models.programmes import Programme, ProgrammeStaff, ProgrammeStatus, StaffRole
    from server.db import migrate, open_database

    await migrate(database_url)
    await open_database(database_url)
    moment = datetime.now(UTC)
    coordinator = await User.create(
        email="koordinator@bench.test", password_hash="-", display_name="Koordinator",
        email_verified_at=moment,
    )  # fmt: skip
    await Profile.create(user=coordinator)
    organisation = await create_organisation(coordinator, "Bench", "bench")
    programme = await Programme.create(
        organisation=organisation, name="Mentoring Kampanye", slug="kampanye",
        registration_opens_at=moment - timedelta(days=1),
        registration_closes_at=moment + timedelta(days=30), starts_on=date.today(),
        ends_on=date.today() + timedelta(days=240), status=ProgrammeStatus.REGISTRATION_OPEN,
    )  # fmt: skip
    await ProgrammeStaff.create(programme=programme, user=coordinator, role=StaffRole.COORDINATOR)
    known = emails[: int(len(emails) * existing)]
    await User.bulk_create(
        [User(email=e, password_hash="-", display_name=e, email_verified_at=moment) for e in known],
        batch_size=1000,
    )
    return coordinator, programme.id


async def timed(step: Awaitable[Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = await step
    return result, time.perf_counter() - started


async def measure(database: str, url: str, rows: int, existing: float, seed: int) -> None:
    from tortoise import Tortoise

    from models import imports
    from models.invitations import Invitation

    data, emails = form(rows, seed)
    coordinator, programme_id = await setup(url, emails, existing)
    options = {"lifetime": timedelta(days=14), "base_url": "http://bench.test"}

    def line(step: str, seconds: float, **extra: Any) -> None:
        print(
            json.dumps(
                {
                    "bench": "imports",
                    "database": database,
                    "step": step,
                    "rows": rows,
                    "bytes": len(data),
                    "existing_accounts": int(rows * existing),
                    "seconds": round(seconds, 2),
                    "rows_per_s": round(rows / seconds),
                    **extra,
                }
            ),
            flush=True,
        )

    total = 0.0
    for attempt in ("first", "again"):
        batch, staging = await timed(imports.stage(coordinator, programme_id, data))
        report, checking = await timed(imports.dry_run(coordinator, batch.id))
        assert report.problem_count == 0, report.problems[:3]
        result, committing = await timed(imports.commit(coordinator, batch.id, **options))
        line(f"{attempt}:stage", staging)
        line(f"{attempt}:dry_run", checking)
        line(f"{attempt}:commit", committing, invited=result.invite, unchanged=result.unchanged)
        if attempt == "first":
            total = staging + checking + committing
            line("first:total", total, target_s=30, met=total < 30)
    assert await Invitation.filter(programme_id=programme_id).count() == rows
    await Tortoise.close_connections()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=float, default=0.2, help="share with accounts")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--postgres", help="a server URL; a database is created and dropped")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite://{tmp}/bench.sqlite3"
            await measure("sqlite", url, args.rows, args.existing, args.seed)
    if args.postgres:
        # the suite's helpers: a database of its own on that server, dropped afterwards
        # (importing the suite makes password hashing cheap; nothing here hashes one)
        from tests.conftest import create_postgres_database, drop_postgres_database

        base = args.postgres.replace("postgresql://", "postgres://", 1)
        name, url = await create_postgres_database(base)
        try:
            await measure("postgres", url, args.rows, args.existing, args.seed)
        finally:
            await drop_postgres_database(base, name)


if __name__ == "__main__":
    asyncio.run(main())
