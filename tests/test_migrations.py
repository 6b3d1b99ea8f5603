"""Migrations are the schema's source of truth: the models must not drift from them."""

from __future__ import annotations

from tortoise.context import TortoiseContext
from tortoise.migrations.autodetector import MigrationAutodetector

from server.db import APP_LABEL, tortoise_config


async def test_models_match_the_committed_migrations(tmp_path) -> None:
    config = tortoise_config(f"sqlite://{tmp_path / 'drift.sqlite3'}")
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        detector = MigrationAutodetector(ctx.apps, config["apps"])
        pending = await detector.changes()
    assert [w.name for w in pending] == [], (
        f"models changed without a migration: run `.venv/bin/tortoise makemigrations` "
        f"for app {APP_LABEL!r} and commit the file"
    )
