"""The media relay with real WebRTC peers (aiortc) on this machine, signalling in memory.

Each peer sends a tone of its own pitch, so hearing the right pitch on the m-line labelled
with someone's stream id proves the relay forwards the right person to the right people.
No GraphQL and no database here: RelayHost is driven directly, as the rooms layer drives it.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from realtime import relay
from realtime.relay import RelayHost, stream_id
from tests.webrtc import Peer, Switchboard, until

ROOM = 1
TONES = {1: 400.0, 2: 700.0, 3: 1000.0, 4: 1300.0}


@pytest.fixture
async def board() -> AsyncIterator[Switchboard]:
    board = Switchboard(ROOM)
    board.relay = RelayHost(board.deliver)
    try:
        yield board
    finally:
        await board.relay.close()
        await board.close()
    assert board.relay.stats()["peers"] == 0


def gauges(board: Switchboard) -> dict[str, int]:
    """The relay's current figures, without its running frame counts."""
    stats = board.relay.stats()
    return {key: stats[key] for key in ("rooms", "peers", "upstream_tracks", "forwarded_tracks")}


def audio_from(*users: int) -> dict[str, set[str]]:
    return {stream_id(u): {"audio"} for u in users}


async def hears(peer: Peer, expected: dict[str, set[str]], frames: int = 15) -> None:
    """Exactly the ``expected`` streams and kinds arrive, ``frames`` of each at least."""

    def ok() -> bool:
        return peer.hearing() == expected and all(
            peer.frames(s, k) >= frames for s, kinds in expected.items() for k in kinds
        )

    await until(ok, what=f"{expected} at the {peer.tone:.0f} Hz peer, {frames} frames each")


def pitch(peer: Peer, user_id: int) -> float | None:
    media = peer.media(stream_id(user_id), "audio")
    return media.tone() if media else None


async def pitches_right(peer: Peer, users: set[int]) -> None:
    await until(
        lambda: all(abs((pitch(peer, u) or 0) - TONES[u]) < 30 for u in users),
        what=f"tones of {sorted(users)} at the {peer.tone:.0f} Hz peer",
    )


async def join_all(
    board: Switchboard, users: tuple[int, ...], **options: object
) -> dict[int, Peer]:
    peers = {uid: board.join(uid, tone=TONES[uid], **options) for uid in users}
    for peer in peers.values():
        await peer.join_relay()
    return peers


async def test_three_peers_each_hear_the_other_two(board: Switchboard) -> None:
    peers = await join_all(board, (1, 2, 3))

    for uid, peer in peers.items():
        await hears(peer, audio_from(*(set(peers) - {uid})))
        await pitches_right(peer, set(peers) - {uid})
    assert gauges(board) == {
        "rooms": 1,
        "peers": 3,
        "upstream_tracks": 3,
        "forwarded_tracks": 6,
    }
    stats = board.relay.stats()
    assert stats["frames_received"] >= 3 * 15 and stats["frames_forwarded"] >= 6 * 15
    # one upstream each: nobody signalled anyone but the relay
    assert {to for _, to, _ in board.sent} == {None}
    assert not board.errors()


async def test_forwarded_speech_is_light_enough_for_slow_links(board: Switchboard) -> None:
    peers = await join_all(board, (1, 2, 3))
    await hears(peers[1], audio_from(2, 3), frames=50)

    async def reported() -> list[tuple[int, int]]:
        return [(p, b) for p, b in await peers[1].remote_sent("audio") if p >= 50]

    await until(reported, what="sender reports from the relay", within=60)
    # 20 ms packets: 32 kbit/s is 80 bytes each, aiortc's own 96 kbit/s would be 240
    for packets, size in await reported():
        assert size / packets < 140


async def test_leaving_ends_forwarding_and_slots_are_reused(board: Switchboard) -> None:
    peers = await join_all(board, (1, 2, 3))
    for uid, peer in peers.items():
        await hears(peer, audio_from(*(set(peers) - {uid})))

    await peers[3].leave()  # bye
    await hears(peers[1], audio_from(2), frames=0)
    await hears(peers[2], audio_from(1), frames=0)
    await until(lambda: board.relay.stats()["forwarded_tracks"] == 2, what="2 forwarded")
    assert board.relay.stats()["peers"] == 2

    await board.relay.leave(ROOM, 2)  # removed by the room
    await hears(peers[1], {})
    assert gauges(board) == {
        "rooms": 1,
        "peers": 1,
        "upstream_tracks": 1,
        "forwarded_tracks": 0,
    }
    mlines = len(peers[1].received)

    # a newcomer's audio rides on an m-line the leavers freed: no new m-line
    newcomer = board.join(4, tone=TONES[4])
    await newcomer.join_relay()
    await hears(peers[1], audio_from(4))
    await hears(newcomer, audio_from(1))
    await pitches_right(peers[1], {4})
    await pitches_right(newcomer, {1})
    assert len(peers[1].received) == mlines
    assert [r.time_warps for r in peers[1].received.values()] == [0] * mlines

    # a reload: peer 1's new connection replaces its old one, which is still up
    old = peers[1].pcs.pop(None)
    await peers[1].join_relay()
    await hears(peers[1], audio_from(4))
    await hears(newcomer, audio_from(1), frames=40)
    await pitches_right(newcomer, {1})
    assert board.relay.stats()["peers"] == 2
    await until(lambda: old.connectionState == "closed", what="the relay hung up the old one")
    assert not board.errors()


