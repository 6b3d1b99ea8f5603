"""Media relay for relay-mode rooms: the server joins the call as a WebRTC peer.

In a mesh every browser uploads its camera and microphone once per other participant, which
stops working past a handful of people. In relay mode each participant has exactly one
RTCPeerConnection, to this process: it sends one upstream (audio, optionally video) and
receives every other participant's tracks from the relay. The tracks are fanned out with
aiortc's ``MediaRelay``.

Cost. aiortc decodes every upstream and encodes it again for every receiver, so a room of
N people costs N decodes and N*(N-1) encodes per frame: CPU grows with the square of the
room size. Measured with bench/relay.py on the project's 2-core machine (relay process on a
core of its own, load average 2 to 8 from other work; figures vary by a fifth between
runs), one relay process carries 8 participants audio-only (61-80 % of one core; 9 take
87-90 %, 10 drop frames) and 4 with 320x240 video at 15 fps (51-66 %; 5 take 69-89 %, 6
saturate the core). Forwarded speech is Opus at 32 kbit/s, about 57 kbit/s a stream on the
wire with packet overhead, so an audio-only participant needs (N-1) * 57 kbit/s downstream
and one stream upstream: that is the mode for slow links. ``stats()`` counts frames
dropped because an encoder was behind, the sign of a relay past its capacity.

Protocol between a participant and the relay (signals without a peer id; payloads as in
the mesh: "offer"/"answer" are JSON ``{"type", "sdp"}``, "candidate" is JSON
``{"candidate", "sdpMid", "sdpMLineIndex"}`` with an empty candidate meaning
end-of-candidates, "bye" is empty):

1. The participant creates one RTCPeerConnection, adds its upstream tracks (audio, and
   video if it wants to send some) and sends an "offer". The kinds it offers with a
   receiving direction (sendrecv, or recvonly) are the kinds it receives: an audio-only
   offer receives audio only, and a participant without a camera who wants to watch adds
   a recvonly video transceiver.
2. The relay replies "answer". Its SDP carries all its ICE candidates (the relay never
   trickles); the participant may trickle its own "candidate"s at any time.
3. Whenever the other participants' tracks change (someone's connection comes up, someone
   leaves), the relay sends an "offer" and the participant replies "answer". At most one
   relay offer is in flight per participant; later changes wait for its answer, and one
   that goes unanswered is sent again after 10 s, twice, before the relay gives up. Every
   forwarded track has its own m-line whose msid stream id is ``stream_id(user_id)``
   ("user-<id>") of the participant it comes from, so ``event.streams[0].id`` says whose
   track arrived. When someone leaves, their m-lines become inactive (the browser mutes the
   track and removes it from its stream) and are reused for whoever comes next (``track``
   fires again with the new stream). Each m-line adds about 1.2 KB to the SDP both ways.
   The relay's offers use the payload types and header extension ids of the participant's
   first offer (``Terms``): browsers refuse or misread renumbered ones.
4. Glare: the relay's offer wins. An offer from the participant that arrives while the
   relay's offer is unanswered is ignored; the participant rolls back, answers the relay
   and then offers again (perfect negotiation with the relay as the impolite side).
5. An offer with new ICE credentials (page reload, a new RTCPeerConnection) replaces the
   participant's previous connection.
6. "bye" from the participant (or leaving the room) closes its connection; the others get
   an offer without its tracks. The relay sends "bye" when it dropped the participant: the
   connection failed, an offer went unanswered, or an SDP could not be applied. The client
   then starts again at step 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import math
import re
import struct
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from aiortc import (
    RTCConfiguration,
    RTCIceCandidate,
    RTCIceServer,
    RTCPeerConnection,
    RTCRtpCodecCapability,
    RTCRtpSender,
    RTCRtpTransceiver,
    RTCSessionDescription,
    rtp,
)
from aiortc.codecs.opus import OpusEncoder
from aiortc.contrib.media import MediaRelay
from aiortc.exceptions import InvalidStateError
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack, convert_timebase
from aiortc.rtcconfiguration import RTCBundlePolicy
from aiortc.sdp import SessionDescription, candidate_from_sdp
from av import AudioFrame
from av.frame import Frame

log = logging.getLogger("rajut.relay")

Deliver = Callable[[int, int, str, str], Awaitable[None]]  # (room_id, to_user_id, kind, payload)

KINDS = ("audio", "video")
AUDIO_BITRATE = 32_000  # Opus per forwarded track: clear speech, fine on slow links
OFFER_TIMEOUT = 10.0  # seconds before an unanswered relay offer is sent again
OFFER_RESENDS = 2  # then the participant is dropped
INBOX_LIMIT = 256  # signals waiting for one participant; more are dropped
EARLY_CANDIDATES = 32  # trickled before the offer reached us, per participant
EARLY_KEYS = 1024  # participants with such candidates, across all rooms
# frames waiting for one receiver's encoder: more are old news, dropped oldest first
QUEUE_DEPTH = {"audio": 8, "video": 2}
CLOCK_RATE = {"audio": 48_000, "video": 90_000}


def audio_level_dbov(frame: AudioFrame) -> int:
    """aiortc's ``rtp.compute_audio_level_dbov`` (RFC 6465 appendix A), with numpy.

    aiortc computes it in every sender for every audio frame with a Python loop, and over
    the whole buffer the Opus decoder allocated (120 ms, six times the 20 ms frame): 3 ms a
    frame, sent N-1 times by a relay. Here over the frame's own samples, in microseconds.
    """
    plane = frame.planes[0]
    count = min(frame.samples * len(frame.layout.channels), plane.buffer_size // 2)
    samples = np.frombuffer(plane, dtype=np.int16, count=count)
    energy = int(np.square(samples, dtype=np.int64).sum())
    rms = math.sqrt(energy / (frame.samples * 32767 * 32767))
    if rms <= 0:
        return -127
    return round(min(max(20 * math.log10(rms), -127), 0))


_extensions_get = rtp.HeaderExtensionsMap.get


def tolerant_extensions_get(
    self: rtp.HeaderExtensionsMap, extension_profile: int, extension_value: bytes
) -> rtp.HeaderExtensions:
    """aiortc's RTP header extension parser, skipping a value it cannot read.

    aiortc reads values with ``struct.unpack``, and the ``struct.error`` of a value with an
    unexpected length (unlike the ``ValueError`` of a malformed packet, which drops the
    packet) ends the participant's whole DTLS transport: one odd packet from a browser, or an
    id aiortc took for another extension, and their connection is gone. Each extension is
    read on its own instead and an unreadable one is left out (the mid, which routes bundled
    packets, survives its neighbours).
    """
    try:
        return _extensions_get(self, extension_profile, extension_value)
    except struct.error:
        values = rtp.HeaderExtensions()
        for x_id, x_value in rtp.unpack_header_extensions(extension_profile, extension_value):
            try:
                one = _extensions_get(self, *rtp.pack_header_extensions([(x_id, x_value)]))
            except struct.error:
                continue
            for item in dataclasses.fields(one):
                if getattr(one, item.name) is not None:
                    setattr(values, item.name, getattr(one, item.name))
        return values


def stream_id(user_id: int) -> str:
    """The msid stream id of everything forwarded from ``user_id``."""
    return f"user-{user_id}"


class _Clock:
    """One timeline per kind for every source in this process.

    A reused sender switches from one source to another; the encoder turns frame times
    into RTP timestamps, which must not go backwards or receivers drop the new audio as
    late. Each source keeps its own spacing but starts after anything already sent.
    """

    def __init__(self, rate: int) -> None:
        self.base = Fraction(1, rate)
        self.rate = rate
        self.epoch = time.monotonic()
        self.high = 0

    def anchor(self) -> int:
        now = int((time.monotonic() - self.epoch) * self.rate)
        return max(now, self.high + self.rate // 10)


class _RetimedTrack(MediaStreamTrack):
    """An upstream track with its frames moved onto the process timeline, before fan-out."""

    def __init__(self, source: MediaStreamTrack, clock: _Clock) -> None:
        super().__init__()
        self.kind = source.kind
        self._source = source
        self._clock = clock
        self._offset: int | None = None

    async def recv(self) -> Frame:
        frame = await self._source.recv()
        if frame.pts is not None and frame.time_base is not None:
            ticks = convert_timebase(frame.pts, frame.time_base, self._clock.base)
            if self._offset is None:
                self._offset = self._clock.anchor() - ticks
            frame.pts = ticks + self._offset
            frame.time_base = self._clock.base
            self._clock.high = max(self._clock.high, frame.pts)
        return frame

    def stop(self) -> None:
        super().stop()
        self._source.stop()


class _ForwardedTrack(MediaStreamTrack):
    """What one relay sender encodes: whichever source is attached, or nothing for a while.

    aiortc ends a sender for good when its track ends, so a sender keeps this track for its
    whole life and sources come and go behind it.
    """

    def __init__(self, kind: str, counts: dict[str, int]) -> None:
        super().__init__()
        self.kind = kind
        self._counts = counts
        self._frames: deque[Frame] = deque(maxlen=QUEUE_DEPTH[kind])
        self._ready = asyncio.Event()
        self._pump: asyncio.Task[None] | None = None

    def feed(self, proxy: MediaStreamTrack | None) -> None:
        if self._pump is not None:
            self._pump.cancel()
            self._pump = None
        self._frames.clear()
        if proxy is not None:
            self._pump = asyncio.ensure_future(self._run(proxy))

    async def _run(self, proxy: MediaStreamTrack) -> None:
        try:
            while True:
                frame = await proxy.recv()
                if len(self._frames) == self._frames.maxlen:
                    self._counts["frames_dropped"] += 1  # the encoder is behind: overload
                self._frames.append(frame)
                self._ready.set()
        except MediaStreamError:
            pass
        finally:
            proxy.stop()

    async def recv(self) -> Frame:
        while not self._frames:
            if self.readyState != "live":
                raise MediaStreamError
            self._ready.clear()
            await self._ready.wait()
        self._counts["frames_forwarded"] += 1
        return self._frames.popleft()

    def stop(self) -> None:
        super().stop()
        self.feed(None)
        self._ready.set()


class _Source:
    """One upstream track of a participant; forwarded once their connection is up."""

    def __init__(
        self, owner: _Participant, track: MediaStreamTrack, clock: _Clock, counts: dict[str, int]
    ) -> None:
        self.owner = owner
        self.kind = track.kind
        self.track = _RetimedTrack(track, clock)
        self.live = False
        self._counts = counts
        self._drain: asyncio.Task[None] | None = None

    def start(self, relay: MediaRelay, ended: Callable[[], None]) -> None:
        """Read the upstream from now on, whether or not anyone receives it yet.

        Until someone reads it, aiortc queues every decoded frame without bound.
        """
        if self._drain is None:
            self.live = True
            self._drain = asyncio.ensure_future(
                self._run(relay.subscribe(self.track, False), ended)
            )

    async def _run(self, proxy: MediaStreamTrack, ended: Callable[[], None]) -> None:
        try:
            while True:
                await proxy.recv()
                self._counts["frames_received"] += 1
        except MediaStreamError:
            pass
        finally:
            proxy.stop()
            self.live = False
            ended()


class _Slot:
    """A relay-created sendonly transceiver towards one participant, and what it carries."""

    def __init__(self, transceiver: RTCRtpTransceiver, track: _ForwardedTrack) -> None:
        self.transceiver = transceiver
        self.track = track
        self.source: _Source | None = None

    def attach(self, source: _Source, relay: MediaRelay) -> None:
        self.source = source
        self.track.feed(relay.subscribe(source.track))
        self.transceiver.sender._stream_id = stream_id(source.owner.user_id)
        self.transceiver.direction = "sendonly"

    def detach(self) -> None:
        self.source = None
        self.track.feed(None)
        self.transceiver.direction = "inactive"


class _Participant:
    def __init__(self, room_id: int, user_id: int, pc: RTCPeerConnection) -> None:
        self.room_id = room_id
        self.user_id = user_id
        self.pc = pc
        self.inbox: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
        self.worker: asyncio.Task[None] | None = None
        self.closing: asyncio.Future[None] | None = None
        self.sources: list[_Source] = []
        self.slots: list[_Slot] = []
        self.wants: set[str] = set()
        self.connected = False
        self.ufrag: str | None = None
        self.candidates: list[RTCIceCandidate | None] = []
        self.sync_queued = False
        self.offer_seq = 0
        self.offer_sends = 0
        self.offer_timer: asyncio.TimerHandle | None = None
        self.terms: Terms | None = None  # payload types and extension ids, as they offered

    def post(self, kind: str, payload: str = "") -> None:
        self.inbox.put_nowait((kind, payload))

    def request_sync(self) -> None:
        if not self.sync_queued and self.closing is None:
            self.sync_queued = True
            self.post("_sync")


class RelayHost:
    """The media relays this process hosts: one aiortc peer connection per participant per room.

    ``signal`` only queues: each participant's signals are handled in order by a task of its
    own, so a slow ICE gathering never holds up the caller or other participants.
    """

    def __init__(
        self,
        deliver: Deliver,
        *,
        ice_servers: Callable[[], Sequence[RTCIceServer]] = tuple,
        audio_bitrate: int = AUDIO_BITRATE,
    ) -> None:
        self._deliver = deliver
        self._ice_servers = ice_servers  # asked per connection: TURN credentials expire
        self._audio_bitrate = audio_bitrate
        self._rooms: dict[int, dict[int, _Participant]] = {}
        self._early: dict[tuple[int, int], list[RTCIceCandidate | None]] = {}
        self._relay = MediaRelay()
        self._clocks = {kind: _Clock(rate) for kind, rate in CLOCK_RATE.items()}
        self._counts = dict.fromkeys(("frames_received", "frames_forwarded", "frames_dropped"), 0)
        self._closed = False
        rtp.compute_audio_level_dbov = audio_level_dbov  # process-wide, same results
        rtp.HeaderExtensionsMap.get = tolerant_extensions_get  # process-wide, reads more

    # --- the contract -------------------------------------------------------------------

    async def signal(self, room_id: int, user_id: int, kind: str, payload: str) -> None:
        """A participant's signal addressed to the relay: offer, answer, candidate or bye."""
        if self._closed:
            return
        if kind == "bye":
            await self.leave(room_id, user_id)
            return
        participant = self._rooms.get(room_id, {}).get(user_id)
        if participant is None:
            if kind == "offer":
                participant = self._join(room_id, user_id)
            elif kind == "candidate":
                self._keep_early(room_id, user_id, payload)
                return
            else:
                log.info("relay: %s from user %s, who has no relay connection", kind, user_id)
                return
        if kind not in ("offer", "answer", "candidate"):
            log.info("relay: unknown signal %r from user %s", kind[:20], user_id)
            return
        if participant.inbox.qsize() >= INBOX_LIMIT:
            log.warning("relay: user %s sends signals faster than they apply", user_id)
            return
        participant.post(kind, payload)

    async def leave(self, room_id: int, user_id: int) -> None:
        """The participant left or was removed: close their connection, renegotiate the rest."""
        self._early.pop((room_id, user_id), None)
        participant = self._rooms.get(room_id, {}).get(user_id)
        if participant is not None:
            await asyncio.shield(self._drop(participant))

    async def close_room(self, room_id: int) -> None:
        room = self._rooms.pop(room_id, {})
        closing = [self._drop(p, resync=False) for p in list(room.values())]
        if closing:
            await asyncio.shield(asyncio.gather(*closing))

    async def close(self) -> None:
        self._closed = True
        for room_id in list(self._rooms):
            await self.close_room(room_id)

    def stats(self) -> dict[str, int]:
        """Now: rooms, peers, upstream tracks received, tracks forwarded. Since start: frames
        received, frames handed to encoders, frames dropped because an encoder was behind
        (the sign of a relay past its capacity)."""
        peers = [p for room in self._rooms.values() for p in room.values()]
        return {
            "rooms": len(self._rooms),
            "peers": len(peers),
            "upstream_tracks": sum(s.live for p in peers for s in p.sources),
            "forwarded_tracks": sum(s.source is not None for p in peers for s in p.slots),
            **self._counts,
        }

    # --- participants -------------------------------------------------------------------

    def _join(self, room_id: int, user_id: int) -> _Participant:
        pc = RTCPeerConnection(
            RTCConfiguration(
                iceServers=list(self._ice_servers()), bundlePolicy=RTCBundlePolicy.MAX_BUNDLE
            )
        )
        participant = _Participant(room_id, user_id, pc)
        participant.candidates = self._early.pop((room_id, user_id), [])
        self._rooms.setdefault(room_id, {})[user_id] = participant

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            source = _Source(participant, track, self._clocks[track.kind], self._counts)
            participant.sources.append(source)
            if participant.connected:
                self._start(source)

        @pc.on("connectionstatechange")
        def on_state() -> None:
            state = pc.connectionState
            if state == "connected" and not participant.connected:
                participant.connected = True
                for source in participant.sources:
                    self._start(source)
            elif state in ("failed", "closed") and participant.closing is None:
                log.info("relay: connection of user %s %s", user_id, state)
                self._drop(participant, bye=state == "failed")

        participant.worker = asyncio.create_task(
            self._work(participant), name=f"rajut-relay-{room_id}-{user_id}"
        )
        return participant

    def _start(self, source: _Source) -> None:
        owner = source.owner
        source.start(self._relay, lambda: self._resync(owner.room_id, but=owner))
        self._resync(owner.room_id, but=owner)

    def _resync(self, room_id: int, but: _Participant | None = None) -> None:
        for other in self._rooms.get(room_id, {}).values():
            if other is not but:
                other.request_sync()

    def _keep_early(self, room_id: int, user_id: int, payload: str) -> None:
        ok, candidate = _candidate(payload)
        if not ok:
            log.info("relay: unreadable candidate from user %s", user_id)
            return
        early = self._early.setdefault((room_id, user_id), [])
        if len(early) < EARLY_CANDIDATES:
            early.append(candidate)
        while len(self._early) > EARLY_KEYS:
            del self._early[next(iter(self._early))]

    def _drop(
        self, participant: _Participant, *, bye: bool = False, resync: bool = True
    ) -> asyncio.Future[None]:
        """Take the participant out of its room now; the closing itself runs on its own."""
        if participant.closing is None:
            room = self._rooms.get(participant.room_id, {})
            if room.get(participant.user_id) is participant:
                del room[participant.user_id]
                if not room:
                    self._rooms.pop(participant.room_id, None)
            participant.closing = asyncio.ensure_future(self._close(participant, bye, resync))
        return participant.closing

    async def _close(self, participant: _Participant, bye: bool, resync: bool) -> None:
        if participant.offer_timer is not None:
            participant.offer_timer.cancel()
        if participant.worker is not None and participant.worker is not asyncio.current_task():
            participant.worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await participant.worker
        for slot in participant.slots:
            slot.track.stop()
        try:
            await participant.pc.close()
        except Exception:
            log.exception("relay: closing the connection of user %s", participant.user_id)
        for source in participant.sources:
            source.track.stop()
        if bye:
            await self._send(participant, "bye", "")
        if resync:
            self._resync(participant.room_id)

    # --- one participant's signals, in order ----------------------------------------------

    async def _work(self, participant: _Participant) -> None:
        handlers = {
            "offer": self._on_offer,
            "answer": self._on_answer,
            "candidate": self._on_candidate,
            "_sync": self._on_sync,
            "_resend": self._on_resend,
        }
        while participant.closing is None:
            kind, payload = await participant.inbox.get()
            try:
                await handlers[kind](participant, payload)
            except Exception:
                log.exception("relay: %s of user %s", kind, participant.user_id)
                self._drop(participant, bye=True)

    async def _on_offer(self, p: _Participant, payload: str) -> None:
        offer = _description(payload, "offer")
        parsed = _parse(offer.sdp) if offer else None
        media = [m for m in parsed.media if m.kind in KINDS] if parsed else []
        ufrag = next((m.ice.usernameFragment for m in media if m.ice.usernameFragment), None)
        if offer is None or not media or ufrag is None:
            log.info("relay: unusable offer from user %s", p.user_id)
            if p.ufrag is None:  # nothing was ever negotiated: forget them
                self._drop(p, bye=True)
            return
        if p.ufrag is not None and ufrag != p.ufrag:
            # a new RTCPeerConnection on their side: start over with it, and its candidates
            self._drop(p)
            fresh = self._join(p.room_id, p.user_id)
            fresh.post("offer", payload)
            while not p.inbox.empty():
                kind, queued = p.inbox.get_nowait()
                if kind == "candidate":
                    fresh.post(kind, queued)
            return
        if p.pc.signalingState == "have-local-offer":
            log.info("relay: glare with user %s, who must answer the relay's offer", p.user_id)
            return
        try:
            await p.pc.setRemoteDescription(offer)
        except (ValueError, InvalidStateError) as exc:  # refused before anything changed
            log.info("relay: offer from user %s refused: %s", p.user_id, exc)
            if p.ufrag is None:
                self._drop(p, bye=True)
            return
        except Exception as exc:  # e.g. no codec in common, found halfway through applying
            log.info("relay: offer from user %s failed: %r", p.user_id, exc)
            self._drop(p, bye=True)
            return
        p.ufrag = ufrag
        if p.terms is None:
            p.terms = Terms(media)
        p.wants.update(m.kind for m in media if (m.direction or "sendrecv") in _RECEIVING)
        for candidate in p.candidates:
            await self._add_candidate(p, candidate)
        p.candidates.clear()
        await p.pc.setLocalDescription(await p.pc.createAnswer())
        await self._send(p, "answer", _payload(p.pc.localDescription))
        await self._sync(p)

    async def _on_answer(self, p: _Participant, payload: str) -> None:
        answer = _description(payload, "answer")
        if answer is None or p.pc.signalingState != "have-local-offer":
            log.info("relay: unexpected or unreadable answer from user %s", p.user_id)
            return
        try:
            await p.pc.setRemoteDescription(answer)
        except (ValueError, InvalidStateError) as exc:  # refused before anything changed
            log.info("relay: answer from user %s refused: %s", p.user_id, exc)
            return
        except Exception as exc:
            log.info("relay: answer from user %s failed: %r", p.user_id, exc)
            self._drop(p, bye=True)
            return
        if p.offer_timer is not None:
            p.offer_timer.cancel()
        self._tune_audio(p)
        await self._sync(p)

    async def _on_candidate(self, p: _Participant, payload: str) -> None:
        ok, candidate = _candidate(payload)
        if not ok:
            log.info("relay: unreadable candidate from user %s", p.user_id)
        elif p.pc.remoteDescription is None:
            if len(p.candidates) < EARLY_CANDIDATES:
                p.candidates.append(candidate)
        else:
            await self._add_candidate(p, candidate)

    async def _add_candidate(self, p: _Participant, candidate: RTCIceCandidate | None) -> None:
        try:
            await p.pc.addIceCandidate(candidate)
        except (ValueError, InvalidStateError) as exc:
            log.info("relay: candidate from user %s refused: %s", p.user_id, exc)

    async def _on_sync(self, p: _Participant, _: str) -> None:
        p.sync_queued = False
        await self._sync(p)

    async def _on_resend(self, p: _Participant, seq: str) -> None:
        if seq != str(p.offer_seq) or p.pc.signalingState != "have-local-offer":
            return
        if p.offer_sends > OFFER_RESENDS:
            log.info("relay: user %s never answered; dropped", p.user_id)
            self._drop(p, bye=True)
            return
        await self._send_offer(p)

    # --- relay-initiated renegotiation --------------------------------------------------

    async def _sync(self, p: _Participant) -> None:
        """Make p's downstream match the others' live tracks; offer if anything changed."""
        if p.closing is not None or p.pc.signalingState != "stable" or p.ufrag is None:
            return  # an answer (or the first offer) brings us back here
        wanted = sorted(
            (
                source
                for other in self._rooms.get(p.room_id, {}).values()
                if other is not p
                for source in other.sources
                if source.live and source.kind in p.wants
            ),
            key=lambda s: (s.owner.user_id, s.kind),
        )
        changed = False
        for slot in p.slots:
            if slot.source is not None and slot.source not in wanted:
                slot.detach()
                changed = True
        carried = {slot.source for slot in p.slots}
        for source in wanted:
            if source in carried:
                continue
            slot = next(
                (s for s in p.slots if s.source is None and s.track.kind == source.kind), None
            )
            if slot is None:
                track = _ForwardedTrack(source.kind, self._counts)
                transceiver = p.pc.addTransceiver(track, direction="sendonly")
                transceiver.setCodecPreferences(_forwarded_codecs(source.kind))
                slot = _Slot(transceiver, track)
                p.slots.append(slot)
            slot.attach(source, self._relay)
            changed = True
        if changed:
            # aiortc's createOffer resets every transceiver's codecs and extension ids to its
            # own; a receiver or sender that starts before the answer would use those (see
            # Terms), so the negotiated ones go back at once
            negotiated = [
                (t, t._codecs, t._headerExtensions)
                for t in p.pc.getTransceivers()
                if t.currentDirection is not None
            ]
            offer = await p.pc.createOffer()
            for transceiver, codecs, extensions in negotiated:
                transceiver._codecs, transceiver._headerExtensions = codecs, extensions
            if p.terms is not None:
                offer = p.terms.rewrite(offer)
            await p.pc.setLocalDescription(offer)
            p.offer_seq += 1
            p.offer_sends = 0
            await self._send_offer(p)

    async def _send_offer(self, p: _Participant) -> None:
        p.offer_sends += 1
        if p.offer_timer is not None:
            p.offer_timer.cancel()
        p.offer_timer = asyncio.get_running_loop().call_later(
            OFFER_TIMEOUT, p.post, "_resend", str(p.offer_seq)
        )
        await self._send(p, "offer", _payload(p.pc.localDescription))

    def _tune_audio(self, p: _Participant) -> None:
        """Forward speech at ``audio_bitrate`` instead of aiortc's fixed 96 kbit/s.

        aiortc has no API for it: the sender makes its encoder on the first frame unless one
        is there already, so put a tuned one there once Opus is negotiated.
        """
        for slot in p.slots:
            sender = slot.transceiver.sender
            codecs = slot.transceiver._codecs
            if (
                slot.track.kind == "audio"
                and codecs
                and codecs[0].mimeType.lower() == "audio/opus"
                and getattr(sender, "_RTCRtpSender__encoder", False) is None
            ):
                encoder = OpusEncoder()
                encoder.codec.bit_rate = self._audio_bitrate
                sender._RTCRtpSender__encoder = encoder

    async def _send(self, p: _Participant, kind: str, payload: str) -> None:
        try:
            await self._deliver(p.room_id, p.user_id, kind, payload)
        except Exception:
            log.exception("relay: could not deliver %s to user %s", kind, p.user_id)


