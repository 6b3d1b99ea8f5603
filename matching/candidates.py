"""Candidate graph: score the cohort chunk by chunk and keep only the best edges.

The full mentors x mentees matrix is never held: each chunk of mentees is
scored against all mentors, and only each mentee's top-k and a running top-k
per mentor survive. Keeping mentor-side candidates matters: it gives mentors
nobody ranks first an edge into the graph, so they are not left idle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from .features import EncodedSide
from .profiles import ProgrammeRules
from .scoring import BLOCKED, MenteeBlock, MentorBlock, PairScorer

DEFAULT_BLOCK_ELEMENTS = 4_000_000  # mentors x mentees per chunk: ~16 MB per float32 temporary
MIN_CHUNK_ROWS = 256  # narrower chunks leave the matrix products far below BLAS speed
SAMPLE_FACTOR = 8  # a mentee's threshold sample holds at least 8 k mentors ...
SAMPLE_DIVISOR = 16  # ... or a 16th of them, so about 16 k survive the threshold
MERGE_WASTE = 1.2  # language groups share a chunk while that scores at most 20 % more pairs


@dataclass
class CandidateGraph:
    """Edges mentor -> mentee with their totals, sorted by mentee then score (best first)."""

    mentor: np.ndarray  # int32 row in the mentor side
    mentee: np.ndarray  # int32 row in the mentee side
    score: np.ndarray  # float32 total in [0, 1]
    mentee_rank: np.ndarray  # int32, 1 = the mentee's best candidate
    compatible_mentors: np.ndarray  # int32 per mentee: how many mentors are allowed at all
    compatible_mentees: np.ndarray  # int64 per mentor
    # Bounds for pairs outside the graph, -inf where every allowed pair of that person is
    # in it: no such pair scores more than its mentor's k-th best total (mentor_floor),
    # nor more than the mentee's k-th best total minus price plus its mentor's price.
    mentor_floor: np.ndarray  # float32 per mentor
    mentee_floor: np.ndarray  # float32 per mentee
    prices: np.ndarray  # float32 per mentor, the prices mentees' top-k were chosen with
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
    prices: np.ndarray | None = None,
    blocks: tuple[MentorBlock, MenteeBlock] | None = None,
) -> CandidateGraph:
    """Score every pair that can score once, in bounded chunks, and keep both sides' top-k.

    Pairs without a shared language are blocked, so mentees are taken in
    groups of the same languages and scored only against mentors who speak
    one of them. A full per-mentee argpartition over all mentors dominated the
    run time, so both top-k selections work on a few survivors of one
    threshold mask: a mentee's k-th best among a sample of mentors is a lower
    bound of its k-th best overall, and a mentor's running k-th best only rises.

    With `prices` (per mentor, in score units) a mentee keeps the k mentors with
    the best total minus price instead: when most mentees want the same few
    mentors, their k best are all taken and what matters is the best they can
    still get. `blocks` are the cohort's `scoring_blocks`, when the caller has them.
    """
    n_m, n_e = len(mentors), len(mentees)
    left, right = blocks or scoring_blocks(scorer, mentors, mentees)
    ex_i, ex_j = pair_exclusions(scorer.rules, mentors.ids, mentees.ids)

    k_e = min(k_mentee, n_m)
    k_m = min(k_mentor, n_e)
    best = _RunningTopK(n_m, k_m)
    compatible_mentors = np.zeros(n_e, dtype=np.int32)
    compatible_mentees = np.zeros(n_m, dtype=np.int64)
    mentee_floor = np.full(n_e, -np.inf, dtype=np.float32)
    parts_i: list[np.ndarray] = []
    parts_j: list[np.ndarray] = []
    parts_s: list[np.ndarray] = []
    speakers = _Speakers(scorer, left)

    for rows, cols, shared in _chunks(mentees.languages, mentors.languages, block_elements):
        if len(cols) == 0:
            continue
        mentor_block, mentee_block = speakers.block(cols, shared), right.take(rows)
        if shared is not None and not scorer.fold_languages:
            mentee_block = scorer.with_language_term(mentee_block)
        total, allowed = scorer.block_rows(mentor_block, mentee_block, shared is not None)
        er, ec = _exclusions_in(ex_i, ex_j, rows, cols, n_m, n_e)
        allowed[er, ec] = False
        compatible_mentors[rows] = allowed.view(np.uint8).sum(1, dtype=np.int32)
        compatible_mentees[cols] += allowed.view(np.uint8).sum(0, dtype=np.int64)
        worth = total if prices is None else total - prices[cols][None, :]
        row_floor = _row_floor(worth, allowed, k_e)
        col_floor = np.maximum(best.floor[cols], _column_floor(total, allowed, k_m))
        hits = worth >= row_floor[:, None]
        hits |= total >= col_floor[None, :]
        hits &= allowed
        flat = np.flatnonzero(hits)
        del hits, allowed
        r, c = np.divmod(flat, len(cols))
        vals = total.ravel()[flat]
        worths = vals if prices is None else worth.ravel()[flat]
        del total, worth

        # each mentee's k best mentors, among the survivors of its own threshold
        mine = np.flatnonzero(worths >= row_floor[r])
        mine = mine[_row_top_k(r[mine], worths[mine], len(rows), k_e)]
        parts_i.append(cols[c[mine]].astype(np.int32))
        parts_j.append(rows[r[mine]].astype(np.int32))
        parts_s.append(vals[mine])
        kth = np.full(len(rows), np.inf, dtype=np.float32)
        np.minimum.at(kth, r[mine], worths[mine])
        mentee_floor[rows] = np.where(compatible_mentors[rows] > k_e, kth, -np.inf)

        # each mentor's running k best: only what reaches its k-th best so far
        theirs = np.flatnonzero(vals >= col_floor[c])
        best.add(cols[c[theirs]], rows[r[theirs]], vals[theirs])

    best_val, best_idx = best.result()
    keep = best_val > BLOCKED
    parts_i.append(np.broadcast_to(np.arange(n_m, dtype=np.int32)[:, None], keep.shape)[keep])
    parts_j.append(best_idx[keep].astype(np.int32))
    parts_s.append(best_val[keep])
    mentor_floor = np.where(compatible_mentees > k_m, best_val.min(1, initial=np.inf), -np.inf)
    return _graph(
        np.concatenate(parts_i),
        np.concatenate(parts_j),
        np.concatenate(parts_s),
        (compatible_mentors, compatible_mentees),
        (mentor_floor.astype(np.float32), mentee_floor),
        np.zeros(n_m, dtype=np.float32) if prices is None else prices.astype(np.float32),
        n_m,
        n_e,
    )


def _row_floor(worth: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
    """Per row (mentee), a lower bound of its k-th best allowed value: the k-th best
    among every stride-th column."""
    width = worth.shape[1]
    stride = max(1, width // max(SAMPLE_FACTOR * k, width // SAMPLE_DIVISOR))
    sample = np.where(allowed[:, ::stride], worth[:, ::stride], -np.inf)
    k_sample = min(k, sample.shape[1])
    if k_sample < k or k == 0:
        return np.full(worth.shape[0], -np.inf, dtype=np.float32)
    return np.partition(sample, sample.shape[1] - k_sample, axis=1)[:, -k_sample]


def _column_floor(total: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
    """Per column (mentor), a lower bound of its k-th best allowed total in this chunk.

    The k-th best among every stride-th row: a small row-major sample, so no
    column-wise selection over the whole chunk is needed.
    """
    n_rows = total.shape[0]
    stride = max(1, n_rows // max(SAMPLE_FACTOR * k, n_rows // SAMPLE_DIVISOR))
    sample = np.where(allowed[::stride], total[::stride], -np.inf).astype(np.float32)
    if sample.shape[0] < k or k == 0:
        return np.full(total.shape[1], -np.inf, dtype=np.float32)
    sample = np.ascontiguousarray(sample.T)
    return np.partition(sample, sample.shape[1] - k, axis=1)[:, sample.shape[1] - k]


def _chunks(
    mentee_languages: np.ndarray, mentor_languages: np.ndarray, block_elements: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """(mentee rows, mentor rows sharing a language with any of them, how many languages
    each of those mentors shares with the mentees when they all speak the same ones),
    about `block_elements` pairs each.

    Mentees are sorted by their set of languages, so a chunk usually holds one
    set, and consecutive small sets are merged while the pairs stay within bounds.
    """
    n_e = len(mentee_languages)
    speaks_e = mentee_languages > 0
    speaks_m = (mentor_languages > 0).astype(np.float32)
    keys = np.packbits(speaks_e, axis=1)
    order = np.lexsort(keys.T[::-1]) if keys.shape[1] else np.arange(n_e)
    bounds = np.flatnonzero(np.any(keys[order][1:] != keys[order][:-1], axis=1)) + 1
    bounds = np.r_[0, bounds, n_e] if n_e else np.zeros(1, dtype=np.intp)

    def sharing(union: np.ndarray) -> np.ndarray:
        return np.flatnonzero(speaks_m @ union.astype(np.float32) > 0)

    pending: list[np.ndarray] = []
    n_rows = 0
    union = cols = np.zeros(0, dtype=np.intp)
    for g0, g1 in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        group = speaks_e[order[g0]]
        alone = sharing(group)
        if n_rows:
            grown = sharing(union | group)
            apart = n_rows * len(cols) + (g1 - g0) * len(alone)
            together = (n_rows + g1 - g0) * len(grown)
            if together <= block_elements and (
                together <= MERGE_WASTE * apart or apart < MIN_CHUNK_ROWS**2
            ):
                pending.append(order[g0:g1])
                n_rows += g1 - g0
                union, cols = union | group, grown
                continue
            yield np.concatenate(pending), cols, None
            pending, n_rows = [], 0
        shared = speaks_m[alone] @ group.astype(np.float32)
        step = max(MIN_CHUNK_ROWS, block_elements // max(len(alone), 1))
        for s0 in range(g0, g1, step):
            piece = order[s0 : min(g1, s0 + step)]
            if len(piece) == step:
                yield piece, alone, shared
            else:
                pending, n_rows, union, cols = [piece], len(piece), group, alone
    if n_rows:
        yield np.concatenate(pending), cols, None


class _Speakers:
    """Mentor blocks for the mentors of a chunk; consecutive chunks often share them."""

    def __init__(self, scorer: PairScorer, left: MentorBlock) -> None:
        self.scorer = scorer
        self.left = left
        self._key: tuple[np.ndarray, np.ndarray | None] | None = None
        self._block = left

    def block(self, cols: np.ndarray, shared: np.ndarray | None) -> MentorBlock:
        """Rows `cols`; with `shared` (mentees of one language set) the language term folded in."""
        if self._key is not None and _same(self._key[0], cols) and _same(self._key[1], shared):
            return self._block
        block = self.left if len(cols) == len(self.left.weighted) else scoring_rows(self.left, cols)
        if shared is not None and not self.scorer.fold_languages:
            block = self.scorer.with_language_term(block, shared)
        self._key, self._block = (cols, shared), block
        return block


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return a is b or np.array_equal(a, b)


def _exclusions_in(
    ex_i: np.ndarray, ex_j: np.ndarray, rows: np.ndarray, cols: np.ndarray, n_m: int, n_e: int
) -> tuple[np.ndarray, np.ndarray]:
    """Excluded pairs inside a chunk, as (row, column) positions of its block."""
    if len(ex_i) == 0:
        return ex_i, ex_j
    row_of = np.full(n_e, -1, dtype=np.intp)
    row_of[rows] = np.arange(len(rows))
    col_of = np.full(n_m, -1, dtype=np.intp)
    col_of[cols] = np.arange(len(cols))
    r, c = row_of[ex_j], col_of[ex_i]
    inside = (r >= 0) & (c >= 0)
    return r[inside], c[inside]


def scoring_blocks(
    scorer: PairScorer, mentors: EncodedSide, mentees: EncodedSide
) -> tuple[MentorBlock, MenteeBlock]:
    """Both sides' features for totals only, on as few columns as the products need."""
    return _compact(scorer.left(mentors), scorer.right(mentees, np.arange(len(mentees))))


def scoring_rows(left: MentorBlock, rows: np.ndarray) -> MentorBlock:
    """Some mentors' rows of what `block_rows` reads (not the breakdown's plain features)."""
    return replace(
        left,
        weighted=left.weighted[rows],
        gate=left.gate[rows],
        languages=left.languages[rows],
        hard=left.hard[rows],
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
    compatible: tuple[np.ndarray, np.ndarray],
    floors: tuple[np.ndarray, np.ndarray],
    prices: np.ndarray,
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
        compatible_mentors=compatible[0],
        compatible_mentees=compatible[1],
        mentor_floor=floors[0],
        mentee_floor=floors[1],
        prices=prices,
        n_mentors=n_m,
        n_mentees=n_e,
    )
