"""Media relay benchmark: the CPU one relay process spends per room size.

Not a test. For each point a fresh relay process (this file with ``--serve``: a
realtime.relay.RelayHost fed signals as JSON lines on stdin, answering on stdout) hosts one
room, and this process runs N real WebRTC participants (tests/webrtc.py, aiortc) that each
send a tone (and, in video mode, a 320x240 moving picture at 15 fps) and receive everyone
else through the relay. Once every participant receives every other, and after a warm-up,
the relay's CPU time (utime + stime from /proc, all its threads) is sampled over the
measuring window, so the participants' own encoding and decoding are not counted. The
relay runs on CPU 0 and the participants on CPU 1 (``--no-pin`` to let them mix), so the
relay has a core to itself as far as this benchmark goes.

    .venv/bin/python bench/relay.py            # audio 2..10, video 2..5, 10 s a point
    .venv/bin/python bench/relay.py --quick    # fewer points, 4 s each

One JSON line per point: cpu_s_per_s is the relay's CPU seconds per wall second (1.0 = one
core). relay_in and relay_out are the shares of the frames the relay should have received
and handed to its encoders in the window (from RelayHost.stats()); frames_ok is both at
90 % or more, and frames_dropped counts frames it dropped because an encoder was behind.
min_peer_delivery is the worst pair as the participants saw it, which also suffers when
their own process is short of CPU. The last line says how many participants one process
carries: the largest room with frames_ok below --budget (80 % of one core). On a 2-core
machine everything shares the CPU, so figures move with the load (the 1-minute load
average at the end of each point).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROOM = 1
TICKS = os.sysconf("SC_CLK_TCK")
VIDEO = (320, 240)
VIDEO_FPS = 15
FPS = {"audio": 50, "video": VIDEO_FPS}
LIMIT = 2**22  # bytes in one JSON line: SDPs of big rooms


# --- the relay process ----------------------------------------------------------------------


async def serve() -> None:
    from realtime.relay import RelayHost

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out = sys.stdout.buffer

    async def deliver(room_id: int, to: int, kind: str, payload: str) -> None:
        out.write(json.dumps({"to": to, "kind": kind, "payload": payload}).encode() + b"\n")
        out.flush()

    host = RelayHost(deliver)
    while line := await reader.readline():
        message = json.loads(line)
        if message.get("stats"):
            await deliver(ROOM, 0, "stats", json.dumps(host.stats()))
        else:
            await host.signal(ROOM, message["user"], message["kind"], message["payload"])
    await host.close()


# --- the participants -------------------------------------------------------------------------


class RelayProcess:
    """A relay in a child process, reached as the peers' signalling transport."""

    def __init__(self, verbose: bool = False, cpu: int | None = None) -> None:
        self.verbose = verbose
        self.cpu = cpu
        self.proc: asyncio.subprocess.Process | None = None
        self.peers: dict[int, object] = {}
        self.mailboxes: dict[int, object] = {}
        self.largest = {"relay_offer": 0, "peer_answer": 0}
        self._stats: asyncio.Future[dict[str, int]] | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--serve",
            *(["--verbose"] if self.verbose else []),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=LIMIT,
            preexec_fn=None if self.cpu is None else lambda: os.sched_setaffinity(0, {self.cpu}),
        )
        self._reader = asyncio.create_task(self._read())

    def line(self, user_id: int) -> _Line:
        return _Line(self, user_id)

    async def write(self, message: dict[str, object]) -> None:
        assert self.proc and self.proc.stdin
        self.proc.stdin.write(json.dumps(message).encode() + b"\n")
        await self.proc.stdin.drain()

    async def _read(self) -> None:
        assert self.proc and self.proc.stdout
        while line := await self.proc.stdout.readline():
            message = json.loads(line)
            if message["kind"] == "stats":
                if self._stats and not self._stats.done():
                    self._stats.set_result(json.loads(message["payload"]))
                continue
            if message["kind"] == "offer":
                self.largest["relay_offer"] = max(
                    self.largest["relay_offer"], len(message["payload"])
                )
            self.mailboxes[message["to"]].post(None, message["kind"], message["payload"])

    async def stats(self) -> dict[str, int]:
        self._stats = asyncio.get_running_loop().create_future()
        await self.write({"stats": True})
        return await asyncio.wait_for(self._stats, 10)

    def cpu_seconds(self) -> float:
        assert self.proc
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime

    def rss_mb(self) -> float:
        assert self.proc
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    async def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        if self._reader:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader


class _Line:
    def __init__(self, relay: RelayProcess, user_id: int) -> None:
        self.relay = relay
        self.user_id = user_id

    async def send(self, to: str | None, kind: str, payload: str) -> None:
        if kind == "answer":
            self.relay.largest["peer_answer"] = max(self.relay.largest["peer_answer"], len(payload))
        await self.relay.write({"user": self.user_id, "kind": kind, "payload": payload})


