"""Announcements: what the models tell the live side, handed over only after commit.

Models store what happened and then announce it: a message for a broker topic, or a fact
the live side acts on (a relationship stopped, a session was cancelled, a member was
removed). They never reach for the broker or the rooms themselves; whoever runs the live
side (``realtime.announcements``, wired by ``server.app`` at start-up) registers with
:func:`listen` and receives each announcement. A process that registers nobody (the CLI, a
model under test) announces into the void, and everything it stored is still there.

Announcements made inside :func:`transaction` wait for it: they are handed over after the
outermost one commits, in the order they were made, and dropped if it rolls back, so nobody
hears of a change that never happened or reads a row that is not there yet. A nested block
is a savepoint: what it announced joins the enclosing block if it succeeds and is dropped
with it if it fails. An announcement made outside any such block is handed over at once,
before :func:`announce` returns, so a mutation's consequences (a removed member losing their
room at once) are complete when it answers.

Only :func:`transaction` is watched: announcing inside a bare ``in_transaction()`` cannot be
held back, so code that announces wraps its outermost block in :func:`transaction` (it is an
``in_transaction()`` itself). Handing over at a moment when a bare transaction is still
open is logged as a warning.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import get_connection
from tortoise.exceptions import ConfigurationError
from tortoise.transactions import in_transaction

log = logging.getLogger("rajut.announcements")


@dataclass(frozen=True)
class Publication:
    """A message for the subscribers of a broker topic (at most once, like the broker)."""

    topic: str
    message: dict[str, Any]


@dataclass(frozen=True)
class RelationshipStatusChanged:
    """A relationship moved to ``status`` (a RelationshipStatus value): unless it is active
    again, its rooms close."""

    relationship_id: int
    status: str


@dataclass(frozen=True)
class RoomsClosed:
    """A relationship's rooms close for a reason of their own (its programme closed, a
    member's account was deleted)."""

    relationship_id: int
    reason: str


@dataclass(frozen=True)
class SessionCancelled:
    """A session was cancelled: its room closes."""

    relationship_id: int
    session_id: int


@dataclass(frozen=True)
class MemberRemoved:
    """Someone left or was taken out of a relationship: they leave its rooms at once."""

    relationship_id: int
    user_id: int


@dataclass(frozen=True)
class AccessWithdrawn:
    """A person lost some access: a token revoked, their sessions signed out, or (with
    ``roles``) a role lowered or the account closed. Every process forgets what it cached
    about them and closes their open connections that no longer hold (with ``roles``, all
    of them, so every subscription is authorised afresh)."""

    user_id: int
    roles: bool = False


Announcement = (
    Publication
    | RelationshipStatusChanged
    | RoomsClosed
    | SessionCancelled
    | MemberRemoved
    | AccessWithdrawn
)
Listener = Callable[[Announcement], Awaitable[None]]

_listeners: list[Listener] = []
# the announcements of the innermost open transaction() of this task, None outside one
_pending: ContextVar[list[Announcement] | None] = ContextVar("rajut_announcements", default=None)


def listen(listener: Listener) -> None:
    """Receive every announcement from now on (registering the same listener twice keeps
    one: a test process may start several apps, and each would register)."""
    if listener not in _listeners:
        _listeners.append(listener)


async def announce(*announcements: Announcement) -> None:
    """Queue in the open :func:`transaction`, or hand over now when none is open."""
    pending = _pending.get()
    if pending is not None:
        pending.extend(announcements)
    else:
        await _hand_over(list(announcements))


@asynccontextmanager
async def transaction() -> AsyncIterator[None]:
    """``in_transaction()`` whose announcements are handed over once it has committed."""
    outer = _pending.get()
    mine: list[Announcement] = []
    token = _pending.set(mine)
    try:
        async with in_transaction():
            yield
    finally:
        _pending.reset(token)
    if outer is not None:  # a savepoint: the enclosing transaction decides
        outer.extend(mine)
    else:
        await _hand_over(mine)


async def _hand_over(announcements: list[Announcement]) -> None:
    if not announcements or not _listeners:
        return
    if _inside_bare_transaction():
        log.warning(
            "announcements handed over inside a transaction not opened by "
            "models.announcements.transaction(): they may describe uncommitted changes"
        )
    for announcement in announcements:
        for listener in list(_listeners):
            await listener(announcement)


def _inside_bare_transaction() -> bool:
    try:
        return isinstance(get_connection("default"), TransactionalDBClient)
    except ConfigurationError:  # no database configured: no transaction either
        return False
