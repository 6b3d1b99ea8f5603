"""Live traffic of rooms: one broker topic per room, signal checks, and the media relay.

Everything said in a room (presence, chat, hands, signals) is published on the room's
topic; each subscriber's stream drops what is addressed to someone else, so a signal
reaches only its addressee. With Redis the topic spans processes, so two people connected
to different app processes still reach each other.

A relay room's media relay lives in one process: the first to receive a signal for it
takes a lease on the room row (``relay_host``) and renews it while it hosts the room;
signals reaching another process are forwarded to the host over the broker.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from aioice import Candidate
from aiortc.sdp import SessionDescription
from tortoise.expressions import Q

from models.accounts import now
from models.errors import BadInput
from models.rooms import Room, RoomPresence
from realtime.broker import broker

log = logging.getLogger(__name__)

MAX_SIGNAL_BYTES = 32_768  # a relay answer grows ~1.2 KB per forwarded track: 6 with video fit
RELAY_LEASE = timedelta(seconds=60)
RELAY_STATS = (
    "rooms", "peers", "upstream_tracks", "forwarded_tracks",
    "frames_received", "frames_forwarded", "frames_dropped",
)  # fmt: skip
HOST_ID = f"{os.uname().nodename}:{os.getpid()}:{secrets.token_hex(3)}"


class SignalKind(StrEnum):
    OFFER = "offer"
    ANSWER = "answer"
    CANDIDATE = "candidate"
    BYE = "bye"


def room_topic(room_id: int) -> str:
    return f"room:{room_id}"


async def announce(room_id: int, kind: str, **fields: Any) -> None:
    """Tell everyone in the room (``to`` narrows it to one person)."""
    await broker().publish(room_topic(room_id), {"kind": kind, "at": now().isoformat(), **fields})


def check_signal(kind: SignalKind, payload: str) -> str:
    """The payload, if it is a well-formed signal of its kind; BAD_USER_INPUT otherwise.

    Offers and answers carry ``{"type", "sdp"}`` (RTCSessionDescription), candidates
    ``{"candidate", "sdpMid", "sdpMLineIndex"}`` (RTCIceCandidateInit), bye nothing.
    """
    if len(payload.encode()) > MAX_SIGNAL_BYTES:
        raise BadInput(f"Signals are at most {MAX_SIGNAL_BYTES} bytes.", field="payload")
    if kind == SignalKind.BYE:
        return ""
    try:
        data = json.loads(payload)
    except ValueError:
        raise BadInput("The payload is not JSON.", field="payload") from None
    if not isinstance(data, dict):
        raise BadInput("The payload must be a JSON object.", field="payload")
    if kind == SignalKind.CANDIDATE:
        _check_candidate(data)
    else:
        _check_description(kind, data)
    return payload


def _check_description(kind: SignalKind, data: dict[str, Any]) -> None:
    sdp = data.get("sdp")
    if data.get("type") != kind.value or not isinstance(sdp, str):
        shape = f'{{"type": "{kind.value}", "sdp": "..."}}'
        raise BadInput(f"An {kind.value} signal carries {shape}.", field="payload")
    try:
        description = SessionDescription.parse(sdp)
    except Exception:  # the parser raises whatever the malformed line provokes
        description = None
    if not sdp.startswith("v=0") or description is None or not description.media:
        raise BadInput("The SDP is malformed.", field="payload")


def _check_candidate(data: dict[str, Any]) -> None:
    line = data.get("candidate")
    mid, index = data.get("sdpMid"), data.get("sdpMLineIndex")
    if not isinstance(line, str) or not isinstance(mid, str | None):
        raise BadInput("A candidate is {candidate, sdpMid, sdpMLineIndex}.", field="payload")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
        raise BadInput("sdpMLineIndex must be a number.", field="payload")
    if line:  # empty means end-of-candidates
        try:
            Candidate.from_sdp(line.removeprefix("candidate:"))
        except (ValueError, IndexError):
            raise BadInput("The ICE candidate is malformed.", field="payload") from None


def turn_credential(secret: str, user: str, ttl: int) -> tuple[str, str]:
    """TURN REST API credentials (coturn ``use-auth-secret``): username ``expiry:user``,
    password base64(HMAC-SHA1(secret, username))."""
    username = f"{int(time.time()) + ttl}:{user}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


async def pass_signal(room_id: int, sender: int, to: int, kind: SignalKind, payload: str) -> None:
    await announce(room_id, "signal", user=sender, to=to, signal=kind.value, payload=payload)


async def close_rooms(relationship_id: int, reason: str, session_id: int | None = None) -> None:
    """Everyone leaves the relationship's rooms (or one session's): it ended or paused."""
    query = Room.filter(relationship_id=relationship_id)
    if session_id is not None:
        query = query.filter(session_id=session_id)
    for room_id in await query.values_list("id", flat=True):
        await RoomPresence.filter(room_id=room_id).delete()
        await announce(room_id, "closed", reason=reason)
        await relays.close_room(room_id)  # media stops too, whatever the browsers do


async def evict(relationship_id: int, user_id: int) -> None:
    """Someone removed from a relationship leaves its rooms at once, on every connection."""
    for room_id in await Room.filter(relationship_id=relationship_id).values_list("id", flat=True):
        await announce(room_id, "removed", to=user_id)  # first: "left" would end it quietly
        if await RoomPresence.filter(room_id=room_id, user_id=user_id).delete():
            await announce(room_id, "left", user=user_id)
        await relays.leave(room_id, user_id)


# --- the media relay ---------------------------------------------------------------------


class RelayRouter:
    """Finds (or becomes) the process hosting a room's relay and hands it the signal."""

    def __init__(self) -> None:
        self._host: Any = None  # realtime.relay.RelayHost, made on first use
        self._ice_servers: Callable[[], list[Any]] = list
        self._listener: asyncio.Task[None] | None = None
        # rooms this process relays, and until when its lease surely lasts: no other
        # process takes a room before then, so signals need no UPDATE to claim it again
        self._leases: dict[int, datetime] = {}

    def configure(
        self, stun_urls: tuple[str, ...], turn_urls: tuple[str, ...], turn_secret: str
    ) -> None:
        """The relay's own STUN/TURN servers (for a server behind NAT), from the settings;
        TURN credentials are made for each connection, as they expire."""
        from aiortc import RTCIceServer

        def ice_servers() -> list[Any]:
            servers = [RTCIceServer(urls=list(stun_urls))] if stun_urls else []
            if turn_urls and turn_secret:
                username, credential = turn_credential(turn_secret, "relay", 3600)
                servers.append(RTCIceServer(list(turn_urls), username, credential))
            return servers

        self._ice_servers = ice_servers

    def host(self) -> Any:
        if self._host is None:
            from realtime.relay import RelayHost  # aiortc media stack: only when relaying

            self._host = RelayHost(self._deliver, ice_servers=self._ice_servers)
        return self._host

    async def _deliver(self, room_id: int, to: int, kind: str, payload: str) -> None:
        await announce(room_id, "signal", user=None, to=to, signal=kind, payload=payload)

    async def signal(self, room_id: int, user_id: int, kind: SignalKind, payload: str) -> None:
        order = {"op": "signal", "room": room_id, "user": user_id, "kind": kind.value,
                 "payload": payload}  # fmt: skip
        owner = await self._claim(room_id)
        if owner == HOST_ID:
            await self._carry_out(order)
        else:
            await broker().publish(f"relay:{owner}", order)

    async def leave(self, room_id: int, user_id: int) -> None:
        """Someone left or was removed: their relay peer goes wherever it lives."""
        await self._at_host(room_id, {"op": "leave", "room": room_id, "user": user_id})

    async def close_room(self, room_id: int) -> None:
        """The room closed or became a mesh: every relay peer of it goes."""
        await self._at_host(room_id, {"op": "close", "room": room_id})

    async def _at_host(self, room_id: int, order: dict[str, Any]) -> None:
        room = await Room.get_or_none(id=room_id)
        if room is None or not room.relay_host:
            return
        if room.relay_host == HOST_ID:
            await self._carry_out(order)
        else:
            await broker().publish(f"relay:{room.relay_host}", order)

    async def _carry_out(self, order: dict[str, Any]) -> None:
        if order["op"] == "signal":
            await self.host().signal(order["room"], order["user"], order["kind"], order["payload"])
        elif self._host is None:
            return
        elif order["op"] == "leave":
            await self._host.leave(order["room"], order["user"])
        else:
            await self._host.close_room(order["room"])
            self._leases.pop(order["room"], None)
            await Room.filter(id=order["room"], relay_host=HOST_ID).update(
                relay_host="", relay_lease_until=None
            )

    async def _claim(self, room_id: int) -> str:
        """This process's id if it hosts (or now takes over) the room's relay, else the host's."""
        at = now()
        if self._leases.get(room_id, at) <= at:
            taken = await Room.filter(
                Q(relay_host="") | Q(relay_host=HOST_ID) | Q(relay_lease_until__lt=at), id=room_id
            ).update(relay_host=HOST_ID, relay_lease_until=at + RELAY_LEASE)
            if not taken:
                return (await Room.get(id=room_id)).relay_host
            self._leases[room_id] = at + RELAY_LEASE
        self.start()
        return HOST_ID

    def start(self) -> None:
        """Listen for signals other processes forward to this one's relay."""
        if self._listener is None or self._listener.done():
            self._listener = asyncio.create_task(self._listen(), name="rajut-relay-host")

    async def _listen(self) -> None:
        """Serve signals other processes forward, and keep this process's leases alive."""
        async with broker().subscribe(f"relay:{HOST_ID}") as inbox:
            renew = asyncio.create_task(self._renew())
            try:
                async for order in inbox:
                    try:
                        await self._carry_out(order)
                    except Exception:
                        log.exception("the relay could not carry out %s", order["op"])
            finally:
                renew.cancel()

    async def _renew(self) -> None:
        """Keep the leases of the rooms this process relays; a failed pass is retried, since
        a lapsed lease would let another process start a second relay for the room."""
        while True:
            await asyncio.sleep(RELAY_LEASE.total_seconds() / 3)
            try:
                if self._leases:
                    until = now() + RELAY_LEASE
                    await Room.filter(id__in=list(self._leases), relay_host=HOST_ID).update(
                        relay_lease_until=until
                    )
                    self._leases = dict.fromkeys(self._leases, until)
            except Exception:
                log.exception("could not renew the relay leases; retrying")

    def stats(self) -> dict[str, int]:
        """The relay's figures in this process (zeros until it first relays)."""
        if self._host is None:
            return dict.fromkeys(RELAY_STATS, 0)
        return self._host.stats()

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        if self._host is not None:
            await self._host.close()
            self._host = None
        if self._leases:
            await Room.filter(id__in=list(self._leases), relay_host=HOST_ID).update(
                relay_host="", relay_lease_until=None
            )
            self._leases.clear()


relays = RelayRouter()