_RECEIVING = ("sendrecv", "recvonly")
_FORWARDED_CODECS = {"audio/opus", "video/vp8", "video/rtx"}


def _forwarded_codecs(kind: str) -> list[RTCRtpCodecCapability]:
    """What the relay encodes forwarded tracks with: one codec each keeps its offers small
    (every m-line lists its codecs, and a room of N has 2N m-lines), and every browser
    decodes Opus and VP8."""
    return [
        codec
        for codec in RTCRtpSender.getCapabilities(kind).codecs
        if codec.mimeType.lower() in _FORWARDED_CODECS
    ]


class Terms:
    """The participant's RTP payload types and header extension ids, to speak them back.

    The participant offers first, and the relay's answer keeps their numbers. But aiortc
    writes its own fixed numbers into every offer it makes (Opus 96, VP8 97, its rtx 98, mid
    extension 1, audio level 2, abs-send-time 3), also for the m-lines already negotiated.
    Aiortc peers use the same numbers, so they never noticed; a browser refuses the changed
    extension ids ("RTP extension ID reassignment not supported") or, for payload types,
    accepts them and sends its upstream with the new numbers, which the relay's receivers,
    set up with the old ones, cannot decode: after the first renegotiation nobody received
    anyone. So each of the relay's offers is rewritten into the participant's numbers: an
    id or payload type means one thing for the whole bundle, and a codec or extension they
    never offered is left out. Their answer repeats these numbers, and aiortc sends with what
    was answered.
    """

    def __init__(self, media: Sequence[Any]) -> None:
        self.extensions: dict[str, int] = {}
        self.codecs: dict[tuple[Any, ...], int] = {}
        for m in media:
            for extension in m.rtp.headerExtensions:
                self.extensions.setdefault(extension.uri, extension.id)
            by_type = {codec.payloadType: codec for codec in m.rtp.codecs}
            for codec in m.rtp.codecs:
                key = _codec_key(codec, by_type)
                if key is not None:
                    self.codecs.setdefault(key, codec.payloadType)

    def rewrite(self, offer: RTCSessionDescription) -> RTCSessionDescription:
        parsed = _parse(offer.sdp)
        if parsed is None:
            return offer
        head, *sections = re.split(r"\r?\n(?=m=)", offer.sdp.strip())
        if len(sections) != len(parsed.media):
            return offer
        out = [head]
        for text, m in zip(sections, parsed.media, strict=True):
            out.append(self._section(text, m) if m.kind in KINDS else text)
        return RTCSessionDescription(sdp="\r\n".join(out) + "\r\n", type=offer.type)

    def _section(self, text: str, media: Any) -> str:
        by_type = {codec.payloadType: codec for codec in media.rtp.codecs}
        types = {
            codec.payloadType: self.codecs.get(_codec_key(codec, by_type) or ("?",))
            for codec in media.rtp.codecs
        }
        if not any(types.values()):
            return text  # nothing in common: leave it to fail visibly
        lines = []
        for line in text.splitlines():
            if line.startswith("m="):
                kind, port, proto, *formats = line.split(" ")
                kept = [str(types[int(f)]) for f in formats if f.isdigit() and types.get(int(f))]
                line = " ".join([kind, port, proto, *kept])
            elif found := _EXTMAP.match(line):
                _, direction, uri, rest = found.groups()
                if uri not in self.extensions:
                    continue
                line = f"a=extmap:{self.extensions[uri]}{direction or ''} {uri}{rest}"
            elif found := _CODEC_LINE.match(line):
                attribute, payload_type, rest = found.groups()
                new_type = types.get(int(payload_type))
                if new_type is None:
                    continue
                rest = _APT.sub(lambda a: f"apt={types.get(int(a.group(1))) or a.group(1)}", rest)
                line = f"a={attribute}:{new_type}{rest}"
            lines.append(line)
        return "\r\n".join(lines)


