"""Shared notes through the public API: pycrdt clients over GraphQL and the y-websocket
endpoint, permissions from other seats, bad updates, removal."""

from __future__ import annotations

import asyncio
import base64
import json
import random

import pytest
import websockets
from pycrdt import Doc, Text

from server.app import create_app, note_settings
from tests.conftest import make_settings, need_service
from tests.notes_clients import (
    MARKDOWN,
    PUSH,
    RELATIONSHIP_NOTE,
    SYNC,
    GraphQLEditor,
    NodeEditor,
    SocketEditor,
    b64,
    node_missing,
    random_edit,
    settle,
)
from tests.support import (
    Api,
    acknowledge,
    code_of,
    open_programme,
    pair_up,
    serving_here,
    started_group_of_two,
    subscribe,
)

REMOVE = """mutation($r: ID!, $u: ID!, $why: String!) { removeFromRelationship(relationshipId: $r,
  userId: $u, reason: $why) { status } }"""


async def _pair(api: Api):  # type: ignore[no-untyped-def]
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    note = (await api.ok(RELATIONSHIP_NOTE, {"r": relationship}, mentee.token))["relationshipNote"]
    assert note["canWrite"] is True
    return world, mentor, mentee, relationship, note["id"]


async def test_pycrdt_editors_converge_through_graphql(api: Api) -> None:
    _, mentor, mentee, _, note = await _pair(api)
    editors = [GraphQLEditor(api, p.token, note) for p in (mentor, mentee, mentee)]
    for editor in editors:
        await editor.sync()
        await editor.follow()
    rng = random.Random(7)
    try:
        await asyncio.gather(
            *(
                _type(editor, random.Random(rng.random()), 25, offline_after=10 if i == 2 else None)
                for i, editor in enumerate(editors)
            )
        )
        await editors[2].reconnect()  # edits made offline arrive now, once
        server = await _markdown(api, mentor.token, note)
        await settle(lambda: all(e.value() == server for e in editors[:2]))
        await editors[2].sync()
        assert editors[2].value() == server
        assert len(server) > 0
    finally:
        for editor in editors:
            await editor.close()
    # history: who contributed
    history = await api.ok(
        "query($n: ID!) { note(id: $n) { contributors { user { id } updates } } }",
        {"n": note},
        mentor.token,
    )
    people = {c["user"]["id"] for c in history["note"]["contributors"]}
    assert people == {mentor.id, mentee.id}


async def _type(editor: GraphQLEditor, rng: random.Random, ops: int, offline_after=None) -> None:  # type: ignore[no-untyped-def]
    for n in range(ops):
        if offline_after is not None and n == offline_after:
            await editor.go_offline()
        await editor.edit(lambda text: random_edit(text, rng))
        await asyncio.sleep(rng.random() * 0.01)


async def _markdown(api: Api, token: str, note: str) -> str:
    return (await api.ok(MARKDOWN, {"n": note}, token))["noteMarkdown"]


async def test_other_seats(api: Api) -> None:
    world, mentor, mentee, relationship, note = await _pair(api)
    editor = GraphQLEditor(api, mentee.token, note)
    await editor.edit(lambda t: t.insert(0, "Rencana minggu ini"))
    stranger = await api.register()
    update = _update_for(editor.doc, " dan besok")
    for query, variables in (
        (RELATIONSHIP_NOTE, {"r": relationship}),
        ("query($n: ID!) { note(id: $n) { id } }", {"n": note}),
        (SYNC, {"n": note, "sv": b64(b"\x00")}),
        (MARKDOWN, {"n": note}),
        (PUSH, {"n": note, "u": b64(update)}),
    ):
        assert code_of(await api.error(query, variables, stranger.token)) == "NOT_FOUND"
    assert code_of(await api.error(MARKDOWN, {"n": note})) == "UNAUTHENTICATED"
    # node(id:) hides it too
    nothing = await api.ok("query($n: ID!) { node(id: $n) { id } }", {"n": note}, stranger.token)
    assert nothing["node"] is None
    # coordinators read, never write
    coordinator = world.coordinator.token
    assert await _markdown(api, coordinator, note) == "Rencana minggu ini"
    refused = await api.error(PUSH, {"n": note, "u": b64(update)}, coordinator)
    assert code_of(refused) == "FORBIDDEN"
    # a stranger on the y-websocket endpoint is turned away
    for token in (stranger.token, "rjt_not_a_token"):
        outsider = SocketEditor(api.base_url, token, note)
        with pytest.raises(websockets.InvalidStatus) as refused_socket:
            await outsider.connect()
        assert refused_socket.value.response.status_code == 403
    assert await _markdown(api, mentor.token, note) == "Rencana minggu ini"


