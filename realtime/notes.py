"""The shared-notes document service: one per process, behind GraphQL and the y-websocket
endpoint alike.

A document is loaded from the database on first use (``models.notes.load``), kept in memory
while anyone uses it, and unloaded after ``NOTE_IDLE_SECONDS`` without use (compacting first),
so memory follows the documents in use, not every document ever opened.

An update from a client is checked (size, decoding: ``models.notes.check_update``), applied
under the document's lock, and only the change it really made is appended to the log; once
the append has committed it is acknowledged, sent to this process's other connections and
published on the broker with its ``seq``. Other processes holding the document apply it;
one that sees a seq it cannot place (it missed broker traffic, or Redis reconnected) reads
the rows it lacks from the log, which is the truth. Awareness (who is here, cursors) travels
the same way but is never stored, and a connection's awareness is removed when it drops.

Compaction (``models.notes.compact``) runs after ``NOTE_COMPACT_DELAY`` seconds without edits,
at once when the log passes ``NOTE_COMPACT_ROWS`` rows or ``NOTE_COMPACT_BYTES`` bytes, and
when the document is unloaded.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Counter, Gauge
from pycrdt import (
    Awareness,
    Doc,
    TransactionEvent,
    create_awareness_message,
    create_update_message,
    merge_updates,
)

from models import notes as stored
from models.accounts import User
from models.errors import BadInput, Conflict, Forbidden, RajutError, TooSlow
from models.notes import Limits, Note, NoteAccess
from realtime.broker import RESYNC, broker

log = logging.getLogger("rajut.notes")

PROCESS = secrets.token_hex(8)  # tells this process's publications from others'
PEER_QUEUE = 1024  # messages waiting for one connection before it is dropped as too slow
MAX_AWARENESS = 32 * 1024


LOADED = Gauge("rajut_notes_loaded", "Shared-notes documents held in this process's memory.")
COMPACTIONS = Counter("rajut_notes_compactions_total", "Note logs folded into their snapshot.")
UPDATES = Counter("rajut_notes_updates_total", "Note updates stored by this process.")


def note_topic(note_id: int) -> str:
    return f"note:{note_id}"


@dataclass(frozen=True)
class NoteSettings:
    limits: Limits = field(default_factory=Limits)
    idle_seconds: float = 60.0
    compact_delay: float = 10.0
    compact_rows: int = 500
    compact_bytes: int = 256 * 1024


@dataclass(frozen=True)
class Outgoing:
    """One y-protocols message for a connection: an update (with its log seq) or awareness."""

    kind: str  # "update" | "awareness"
    message: bytes  # framed: [0, 2, len, update] or [1, len, awareness update]
    seq: int | None = None


CLOSE = Outgoing("close", b"")


@dataclass(eq=False)
class Peer:
    """One connection following one note: a bounded outbox, and the awareness clients it
    announced (removed for everyone when it leaves)."""

    user: User
    connection: str
    queue: asyncio.Queue[Outgoing] = field(default_factory=lambda: asyncio.Queue(PEER_QUEUE))
    awareness_clients: set[int] = field(default_factory=set)
    closed: RajutError | None = None  # why the server ended it

    def send(self, item: Outgoing) -> None:
        if self.closed is not None:
            return
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.close(TooSlow("This connection fell too far behind the note; reconnect."))

    def close(self, reason: RajutError) -> None:
        if self.closed is not None:
            return
        self.closed = reason
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(CLOSE)
        if self.queue.full():  # make room for the end marker: the peer is leaving anyway
            with contextlib.suppress(asyncio.QueueEmpty):
                self.queue.get_nowait()
            self.queue.put_nowait(CLOSE)

    async def messages(self) -> AsyncIterator[Outgoing]:
        while True:
            item = await self.queue.get()
            if item is CLOSE:
                return
            yield item


class LiveNote:
    """A loaded document, its awareness, and this process's connections to it."""

    def __init__(self, note: Note, doc: Doc, through: int) -> None:
        self.note = note
        self.doc = doc
        self.lock = asyncio.Lock()
        self.through = through  # every seq up to here is applied
        self.above: set[int] = set()  # seqs beyond ``through`` applied out of order
        self.awareness = Awareness(doc)
        self.peers: set[Peer] = set()
        self.last_used = time.monotonic()
        self.last_edit = 0.0
        self.dirty = False  # rows written since the last compaction this process ran
        self.compacting = False
        self.listener: asyncio.Task[None] | None = None
        self.size = len(doc.get_update())  # bytes, grown by each update until measured again
        self._changes: list[bytes] = []
        self._observer = doc.observe(self._record)

    def _record(self, event: TransactionEvent) -> None:
        if event.update != stored.EMPTY_UPDATE:
            self._changes.append(event.update)

    def replace(self, doc: Doc, through: int) -> None:
        """Swap in a document freshly loaded from the database."""
        self.doc.unobserve(self._observer)
        self.doc, self.through, self.above = doc, through, set()
        self.size = len(doc.get_update())
        self._observer = doc.observe(self._record)

    def apply(self, update: bytes) -> bytes | None:
        """Apply; the change it really made (None when it changed nothing)."""
        self._changes.clear()
        self.doc.apply_update(update)
        changes, self._changes = self._changes, []
        if not changes:
            return None
        return changes[0] if len(changes) == 1 else merge_updates(*changes)

    def mark(self, seq: int) -> None:
        if seq <= self.through:
            return
        self.above.add(seq)
        while self.through + 1 in self.above:
            self.through += 1
            self.above.discard(self.through)

    def has(self, seq: int) -> bool:
        return seq <= self.through or seq in self.above

    def broadcast(self, item: Outgoing, *, skip: str | None = None) -> None:
        for peer in list(self.peers):
            if peer.connection != skip:
                peer.send(item)

    def remote_awareness(self) -> bytes | None:
        """Everyone's awareness but the server's own, for a newcomer."""
        clients = [c for c in self.awareness.states if c != self.awareness.client_id]
        if not clients:
            return None
        return self.awareness.encode_awareness_update(clients)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


