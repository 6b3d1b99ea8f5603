"""Candidate graph: score the cohort chunk by chunk and keep only the best edges.

The full mentors x mentees matrix is never held: each chunk of mentees is
scored against all mentors, and only each mentee's top-k and a running top-k
per mentor survive. Keeping mentor-side candidates matters: it gives mentors
nobody ranks first an edge into the graph, so they are not left idle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .features import EncodedSide
from .profiles import ProgrammeRules
from .scoring import BLOCKED, MenteeBlock, MentorBlock, PairScorer

DEFAULT_BLOCK_ELEMENTS = 4_000_000  # mentors x mentees per chunk: ~16 MB per float32 temporary
MIN_CHUNK_ROWS = 256  # narrower chunks leave the matrix products far below BLAS speed
SAMPLE_FACTOR = 8  # a mentee's threshold sample holds at least 8 k mentors ...
SAMPLE_DIVISOR = 16  # ... or a 16th of them, so about 16 k survive the threshold


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
    """Score every pair once, in bounded chunks, and keep the union of both sides' top-k.

    A full per-mentee argpartition over all mentors dominated the run time, so
    both top-k selections work on a few survivors of one threshold mask:
    a mentee's k-th best among a sample of mentors is a lower bound of its
    k-th best overall, and a mentor's running k-th best only rises.
    """
    n_m, n_e = len(mentors), len(mentees)
    left = scorer.left(mentors)
    right = scorer.right(mentees, np.arange(n_e))
    left, right = _compact(left, right)
    ex_i, ex_j = pair_exclusions(scorer.rules, mentors.ids, mentees.ids)
    order = np.argsort(ex_j, kind="stable")
    ex_i, ex_j = ex_i[order], ex_j[order]

    k_e = min(k_mentee, n_m)
    k_m = min(k_mentor, n_e)
    best = _RunningTopK(n_m, k_m)
    compatible_mentors = np.zeros(n_e, dtype=np.int32)
    compatible_mentees = np.zeros(n_m, dtype=np.int64)
    parts_i: list[np.ndarray] = []
    parts_j: list[np.ndarray] = []
    parts_s: list[np.ndarray] = []
    chunk = max(1, min(n_e, max(block_elements // max(n_m, 1), MIN_CHUNK_ROWS)))
    stride = max(1, n_m // max(SAMPLE_FACTOR * k_e, n_m // SAMPLE_DIVISOR))

    for c0 in range(0, n_e, chunk):
        c1 = min(n_e, c0 + chunk)
        total, allowed = scorer.block_rows(left, right.take(slice(c0, c1)))
        lo, hi = np.searchsorted(ex_j, [c0, c1])
        allowed[ex_j[lo:hi] - c0, ex_i[lo:hi]] = False
        compatible_mentors[c0:c1] = allowed.view(np.uint8).sum(1, dtype=np.int32)
        compatible_mentees += allowed.view(np.uint8).sum(0, dtype=np.int64)
        if n_m == 0:
            continue

        # each mentee's threshold: its k-th best allowed total among every stride-th mentor
        sample = np.where(allowed[:, ::stride], total[:, ::stride], -np.inf)
        k_sample = min(k_e, sample.shape[1])
        row_floor = np.partition(sample, sample.shape[1] - k_sample, axis=1)[:, -k_sample]
        if k_sample < k_e:
            row_floor[:] = -np.inf
        del sample
        hits = total >= row_floor[:, None]
        hits |= total > best.floor[None, :]
        hits &= allowed
        flat = np.flatnonzero(hits)
        del hits
        rows, cols = np.divmod(flat, n_m)
        vals = total.ravel()[flat]

        # each mentee's k best mentors, among the survivors of its own threshold
        mine = np.flatnonzero(vals >= row_floor[rows])
        mine = mine[_row_top_k(rows[mine], vals[mine], c1 - c0, k_e)]
        parts_i.append(cols[mine].astype(np.int32))
        parts_j.append((rows[mine] + c0).astype(np.int32))
        parts_s.append(vals[mine])

        # running k best mentees per mentor: while the floors are still low (first
        # chunks) nearly everything survives, so cut the chunk to k per mentor first
        if len(flat) > 4 * best.size:
            masked = np.where(allowed, total, BLOCKED)
            width = c1 - c0
            k_here = min(k_m, width)
            top_rows = np.argpartition(masked, width - k_here, axis=0)[width - k_here :]
            hit_i = np.tile(np.arange(n_m), k_here)
            hit_j = top_rows.ravel()
            best.add(hit_i, hit_j + c0, masked[hit_j, hit_i])
            del masked
        else:
            theirs = vals > best.floor[cols]
            best.add(cols[theirs], rows[theirs] + c0, vals[theirs])
        del total, allowed

    best_val, best_idx = best.result()
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


def _compact(left: MentorBlock, right: MenteeBlock) -> tuple[MentorBlock, MenteeBlock]:
    """The same products on fewer columns: the matrix products are most of the run time.

    Columns that are zero on either side add nothing, and columns identical on
    one side can be merged by adding up their partners on the other side.
    """
    weighted, features = _merge_columns(left.weighted, right.features)
    features, weighted = _merge_columns(features, weighted)
    gate_left, gate_right = _merge_columns(left.gate, right.gate)
    gate_right, gate_left = _merge_columns(gate_right, gate_left)
    return (
        replace(left, weighted=weighted, gate=gate_left),
        replace(right, features=features, gate=gate_right),
    )


def _merge_columns(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(a', b') with a' @ b'.T == a @ b.T: a's distinct non-zero columns, b's summed to match."""
    used = np.flatnonzero((a != 0).any(0) & (b != 0).any(0))
    first: dict[bytes, int] = {}  # column bytes -> its group (hashing beats np.unique(axis=1))
    group = np.array([first.setdefault(a[:, c].tobytes(), len(first)) for c in used])
    keep = used[np.unique(group, return_index=True)[1]]
    merged = np.zeros((len(b), len(keep)), dtype=b.dtype)
    for g, c in zip(group.tolist(), used.tolist(), strict=True):
        merged[:, g] += b[:, c]
    return np.ascontiguousarray(a[:, keep]), merged


