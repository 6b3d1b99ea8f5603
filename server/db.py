"""Database wiring: one Tortoise configuration for the app, the CLI and the tests."""

from __future__ import annotations

import os
from typing import Any

from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from models.sessions import settle_calendar_identity
from server.settings import DEFAULT_DATABASE_URL, normalise_database_url

APP_LABEL = "rajut"


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": normalise_database_url(database_url)},
        "apps": {
            APP_LABEL: {
                "models": ["models"],
                "migrations": "models.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# Read by Tortoise's own CLI (`tortoise makemigrations`) through [tool.tortoise].
TORTOISE_ORM = tortoise_config(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)


async def open_database(database_url: str) -> TortoiseContext:
    """Connect for the app's lifetime; the global fallback lets request tasks find it."""
    # Tortoise caches INSERT statements per connection *name*, not per dialect; a process
    # that opens SQLite and later PostgreSQL (the test suite does) must not reuse them.
    EXECUTOR_CACHE.clear()
    ctx = TortoiseContext()
    with ctx:  # init needs the context current while it wires the models
        await ctx.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    return ctx


async def migrate(database_url: str) -> None:
    """Apply every pending migration (Tortoise's built-in migration engine)."""
    async with TortoiseContext():
        await tortoise_migrate(config=tortoise_config(database_url))


async def settle_install_id(database_url: str, public_base_url: str) -> str:
    """Fix the install id calendar UIDs carry (see models/installation.py) once migrated."""
    ctx = await open_database(database_url)
    try:
        return await settle_calendar_identity(public_base_url)
    finally:
        await ctx.close_connections()