_EXTMAP = re.compile(r"^a=extmap:(\d+)(/\w+)? (\S+)(.*)$")
_CODEC_LINE = re.compile(r"^a=(rtpmap|fmtp|rtcp-fb):(\d+)(.*)$")
_APT = re.compile(r"apt=(\d+)")


def _codec_key(codec: Any, by_type: dict[int, Any]) -> tuple[Any, ...] | None:
    """What makes two codec entries the same codec, whatever their payload types."""
    mime = codec.mimeType.lower()
    if mime.endswith("/rtx"):
        base = by_type.get(codec.parameters.get("apt"))
        inner = None if base is None or base is codec else _codec_key(base, by_type)
        return None if inner is None else ("rtx", inner)
    extra: tuple[Any, ...] = ()
    if mime == "video/h264":
        extra = (
            str(codec.parameters.get("packetization-mode", "0")),
            str(codec.parameters.get("profile-level-id", "")).lower(),
        )
    return (mime, codec.clockRate, codec.channels or 1, *extra)


def _description(payload: str, kind: str) -> RTCSessionDescription | None:
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if (
        not isinstance(data, dict)
        or data.get("type") != kind
        or not isinstance(data.get("sdp"), str)
    ):
        return None
    return RTCSessionDescription(sdp=data["sdp"], type=kind)


