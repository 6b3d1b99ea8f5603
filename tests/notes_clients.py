"""Shared-notes clients for tests and benchmarks: real pycrdt documents talking to a running
server, over GraphQL (noteSync, pushNoteUpdate, noteUpdates) or the y-websocket endpoint."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import websockets
from pycrdt import Doc, Text, YMessageType, YSyncMessageType, create_sync_message, read_message

from tests.support import Api

SYNC = """query($n: ID!, $sv: String!) { noteSync(noteId: $n, stateVector: $sv) {
  update stateVector } }"""
PUSH = "mutation($n: ID!, $u: String!) { pushNoteUpdate(noteId: $n, update: $u) { seq } }"
MARKDOWN = "query($n: ID!) { noteMarkdown(noteId: $n) }"
RELATIONSHIP_NOTE = "query($r: ID!) { relationshipNote(relationshipId: $r) { id canWrite } }"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


def random_edit(text: Text, rng: random.Random) -> None:
    """One random insert or delete, as a person typing and erasing would."""
    length = len(text)
    if length and rng.random() < 0.35:
        start = rng.randrange(length)
        del text[start : min(length, start + rng.randint(1, 3))]
    else:
        text.insert(rng.randint(0, length), rng.choice(["a", "b", "ku", " ", "\n", "ng"]))


class GraphQLEditor:
    """A pycrdt document synced over GraphQL: noteUpdates in, pushNoteUpdate out.

    ``online`` False stops sending (edits pile up locally, as on a phone with no signal);
    ``reconnect`` syncs both ways, as a client does after coming back."""

    def __init__(self, api: Api, token: str, note_id: str) -> None:
        self.api, self.token, self.note_id = api, token, note_id
        self.doc = Doc()
        self.text = self.doc.get("text", type=Text)
        self.online = True
        self.acked: list[int] = []
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self.received = asyncio.Event()

    async def sync(self) -> None:
        answer = await self.api.ok(
            SYNC, {"n": self.note_id, "sv": b64(self.doc.get_state())}, self.token
        )
        self.doc.apply_update(unb64(answer["noteSync"]["update"]))
        missing = self.doc.get_update(unb64(answer["noteSync"]["stateVector"]))
        if missing != b"\x00\x00":
            await self.push(missing)

    async def push(self, update: bytes) -> int | None:
        data = await self.api.ok(PUSH, {"n": self.note_id, "u": b64(update)}, self.token)
        seq = data["pushNoteUpdate"]["seq"]
        if seq is not None:
            self.acked.append(seq)
        return seq

    async def edit(self, change: Callable[[Text], None]) -> None:
        before = self.doc.get_state()
        with self.doc.transaction():
            change(self.text)
        if self.online:
            await self.push(self.doc.get_update(before))

    async def follow(self) -> None:
        url = self.api.base_url.replace("http://", "ws://") + "/graphql"
        self._ws = await websockets.connect(url, subprotocols=["graphql-transport-ws"])
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {self.token}"}}
        await self._ws.send(json.dumps(init))
        assert json.loads(await self._ws.recv())["type"] == "connection_ack"
        query = "subscription($n: ID!) { noteUpdates(noteId: $n) { kind message seq } }"
        payload = {"query": query, "variables": {"n": self.note_id}}
        await self._ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        self._reader = asyncio.create_task(self._read())
        await asyncio.sleep(0.2)

    async def _read(self) -> None:
        async for raw in self._ws:
            message = json.loads(raw)
            if message["type"] != "next" or not message["payload"].get("data"):
                continue
            event = message["payload"]["data"]["noteUpdates"]
            framed = unb64(event["message"])
            if event["kind"] == "UPDATE" and self.online:
                self.doc.apply_update(read_message(framed[2:]))
                self.received.set()

    async def go_offline(self) -> None:
        self.online = False

    async def reconnect(self) -> None:
        self.online = True
        await self.sync()

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
        if self._ws is not None:
            await self._ws.close()

    def value(self) -> str:
        return str(self.text)


class SocketEditor:
    """A pycrdt document on the y-websocket endpoint, speaking y-protocols as y-websocket
    does: sync step 1 on open, answer the server's step 1, then updates both ways."""

    def __init__(self, base_url: str, token: str, note_id: str) -> None:
        self.url = f"{base_url.replace('http://', 'ws://')}/notes/{note_id}?token={token}"
        self.doc = Doc()
        self.text = self.doc.get("text", type=Text)
        self.ws: Any = None
        self._reader: asyncio.Task[None] | None = None
        self.synced = asyncio.Event()
        self.closed_code: int | None = None
        self.denied: list[str] = []

    async def connect(self) -> None:
        self.synced = asyncio.Event()
        self.ws = await websockets.connect(self.url)
        await self.ws.send(create_sync_message(self.doc))
        self._reader = asyncio.create_task(self._read())
        async with asyncio.timeout(10):
            await self.synced.wait()

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                if frame[0] == YMessageType.SYNC:
                    step, payload = frame[1], read_message(frame[2:])
                    if step == YSyncMessageType.SYNC_STEP1:
                        update = self.doc.get_update(payload)
                        await self.ws.send(bytes([0, 1]) + _framed(update))
                    else:
                        self.doc.apply_update(payload)
                        if step == YSyncMessageType.SYNC_STEP2:
                            self.synced.set()
                elif frame[0] == 2:
                    self.denied.append(frame[3:].decode())
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed_code = self.ws.close_code
            self.synced.set()

    async def edit(self, change: Callable[[Text], None]) -> None:
        before = self.doc.get_state()
        with self.doc.transaction():
            change(self.text)
        await self.ws.send(bytes([0, 2]) + _framed(self.doc.get_update(before)))

    async def send_raw(self, frame: bytes) -> None:
        await self.ws.send(frame)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            with contextlib.suppress(BaseException):
                await self._reader

    def value(self) -> str:
        return str(self.text)