def _row_top_k(rows: np.ndarray, vals: np.ndarray, n_rows: int, k: int) -> np.ndarray:
    """Positions of each row's k largest values; `rows` must be sorted (np.nonzero order).

    Values are laid out in a padded rows x longest-row matrix so one argpartition
    serves every row at once.
    """
    counts = np.bincount(rows, minlength=n_rows)
    width = int(counts.max(initial=0))
    if width <= k:
        return np.arange(len(rows))
    starts = np.cumsum(counts) - counts
    slot = np.arange(len(rows)) - starts[rows]
    padded = np.full((n_rows, width), -np.inf, dtype=np.float32)
    padded[rows, slot] = vals
    pick = np.argpartition(padded, width - k, axis=1)[:, width - k :]
    real = pick < counts[:, None]
    return np.sort((starts[:, None] + pick)[real])


class _RunningTopK:
    """Each row's k best (value, column) seen so far.

    New entries are buffered and merged only once they outnumber the kept ones,
    so the sort runs a logarithmic number of times; `floor` (the k-th best at
    the last merge) only rises, so filtering against a stale floor is safe.
    """

    def __init__(self, n: int, k: int) -> None:
        self.k = k
        self.size = n * k
        self.val = np.full((n, k), BLOCKED, dtype=np.float32)
        self.idx = np.zeros((n, k), dtype=np.int64)
        self.floor = np.full(n, BLOCKED, dtype=np.float32)
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._n_pending = 0

    def add(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> None:
        self._pending.append((rows, cols, vals))
        self._n_pending += len(rows)
        if self._n_pending >= self.size:
            self._merge()

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        self._merge()
        return self.val, self.idx

    def _merge(self) -> None:
        if not self._n_pending or self.k == 0:
            self._pending, self._n_pending = [], 0
            return
        new_i = np.concatenate([p[0] for p in self._pending])
        new_j = np.concatenate([p[1] for p in self._pending])
        new_v = np.concatenate([p[2] for p in self._pending])
        self._pending, self._n_pending = [], 0
        self.val, self.idx = _merge_best(self.val, self.idx, new_i, new_j, new_v, self.k)
        self.floor = self.val.min(axis=1)


def _merge_best(
    best_val: np.ndarray,
    best_idx: np.ndarray,
    new_i: np.ndarray,
    new_j: np.ndarray,
    new_val: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row top-k of the current best plus new (row, col, value) entries.

    New entries are appended to their row in a padded matrix and one
    argpartition picks each row's k best: a sort of every entry was the
    bottleneck of the mentor-side top-k.
    """
    if len(new_i) == 0:
        return best_val, best_idx
    n = best_val.shape[0]
    order = np.argsort(new_i, kind="stable")
    new_i, new_j, new_val = new_i[order], new_j[order], new_val[order]
    counts = np.bincount(new_i, minlength=n)
    slot = k + np.arange(len(new_i)) - (np.cumsum(counts) - counts)[new_i]
    width = k + int(counts.max())
    vals = np.full((n, width), -np.inf, dtype=np.float32)
    cols = np.zeros((n, width), dtype=np.int64)
    vals[:, :k], cols[:, :k] = best_val, best_idx
    vals[new_i, slot], cols[new_i, slot] = new_val, new_j
    pick = np.argpartition(vals, width - k, axis=1)[:, width - k :]
    top_val = np.take_along_axis(vals, pick, 1)
    return np.maximum(top_val, BLOCKED), np.take_along_axis(cols, pick, 1)


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