async def test_a_read_only_token_reads_the_note_but_does_not_write_it(api: Api) -> None:
    """A token without the write scope is a reader on the y-websocket endpoint, as it is
    over GraphQL, though its person may write."""
    _, _, mentee, _, note = await _pair(api)
    made = await api.ok(
        'mutation { createApiToken(input: {name: "baca", scopes: [READ]}) { token } }',
        {},
        mentee.token,
    )
    read_only = made["createApiToken"]["token"]
    reading = SocketEditor(api.base_url, read_only, note)
    await reading.connect()
    writing = SocketEditor(api.base_url, mentee.token, note)
    await writing.connect()
    try:
        await writing.edit(lambda t: t.insert(0, "Boleh"))
        await settle(lambda: reading.value() == "Boleh")
        await reading.edit(lambda t: t.insert(len(t), " tidak"))
        await settle(lambda: bool(reading.denied))
        assert reading.denied == ["You may read this note but not change it."]
        assert reading.closed_code is None  # refused, not thrown out
        update = b64(_update_for(writing.doc, " juga tidak"))
        refused = await api.error(PUSH, {"n": note, "u": update}, read_only)
        assert code_of(refused) == "FORBIDDEN"
        assert await _markdown(api, mentee.token, note) == "Boleh"
    finally:
        await reading.close()
        await writing.close()


def _update_for(doc: Doc, suffix: str) -> bytes:
    copy = Doc()
    copy.apply_update(doc.get_update())
    text = copy.get("text", type=Text)
    before = copy.get_state()
    text.insert(len(text), suffix)
    return copy.get_update(before)


async def test_bad_updates_change_nothing(api: Api) -> None:
    _, mentor, mentee, _, note = await _pair(api)
    editor = GraphQLEditor(api, mentee.token, note)
    await editor.edit(lambda t: t.insert(0, "Catatan"))
    bad = {
        "not base64": "%%%",
        "not an update": b64(b"\x07\xff\xff\xff\x01garbage"),
        "truncated": b64(_update_for(editor.doc, " lagi")[:-3]),
        "oversized": b64(b"\x00" * (300 * 1024)),
    }
    for why, update in bad.items():
        error = await api.error(PUSH, {"n": note, "u": update}, mentee.token)
        assert code_of(error) == "BAD_USER_INPUT", why
        assert error["extensions"]["field"] == "update", why
    assert code_of(await api.error(SYNC, {"n": note, "sv": b64(b"\xff")}, mentee.token)) == (
        "BAD_USER_INPUT"
    )
    # an update that builds on changes the server never saw is refused, and leaves nothing
    elsewhere = Doc()
    elsewhere_text = elsewhere.get("text", type=Text)
    elsewhere_text.insert(0, "tak pernah dikirim")
    state = elsewhere.get_state()
    elsewhere_text.insert(0, "X")
    dangling = elsewhere.get_update(state)
    error = await api.error(PUSH, {"n": note, "u": b64(dangling)}, mentee.token)
    assert code_of(error) == "CONFLICT"
    assert await _markdown(api, mentor.token, note) == "Catatan"
    # the y-websocket endpoint closes on a malformed update, the note unchanged
    socket = SocketEditor(api.base_url, mentor.token, note)
    await socket.connect()
    await socket.send_raw(bytes([0, 2, 5, 1, 2, 3]))
    await settle(lambda: socket.closed_code is not None)
    assert socket.closed_code == 4400
    assert await _markdown(api, mentor.token, note) == "Catatan"


async def test_socket_and_graphql_editors_share_one_document(api: Api) -> None:
    _, mentor, mentee, _, note = await _pair(api)
    graphql = GraphQLEditor(api, mentor.token, note)
    await graphql.follow()
    socket = SocketEditor(api.base_url, mentee.token, note)
    await socket.connect()
    try:
        await socket.edit(lambda t: t.insert(0, "Dari soket. "))
        await settle(lambda: graphql.value() == "Dari soket. ")
        await graphql.edit(lambda t: t.insert(len(t), "Dari GraphQL."))
        await settle(lambda: socket.value() == "Dari soket. Dari GraphQL.")
        assert await _markdown(api, mentor.token, note) == "Dari soket. Dari GraphQL."
    finally:
        await socket.close()
        await graphql.close()


