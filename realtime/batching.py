"""One query for many callers: what a connect storm asks of the database, asked in batches.

Ten thousand clients reconnecting after a deploy each need their token looked up and their
access to a programme checked. Asked one by one, that is tens of thousands of queries queued
on SQLite's single thread, most of the time in building them. A :class:`Coalescer` keeps at
most one batch in flight: keys asked for while it runs wait and go together in the next one.
When nothing is in flight a key is sent at the next turn of the event loop, so an idle
server adds no delay, and under a storm batches grow as large as the database is slow.

Strawberry's DataLoader batches within one turn of the loop, which under a storm is a few
connections per query; it also caches for its own lifetime, which is not what an answer
about access may do. The answers here are never kept: every call gets what the database
says now.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

MAX_BATCH = 500  # keys per query: far below SQLite's and asyncpg's parameter limits


class Coalescer(Generic[K, V]):
    """``await coalescer.get(key)``: ``load`` answers for a whole batch of keys at once.

    ``load`` returns a mapping; a key it leaves out gets ``missing``. An exception from
    ``load`` reaches every caller of that batch.
    """

    def __init__(self, load: Callable[[Sequence[K]], Awaitable[Mapping[K, V]]], missing: V) -> None:
        self._load = load
        self._missing = missing
        self._waiting: dict[K, list[asyncio.Future[V]]] = {}
        self._running: asyncio.Task[None] | None = None

    async def get(self, key: K) -> V:
        loop = asyncio.get_running_loop()
        if self._running is not None and self._running.get_loop() is not loop:
            self._running, self._waiting = None, {}  # left behind by a loop that ended
        future: asyncio.Future[V] = loop.create_future()
        self._waiting.setdefault(key, []).append(future)
        if self._running is None:
            self._running = asyncio.create_task(self._drain(), name="coalescer")
        return await future

    async def _drain(self) -> None:
        try:
            while self._waiting:
                await asyncio.sleep(0)  # let the callers woken with this one join it
                keys = list(self._waiting)[:MAX_BATCH]
                futures = {key: self._waiting.pop(key) for key in keys}
                try:
                    found = await self._load(keys)
                except Exception as exc:  # every caller of this batch hears of it
                    for waiters in futures.values():
                        for future in waiters:
                            if not future.done():
                                future.set_exception(exc)
                    continue
                for key, waiters in futures.items():
                    value = found.get(key, self._missing)
                    for future in waiters:
                        if not future.done():
                            future.set_result(value)
        finally:
            self._running = None
