"""Worker processes for CPU-bound work: matching, scoring, suggestions and explanations.

NumPy, SciPy, scikit-learn and OR-Tools take over a second to import and then hold the GIL
for long stretches; on the event loop, or in a thread of the server's process, either
stalls every other request. So that work runs here, in a few worker processes that the app
starts and warms in the background as it starts (server/app.py): each imports the solver
and solves a tiny cohort before its first job, so the first run after a start costs what
later ones do. A process with no app (`rajut match`, scripts) gets the same pool on first
use. Workers are spawned (fresh interpreters: nothing of the server's threads, sockets or
event loop is copied), so like any multiprocessing user a script must guard its entry
point with `if __name__ == "__main__"`.

Workers run at a lower CPU priority than the server (nice +10): on a machine with more
busy processes than cores, answering people comes before matching.

Each worker is its own single-process executor, a *lane*, so a job can go back to the
worker that holds its state (the scored cohort of a run, see models/solving.py); new work
goes to the lane with the fewest jobs in flight.

A worker that dies (killed, out of memory) breaks only its lane: the lane is replaced and
the job runs once more; losing a worker twice for one job is a `WorkersUnavailable` error
with its own code, never a 500 and never a request left hanging.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from models import solving
from models.errors import RajutError

log = logging.getLogger("rajut.workers")

T = TypeVar("T")
SHUTDOWN_GRACE = 5.0  # seconds a job still running at shutdown may take to finish
DEFAULT_SIZE = 1
NICENESS = 10  # added to each worker's nice value: a lower CPU priority than the server's
# a fresh interpreter per worker: nothing of the server's threads, sockets or loop is copied
SPAWN = multiprocessing.get_context("spawn")


class WorkersUnavailable(RajutError):
    code = "UNAVAILABLE"


def _begin() -> None:
    """A worker's first act: step back behind the server (on a busy machine people's
    requests get the CPU first and matching waits), then warm up."""
    os.nice(NICENESS)
    solving.warm()


class Lane:
    """One worker process, started as the lane is made (off the event loop: starting a
    process forks the server's)."""

    def __init__(self) -> None:
        self.executor = ProcessPoolExecutor(1, mp_context=SPAWN, initializer=_begin)
        self.busy = 0
        # the first job starts the process and runs after the warm-up: its answer (the
        # worker's pid) says the worker is ready
        self.ready: Future[int] = self.executor.submit(os.getpid)
        # to stop a worker mid-job at shutdown (ProcessPoolExecutor.kill_workers arrives
        # in Python 3.14; until then the executor's own table of its processes)
        self.processes: list[BaseProcess] = list(self.executor._processes.values())

    async def close(self) -> None:
        """Stop the worker: at once when it has no job (warming up is not worth waiting
        for), else after letting the job finish for a little while."""
        if not self.busy:
            self._stop_processes()
        finished = asyncio.ensure_future(
            asyncio.to_thread(self.executor.shutdown, wait=True, cancel_futures=True)
        )
        try:
            await asyncio.wait_for(asyncio.shield(finished), SHUTDOWN_GRACE)
        except TimeoutError:
            self._stop_processes()
            await finished

    def _stop_processes(self) -> None:
        for process in self.processes:  # not joined yet: the pid is still this worker's
            process.kill()


class Pool:
    """`size` lanes, each started on first need (or all at once by `warm`)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._lanes: list[asyncio.Task[Lane] | None] = [None] * self.size
        self._warming: asyncio.Task[None] | None = None

    async def _lane(self, index: int) -> Lane:
        task = self._lanes[index]
        if task is None or (task.done() and self._started(index) is None):
            task = asyncio.ensure_future(asyncio.to_thread(Lane))
            self._lanes[index] = task
        return await task

    def warm_in_background(self) -> None:
        self._warming = asyncio.create_task(self._warm(), name="background:matching-workers")

    async def _warm(self) -> None:
        started = time.perf_counter()
        lanes = [await self._lane(i) for i in range(self.size)]
        try:
            await asyncio.gather(*(asyncio.wrap_future(lane.ready) for lane in lanes))
        except BrokenProcessPool:  # a worker died while warming: the first job replaces it
            log.warning("a matching worker died while warming up")
            return
        log.info("matching workers warm: %d in %.1f s", len(lanes), time.perf_counter() - started)

    def _started(self, index: int) -> Lane | None:
        task = self._lanes[index]
        if task is None or not task.done() or task.cancelled() or task.exception():
            return None
        return task.result()

    def _idlest(self) -> int:
        def busy(index: int) -> int:
            lane = self._started(index)
            return 0 if lane is None else lane.busy

        return min(range(self.size), key=busy)

    async def run(
        self, job: Callable[..., T], *args: Any, lane: int | None = None
    ) -> tuple[int, T]:
        """Run `job(*args)` in a worker (lane `lane` when it names one of ours); returns
        the lane that ran it and the answer."""
        index = lane if lane is not None and 0 <= lane < self.size else self._idlest()
        for _ in range(2):
            try:
                current = await self._lane(index)
            except OSError as exc:  # no process could be started (out of memory, limits)
                log.error("cannot start a matching worker: %s", exc)
                raise WorkersUnavailable("No matching worker could start; try again.") from None
            current.busy += 1
            try:
                return index, await asyncio.wrap_future(current.executor.submit(job, *args))
            except BrokenProcessPool:
                log.warning("matching worker %d stopped; starting another", index)
                if self._started(index) is current:  # the first job to notice replaces it
                    self._lanes[index] = None
                    await current.close()
            finally:
                current.busy -= 1
        raise WorkersUnavailable("The matching worker stopped twice during this job; try again.")

    async def close(self) -> None:
        if self._warming is not None:
            self._warming.cancel()
        lanes = [task for task in self._lanes if task is not None]
        self._lanes = [None] * self.size
        for task in lanes:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await (await task).close()


_pool: Pool | None = None
_holders = 0


def start(size: int, warm_up: bool) -> None:
    """An app starts using the pool of this process (started and, with `warm_up`, warmed
    in the background); apps in one process share it, the last to stop closes it."""
    global _pool, _holders
    _holders += 1
    if _pool is None:
        _pool = Pool(size)
    if warm_up and _pool._warming is None:
        _pool.warm_in_background()


async def stop() -> None:
    global _pool, _holders
    _holders = max(0, _holders - 1)
    if _holders == 0 and _pool is not None:
        pool, _pool = _pool, None
        await pool.close()


def pool() -> Pool:
    """The process's pool; without an app (the CLI, scripts) one starts on first use and
    ends with the process."""
    global _pool
    if _pool is None:
        _pool = Pool(DEFAULT_SIZE)
    return _pool


async def run(job: Callable[..., T], *args: Any, lane: int | None = None) -> tuple[int, T]:
    return await pool().run(job, *args, lane=lane)