async def test_someone_removed_loses_the_note_at_once(api: Api) -> None:
    world, _, staying, leaving, group = await started_group_of_two(api)
    note = (await api.ok(RELATIONSHIP_NOTE, {"r": group}, leaving.token))["relationshipNote"]["id"]
    socket = SocketEditor(api.base_url, leaving.token, note)
    await socket.connect()
    await socket.edit(lambda t: t.insert(0, "Halo"))
    await _until_markdown(api, staying.token, note, "Halo")
    query = f'subscription {{ noteUpdates(noteId: "{note}") {{ kind }} }}'
    async with subscribe(api.base_url, leaving.token, query) as follows:
        why = {"r": group, "u": leaving.id, "why": "Pindah program"}
        await api.ok(REMOVE, why, world.coordinator.token)
        async with asyncio.timeout(10):
            ended = json.loads(await follows.ws.recv())
        assert [code_of(e) for e in ended["payload"]["errors"]] == ["FORBIDDEN"]
    await settle(lambda: socket.closed_code is not None)
    assert socket.closed_code == 4403
    update = base64.b64encode(_update_for(socket.doc, " lagi")).decode()
    assert code_of(await api.error(PUSH, {"n": note, "u": update}, leaving.token)) == "NOT_FOUND"
    assert await _markdown(api, staying.token, note) == "Halo"


async def _until_markdown(api: Api, token: str, note: str, expected: str) -> None:
    async with asyncio.timeout(10):
        while await _markdown(api, token, note) != expected:
            await asyncio.sleep(0.05)


async def test_node_yjs_with_y_websocket_edits_alongside_pycrdt(api: Api) -> None:
    missing = node_missing()
    if missing:
        need_service("Node client", missing)
    _, mentor, mentee, _, note = await _pair(api)
    python = GraphQLEditor(api, mentor.token, note)
    await python.follow()
    socket = SocketEditor(api.base_url, mentor.token, note)
    await socket.connect()
    node = NodeEditor(api.base_url, mentee.token, note, ops=60, seed=3, offlineAt=20, offlineOps=15)
    await node.start()
    rng = random.Random(11)
    try:
        await node.expect("synced")
        for _ in range(40):
            await python.edit(lambda t: random_edit(t, rng))
            await socket.edit(lambda t: random_edit(t, rng))
            await asyncio.sleep(0.01)
        await node.expect("done")
        async with asyncio.timeout(20):
            while True:
                server = await _markdown(api, mentee.token, note)
                seen = [await node.value(), python.value(), socket.value()]
                if all(v == server for v in seen):
                    break
                await asyncio.sleep(0.1)
        assert server
    finally:
        await node.close()
        await socket.close()
        await python.close()


async def test_compaction_keeps_the_store_small_and_unused_notes_leave_memory(
    database_url: str, server: str
) -> None:
    """A long editing session: the log is folded into a snapshot after a bound and after a
    quiet spell, the store stays within a small factor of the document, history survives,
    and the document leaves memory once nobody uses it."""
    from strawberry import relay

    from models.notes import Note, NoteUpdate
    from realtime.notes import notes as service
    from resolvers.ids import db_id

    previous = service.settings
    settings = make_settings(
        database_url, note_compact_rows=40, note_compact_delay=0.3, note_idle_seconds=0.6
    )
    service.configure(note_settings(settings))  # the app's lifespan would; it stays off here
    try:
        async with (
            serving_here(create_app(settings), lifespan="off") as base_url,
            Api(base_url) as api,
        ):
            _, mentor, mentee, _, note = await _pair(api)
            editor = GraphQLEditor(api, mentee.token, note)
            rng = random.Random(5)
            for _ in range(300):
                await editor.edit(lambda t: random_edit(t, rng))
            key = db_id(relay.GlobalID.from_id(note), "Note")
            rows_during = await NoteUpdate.filter(note_id=key).count()
            assert rows_during <= 40  # forced compaction at the bound
            async with asyncio.timeout(10):  # the quiet spell folds the rest
                while await NoteUpdate.filter(note_id=key).count():
                    await asyncio.sleep(0.1)
            stored = await Note.get(id=key)
            document = len(editor.doc.get_update())
            assert stored.log_bytes == 0
            assert len(stored.snapshot) <= 2 * document + 64
            assert await _markdown(api, mentor.token, note) == editor.value()
            history = await api.ok(
                "query($n: ID!) { note(id: $n) { contributors { user { id } updates } } }",
                {"n": note},
                mentor.token,
            )
            assert history["note"]["contributors"][0]["user"]["id"] == mentee.id
            assert sum(c["updates"] for c in history["note"]["contributors"]) == 300
            async with asyncio.timeout(10):  # nobody follows it: it leaves memory
                while "rajut_notes_loaded 0.0" not in (await api.http.get("/metrics")).text:
                    await asyncio.sleep(0.1)
    finally:
        service.configure(previous)