async def measure(mode: str, participants: int, args: argparse.Namespace) -> dict[str, object]:
    from realtime.relay import stream_id
    from tests.webrtc import Mailbox, Peer, until

    video = mode != "audio"
    relay = RelayProcess(args.verbose, 0 if args.pin else None)
    await relay.start()
    peers: dict[int, Peer] = {}
    kinds = {"audio", "video"} if video else {"audio"}
    result: dict[str, object] = {"bench": "relay", "mode": mode, "participants": participants}
    try:
        started = time.monotonic()
        for uid in range(1, participants + 1):
            peer = Peer(
                relay.line(uid),
                tone=200.0 + 50 * uid,
                video=VIDEO if video else None,
                fps=VIDEO_FPS,
                keep_audio=False,
            )
            peers[uid] = peer
            relay.mailboxes[uid] = Mailbox(peer.handle)
            await peer.join_relay()

        def everyone() -> bool:
            return all(
                peer.hearing() == {stream_id(o): kinds for o in peers if o != uid}
                and all(peer.frames(stream_id(o), k) >= 5 for o in peers if o != uid for k in kinds)
                for uid, peer in peers.items()
            )

        try:
            await until(everyone, what="everyone hearing everyone", within=60 + 5 * participants)
        except AssertionError:
            result.update(connected=False, frames_ok=False)
            return result
        result["connect_s"] = round(time.monotonic() - started, 1)
        await asyncio.sleep(2)  # warm-up: encoders settle, bitrates adapt

        def counts() -> dict[tuple[int, int, str], int]:
            return {
                (uid, o, k): peer.frames(stream_id(o), k)
                for uid, peer in peers.items()
                for o in peers
                if o != uid
                for k in kinds
            }

        before, stats0 = counts(), await relay.stats()
        cpu0, own0, t0 = relay.cpu_seconds(), time.process_time(), time.monotonic()
        await asyncio.sleep(args.seconds)
        cpu1, own1, t1 = relay.cpu_seconds(), time.process_time(), time.monotonic()
        after, stats1 = counts(), await relay.stats()
        elapsed = t1 - t0
        rate = sum(FPS[k] for k in kinds) * elapsed  # frames one participant sends
        moved = {key: stats1[key] - stats0[key] for key in stats0 if key.startswith("frames_")}
        relay_in = moved["frames_received"] / (participants * rate)
        relay_out = moved["frames_forwarded"] / (participants * (participants - 1) * rate)
        delivery = min((after[key] - before[key]) / (FPS[key[2]] * elapsed) for key in before)
        cpu = (cpu1 - cpu0) / elapsed
        ok = relay_in >= 0.9 and relay_out >= 0.9
        result.update(
            connected=True,
            cpu_percent=round(100 * cpu, 1),
            cpu_s_per_s=round(cpu, 3),
            rss_mb=round(relay.rss_mb(), 1),
            frames_ok=ok,
            relay_in=round(relay_in, 2),
            relay_out=round(relay_out, 2),
            frames_dropped=moved["frames_dropped"],
            min_peer_delivery=round(delivery, 2),
            within_budget=ok and cpu < args.budget,
            forwarded_tracks=stats1["forwarded_tracks"],
            peers_cpu_s_per_s=round((own1 - own0) / elapsed, 3),
            largest_relay_offer_bytes=relay.largest["relay_offer"],
            largest_peer_answer_bytes=relay.largest["peer_answer"],
            measured_s=round(elapsed, 1),
        )
        return result
    finally:
        result["load"] = round(os.getloadavg()[0], 2)
        for box in relay.mailboxes.values():
            await box.close()
        for peer in peers.values():
            await peer.close()
        await relay.stop()


async def run(args: argparse.Namespace) -> None:
    carries: dict[str, int] = {}
    plan = [("audio", n) for n in args.audio] + [
        (f"video-{VIDEO[0]}x{VIDEO[1]}", n) for n in args.video
    ]
    for mode, n in plan:
        result = await measure(mode, n, args)
        print(json.dumps(result), flush=True)
        if result.get("within_budget"):
            carries[mode] = max(carries.get(mode, 0), n)
    print(
        json.dumps(
            {
                "bench": "relay",
                "summary": "participants one relay process carries",
                "budget_cpu_percent": round(100 * args.budget),
                "carries": carries,
                "cpus": os.cpu_count(),
                "pinned": args.pin,
                "load": round(os.getloadavg()[0], 2),
            }
        ),
        flush=True,
    )


def sizes(text: str) -> list[int]:
    """Room sizes; a room of one has nobody to forward to, so sizes start at 2."""
    return [max(2, int(part)) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="fewer points, 4 s each")
    parser.add_argument("--audio", type=sizes, help="room sizes, audio only")
    parser.add_argument("--video", type=sizes, help="room sizes, audio and 320x240 video")
    parser.add_argument("--seconds", type=float, help="measuring window per point")
    parser.add_argument("--budget", type=float, default=0.8, help="CPU share of one core")
    parser.add_argument("--verbose", action="store_true", help="the relay logs what it does")
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="let the relay and the participants share every core (default: relay on CPU 0, "
        "participants on CPU 1, when there are two or more)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.verbose:
        logging.getLogger("rajut.relay").setLevel(logging.INFO)
    if args.serve:
        asyncio.run(serve())
        return
    args.pin = args.pin and {0, 1} <= os.sched_getaffinity(0)
    if args.pin:
        os.sched_setaffinity(0, {1})
    if args.audio is None:
        args.audio = [2, 6, 8] if args.quick else [2, 4, 6, 8, 10]
    if args.video is None:
        args.video = [2, 4] if args.quick else [2, 3, 4, 5]
    if args.seconds is None:
        args.seconds = 4.0 if args.quick else 10.0
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
