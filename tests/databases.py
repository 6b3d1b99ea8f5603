"""Migrated test databases, copied from a template rather than migrated one by one.

Tortoise's migration engine renders the whole model state again for every operation, so
migrating an empty database costs 8 to 18 s of CPU on our 2-core machines, more with every
migration added. The suite needs dozens of fresh databases (each backend's session server,
every test that starts its own ``rajut serve`` processes), so the first one to need a
database migrates a *template* once, with ``rajut migrate`` as an operator would, and the
rest copy it: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL. Both take
a fraction of a second and give the very database ``rajut migrate`` gives.

A template is named after a hash of ``models/`` (the migrations and the SQL they run) and
the Tortoise version, so any change to either makes a new one, and it is only ever copied,
never opened by a test. It is made under a lock (a file lock for SQLite, an advisory lock
for PostgreSQL) so parallel test workers make it once, and it appears under its name only
once complete. ``tests/test_cli.py`` still migrates a fresh install from nothing.

Templates are kept between runs (a rerun with the same migrations makes none): files in
the temporary directory's ``rajut-test-templates``, and ``rajut_template_*`` databases on the
test PostgreSQL server. Any of them may be deleted at any time; a later run makes it again.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import tortoise

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(tempfile.gettempdir()) / "rajut-test-templates"
LOCK_KEY = 0x52414A5554  # "RAJUT": the advisory lock guarding template creation


@cache
def fingerprint() -> str:
    """What the migrated schema depends on: every file under models/ and Tortoise's version."""
    digest = hashlib.sha256(tortoise.__version__.encode())
    for path in sorted((ROOT / "models").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrate_with_cli(database_url: str) -> None:
    """``rajut migrate``, in a process of its own as an operator runs it."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", "migrate"],
        cwd=TEMPLATES,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sqlite_template() -> Path:
    """The migrated SQLite template, made on first use."""
    TEMPLATES.mkdir(exist_ok=True)
    template = TEMPLATES / f"{fingerprint()}.sqlite3"
    with file_lock(TEMPLATES / f"{fingerprint()}.lock"):
        if not template.exists():
            partial = TEMPLATES / f"{fingerprint()}-{secrets.token_hex(4)}.partial"
            try:
                migrate_with_cli(f"sqlite://{partial}")
                os.replace(partial, template)
            finally:
                for leftover in TEMPLATES.glob(f"{partial.name}*"):
                    leftover.unlink()
    return template


def migrated_sqlite(path: Path) -> str:
    """A migrated SQLite database at ``path`` (its parent must exist); returns its URL."""
    shutil.copyfile(sqlite_template(), path)
    return f"sqlite://{path}"


def with_database(base_url: str, name: str) -> str:
    return urlunsplit(urlsplit(base_url)._replace(path="/" + name))


def asyncpg_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def postgres_template(conn: asyncpg.Connection, base_url: str) -> str:
    """The name of the migrated PostgreSQL template on this server, made on first use (the
    caller holds the advisory lock)."""
    name = f"rajut_template_{fingerprint()}"
    if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        return name
    partial = f"{name}_partial"  # left behind by a run that was killed while migrating
    await conn.execute(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)')
    await conn.execute(f'CREATE DATABASE "{partial}"')
    TEMPLATES.mkdir(exist_ok=True)
    await asyncio.to_thread(migrate_with_cli, with_database(base_url, partial))
    await conn.execute(f'ALTER DATABASE "{partial}" RENAME TO "{name}"')
    return name


async def create_postgres_database(base_url: str) -> tuple[str, str]:
    """A new database on ``base_url``'s server, a copy of the migrated template; returns its
    name and URL. Copies are made under the advisory lock: PostgreSQL refuses to copy a
    template while anyone else is connected to it, another copy included."""
    name = "rajut_test_" + secrets.token_hex(4)
    conn = await asyncpg.connect(asyncpg_url(base_url))
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
        try:
            template = await postgres_template(conn, base_url)
            await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
    finally:
        await conn.close()
    return name, with_database(base_url, name)


async def drop_postgres_database(base_url: str, name: str) -> None:
    conn = await asyncpg.connect(asyncpg_url(base_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
