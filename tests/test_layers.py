"""The layers depend one way: schema/ -> resolvers/ -> models/, and models/ never imports
realtime/, resolvers/ or schema/.

schema/ is the API's shape (types, root fields with their descriptions and permissions);
resolvers/ is the glue that checks who may do what and calls the models with plain values;
models/ holds the data and its rules. resolvers/ never reaches back up into schema/, and
schema/ imports resolvers at the top of its modules: there is no cycle left to dodge with a
function-local import.

Models record what happened and announce it (models.announcements); the live side consumes
the announcements. So a model works in a process that never loads the live side at all: no
broker, no rooms. The second test proves it in a fresh interpreter, on SQLite and
PostgreSQL, and checks that announcements are handed over only after the commit.

The server's own process never loads the matching engine and its numeric libraries, nor the
PDF libraries: matching runs in worker processes (models/workers.py), PDFs in the thread
that draws them, which imports what it needs on first use. Every process start and every
`rajut` command would otherwise pay seconds for them; the last test checks it in a fresh
interpreter.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import fresh_postgres
from tests.databases import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("realtime", "resolvers", "schema")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_models_import_no_upper_layer() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / "models").rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offences == []


def test_nothing_below_schema_imports_it() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for layer in ("resolvers", "models")
        for path in sorted((ROOT / layer).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[0] == "schema"
    ]
    assert offences == []


def test_realtime_consumes_models_only() -> None:
    """realtime/ carries what models record; the GraphQL layers above it are not its own."""
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / "realtime").rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in ("schema", "resolvers")
    ]
    assert offences == []


def test_schema_imports_resolvers_at_the_top() -> None:
    """A function-local import of resolvers/ in schema/ is the mark of a cycle."""
    offences = []
    for path in sorted((ROOT / "schema").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                offences += [
                    f"{path.relative_to(ROOT)}:{node.lineno} imports {name} in {function.name}"
                    for name in names
                    if name.split(".")[0] == "resolvers"
                ]
    assert offences == []


# Runs in its own interpreter: models only, no listener, so no broker and no rooms.
SCRIPT = r"""
import asyncio, sys
from datetime import date, timedelta

from models import announcements, conversations
from models.accounts import User, now
from models.announcements import Publication, RelationshipStatusChanged
from models.conversations import ConversationMessage
from models.organisations import Organisation
from models.programmes import MentoringModel, Programme
from models.progress import ProgressEvent, progress_topic
from models.relationships import Origin, Relationship, RelationshipMember, RelationshipStatus
from models.relationships import change_status
from server.db import migrate, open_database


async def main(url):
    await migrate(url)
    db = await open_database(url)
    organisation = await Organisation.create(name="Kampung Koding", slug="kampung-koding")
    moment = now()
    programme = await Programme.create(
        organisation=organisation, name="Angkatan 1", slug="angkatan-1",
        registration_opens_at=moment, registration_closes_at=moment + timedelta(days=7),
        starts_on=date.today(), ends_on=date.today() + timedelta(days=90),
    )
    mentor = await User.create(
        email="mentor@rajut.test", password_hash="-", display_name="M", email_verified_at=moment
    )
    mentee = await User.create(
        email="mentee@rajut.test", password_hash="-", display_name="E", email_verified_at=moment
    )
    relationship = await Relationship.create(
        programme=programme, mentoring_model=MentoringModel.ONE_TO_ONE, mentor=mentor,
        status=RelationshipStatus.ACTIVE, origin=Origin.REQUEST,
    )
    await RelationshipMember.create(relationship=relationship, user=mentee)

    # nobody listens: the operations work and store what they should
    await conversations.send_message(mentee, relationship.id, "Halo, Kak!")
    paused = await change_status(mentor, relationship.id, "pause")
    assert paused.status == RelationshipStatus.PAUSED
    assert await ProgressEvent.filter(programme_id=programme.id).count() == 1

    heard = []

    async def listener(announcement):
        heard.append(announcement)

    announcements.listen(listener)
    announcements.listen(listener)  # a second app in the process registers again: no double

    # outside any transaction: handed over, in order, before the operation returns
    await change_status(mentor, relationship.id, "resume")
    assert [type(a) for a in heard] == [Publication, RelationshipStatusChanged], heard
    assert heard[0].topic == progress_topic(programme.id)
    assert heard[0].message["kind"] == "relationship.resumed"
    assert heard[1] == RelationshipStatusChanged(relationship.id, "active")
    heard.clear()

    # a rolled-back transaction announces nothing
    try:
        async with announcements.transaction():
            await conversations.send_message(mentee, relationship.id, "lost")
            raise LookupError
    except LookupError:
        pass
    assert heard == [] and not await ConversationMessage.filter(body="lost").exists()

    # nested: what the failed savepoint announced goes; the rest waits for the commit
    async with announcements.transaction():
        await conversations.send_message(mentee, relationship.id, "kept")
        try:
            async with announcements.transaction():
                await change_status(mentor, relationship.id, "pause")
                raise LookupError
        except LookupError:
            pass
        assert heard == [], heard  # nothing before the commit
    assert [a.message["kind"] for a in heard] == ["sent"], heard
    assert (await Relationship.get(id=relationship.id)).status == RelationshipStatus.ACTIVE

    await db.close_connections()
    live = sorted(m for m in sys.modules if m.split(".")[0] in ("realtime", "resolvers", "schema"))
    assert live == [], live
    print("ok")


asyncio.run(main(sys.argv[1]))
"""


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path / "models.sqlite3")
        return
    async with fresh_postgres() as url:
        yield url


async def test_models_work_and_announce_after_commit_without_the_live_side(
    database: str,
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SCRIPT,
        database,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        # a failure that leaves the database's worker thread behind would hang the child
        output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    except TimeoutError:
        process.kill()
        output, _ = await process.communicate()
        raise AssertionError("the models-only process hung:\n" + output.decode()) from None
    assert process.returncode == 0, output.decode()
    assert output.decode().strip().endswith("ok")


# what only matching workers and PDF-drawing threads load (the server's process names
# `matching` as a lazy module, models/solving.py: named, not loaded)
HEAVY = (
    "matching", "numpy", "scipy", "sklearn", "pandas", "ortools", "networkx",
    "reportlab", "segno", "PIL", "pypdfium2",
)  # fmt: skip
LOADED = r"""
import importlib.util, json, sys
import server.app
heavy = json.loads(sys.argv[1])
lazy = importlib.util._LazyModule  # a module named but not loaded yet
print(json.dumps([n for n in heavy if n in sys.modules and type(sys.modules[n]) is not lazy]))
"""


def test_the_server_process_starts_without_the_heavy_libraries() -> None:
    found = subprocess.run(
        [sys.executable, "-c", LOADED, json.dumps(HEAVY)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout.splitlines()[-1]) == []