def _parse(sdp: str) -> SessionDescription | None:
    try:
        return SessionDescription.parse(sdp)
    except Exception:  # aiortc's parser raises whatever the garbage provokes
        return None


def _payload(description: RTCSessionDescription) -> str:
    return json.dumps({"type": description.type, "sdp": description.sdp})


def _candidate(payload: str) -> tuple[bool, RTCIceCandidate | None]:
    """(readable, candidate); a readable None is end-of-candidates."""
    try:
        data = json.loads(payload)
    except ValueError:
        return False, None
    if not isinstance(data, dict):
        return False, None
    line = data.get("candidate")
    if line in ("", None):
        return True, None
    if not isinstance(line, str):
        return False, None
    try:
        candidate = candidate_from_sdp(line.removeprefix("a=").removeprefix("candidate:"))
    except (AssertionError, ValueError, IndexError):
        return False, None
    mid, index = data.get("sdpMid"), data.get("sdpMLineIndex")
    candidate.sdpMid = mid if isinstance(mid, str) else None
    candidate.sdpMLineIndex = index if isinstance(index, int) and index >= 0 else None
    if candidate.sdpMid is None and candidate.sdpMLineIndex is None:
        candidate.sdpMLineIndex = 0  # everything is bundled on the first m-line
    return True, candidate
