"""Test fixtures: a real database per backend and a real uvicorn server on this loop.

The whole API suite runs once on SQLite and once on PostgreSQL (TEST_DATABASE_URL). Each
run creates its own database, a copy of a migrated template (tests/databases.py), and drops
it afterwards, so leftovers of earlier runs cannot leak in. Tests talk to the server only
over HTTP and WebSocket, like any client.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest
import redis

from server.app import create_app
from server.db import migrate
from server.settings import Settings
from tests.databases import create_postgres_database, drop_postgres_database, migrated_sqlite
from tests.support import Api, serving_here

IN_CI = os.environ.get("CI", "").lower() == "true"
# The `rajut serve` processes tests start inherit this: they start their matching worker on
# first use instead of warming one up (~3 s of CPU) that most of them never use. The app
# served in this process keeps the default and warms its worker.
os.environ.setdefault("MATCHING_WARM_UP", "off")


def need_service(name: str, reason: str) -> None:
    """Skip locally, fail in CI: a missing service must never turn CI green."""
    message = f"{name} unavailable: {reason}"
    if IN_CI:
        pytest.fail(message + " (CI=true requires it)")
    pytest.skip(message)


@asynccontextmanager
async def fresh_postgres() -> AsyncIterator[str]:
    """A migrated PostgreSQL database of its own on TEST_DATABASE_URL's server (a copy of the
    template, see tests/databases.py), dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        need_service("PostgreSQL", "TEST_DATABASE_URL is not set")
    base = base.replace("postgresql://", "postgres://", 1)
    try:
        name, url = await create_postgres_database(base)
    except (OSError, asyncpg.PostgresError) as exc:
        need_service("PostgreSQL", f"cannot create a test database at {base}: {exc}")
    try:
        yield url
    finally:
        await drop_postgres_database(base, name)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Groups for ``--dist loadgroup``: a test on the session's server goes with the others
    on its backend, every other test with its file.

    One process can serve one app (the broker and Tortoise's fallback context are global),
    so a worker switching backends stops one server and starts the other; by file, every
    file would switch twice. By backend, each worker runs its whole group on one server.
    """
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("database_url") if callspec else None
        group = f"server-{backend}" if backend else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
async def database_url(request, tmp_path_factory) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "rajut.sqlite3"
        yield await asyncio.to_thread(migrated_sqlite, path)
        return
    async with fresh_postgres() as url:
        yield url


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A migrated database, for tests that start their own processes on PostgreSQL."""
    async with fresh_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        need_service("Redis", "TEST_REDIS_URL is not set")
    assert url is not None
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except (OSError, redis.RedisError) as exc:
        need_service("Redis", f"cannot reach {url}: {exc}")
    finally:
        client.close()
    return url


def make_settings(database_url: str, **overrides: object) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret",
        public_base_url="http://rajut.test",
        # webhook receivers in tests listen on 127.0.0.1; retries come 100 times sooner
        webhooks_allow_private=True,
        webhook_interval=0.2,
        webhook_retry_scale=0.01,
        followup_interval=0.3,
        badge_interval=0.2,
        send_email=False,  # tests/test_mailer.py drives the sender itself
        presence_heartbeat=1.0,
        stun_urls=("stun:stun.rajut.test:3478",),
        turn_urls=("turn:turn.rajut.test:3478",),
        turn_secret="turn-test-secret",
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
async def server(database_url: str) -> AsyncIterator[str]:
    """A real uvicorn server running the app on this event loop, on a free port."""
    await migrate(database_url)
    app = create_app(make_settings(database_url))
    async with serving_here(
        app, proxy_headers=True, forwarded_allow_ips="127.0.0.1", lifespan="on"
    ) as base_url:
        yield base_url


@pytest.fixture
async def api(server: str) -> AsyncIterator[Api]:
    async with Api(server) as client:
        yield client