class NoteService:
    def __init__(self) -> None:
        self.settings = NoteSettings()
        self._live: dict[int, LiveNote] = {}
        self._loading: dict[int, asyncio.Lock] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    def configure(self, settings: NoteSettings) -> None:
        self.settings = settings

    @property
    def loaded(self) -> int:
        return len(self._live)

    # --- loading and unloading ----------------------------------------------------------

    async def open(self, note: Note) -> LiveNote:
        live = self._live.get(note.id)
        if live is None:
            lock = self._loading.setdefault(note.id, asyncio.Lock())
            async with lock:
                live = self._live.get(note.id)
                if live is None:
                    doc, through = await stored.load(note.id)
                    live = LiveNote(note, doc, through)
                    ready = asyncio.Event()
                    live.listener = self._spawn(self._listen(live, ready))
                    await ready.wait()
                    self._live[note.id] = live
                    LOADED.set(len(self._live))
            self._loading.pop(note.id, None)
            self._ensure_sweeper()
        live.last_used = time.monotonic()
        return live

    def _spawn(self, coroutine: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _ensure_sweeper(self) -> None:
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = self._spawn(self._sweep())

    async def _sweep(self) -> None:
        """Compact quiet documents and unload unused ones."""
        while self._live:
            step = max(0.05, min(self.settings.idle_seconds, self.settings.compact_delay) / 4)
            await asyncio.sleep(step)
            moment = time.monotonic()
            for live in list(self._live.values()):
                if live.dirty and moment - live.last_edit >= self.settings.compact_delay:
                    self._compact_soon(live)
                if not live.peers and moment - live.last_used >= self.settings.idle_seconds:
                    await self.unload(live.note.id)

    async def unload(self, note_id: int) -> None:
        live = self._live.pop(note_id, None)
        LOADED.set(len(self._live))
        if live is None:
            return
        if live.listener is not None:
            live.listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await live.listener
        for peer in list(live.peers):
            peer.close(TooSlow("The note was unloaded; reconnect."))
        live.doc.unobserve(live._observer)
        if live.dirty:
            await self._compact(live.note.id)

    async def close(self) -> None:
        """At shutdown: compact what is dirty, drop everything."""
        for note_id in list(self._live):
            with contextlib.suppress(Exception):
                await self.unload(note_id)
        if self._sweeper is not None:
            self._sweeper.cancel()
        for task in list(self._tasks):
            task.cancel()

    # --- compaction ---------------------------------------------------------------------

    def _compact_soon(self, live: LiveNote) -> None:
        if live.compacting:
            return
        live.compacting, live.dirty = True, False

        async def run() -> None:
            try:
                await self._compact(live.note.id)
            finally:
                live.compacting = False

        self._spawn(run())

    async def _compact(self, note_id: int) -> None:
        try:
            if await stored.compact(note_id) is not None:
                COMPACTIONS.inc()
        except Exception:  # the log stays; the next pass tries again
            log.exception("compacting note %s failed", note_id)

    # --- the broker ---------------------------------------------------------------------

    async def _listen(self, live: LiveNote, ready: asyncio.Event) -> None:
        note_id = live.note.id
        try:
            async with broker().subscribe(note_topic(note_id), resync=True) as feed:
                ready.set()
                await self._catch_up(live)  # rows committed between loading and subscribing
                async for message in feed:
                    try:
                        await self._on_broker(live, message)
                    except Exception:
                        log.exception("note %s: broker message failed", note_id)
        except asyncio.CancelledError:
            raise
        except Exception:  # the feed failed (too slow): drop the document, reload on use
            log.warning("note %s: live feed ended; unloading", note_id)
            ready.set()
            self._live.pop(note_id, None)
            for peer in list(live.peers):
                peer.close(TooSlow("The note's live feed was interrupted; reconnect."))

    async def _on_broker(self, live: LiveNote, message: dict[str, Any]) -> None:
        if message is RESYNC:
            await self._catch_up(live)
            return
        if message.get("process") == PROCESS:
            return
        kind = message.get("kind")
        if kind == "update":
            seq, data = message.get("seq"), _unb64(str(message.get("data", "")))
            if isinstance(seq, int) and data:
                await self._remote_update(live, seq, data)
        elif kind == "awareness":
            data = _unb64(str(message.get("data", "")))
            if data:
                with contextlib.suppress(Exception):
                    live.awareness.apply_awareness_update(data, "remote")
                live.broadcast(Outgoing("awareness", create_awareness_message(data)))
        elif kind == "evict":
            self._evict_local(live, message.get("user"))

    async def _remote_update(self, live: LiveNote, seq: int, data: bytes) -> None:
        async with live.lock:
            if live.has(seq):
                return
            if seq != live.through + 1:  # something before it never arrived: read the log
                await self._catch_up_locked(live)
                return
            live.apply(data)
            live.mark(seq)
            live.size += len(data)
        live.broadcast(Outgoing("update", create_update_message(data), seq))

    async def _catch_up(self, live: LiveNote) -> None:
        async with live.lock:
            await self._catch_up_locked(live)

    async def _catch_up_locked(self, live: LiveNote) -> None:
        """Apply (and pass on) every logged update this process has not applied."""
        try:
            rows = await stored.updates_after(live.note.id, live.through)
        except Exception:
            log.exception("note %s: catching up failed", live.note.id)
            return
        if rows and rows[0][0] > live.through + 1 and not live.has(rows[0][0] - 1):
            # compacted meanwhile: the rows we lack are in the snapshot now
            doc, through = await stored.load(live.note.id)
            live.replace(doc, through)
            update = doc.get_update()
            live.broadcast(Outgoing("update", create_update_message(update), through))
            return
        for seq, data in rows:
            if live.has(seq):
                continue
            live.apply(data)
            live.mark(seq)
            live.size += len(data)
            live.broadcast(Outgoing("update", create_update_message(data), seq))

    # --- what clients do ----------------------------------------------------------------

    async def attach(self, note: Note, peer: Peer) -> LiveNote:
        """Let ``peer`` follow ``note``. The peer is made by its connection beforehand, so it
        can be closed (access withdrawn) even while the note is still loading."""
        live = await self.open(note)
        live.peers.add(peer)
        return live

    async def detach(self, live: LiveNote, peer: Peer) -> None:
        live.peers.discard(peer)
        live.last_used = time.monotonic()
        gone = [c for c in peer.awareness_clients if c in live.awareness.states]
        if gone:
            # tell everyone the connection's clients left: state null, clock moved on
            for client in gone:
                meta = live.awareness.meta.get(client, {"clock": 0})
                live.awareness.meta[client] = {**meta, "clock": meta["clock"] + 1}
            data = _encode_removal(live, gone)
            live.awareness.remove_awareness_states(gone, "disconnect")
            live.broadcast(Outgoing("awareness", create_awareness_message(data)))
            await self._publish(live.note.id, {"kind": "awareness", "data": _b64(data)})

    async def sync(self, granted: NoteAccess, state_vector: bytes) -> tuple[bytes, bytes]:
        """What a client with ``state_vector`` lacks, and the server's state vector."""
        stored.check_state_vector(state_vector)
        live = await self.open(granted.note)
        async with live.lock:
            return live.doc.get_update(state_vector), live.doc.get_state()

    async def push(
        self, granted: NoteAccess, update: bytes, author: User, origin: str | None
    ) -> int | None:
        """Apply, store, then acknowledge (return) and pass on an update: its seq, or None
        when it changed nothing the server did not already have."""
        stored.require_write(granted)
        limits = self.settings.limits
        stored.check_update(update, limits)
        live = await self.open(granted.note)
        live.last_used = time.monotonic()
        async with live.lock:
            if live.size + len(update) > limits.max_document:
                self._refuse_oversize(live, update, limits)
            try:
                change = live.apply(update)
            except BaseException:  # yrs may panic on a hostile update: start from the log
                await self._reload(live)
                raise BadInput("That update could not be applied.", field="update") from None
            if stored.missing_dependencies(live.doc, update):
                # maybe another process stored what it builds on: read the log and retry
                await self._reload(live)
                change = live.apply(update)
                if stored.missing_dependencies(live.doc, update):
                    await self._reload(live)
                    raise stored.conflict_missing()
            if change is None:
                return None
            try:
                appended = await stored.append(live.note.id, change, author.id)
            except BaseException:
                await self._reload(live)  # memory must not hold what the log lacks
                raise
            if appended.seq != live.through + 1 and not live.has(appended.seq - 1):
                live.mark(appended.seq)
                await self._catch_up_locked(live)
            live.mark(appended.seq)
            UPDATES.inc()
            live.size += len(change)
            live.last_edit, live.dirty = time.monotonic(), True
        message = Outgoing("update", create_update_message(change), appended.seq)
        live.broadcast(message, skip=origin)
        await self._publish(
            live.note.id,
            {"kind": "update", "seq": appended.seq, "data": _b64(change)},
        )
        if (
            appended.log_rows >= self.settings.compact_rows
            or appended.log_bytes >= self.settings.compact_bytes
        ):
            self._compact_soon(live)
        return appended.seq

    def _refuse_oversize(self, live: LiveNote, update: bytes, limits: Limits) -> None:
        """Measure for real on a copy (the running size only ever overestimates)."""
        copy = Doc()
        copy.apply_update(live.doc.get_update())
        live.size = len(copy.get_update())
        copy.apply_update(update)
        if len(copy.get_update()) > limits.max_document:
            raise Conflict(
                f"The note would grow beyond {limits.max_document} bytes; start another note.",
                field="update",
            )

    async def _reload(self, live: LiveNote) -> None:
        doc, through = await stored.load(live.note.id)
        live.replace(doc, through)

    async def awareness(self, live: LiveNote, peer: Peer | None, data: bytes) -> None:
        """Apply a connection's awareness update and pass it on (never stored)."""
        if not data or len(data) > MAX_AWARENESS:
            raise BadInput("That awareness update is empty or too large.", field="update")
        try:
            clients = _awareness_clients(data)
            live.awareness.apply_awareness_update(data, "client")
        except Exception:
            raise BadInput("That is not a y-protocols awareness update.", field="update") from None
        if peer is not None:
            for client, has_state in clients:
                (peer.awareness_clients.add if has_state else peer.awareness_clients.discard)(
                    client
                )
        live.last_used = time.monotonic()
        live.broadcast(
            Outgoing("awareness", create_awareness_message(data)),
            skip=peer.connection if peer else None,
        )
        await self._publish(live.note.id, {"kind": "awareness", "data": _b64(data)})

    async def _publish(self, note_id: int, message: dict[str, Any]) -> None:
        try:
            await broker().publish(note_topic(note_id), {**message, "process": PROCESS})
        except Exception:  # at most once: other processes catch up from the log
            log.warning("note %s: publishing failed", note_id)

    # --- removal ------------------------------------------------------------------------

    async def evict(self, relationship_id: int, user_id: int) -> None:
        """Someone left a relationship: drop their connections to its notes, everywhere."""
        note_ids = await Note.filter(relationship_id=relationship_id).values_list("id", flat=True)
        for note_id in note_ids:
            await broker().publish(note_topic(note_id), {"kind": "evict", "user": user_id})

    def _evict_local(self, live: LiveNote, user_id: Any) -> None:
        for peer in list(live.peers):
            if peer.user.id == user_id:
                peer.close(Forbidden("You no longer have access to this note.", field="noteId"))


def _awareness_clients(data: bytes) -> list[tuple[int, bool]]:
    """The (client id, has a state) pairs an awareness update carries; raises if malformed."""
    from pycrdt import Decoder

    decoder = Decoder(data)
    found = []
    for _ in range(decoder.read_var_uint()):
        client = decoder.read_var_uint()
        decoder.read_var_uint()  # clock
        state = decoder.read_var_string()
        found.append((client, state not in ("", "null")))
    return found


def _encode_removal(live: LiveNote, clients: list[int]) -> bytes:
    from pycrdt import Encoder

    encoder = Encoder()
    encoder.write_var_uint(len(clients))
    for client in clients:
        encoder.write_var_uint(client)
        encoder.write_var_uint(live.awareness.meta[client]["clock"])
        encoder.write_var_string("null")
    return encoder.to_bytes()


notes = NoteService()
