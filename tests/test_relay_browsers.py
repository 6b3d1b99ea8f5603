"""The media relay with a browser's numbering: payload types and RTP header extension ids.

aiortc peers number codecs and header extensions the way the relay (aiortc too) does, so
test_relay.py could not see that the relay's renegotiation offers rewrote a browser's numbers:
Chromium refused the offer or sent its upstream under numbers the relay could no longer
decode. Here a participant offers with Chromium's numbers (an aiortc offer renumbered) and
the relay's later offers must speak them back, while its receivers keep decoding them.
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import AsyncIterator

import pytest
from aiortc import RTCConfiguration, RTCPeerConnection, rtp
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters, RTCRtpParameters

from realtime import relay
from realtime.relay import RelayHost, tolerant_extensions_get
from tests.webrtc import PatternTrack, Switchboard, ToneTrack, until

ROOM = 1
BROWSER = 1  # the participant who numbers like Chromium; never answers (no media needed)
# aiortc's payload types → Chromium 15x's: Opus, VP8 and its rtx, H264 variants and their rtx
PAYLOAD_TYPES = {96: 111, 97: 96, 98: 97, 99: 102, 100: 103, 101: 108, 102: 109}
# aiortc's extension ids → Chromium's: mid, audio level, abs-send-time
EXTENSION_IDS = {1: 4, 2: 1, 3: 2}


def renumbered(sdp: str) -> str:
    """An aiortc SDP with Chromium's payload types and extension ids."""

    def payload_type(match: re.Match[str]) -> str:
        return str(PAYLOAD_TYPES.get(int(match.group(0)), match.group(0)))

    lines = []
    for line in sdp.splitlines():
        if line.startswith("m="):
            head, formats = line.split(" ", 3)[:3], line.split(" ")[3:]
            line = " ".join([*head, *(re.sub(r"\d+", payload_type, f) for f in formats)])
        elif found := re.match(r"a=(rtpmap|fmtp|rtcp-fb):(\d+)(.*)", line):
            kind, number, rest = found.groups()
            rest = re.sub(r"(?<=apt=)\d+", payload_type, rest)
            line = f"a={kind}:{PAYLOAD_TYPES.get(int(number), number)}{rest}"
        elif found := re.match(r"a=extmap:(\d+) (.*)", line):
            line = f"a=extmap:{EXTENSION_IDS[int(found.group(1))]} {found.group(2)}"
        lines.append(line)
    return "\r\n".join(lines) + "\r\n"


def numbers(sdp: str) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """{codec name: payload types} and {extension uri: ids} over a whole SDP."""
    codecs: dict[str, set[int]] = {}
    for number, name in re.findall(r"a=rtpmap:(\d+) ([\w-]+)/", sdp):
        codecs.setdefault(name.lower(), set()).add(int(number))
    extensions: dict[str, set[int]] = {}
    for number, uri in re.findall(r"a=extmap:(\d+) (\S+)", sdp):
        extensions.setdefault(uri, set()).add(int(number))
    return codecs, extensions


@pytest.fixture
async def board() -> AsyncIterator[tuple[Switchboard, list[tuple[str, str]]]]:
    board = Switchboard(ROOM)
    to_browser: list[tuple[str, str]] = []

    async def deliver(room_id: int, to: int, kind: str, payload: str) -> None:
        if to == BROWSER:
            to_browser.append((kind, payload))
        else:
            await board.deliver(room_id, to, kind, payload)

    board.relay = RelayHost(deliver)
    try:
        yield board, to_browser
    finally:
        await board.relay.close()
        await board.close()


async def test_relay_offers_keep_a_browsers_payload_types_and_extension_ids(
    board: tuple[Switchboard, list[tuple[str, str]]],
) -> None:
    board, to_browser = board
    browser = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        browser.addTrack(ToneTrack(440))
        browser.addTrack(PatternTrack(160, 120))
        await browser.setLocalDescription(await browser.createOffer())
        offer = renumbered(browser.localDescription.sdp)
        await board.relay.signal(
            ROOM, BROWSER, "offer", json.dumps({"type": "offer", "sdp": offer})
        )
        await until(lambda: [k for k, _ in to_browser] == ["answer"], "the relay's answer")

        # someone else's media goes live: the relay offers it to the browser
        other = board.join(2, tone=700, video=(160, 120))
        await other.join_relay()
        await until(lambda: any(k == "offer" for k, _ in to_browser), "the relay's offer", 60)
        relay_offer = json.loads(next(p for k, p in to_browser if k == "offer"))["sdp"]
        assert relay_offer.count("m=audio") == 2 and relay_offer.count("m=video") == 2

        codecs, extensions = numbers(relay_offer)
        assert codecs["opus"] == {111}
        assert codecs["vp8"] == {96}
        assert 97 in codecs["rtx"] and 98 not in codecs["rtx"]  # VP8's rtx, as the browser said
        assert "apt=97" not in relay_offer  # aiortc's own VP8 number is gone everywhere
        assert extensions == {
            "urn:ietf:params:rtp-hdrext:sdes:mid": {4},
            "urn:ietf:params:rtp-hdrext:ssrc-audio-level": {1},
            "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time": {2},
        }
        # the relay still receives the browser's upstream under the browser's numbers
        participant = board.relay._rooms[ROOM][BROWSER]
        upstream = [t for t in participant.pc.getTransceivers() if t.currentDirection]
        assert [t._codecs[0].payloadType for t in upstream] == [111, 96]
        assert {x.id for t in upstream for x in t._headerExtensions} <= {4, 1, 2}
        assert not board.errors()
    finally:
        await browser.close()


def test_an_unreadable_header_extension_value_costs_only_itself() -> None:
    # aiortc's own ids (mid 1, audio level 2) meeting a browser's abs-send-time on id 2:
    # three bytes where aiortc reads one
    extensions = rtp.HeaderExtensionsMap()
    extensions.configure(
        RTCRtpParameters(
            headerExtensions=[
                RTCRtpHeaderExtensionParameters(id=1, uri="urn:ietf:params:rtp-hdrext:sdes:mid"),
                RTCRtpHeaderExtensionParameters(
                    id=2, uri="urn:ietf:params:rtp-hdrext:ssrc-audio-level"
                ),
            ]
        )
    )
    profile, value = rtp.pack_header_extensions([(1, b"0"), (2, b"\xe1\x31\xa6")])
    with pytest.raises(struct.error):  # aiortc alone: the DTLS transport would end here
        relay._extensions_get(extensions, profile, value)
    read = tolerant_extensions_get(extensions, profile, value)
    assert read.mid == "0" and read.audio_level is None
