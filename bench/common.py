"""What several benchmarks share: a scratch PostgreSQL database to measure on."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit, urlunsplit

import asyncpg


@asynccontextmanager
async def scratch_postgres(server_url: str) -> AsyncIterator[str]:
    """A new, empty database on the server at ``server_url``, dropped afterwards (the bench
    migrates it itself); yields its URL."""
    base = server_url.replace("postgresql://", "postgres://", 1)
    admin = base.replace("postgres://", "postgresql://", 1)
    name = "rajut_bench_" + secrets.token_hex(4)
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    try:
        yield urlunsplit(urlsplit(base)._replace(path="/" + name))
    finally:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()
