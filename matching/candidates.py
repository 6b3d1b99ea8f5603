"""Candidate graph: score the cohort chunk by chunk and keep only the best edges.

The full mentors x mentees matrix is never held: each chunk of mentees is
scored against all mentors, and only each mentee's top-k and a running top-k
per mentor survive. Keeping mentor-side candidates matters: it gives mentors
nobody ranks first an edge into the graph, so they are not left idle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import EncodedSide
from .profiles import ProgrammeRules
from .scoring import BLOCKED, PairScorer

DEFAULT_BLOCK_ELEMENTS = 2_000_000  # mentors x mentees per chunk: ~8 MB per float32 temporary


@dataclass
class CandidateGraph:
    """Edges mentor -> mentee with their totals, sorted by mentee then score (best first)."""

    mentor: np.ndarray  # int32 row in the mentor side
    mentee: np.ndarray  # int32 row in the mentee side
    score: np.ndarray  # float32 total in [0, 1]
    mentee_rank: np.ndarray  # int32, 1 = the mentee's best candidate
    compatible_mentors: np.ndarray  # int32 per mentee: how many mentors are allowed at all
    compatible_mentees: np.ndarray  # int64 per mentor
    n_mentors: int
    n_mentees: int

    def __len__(self) -> int:
        return len(self.mentor)

    def keys(self) -> np.ndarray:
        """One int64 per edge, for set operations on edges."""
        return self.mentor.astype(np.int64) * self.n_mentees + self.mentee


def pair_exclusions(
    rules: ProgrammeRules, row_ids: np.ndarray, col_ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Row/column indices of pairs blocked by id: exclusions, forbidden repeats, same person."""
    rows = {int(pid): i for i, pid in enumerate(row_ids)}
    cols = {int(pid): j for j, pid in enumerate(col_ids)}
    pairs = set(rules.exclusions)
    if rules.forbid_repeats:
        pairs |= rules.previous_pairs
    out_i, out_j = [], []
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if x in rows and y in cols:
                out_i.append(rows[x])
                out_j.append(cols[y])
    for pid in set(rows).intersection(cols):
        out_i.append(rows[pid])
        out_j.append(cols[pid])
    return np.asarray(out_i, dtype=np.intp), np.asarray(out_j, dtype=np.intp)


def build_candidates(
    scorer: PairScorer,
    mentors: EncodedSide,
    mentees: EncodedSide,
    k_mentee: int,
    k_mentor: int,
    block_elements: int = DEFAULT_BLOCK_ELEMENTS,
) -> CandidateGraph:
    """Score every pair once, in bounded chunks, and keep the union of both sides' top-k."""
    n_m, n_e = len(mentors), len(mentees)
    left = scorer.left(mentors)
    ex_i, ex_j = pair_exclusions(scorer.rules, mentors.ids, mentees.ids)
    order = np.argsort(ex_j, kind="stable")
    ex_i, ex_j = ex_i[order], ex_j[order]

    k_e = min(k_mentee, n_m)
    k_m = min(k_mentor, n_e)
    best_val = np.full((n_m, k_m), BLOCKED, dtype=np.float32)
    best_idx = np.zeros((n_m, k_m), dtype=np.int64)
    compatible_mentors = np.zeros(n_e, dtype=np.int32)
    compatible_mentees = np.zeros(n_m, dtype=np.int64)
    parts_i: list[np.ndarray] = []
    parts_j: list[np.ndarray] = []
    parts_s: list[np.ndarray] = []
    chunk = max(1, min(n_e, block_elements // max(n_m, 1)))

    for c0 in range(0, n_e, chunk):
        c1 = min(n_e, c0 + chunk)
        total = scorer.block(left, scorer.right(mentees, np.arange(c0, c1)))
        lo, hi = np.searchsorted(ex_j, [c0, c1])
        total[ex_i[lo:hi], ex_j[lo:hi] - c0] = BLOCKED
        allowed = total > BLOCKED
        compatible_mentors[c0:c1] = allowed.sum(0)
        compatible_mentees += allowed.sum(1)
        del allowed
        if n_m == 0:
            continue

        # each mentee's k best mentors
        if k_e < n_m:
            rows = np.argpartition(total, n_m - k_e, axis=0)[n_m - k_e :]
        else:
            rows = np.broadcast_to(np.arange(n_m)[:, None], total.shape)
        vals = np.take_along_axis(total, rows, 0)
        keep = vals > BLOCKED
        parts_i.append(rows[keep].astype(np.int32))
        parts_j.append(np.broadcast_to(np.arange(c0, c1, dtype=np.int32), rows.shape)[keep])
        parts_s.append(vals[keep])

        # running k best mentees per mentor: only entries above a mentor's current
        # k-th best can enter, and after the first chunks there are few of them
        above = total > best_val.min(axis=1)[:, None]
        if np.count_nonzero(above) > 4 * best_val.size:  # early chunks: cut to k per row first
            width = c1 - c0
            k_here = min(k_m, width)
            cols = np.argpartition(total, width - k_here, axis=1)[:, width - k_here :]
            hit_i = np.repeat(np.arange(n_m), k_here)
            hit_j = cols.ravel()
        else:
            hit_i, hit_j = np.nonzero(above)
        del above
        best_val, best_idx = _merge_best(
            best_val, best_idx, hit_i, hit_j + c0, total[hit_i, hit_j], k_m
        )
        del total

    keep = best_val > BLOCKED
    parts_i.append(np.broadcast_to(np.arange(n_m, dtype=np.int32)[:, None], keep.shape)[keep])
    parts_j.append(best_idx[keep].astype(np.int32))
    parts_s.append(best_val[keep])
    return _graph(
        np.concatenate(parts_i),
        np.concatenate(parts_j),
        np.concatenate(parts_s),
        compatible_mentors,
        compatible_mentees,
        n_m,
        n_e,
    )


def _merge_best(
    best_val: np.ndarray,
    best_idx: np.ndarray,
    new_i: np.ndarray,
    new_j: np.ndarray,
    new_val: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row top-k of the current best plus new (row, col, value) entries."""
    if len(new_i) == 0:
        return best_val, best_idx
    n = best_val.shape[0]
    rows = np.concatenate([np.repeat(np.arange(n), k), new_i])
    vals = np.concatenate([best_val.ravel(), new_val])
    cols = np.concatenate([best_idx.ravel(), new_j])
    order = np.lexsort((cols, -vals, rows))
    rows, vals, cols = rows[order], vals[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < k
    return vals[keep].reshape(n, k), cols[keep].reshape(n, k)


def _graph(
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    compatible_mentors: np.ndarray,
    compatible_mentees: np.ndarray,
    n_m: int,
    n_e: int,
) -> CandidateGraph:
    keys = mentor.astype(np.int64) * n_e + mentee
    _, first = np.unique(keys, return_index=True)
    mentor, mentee, score = mentor[first], mentee[first], score[first]
    order = np.lexsort((mentor, -score, mentee))
    mentor, mentee, score = mentor[order], mentee[order], score[order]
    starts = np.searchsorted(mentee, mentee, side="left")
    rank = (np.arange(len(mentee)) - starts + 1).astype(np.int32)
    return CandidateGraph(
        mentor=mentor.astype(np.int32),
        mentee=mentee.astype(np.int32),
        score=score.astype(np.float32),
        mentee_rank=rank,
        compatible_mentors=compatible_mentors,
        compatible_mentees=compatible_mentees,
        n_mentors=n_m,
        n_mentees=n_e,
    )
