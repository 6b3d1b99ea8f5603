"""Shared-notes benchmark: editors typing into documents through a running `rajut serve`.

Not a test. It starts one `rajut serve` (SQLite in a temporary folder), makes a coordinator
and programme-wide notes through the public API, and connects pycrdt editors to the
y-websocket endpoint (`/notes/<id>`), exactly as browsers would:

1. `one-document`: 5 editors typing into one document;
2. `fifty-documents`: 50 documents x 5 editors (250 connections);
3. `open-close`: 1,000 documents opened (one edit each) and closed, then left idle.

Each phase prints one JSON line on stdout: updates per second stored by the server, p50/p99
from one editor's update to the other editors' receipt (matched by the Yjs clock the update
brings: an editor has received edit k of another when its state vector reaches that clock),
the server's RSS, and the stored size (log rows + snapshot) before and after compaction next
to the document's own size. A short table follows on stderr.

    .venv/bin/python bench/notes.py [--seconds 10] [--rate 8] [--rate-many 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.notes import decode_state_vector  # noqa: E402
from tests.notes_clients import SocketEditor  # noqa: E402
from tests.support import Api, open_programme, rajut, serving  # noqa: E402

CREATE = """mutation($p: ID!, $t: String!) { createProgrammeNote(programmeId: $p, title: $t) {
  id } }"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stored_bytes(database: Path, note_key: int) -> tuple[int, int, int]:
    """(log rows, log bytes, snapshot bytes) as stored."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        rows, log = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM note_updates WHERE note_id = ?",
            (note_key,),
        ).fetchone()
        (snapshot,) = db.execute(
            "SELECT COALESCE(LENGTH(snapshot), 0) FROM notes WHERE id = ?", (note_key,)
        ).fetchone()
    return rows, log, snapshot


class TimedEditor(SocketEditor):
    """A y-websocket editor that notes when it sent each edit and when others' arrived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[tuple[int, float]] = []  # (clock after the edit, when)
        self.peers: list[TimedEditor] = []
        self.latencies: list[float] = []
        self._seen: dict[int, int] = {}  # per peer: how many of its edits were received

    async def _read(self) -> None:  # the parent's reader, with arrival bookkeeping
        from pycrdt import YMessageType, YSyncMessageType, read_message

        from tests.notes_clients import _framed

        try:
            async for frame in self.ws:
                if frame[0] != YMessageType.SYNC:
                    continue
                step, payload = frame[1], read_message(frame[2:])
                if step == YSyncMessageType.SYNC_STEP1:
                    await self.ws.send(bytes([0, 1]) + _framed(self.doc.get_update(payload)))
                    continue
                self.doc.apply_update(payload)
                if step == YSyncMessageType.SYNC_STEP2:
                    self.synced.set()
                arrived = time.perf_counter()
                clocks = decode_state_vector(self.doc.get_state())
                for index, peer in enumerate(self.peers):
                    have = clocks.get(peer.doc.client_id, 0)
                    k = self._seen.get(index, 0)
                    while k < len(peer.sent) and peer.sent[k][0] <= have:
                        self.latencies.append(arrived - peer.sent[k][1])
                        k += 1
                    self._seen[index] = k
        except Exception:
            pass
        finally:
            self.synced.set()

    async def type(self, seconds: float, rate: float, rng: random.Random) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            length = len(self.text)
            before = self.doc.get_state()
            with self.doc.transaction():
                if length > 20 and rng.random() < 0.2:
                    del self.text[rng.randrange(length)]
                else:
                    self.text.insert(rng.randint(0, length), rng.choice("abcdefghij kl"))
            update = self.doc.get_update(before)
            clock = decode_state_vector(self.doc.get_state()).get(self.doc.client_id, 0)
            self.sent.append((clock, time.perf_counter()))
            await self.ws.send(bytes([0, 2]) + _framed_update(update))
            await asyncio.sleep(rng.expovariate(rate))


