"""A real WebRTC participant for tests and benchmarks: aiortc playing the browser's part.

``Peer`` speaks the same signals as the web client (payload formats in realtime/relay.py)
through any transport with ``async send(to, kind, payload)``: ``to`` is the other
participant's id in a mesh and ``None`` for the room's media relay. Incoming signals go to
``await peer.handle(sender, kind, payload)`` (``sender`` ``None`` for the relay). It sends
a tone of its own frequency (and optionally a small moving picture), and records every
m-line it receives: whose stream it carries (msid), whether the remote side sends on it,
how many frames arrived and what the audio sounds like, so tests can tell who they hear.

``Switchboard`` is the in-memory transport: ordered per recipient and decoupled (a peer's
reply never runs inside the sender's call), as over the real API.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import inspect
import json
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from aiortc import (
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.rtcconfiguration import RTCBundlePolicy
from aiortc.sdp import SessionDescription, candidate_from_sdp
from av import AudioFrame, VideoFrame

SAMPLE_RATE = 48_000
AUDIO_SAMPLES = 960  # 20 ms


class Transport(Protocol):
    async def send(self, to: str | None, kind: str, payload: str) -> None: ...


class ToneTrack(MediaStreamTrack):
    """A sine tone, 48 kHz mono, in real-time 20 ms frames."""

    kind = "audio"

    def __init__(self, hz: float, level: float = 0.3) -> None:
        super().__init__()
        self.hz = hz
        self._level = level * 32767
        self._sent = 0
        self._start: float | None = None

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            await asyncio.sleep(self._start + self._sent / SAMPLE_RATE - time.monotonic())
        t = (self._sent + np.arange(AUDIO_SAMPLES)) / SAMPLE_RATE
        samples = (np.sin(2 * np.pi * self.hz * t) * self._level).astype(np.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._sent
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        self._sent += AUDIO_SAMPLES
        return frame


class PatternTrack(MediaStreamTrack):
    """A small moving picture (noise plus a sliding bar) at a fixed frame rate.

    Noise keeps the encoder honest: a flat picture would cost it next to nothing.
    """

    kind = "video"

    def __init__(self, width: int = 320, height: int = 240, fps: int = 15, seed: int = 0) -> None:
        super().__init__()
        self.width, self.height, self.fps = width, height, fps
        rng = np.random.default_rng(seed)
        base = rng.integers(60, 190, size=(height, width), dtype=np.uint8)
        chroma = np.full((height // 2, width), 128, dtype=np.uint8)
        self._pictures = []
        for i in range(fps):
            luma = base.copy()
            x = i * width // fps
            luma[:, x : x + width // 8] = 235
            self._pictures.append(np.vstack([luma, chroma]))
        self._sent = 0
        self._start: float | None = None

    async def recv(self) -> VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            await asyncio.sleep(self._start + self._sent / self.fps - time.monotonic())
        frame = VideoFrame.from_ndarray(self._pictures[self._sent % self.fps], format="yuv420p")
        frame.pts = self._sent * 90_000 // self.fps
        frame.time_base = fractions.Fraction(1, 90_000)
        self._sent += 1
        return frame


@dataclass
class Received:
    """One m-line the remote side may send on, as last negotiated."""

    origin: str | None  # the mesh peer it comes from, None for the relay
    mid: str
    kind: str
    stream: str = ""  # msid stream id: whose media this is
    active: bool = False  # the remote side sends on it
    frames: int = 0  # since it last changed hands
    size: tuple[int, int] | None = None  # of the last video frame
    # over the m-line's whole life, not reset when it changes hands: RTP time going
    # backwards (seen here as a huge leap forward) makes browsers drop the audio as late
    last_pts: int | None = None
    time_warps: int = 0
    recent: deque[np.ndarray] = field(default_factory=lambda: deque(maxlen=25))

    def tone(self) -> float | None:
        """Dominant frequency of the last audio received, in Hz."""
        if len(self.recent) < 10:
            return None
        samples = np.concatenate(list(self.recent)[-10:]).astype(np.float64)
        spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
        spectrum[0] = 0
        return float(np.argmax(spectrum) * SAMPLE_RATE / len(samples))


class Peer:
    """One participant: a mesh of connections keyed by peer id, or one to the relay (None)."""

    def __init__(
        self,
        transport: Transport,
        *,
        tone: float = 440.0,
        video: tuple[int, int] | None = None,
        fps: int = 15,
        receive_video: bool | None = None,
        keep_audio: bool = True,
    ) -> None:
        self.transport = transport
        self.tone = tone
        self.video = video
        self.fps = fps
        self.receive_video = video is not None if receive_video is None else receive_video
        self.keep_audio = keep_audio  # decoded samples for tone(); benchmarks skip it
        self.pcs: dict[str | None, RTCPeerConnection] = {}
        self.received: dict[tuple[str | None, str], Received] = {}
        self.channels: dict[str, RTCDataChannel] = {}
        self.messages: list[tuple[str, str]] = []
        self.signals: list[tuple[str | None, str]] = []  # (sender, kind) of all handled
        self.byes: int = 0
        self._readers: set[asyncio.Task[None]] = set()
        self._seed = int(tone)

    # --- starting calls -------------------------------------------------------------------

    async def join_relay(self) -> None:
        """Relay mode: offer our upstream to the room's relay."""
        pc = self._connection(None)
        self._add_media(pc)
        await self._offer(None, pc)

    async def call(self, other: str) -> None:
        """Mesh: offer media and a "chat" data channel to another participant."""
        pc = self._connection(other)
        # media first: aiortc (1.16, max-bundle) tears down the shared transport when a
        # data channel made before any transceiver is bundled onto it later
        self._add_media(pc)
        self._track_channel(other, pc.createDataChannel("chat"))
        await self._offer(other, pc)

    def say(self, other: str, text: str) -> None:
        self.channels[other].send(text)

    async def handle(self, sender: str | None, kind: str, payload: str) -> None:
        """An incoming signal from a mesh peer, or from the relay when ``sender`` is None."""
        self.signals.append((sender, kind))
        if kind == "offer":
            pc = self.pcs.get(sender)
            if pc is None:
                pc = self._connection(sender)
                if sender is not None:  # a mesh peer calls: answer with our media too
                    self._add_media(pc)
            await pc.setRemoteDescription(RTCSessionDescription(**json.loads(payload)))
            await pc.setLocalDescription(await pc.createAnswer())
            self._note_remote(sender, pc)
            await self.transport.send(sender, "answer", _payload(pc.localDescription))
        elif kind == "answer" and sender in self.pcs:
            pc = self.pcs[sender]
            await pc.setRemoteDescription(RTCSessionDescription(**json.loads(payload)))
            self._note_remote(sender, pc)
        elif kind == "candidate" and sender in self.pcs:
            data = json.loads(payload)
            if data.get("candidate"):
                candidate = candidate_from_sdp(data["candidate"].removeprefix("candidate:"))
                candidate.sdpMid = data.get("sdpMid")
                candidate.sdpMLineIndex = data.get("sdpMLineIndex")
                await self.pcs[sender].addIceCandidate(candidate)
            else:
                await self.pcs[sender].addIceCandidate(None)
        elif kind == "bye":
            self.byes += 1
            pc = self.pcs.pop(sender, None)
            if pc is not None:
                await pc.close()

    async def leave(self, to: str | None = None) -> None:
        """Say bye and hang up one connection (the relay's by default)."""
        await self.transport.send(to, "bye", "")
        pc = self.pcs.pop(to, None)
        if pc is not None:
            await pc.close()

    async def close(self) -> None:
        for pc in list(self.pcs.values()):
            await pc.close()
        self.pcs.clear()
        for task in list(self._readers):
            task.cancel()
        for task in list(self._readers):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- what arrived -----------------------------------------------------------------------

    def hearing(self, origin: str | None = None) -> dict[str, set[str]]:
        """Streams the remote side currently sends us, with their kinds: {stream: kinds}."""
        streams: dict[str, set[str]] = {}
        for r in self.received.values():
            if r.origin == origin and r.active:
                streams.setdefault(r.stream, set()).add(r.kind)
        return streams

    def media(self, stream: str, kind: str, origin: str | None = None) -> Received | None:
        return next(
            (
                r
                for r in self.received.values()
                if r.origin == origin and r.active and r.stream == stream and r.kind == kind
            ),
            None,
        )

    def frames(self, stream: str, kind: str, origin: str | None = None) -> int:
        found = self.media(stream, kind, origin)
        return found.frames if found else 0

    async def remote_sent(self, kind: str, origin: str | None = None) -> list[tuple[int, int]]:
        """(packets, payload bytes) per stream of ``kind`` the remote side sends, as its RTCP
        sender reports last told (a report comes every second or so)."""
        pc = self.pcs.get(origin)
        if pc is None:
            return []
        return [
            (stat.packetsSent, stat.bytesSent)
            for stat in (await pc.getStats()).values()
            if stat.type == "remote-outbound-rtp" and stat.kind == kind
        ]

    @property
    def connection_states(self) -> dict[str | None, str]:
        return {key: pc.connectionState for key, pc in self.pcs.items()}

    # --- internals --------------------------------------------------------------------------

    def _connection(self, key: str | None) -> RTCPeerConnection:
        # iceServers=[] keeps aiortc from asking Google's STUN server
        pc = RTCPeerConnection(
            RTCConfiguration(iceServers=[], bundlePolicy=RTCBundlePolicy.MAX_BUNDLE)
        )
        self.pcs[key] = pc
        # a new connection starts from scratch: forget what the last one received
        for entry in [k for k in self.received if k[0] == key]:
            del self.received[entry]

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            mid = next(t.mid for t in pc.getTransceivers() if t.receiver.track is track)
            task = asyncio.ensure_future(self._read(key, pc, mid, track))
            self._readers.add(task)
            task.add_done_callback(self._readers.discard)

        @pc.on("datachannel")
        def on_datachannel(channel: RTCDataChannel) -> None:
            self._track_channel(key, channel)

        return pc

    def _add_media(self, pc: RTCPeerConnection) -> None:
        pc.addTrack(ToneTrack(self.tone))
        if self.video is not None:
            width, height = self.video
            pc.addTrack(PatternTrack(width, height, self.fps, seed=self._seed))
        elif self.receive_video:
            pc.addTransceiver("video", direction="recvonly")

    async def _offer(self, to: str | None, pc: RTCPeerConnection) -> None:
        await pc.setLocalDescription(await pc.createOffer())
        await self.transport.send(to, "offer", _payload(pc.localDescription))

    def _track_channel(self, key: str | None, channel: RTCDataChannel) -> None:
        if key is None:
            return
        self.channels[key] = channel

        @channel.on("message")
        def on_message(message: Any) -> None:
            self.messages.append((key, str(message)))

    def _note_remote(self, origin: str | None, pc: RTCPeerConnection) -> None:
        """Who sends what on each m-line, from the remote description (as a browser's
        transceivers and ``event.streams`` would tell)."""
        remote = SessionDescription.parse(pc.remoteDescription.sdp)
        for media in remote.media:
            if media.kind not in ("audio", "video"):
                continue
            mid = media.rtp.muxId
            entry = self.received.setdefault((origin, mid), Received(origin, mid, media.kind))
            stream = media.msid.split()[0] if media.msid else ""
            active = (media.direction or "sendrecv") in ("sendrecv", "sendonly")
            if stream != entry.stream or active != entry.active:
                entry.stream, entry.active = stream, active
                entry.frames, entry.size = 0, None
                entry.recent.clear()

    async def _read(
        self, origin: str | None, pc: RTCPeerConnection, mid: str, track: MediaStreamTrack
    ) -> None:
        self.received.setdefault((origin, mid), Received(origin, mid, track.kind))
        with contextlib.suppress(MediaStreamError):
            while self.pcs.get(origin) is pc:  # until this connection is replaced
                frame = await track.recv()
                entry = self.received.get((origin, mid))
                if entry is None:
                    continue
                entry.frames += 1
                if entry.last_pts is not None and not 0 < frame.pts - entry.last_pts < 2**30:
                    entry.time_warps += 1
                entry.last_pts = frame.pts
                if isinstance(frame, VideoFrame):
                    entry.size = (frame.width, frame.height)
                elif self.keep_audio:
                    # packed s16: channels interleaved, keep the first
                    channels = len(frame.layout.channels)
                    entry.recent.append(frame.to_ndarray()[0, ::channels].copy())