PROMOTE = """mutation($n: ID!, $t: String!) { promoteNote(noteId: $n, title: $t) {
  id title body status sourceNoteId authors { id } } }"""
ARTICLE = "query($id: ID!) { article(id: $id) { id title } }"


async def test_notes_are_promoted_to_a_private_draft_by_their_writers_only(api: Api) -> None:
    world, mentor, mentee, _, note = await _pair(api)
    empty = await api.error(PROMOTE, {"n": note, "t": ""}, mentee.token)
    assert code_of(empty) == "CONFLICT"  # nothing written yet
    editor = GraphQLEditor(api, mentee.token, note)
    await editor.sync()
    await editor.edit(lambda text: text.insert(0, "# Bercerita\nMulai dari tokoh."))
    draft = (await api.ok(PROMOTE, {"n": note, "t": "Cara bercerita"}, mentee.token))["promoteNote"]
    assert draft["status"] == "DRAFT" and draft["title"] == "Cara bercerita"
    assert draft["body"] == "# Bercerita\nMulai dari tokoh."
    assert draft["sourceNoteId"] == note and draft["authors"] == [{"id": mentee.id}]
    # the draft is the promoter's alone: the mentor, who shares the notes, does not see it
    hidden = await api.post(ARTICLE, {"id": draft["id"]}, token=mentor.token)
    assert hidden.get("errors") or hidden["data"]["article"] is None
    # a coordinator reads the notes but may not publish the participants' words
    refused = await api.error(PROMOTE, {"n": note, "t": ""}, world.coordinator.token)
    assert code_of(refused) == "FORBIDDEN"
    # nor may a stranger, who cannot even know the note
    stranger = await api.register()
    assert code_of(await api.error(PROMOTE, {"n": note, "t": ""}, stranger.token)) == "NOT_FOUND"


async def test_a_held_sessions_notes_settle_into_their_snapshot(api: Api) -> None:
    """At the end of a session its notes are compacted at once, not after a quiet spell."""
    from strawberry import relay

    from models.notes import NoteUpdate
    from resolvers.ids import db_id
    from tests.test_sessions import SCHEDULE, active_pair, at

    mentor, mentee, relationship, _ = await active_pair(api)  # a programme already running
    await acknowledge(api, relationship, mentor, mentee)
    window = {"relationshipId": relationship, "startsAt": at(-1, 12), "endsAt": at(-1, 13)}
    session = (await api.ok(SCHEDULE, {"i": window}, mentor.token))["scheduleSession"]["id"]
    query = "query($s: ID!) { sessionNote(sessionId: $s) { id } }"
    note = (await api.ok(query, {"s": session}, mentee.token))["sessionNote"]["id"]
    editor = GraphQLEditor(api, mentee.token, note)
    await editor.sync()
    for word in ("Tokoh. ", "Konflik. ", "Akhir."):
        await editor.edit(lambda text, word=word: text.insert(len(str(text)), word))
    key = db_id(relay.GlobalID.from_id(note), "Note")
    assert await NoteUpdate.filter(note_id=key).count() == 3  # the quiet spell is 10 s away
    await api.ok(
        "mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) { id } }",
        {"s": session, "a": [mentee.id]},
        mentor.token,
    )
    assert await NoteUpdate.filter(note_id=key).count() == 0
    assert await _markdown(api, mentor.token, note) == "Tokoh. Konflik. Akhir."
