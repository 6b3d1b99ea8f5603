"""Shared notes with real `rajut serve` processes: a SIGKILL mid-burst loses no acknowledged
update, and two processes on PostgreSQL + Redis converge with pycrdt and Node yjs clients."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
from pathlib import Path

import httpx

from tests.conftest import need_service
from tests.databases import migrated_sqlite
from tests.notes_clients import (
    MARKDOWN,
    RELATIONSHIP_NOTE,
    GraphQLEditor,
    NodeEditor,
    SocketEditor,
    node_missing,
    random_edit,
)
from tests.support import Api, acknowledge, open_programme, pair_up, serving


def _env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "shared-secret",
        "FOLLOWUP_INTERVAL": "3600",
        **extra,
    }


async def _note_between_two(api: Api):  # type: ignore[no-untyped-def]
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    note = (await api.ok(RELATIONSHIP_NOTE, {"r": relationship}, mentor.token))["relationshipNote"]
    return mentor, mentee, note["id"]


async def test_sigkill_mid_burst_loses_no_acknowledged_update_sqlite(tmp_path: Path) -> None:
    await _kill_mid_burst(_env(migrated_sqlite(tmp_path / "rajut.sqlite3")), tmp_path)


async def test_sigkill_mid_burst_loses_no_acknowledged_update_postgres(
    postgres_url: str, tmp_path: Path
) -> None:
    await _kill_mid_burst(_env(postgres_url), tmp_path)


async def _kill_mid_burst(env: dict[str, str], tmp_path: Path) -> None:
    acknowledged: list[str] = []
    async with (
        serving(env, tmp_path) as first,
        Api(first.base_url, database_url=env["DATABASE_URL"]) as api,
    ):
        mentor, mentee, note = await _note_between_two(api)

        async def burst(person, tag: str) -> None:  # type: ignore[no-untyped-def]
            editor = GraphQLEditor(api, person.token, note)
            for n in range(10_000):
                word = f"<{tag}{n}>"
                before = editor.doc.get_state()
                editor.text.insert(len(editor.text), word)
                try:
                    await editor.push(editor.doc.get_update(before))
                except (httpx.HTTPError, AssertionError):
                    return  # the server died under us: this one was never acknowledged
                acknowledged.append(word)

        bursts = [
            asyncio.create_task(burst(mentor, "m")),
            asyncio.create_task(burst(mentee, "e")),
        ]
        while len(acknowledged) < 60:
            await asyncio.sleep(0.01)
        assert first.process is not None
        first.process.send_signal(signal.SIGKILL)  # no shutdown, no compaction, nothing
        await first.process.wait()
        await asyncio.gather(*bursts)
    assert first.returncode == -signal.SIGKILL
    async with (
        serving(env, tmp_path) as second,
        Api(second.base_url, database_url=env["DATABASE_URL"]) as api,
    ):
        text = (await api.ok(MARKDOWN, {"n": note}, mentor.token))["noteMarkdown"]
    missing = [word for word in acknowledged if word not in text]
    assert not missing, f"{len(missing)} acknowledged updates lost: {missing[:5]}"


async def test_six_editors_on_two_processes_converge(
    postgres_url: str, redis_url: str, tmp_path: Path
) -> None:
    """The issue's convergence test: five pycrdt clients (GraphQL and y-websocket) and one
    Node yjs client, 200 random inserts and deletes each, some offline for a while, spread
    over two processes; all end equal, and equal to what a restarted server reads back."""
    missing = node_missing()
    if missing:
        need_service("Node client", missing)
    env = _env(postgres_url, REDIS_URL=redis_url, REDIS_CHANNEL_PREFIX=f"notes{os.getpid()}:")
    async with (
        serving(env, tmp_path) as one,
        serving(env, tmp_path) as two,
        Api(one.base_url, database_url=postgres_url) as api_one,
        Api(two.base_url, database_url=postgres_url) as api_two,
    ):
        mentor, mentee, note = await _note_between_two(api_one)
        people = [mentor, mentee]
        graphql = [
            GraphQLEditor(api_one if i % 2 else api_two, people[i % 2].token, note)
            for i in range(3)
        ]
        sockets = [
            SocketEditor((one if i else two).base_url, people[i].token, note) for i in range(2)
        ]
        node = NodeEditor(
            one.base_url, mentee.token, note, ops=200, seed=5, offlineAt=80, offlineOps=40
        )
        try:
            for editor in graphql:
                await editor.sync()
                await editor.follow()
            for socket in sockets:
                await socket.connect()
            await node.start()
            await node.expect("synced")
            rng = random.Random(2026)
            await asyncio.gather(
                *(
                    _graphql_typing(e, random.Random(rng.random()), offline=i == 0)
                    for i, e in enumerate(graphql)
                ),
                *(
                    _socket_typing(s, random.Random(rng.random()), offline=i == 1)
                    for i, s in enumerate(sockets)
                ),
            )
            await node.expect("done", seconds=60)
            for editor in graphql:
                await editor.sync()
            async with asyncio.timeout(30):
                while True:
                    server_one = await _markdown(api_one, mentor.token, note)
                    server_two = await _markdown(api_two, mentee.token, note)
                    texts = [e.value() for e in graphql] + [s.value() for s in sockets]
                    texts.append(await node.value())
                    if server_one == server_two and all(t == server_one for t in texts):
                        break
                    for editor in graphql:  # their subscriptions carry the tail; resync
                        await editor.sync()
                    await asyncio.sleep(0.2)
            final = server_one
        finally:
            await node.close()
            for socket in sockets:
                await socket.close()
            for editor in graphql:
                await editor.close()
    assert final
    async with (
        serving(env, tmp_path) as again,
        Api(again.base_url, database_url=postgres_url) as api,
    ):
        assert await _markdown(api, mentor.token, note) == final


async def _markdown(api: Api, token: str, note: str) -> str:
    return (await api.ok(MARKDOWN, {"n": note}, token))["noteMarkdown"]


async def _graphql_typing(editor: GraphQLEditor, rng: random.Random, offline: bool) -> None:
    for n in range(200):
        if offline and n == 60:
            await editor.go_offline()
        if offline and n == 120:
            await editor.reconnect()
        await editor.edit(lambda text: random_edit(text, rng))
        await asyncio.sleep(rng.random() * 0.01)


async def _socket_typing(editor: SocketEditor, rng: random.Random, offline: bool) -> None:
    for n in range(200):
        if offline and n == 50:
            await editor.close()  # the phone loses its signal; edits stay local
        if offline and n == 110:
            await editor.connect()  # back: step 1 and step 2 both ways
        if offline and 50 <= n < 110:
            with editor.doc.transaction():
                random_edit(editor.text, rng)
        else:
            await editor.edit(lambda text: random_edit(text, rng))
        await asyncio.sleep(rng.random() * 0.01)
    with contextlib.suppress(Exception):
        await asyncio.sleep(0)