def _payload(description: RTCSessionDescription) -> str:
    return json.dumps({"type": description.type, "sdp": description.sdp})


# --- in-memory signalling --------------------------------------------------------------------


class Mailbox:
    """Delivers (sender, kind, payload) to a handler in order, on a task of its own."""

    def __init__(self, handler: Callable[[str | None, str, str], Awaitable[None]]) -> None:
        self._handler = handler
        self._queue: asyncio.Queue[tuple[str | None, str, str]] = asyncio.Queue()
        self._task = asyncio.ensure_future(self._run())
        self.errors: list[BaseException] = []

    def post(self, sender: str | None, kind: str, payload: str) -> None:
        self._queue.put_nowait((sender, kind, payload))

    async def _run(self) -> None:
        while True:
            sender, kind, payload = await self._queue.get()
            try:
                await self._handler(sender, kind, payload)
            except Exception as exc:  # a test looks at errors; the line stays up
                self.errors.append(exc)

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


class _Line:
    def __init__(self, board: Switchboard, user_id: int) -> None:
        self._board = board
        self._user_id = user_id

    async def send(self, to: str | None, kind: str, payload: str) -> None:
        await self._board.route(self._user_id, to, kind, payload)


class Switchboard:
    """Signalling between in-process peers (ids are ints, sent as strings) and a relay host.

    The relay host is any object with ``signal(room_id, user_id, kind, payload)``; give the
    board's ``deliver`` to it as its delivery callback.
    """

    def __init__(self, room_id: int = 1) -> None:
        self.room_id = room_id
        self.relay: Any = None
        self.peers: dict[int, Peer] = {}
        self._mailboxes: dict[int, Mailbox] = {}
        self.sent: list[tuple[int, str | None, str]] = []  # (from, to, kind)

    def line(self, user_id: int) -> Transport:
        return _Line(self, user_id)

    def join(self, user_id: int, peer: Peer | None = None, **options: Any) -> Peer:
        """Connect ``peer`` (made on ``line(user_id)``), or a new Peer with ``options``."""
        peer = peer or Peer(self.line(user_id), **options)
        self.peers[user_id] = peer
        self._mailboxes[user_id] = Mailbox(peer.handle)
        return peer

    async def route(self, sender: int, to: str | None, kind: str, payload: str) -> None:
        self.sent.append((sender, to, kind))
        if to is None:
            await self.relay.signal(self.room_id, sender, kind, payload)
        elif int(to) in self._mailboxes:
            self._mailboxes[int(to)].post(str(sender), kind, payload)

    async def deliver(self, room_id: int, to_user_id: int, kind: str, payload: str) -> None:
        """The relay's delivery callback."""
        if room_id == self.room_id and to_user_id in self._mailboxes:
            self._mailboxes[to_user_id].post(None, kind, payload)

    def errors(self) -> list[BaseException]:
        return [e for box in self._mailboxes.values() for e in box.errors]

    async def close(self) -> None:
        for box in self._mailboxes.values():
            await box.close()
        for peer in self.peers.values():
            await peer.close()


async def until(check: Callable[[], object], what: str = "condition", within: float = 30.0) -> None:
    """Poll ``check`` (plain or async) until it is truthy; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)