async def test_low_resolution_video_beside_an_audio_only_peer(board: Switchboard) -> None:
    cams = await join_all(board, (1, 2), video=(320, 240), fps=15)
    (listener,) = (await join_all(board, (3,))).values()  # no video transceiver at all
    both = {"audio", "video"}

    await hears(cams[1], {stream_id(2): both, **audio_from(3)}, frames=10)
    await hears(cams[2], {stream_id(1): both, **audio_from(3)}, frames=10)
    await hears(listener, audio_from(1, 2), frames=10)
    assert cams[1].media(stream_id(2), "video").size == (320, 240)
    assert cams[2].media(stream_id(1), "video").size == (320, 240)
    await pitches_right(listener, {1, 2})
    # the listener's SDP has audio m-lines only
    assert {r.kind for r in listener.received.values()} == {"audio"}
    assert board.relay.stats()["forwarded_tracks"] == 3 + 3 + 2
    assert not board.errors()


GARBAGE = [
    ("offer", "not json"),
    ("offer", "[]"),
    ("offer", json.dumps({"type": "offer", "sdp": 5})),
    ("offer", json.dumps({"type": "answer", "sdp": "v=0"})),
    ("offer", json.dumps({"type": "offer", "sdp": "garbage\r\nm=audio x\r\n"})),
    ("offer", json.dumps({"type": "offer", "sdp": "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"})),
    ("answer", json.dumps({"type": "answer", "sdp": "v=0"})),
    ("candidate", "{"),
    ("candidate", json.dumps({"candidate": "candidate:1 1 udp"})),
    ("candidate", json.dumps({"candidate": "candidate:x y z w v u t s"})),
    ("candidate", json.dumps({"candidate": 7, "sdpMid": []})),
    ("candidate", json.dumps({"candidate": ""})),
    ("hello", "{}"),
]


async def test_garbage_signals_leave_the_relay_standing(board: Switchboard) -> None:
    peers = await join_all(board, (1, 2))
    await hears(peers[1], audio_from(2))

    for kind, payload in GARBAGE:
        await board.relay.signal(ROOM, 9, kind, payload)  # a stranger
        await board.relay.signal(ROOM, 1, kind, payload)  # a connected peer
        # whatever the stranger's garbage made is gone again
        await until(lambda: board.relay.stats()["peers"] == 2, what=f"{kind} {payload} gone")
    # well-formed offers aiortc cannot take: refused up front, or halfway through
    stranger = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    stranger.addTransceiver("audio")
    await stranger.setLocalDescription(await stranger.createOffer())
    sdp = stranger.localDescription.sdp
    await stranger.close()
    for broken in (
        sdp.replace("a=rtcp-mux\r\n", ""),
        re.sub(r"a=rtpmap:(\d+) \w+/", r"a=rtpmap:\1 nonsense/", sdp),
    ):
        await board.relay.signal(ROOM, 9, "offer", json.dumps({"type": "offer", "sdp": broken}))
        await until(lambda: board.relay.stats()["peers"] == 2, what="broken offer gone")
    await board.relay.signal(ROOM, 9, "bye", "{}")
    before = peers[1].frames(stream_id(2), "audio"), peers[2].frames(stream_id(1), "audio")
    await until(
        lambda: (
            peers[1].frames(stream_id(2), "audio") > before[0] + 25
            and peers[2].frames(stream_id(1), "audio") > before[1] + 25
        ),
        what="audio still flowing",
    )
    assert peers[1].byes == 0 and peers[2].byes == 0
    assert gauges(board) == {
        "rooms": 1,
        "peers": 2,
        "upstream_tracks": 2,
        "forwarded_tracks": 2,
    }


class Deaf(Peer):
    """Never answers the relay's offers (a client that lost them, or hangs)."""

    async def handle(self, sender: str | None, kind: str, payload: str) -> None:
        if sender is None and kind == "offer":
            self.signals.append((sender, kind))
            return
        await super().handle(sender, kind, payload)


async def test_unanswered_offers_are_resent_then_the_peer_dropped(
    board: Switchboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay, "OFFER_TIMEOUT", 0.3)
    peers = await join_all(board, (1, 2))
    deaf = board.join(3, Deaf(board.line(3), tone=TONES[3]))
    await deaf.join_relay()
    await until(lambda: (None, "offer") in deaf.signals, what="the relay's offer")

    # glare: its own offer while the relay's is unanswered is ignored, not answered
    pc = deaf.pcs[None]
    await pc.setLocalDescription(await pc.createOffer())
    await board.route(
        3, None, "offer", json.dumps({"type": "offer", "sdp": pc.localDescription.sdp})
    )

    await until(lambda: deaf.byes == 1, what="bye to the deaf peer")
    assert deaf.signals.count((None, "offer")) == 1 + relay.OFFER_RESENDS
    assert deaf.signals.count((None, "answer")) == 1
    await hears(peers[1], audio_from(2), frames=0)
    assert board.relay.stats()["peers"] == 2


async def test_mesh_peers_talk_directly() -> None:
    """The same test peer without a relay: what tests of mesh rooms use."""
    board = Switchboard(ROOM)
    try:
        one, two = board.join(1, tone=TONES[1]), board.join(2, tone=TONES[2])
        await one.call("2")

        for me, other, hz in ((one, "2", TONES[2]), (two, "1", TONES[1])):
            await until(
                lambda me=me, other=other, hz=hz: (
                    [
                        abs((r.tone() or 0) - hz) < 30
                        for r in me.received.values()
                        if r.origin == other and r.active
                    ]
                    == [True]
                ),
                what=f"{hz} Hz directly from peer {other}",
            )
        await until(lambda: one.channels["2"].readyState == "open", what="data channel")
        one.say("2", "halo")
        await until(lambda: two.messages == [("1", "halo")], what="the message")
        assert {to for _, to, _ in board.sent} == {"1", "2"}
        assert not board.errors()
    finally:
        await board.close()
