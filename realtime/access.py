"""Who a WebSocket connection is, and the moment that stops being true.

Signing a connection in costs one token look-up. After a deploy ten thousand clients
reconnect within seconds, so look-ups are batched (``realtime.batching``: one query for
every token asked for while the previous query ran) and kept in a cache shared by every
connection of this process, so a client opening several connections, or reconnecting after
a blip, costs nothing more. A connection keeps the person it signed in as for its whole life.

Nothing cached may outlive the access it stands for. A model that takes access away
(a token revoked, sessions signed out, a role lowered, an account closed) announces
``AccessWithdrawn`` after its commit; ``realtime.announcements`` forgets that person's
tokens here at once and puts the news on the broker's ``access`` topic, which every process
(this one included) follows with :func:`watch`: it forgets the person's tokens and closes
their open connections whose token is no longer live (for a role, all of them, so their
subscriptions are authorised afresh), with close code 4403 as for a bad token at connect.
Redis pub/sub may lose messages while it is down, so when the broker says messages may have
been lost (``RESYNC``) the whole cache is dropped and every open connection's token is
checked again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from contextlib import suppress
from typing import Any, Protocol

from models.accounts import AccessToken, hash_token, live_tokens, now
from realtime.batching import MAX_BATCH, Coalescer
from realtime.broker import RESYNC, SubscriberTooSlow, broker

log = logging.getLogger("rajut.access")

ACCESS_TOPIC = "access"
CACHE_SECONDS = 60.0  # a cached sign-in is at most this old (revocations end it sooner)
CACHE_SIZE = 50_000  # tokens remembered; the oldest go first
WITHDRAWN = 4403  # the close code of a refused connection_init, as Strawberry sends it


class SignedIn(Protocol):
    """An open connection, as far as withdrawing access needs to know it."""

    token: AccessToken | None

    async def close(self, code: int, reason: str) -> None: ...


class TokenDesk:
    """Token look-ups for WebSocket sign-ins: batched, and cached across connections."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, AccessToken]] = {}
        self._lookups: Coalescer[str, AccessToken | None] = Coalescer(live_tokens, None)
        # A look-up under way when access is withdrawn may return what was true before; the
        # clock tells it not to cache that, and tells ``admit`` to check the connection again.
        self.clock = 0
        self._forgotten: dict[int, int] = {}  # person → the clock when last forgotten
        self._everyone_forgotten = 0

    async def sign_in(self, token: str) -> AccessToken | None:
        """The live token, with its user; None for an unknown, expired or revoked one."""
        started = self.clock
        key = hash_token(token)
        cached = self._cache.get(key)
        if cached is not None:
            stored_at, record = cached
            if time.monotonic() - stored_at < CACHE_SECONDS and record.is_live(now()):
                return record
            del self._cache[key]
        record = await self._lookups.get(key)
        if record is not None and self.clock == started:
            if len(self._cache) >= CACHE_SIZE:
                del self._cache[next(iter(self._cache))]
            self._cache[key] = (time.monotonic(), record)
        return record

    def forget(self, user_id: int) -> None:
        self.clock += 1
        self._forgotten.pop(user_id, None)
        self._forgotten[user_id] = self.clock
        if len(self._forgotten) > CACHE_SIZE:  # only look-ups under way need the old ones
            del self._forgotten[next(iter(self._forgotten))]
        for key in [k for k, (_, r) in self._cache.items() if r.user_id == user_id]:
            del self._cache[key]

    def forget_everyone(self) -> None:
        self.clock += 1
        self._everyone_forgotten = self.clock
        self._cache.clear()

    def forgot(self, user_id: int, since: int) -> bool:
        """Whether this person was forgotten after the clock read ``since``."""
        return self._forgotten.get(user_id, 0) > since

    def forgot_everyone(self, since: int) -> bool:
        return self._everyone_forgotten > since


class Connections:
    """The signed-in connections of this process, by person."""

    def __init__(self) -> None:
        self._by_user: dict[int, set[SignedIn]] = defaultdict(set)

    def add(self, connection: SignedIn) -> None:
        if connection.token is not None:
            self._by_user[connection.token.user_id].add(connection)

    def discard(self, connection: SignedIn) -> None:
        if connection.token is None:
            return
        held = self._by_user.get(connection.token.user_id)
        if held is not None:
            held.discard(connection)
            if not held:
                del self._by_user[connection.token.user_id]

    def of(self, user_id: int) -> list[SignedIn]:
        return list(self._by_user.get(user_id, ()))

    def everyone(self) -> list[SignedIn]:
        return [c for held in self._by_user.values() for c in held]


desk = TokenDesk()
connections = Connections()


async def recheck(held: list[SignedIn], *, close_all: bool = False) -> int:
    """Close the connections whose token is no longer live (all of them with
    ``close_all``); returns how many were closed."""
    closing = list(held) if close_all else []
    if not close_all:
        for start in range(0, len(held), MAX_BATCH):
            chunk = held[start : start + MAX_BATCH]
            live = await live_tokens([c.token.token_hash for c in chunk if c.token is not None])
            closing += [c for c in chunk if c.token is None or c.token.token_hash not in live]
    for connection in closing:
        connections.discard(connection)
        with suppress(Exception):  # it may be closing already
            await connection.close(WITHDRAWN, "Access withdrawn: sign in again.")
    return len(closing)


async def admit(connection: SignedIn, since: int) -> None:
    """Follow a signed-in connection from now on. ``since`` is the desk's clock before its
    token was looked up: a withdrawal in between found nothing to close, so it is acted on
    here (for this person: closed, as the role case needs; after a resync: re-checked)."""
    connections.add(connection)
    if connection.token is None:
        return
    if desk.forgot(connection.token.user_id, since):
        await recheck([connection], close_all=True)
    elif desk.forgot_everyone(since):
        await recheck([connection])


async def withdrawn(user_id: int, roles: bool) -> None:
    """What every process does when a person loses access (see the module docstring)."""
    desk.forget(user_id)
    await recheck(connections.of(user_id), close_all=roles)


async def announce_withdrawal(user_id: int, roles: bool) -> None:
    """Forget the person here at once, then tell every process (this one too)."""
    desk.forget(user_id)
    await broker().publish(ACCESS_TOPIC, {"user": user_id, "roles": roles})


async def watch(stop: asyncio.Event) -> None:
    """Follow the ``access`` topic until ``stop`` is set (a background task of the app)."""
    follower = asyncio.create_task(_follow(), name="access-withdrawals")
    await stop.wait()
    follower.cancel()
    with suppress(asyncio.CancelledError):
        await follower


async def _follow() -> None:
    while True:
        try:
            async with broker().subscribe(ACCESS_TOPIC, resync=True) as live:
                async for message in live:
                    await _act_on(message)
            return  # the broker closed
        except SubscriberTooSlow:  # a flood of revocations: check everyone, then go on
            await _resync()
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug or the database away: log it, start again
            log.exception("following access withdrawals failed")
            await asyncio.sleep(1)


async def _act_on(message: dict[str, Any]) -> None:
    if message is RESYNC:
        await _resync()
        return
    user, roles = message.get("user"), message.get("roles")
    if isinstance(user, int) and isinstance(roles, bool):
        await withdrawn(user, roles)


async def _resync() -> None:
    """Withdrawals may have been lost: trust nothing cached, check every connection."""
    desk.forget_everyone()
    closed = await recheck(connections.everyone())
    log.info("access re-checked after a broker gap: %d connections closed", closed)