def _framed_update(update: bytes) -> bytes:
    from pycrdt import write_message

    return write_message(update)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def editing_phase(
    name: str,
    base_url: str,
    token: str,
    notes: list[str],
    editors_per_note: int,
    seconds: float,
    rate: float,
    pid: int,
    database: Path,
) -> dict[str, Any]:
    groups: list[list[TimedEditor]] = []
    for note in notes:
        group = [TimedEditor(base_url, token, note) for _ in range(editors_per_note)]
        for editor in group:
            editor.peers = [e for e in group if e is not editor]
            await editor.connect()
        groups.append(group)
    rss_open = rss_mb(pid)
    rng = random.Random(2026)
    started = time.perf_counter()
    key = _note_key(notes[0])
    largest = [0, 0, 0]

    async def watch_store() -> None:  # the log's size while editing, before compaction
        while True:
            now = stored_bytes(database, key)
            if now[1] + now[2] >= largest[1] + largest[2]:
                largest[:] = now
            await asyncio.sleep(0.2)

    watcher = asyncio.create_task(watch_store())
    server_cpu, client_cpu = cpu_seconds(pid), time.process_time()
    await asyncio.gather(
        *(e.type(seconds, rate, random.Random(rng.random())) for g in groups for e in g)
    )
    elapsed = time.perf_counter() - started
    server_cpu, client_cpu = cpu_seconds(pid) - server_cpu, time.process_time() - client_cpu
    await asyncio.sleep(1.0)  # the last updates arrive
    watcher.cancel()
    sent = sum(len(e.sent) for g in groups for e in g)
    latencies = [x * 1000 for g in groups for e in g for x in e.latencies]
    before = tuple(largest)
    document = len(groups[0][0].doc.get_update())
    rss_editing = rss_mb(pid)
    for group in groups:
        for editor in group:
            await editor.close()
    await asyncio.sleep(4.0)  # quiet spell: compaction; idle: unload
    after = stored_bytes(database, key)
    return {
        "bench": "notes",
        "phase": name,
        "documents": len(notes),
        "editors": len(notes) * editors_per_note,
        "updates": sent,
        "updates_per_s": round(sent / elapsed, 1),
        "p50_ms": _round(percentile(latencies, 0.5)),
        "p99_ms": _round(percentile(latencies, 0.99)),
        "deliveries": len(latencies),
        "server_cpu_share": round(server_cpu / elapsed, 2),  # of one core, while typing
        "client_cpu_share": round(client_cpu / elapsed, 2),
        "load_average": os.getloadavg()[0],
        "rss_open_mb": round(rss_open, 1),
        "rss_editing_mb": round(rss_editing, 1),
        "rss_after_close_mb": round(rss_mb(pid), 1),
        "document_bytes": document,
        "stored_largest": {"log_rows": before[0], "log_bytes": before[1], "snapshot": before[2]},
        "stored_after": {"log_rows": after[0], "log_bytes": after[1], "snapshot": after[2]},
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _note_key(gid: str) -> int:
    import base64

    return int(base64.b64decode(gid).decode().split(":")[1])


async def open_close_phase(
    base_url: str, token: str, notes: list[str], pid: int, baseline: float
) -> dict[str, Any]:
    gate = asyncio.Semaphore(50)
    peak = 0.0

    async def touch(note: str) -> None:
        nonlocal peak
        async with gate:
            editor = SocketEditor(base_url, token, note)
            await editor.connect()
            await editor.edit(lambda text: text.insert(0, "rencana musim ini"))
            await asyncio.sleep(0.05)
            peak = max(peak, rss_mb(pid))
            await editor.close()

    started = time.perf_counter()
    await asyncio.gather(*(touch(n) for n in notes))
    opened = time.perf_counter() - started
    await asyncio.sleep(6.0)  # idle: every document leaves memory
    async with httpx.AsyncClient() as http:
        metrics = (await http.get(base_url + "/metrics")).text
    loaded = next(
        (float(line.split()[1]) for line in metrics.splitlines()
         if line.startswith("rajut_notes_loaded ")),
        None,
    )  # fmt: skip
    return {
        "bench": "notes",
        "phase": "open-close",
        "documents": len(notes),
        "seconds": round(opened, 1),
        "rss_baseline_mb": round(baseline, 1),
        "rss_peak_mb": round(peak, 1),
        "rss_after_idle_mb": round(rss_mb(pid), 1),
        "documents_in_memory_after_idle": loaded,
    }


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.read(65536):
        pass


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        database = tmp / "rajut.sqlite3"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"sqlite://{database}",
            "SECRET_KEY": "bench",
            "NOTE_IDLE_SECONDS": "2",
            "NOTE_COMPACT_DELAY": "1",
            "FOLLOWUP_INTERVAL": "3600",
            "REGISTER_LIMIT_PER_ADDRESS": "1000/hour",
        }
        await rajut("migrate", cwd=tmp, env=env)
        async with (
            serving(env, tmp) as served,
            Api(served.base_url, database_url=env["DATABASE_URL"]) as api,
        ):
            assert served.process is not None and served.process.stdout is not None
            pid = served.process.pid
            # the server logs every WebSocket; read its pipe or it blocks once the pipe is full
            drain = asyncio.create_task(_drain(served.process.stdout))
            world = await open_programme(api)
            token = world.coordinator.token

            async def new_notes(n: int, prefix: str) -> list[str]:
                made = []
                for i in range(n):
                    data = await api.ok(
                        CREATE, {"p": world.programme_id, "t": f"{prefix} {i}"}, token
                    )
                    made.append(data["createProgrammeNote"]["id"])
                return made

            warm = await new_notes(1, "pemanasan")
            await open_close_phase(served.base_url, token, warm, pid, 0.0)
            baseline = rss_mb(pid)
            lines = []
            one = await new_notes(1, "satu")
            lines.append(
                await editing_phase(
                    "one-document", served.base_url, token, one, 5, args.seconds, args.rate,
                    pid, database,
                )
            )  # fmt: skip
            print(json.dumps(lines[-1]), flush=True)
            fifty = await new_notes(50, "lima puluh")
            lines.append(
                await editing_phase(
                    "fifty-documents", served.base_url, token, fifty, 5, args.seconds,
                    args.rate_many, pid, database,
                )
            )  # fmt: skip
            print(json.dumps(lines[-1]), flush=True)
            thousand = await new_notes(args.documents, "seribu")
            lines.append(await open_close_phase(served.base_url, token, thousand, pid, baseline))
            print(json.dumps(lines[-1]), flush=True)
            drain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drain
    for line in lines:
        print(
            f"{line['phase']:>16}: "
            + ", ".join(f"{k}={v}" for k, v in line.items() if k not in ("bench", "phase")),
            file=sys.stderr,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="typing time per phase")
    parser.add_argument("--rate", type=float, default=8.0, help="edits/s per editor, 5 editors")
    parser.add_argument("--rate-many", type=float, default=1.0, help="edits/s, 250 editors")
    parser.add_argument("--documents", type=int, default=1000, help="opened and closed")
    asyncio.run(main(parser.parse_args()))