def _framed(data: bytes) -> bytes:
    from pycrdt import write_message

    return write_message(data)


async def settle(check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait until ``check()`` holds (clients converge asynchronously)."""
    async with asyncio.timeout(seconds):
        while not check():
            await asyncio.sleep(0.05)


NODE_DIR = Path(__file__).resolve().parent / "node"


def node_missing() -> str | None:
    """Why the Node client cannot run here (None when it can): `make test` runs `npm ci`."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (NODE_DIR / "node_modules" / "y-websocket").is_dir():
        return "tests/node/node_modules is missing (run `npm ci` in tests/node, or `make test`)"
    return None


class NodeEditor:
    """tests/node/editor.mjs: the real npm yjs + y-websocket provider, in a Node process."""

    def __init__(self, base_url: str, token: str, note_id: str, **options: Any) -> None:
        self.options = {
            "base": base_url.replace("http://", "ws://"),
            "token": token,
            "note": note_id,
            "ops": 0,
            **options,
        }
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            "node",
            str(NODE_DIR / "editor.mjs"),
            json.dumps(self.options),
            cwd=NODE_DIR,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )

    async def expect(self, key: str, seconds: float = 30.0) -> dict[str, Any]:
        assert self.process is not None and self.process.stdout is not None
        async with asyncio.timeout(seconds):
            while True:
                line = await self.process.stdout.readline()
                if not line:
                    raise AssertionError(f"the Node editor ended before saying {key!r}")
                message = json.loads(line)
                if key in message:
                    return message

    async def value(self) -> str:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(b"text\n")
        await self.process.stdin.drain()
        return (await self.expect("text"))["text"]

    async def close(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        with contextlib.suppress(Exception):
            assert self.process.stdin is not None
            self.process.stdin.write(b"exit\n")
            await self.process.stdin.drain()
        try:
            async with asyncio.timeout(5):
                await self.process.wait()
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
