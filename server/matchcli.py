"""`rajut match`: a coordinator's cohort match from the terminal, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import time

from models.accounts import User
from models.errors import RajutError
from models.matches import MatchMode, RunKind, approve_run, propose_groups, run_matching
from models.programmes import Programme
from server.db import open_database

STAGES = ("loading", "scoring", "solving", "storing")


class ProgressBar:
    """One line on stderr that fills as the run moves through its stages (or, through
    :meth:`show`, as any long job moves on: `rajut import` uses it for rows)."""

    def __init__(self, width: int = 30) -> None:
        self.width = width
        self.started = time.perf_counter()
        self.step = 0

    def __call__(self, message: str) -> None:
        stage = next((i for i, s in enumerate(STAGES) if message.startswith(s)), self.step)
        self.step = max(self.step, stage)
        self.show((self.step + 1) / len(STAGES), message)

    def show(self, fraction: float, message: str) -> None:
        filled = round(self.width * min(max(fraction, 0.0), 1.0))
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.perf_counter() - self.started
        sys.stderr.write(f"\r[{bar}] {elapsed:5.1f}s {message[:60]:<60}")
        sys.stderr.flush()

    def done(self) -> None:
        self("storing done")
        sys.stderr.write("\n")


async def coordinator_and_programme(args: argparse.Namespace) -> tuple[User, Programme]:
    """The ``--coordinator`` and ``--organisation``/``--programme`` a command acts as and on."""
    coordinator = await User.get_or_none(email=args.coordinator.strip().lower())
    programme = await Programme.get_or_none(
        slug=args.programme, organisation__slug=args.organisation
    )
    if coordinator is None or programme is None:
        raise SystemExit("No such coordinator or programme.")
    return coordinator, programme


async def match_programme(database_url: str, args: argparse.Namespace) -> None:
    db = await open_database(database_url)
    try:
        coordinator, programme = await coordinator_and_programme(args)
        progress = ProgressBar()
        progress("loading participants")
        try:
            kind = RunKind(args.kind)
            if kind == RunKind.COHORT:
                run = await run_matching(coordinator, programme.id, MatchMode(args.mode), progress)
            else:
                progress(f"solving ({kind.value})")
                run = await propose_groups(coordinator, programme.id, kind)
            progress.done()
            m = run.metrics
            label = run.mode.value if kind == RunKind.COHORT else kind.value
            print(
                f"run {run.id} ({label}): {m['matched']} matched, "
                f"{m['unmatched']} unmatched; total {m['total_score']:.2f}, "
                f"mean {m['mean_score']:.3f}, p10 {m['p10_score']:.3f}, "
                f"min {m['min_score']:.3f}, blocking pairs {m['blocking_pairs']}"
            )
            reasons: dict[str, int] = {}
            for u in run.unmatched:
                reasons[u["reason"]] = reasons.get(u["reason"], 0) + 1
            for reason, count in sorted(reasons.items()):
                print(f"  unmatched, {reason}: {count}")
            if args.approve:
                _, relationships, _ = await approve_run(coordinator, run.id)
                print(f"approved: {len(relationships)} relationships")
        except RajutError as exc:
            sys.stderr.write("\n")
            raise SystemExit(f"{exc.code}: {exc.message}") from None
    finally:
        await db.close_connections()
