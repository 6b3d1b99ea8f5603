"""A certificate that an optimal-mode solution is optimal over every allowed pair.

The solver only sees the candidate graph (each side's top-k). Linear-programming
duality says a b-matching is optimal over *all* pairs when there are prices
u (per mentee) and v (per mentor), both >= 0, with u_j + v_i >= w_ij for every
allowed pair and equality of the two objectives. The solver's optimum on the
candidate graph gives such prices for the candidate pairs (shortest paths in
its residual graph); the pairs left out are then checked block by block, and
any pair that breaks its inequality is added and the flow solved again
(column generation). When no pair breaks it, the solution is proven optimal.

Most left-out pairs never need scoring: a pair outside both top-k lists
scores at most min(t_i, t_j), the mentor's and the mentee's k-th best, so only
pairs with u_j + v_i < B + min(t_i, t_j) can break their inequality.

Weights are w = B + score with B larger than any total score, so maximising
the total weight matches the most mentees first, then maximises the score,
exactly what the min-cost max-flow of `assign.solve_optimal` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .assign import SCORE_SCALE

# (mentor rows, mentee rows) -> integer scores (mentees x mentors), -1 where not allowed
Rectangle = Callable[[np.ndarray, np.ndarray], np.ndarray]

CHECK_BLOCK_ELEMENTS = 4_000_000  # pairs scored at once while checking: ~16 MB per temporary
ROUNDING_SLACK = 2  # integer scores of one pair may differ by a unit between block shapes
NO_BOUND = np.iinfo(np.int64).min // 4  # "no pair of this person is left out"
ADDED_PER_MENTEE = 8  # pairs a round adds per mentee at most


@dataclass(frozen=True)
class Optimality:
    """What the certificate established for a proposal.

    proven: the assignment is optimal over every allowed pair (not only the
    candidates); rounds: checks made (each after a solve); added_pairs:
    left-out pairs that had to join the graph; scored_pairs: left-out pairs
    whose score the check had to compute (the rest were ruled out by bounds);
    rechosen: see `ScoredCohort._reprice`.
    """

    proven: bool
    rounds: int
    added_pairs: int
    scored_pairs: int
    rechosen: int = 0  # times the cohort's candidates were chosen again by price (one pass each)


def weight_offset(n_mentees: int) -> int:
    """B: one more matched mentee outweighs any difference in total score."""
    return (n_mentees + 1) * (SCORE_SCALE + 1)


def dual_prices(
    n_mentors: int,
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    weight: np.ndarray,
    chosen: np.ndarray,
    capacity: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Prices (u per mentee, v per mentor) that prove `chosen` optimal on these edges.

    They are shortest-path distances in the residual graph of the optimal
    solution: a mentor's price is how much the best chain of reassignments
    starting at a free place or an unmatched mentee gains by giving it one
    more mentee. Relaxation runs on all edges at once until nothing changes;
    a chain that keeps improving is a negative cycle, i.e. `chosen` was not optimal.
    """
    matched_to = np.full(n_mentees, -1, dtype=np.int64)
    matched_w = np.zeros(n_mentees, dtype=np.int64)
    matched_to[mentee[chosen]] = mentor[chosen]
    matched_w[mentee[chosen]] = weight[chosen]
    matched = matched_to >= 0
    free = ~chosen
    order = np.argsort(mentor[free], kind="stable")
    o_m = mentor[free][order]
    o_e = mentee[free][order]
    o_w = weight[free][order].astype(np.int64)
    starts = np.flatnonzero(np.r_[True, o_m[1:] != o_m[:-1]]) if len(o_m) else o_m
    heads = o_m[starts]
    y = np.zeros(n_mentors, dtype=np.int64)  # -v: distance of each mentor from the root
    for _ in range(n_mentors + n_mentees + 2):
        u = np.where(matched, y[np.maximum(matched_to, 0)] + matched_w, 0)
        if not len(o_m):
            break
        reach = np.minimum.reduceat(u[o_e] - o_w, starts) if len(starts) else starts
        best = np.minimum(y[heads], reach)
        if np.array_equal(best, y[heads]):
            break
        y[heads] = best
    else:
        raise RuntimeError("the solution is not optimal on its own edges (negative cycle)")
    load = np.bincount(mentor[chosen], minlength=n_mentors)
    if (y[load < capacity] < 0).any() or (u < 0).any():
        raise RuntimeError("the solution is not optimal on its own edges (improving chain)")
    return u, -y


def check_left_out(
    rectangle: Rectangle,
    prices: tuple[np.ndarray, np.ndarray, int],
    bounds: tuple[np.ndarray, np.ndarray, np.ndarray],
    mentors: np.ndarray,
    mentees: np.ndarray,
    budget: int | None = None,
    per_mentee: int = ADDED_PER_MENTEE,
    block_elements: int = CHECK_BLOCK_ELEMENTS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
    """Pairs among `mentors` x `mentees` whose weight exceeds u_j + v_i, with their integer
    scores, and how many pairs were scored.

    Only each mentee's `per_mentee` pairs that gain most are returned (partial pricing): far
    fewer pairs reach the solver, and any left behind are found by the next round.
    None, with nothing scored, when more than `budget` pairs would need scoring.

    prices: (u, v, B). bounds: integer (t_i, t_j, p_i) such that a left-out pair
    scores at most t_i and at most t_j + p_i (t very negative where no pair of
    that person is left out). A pair can then break its inequality only if
    v_i - p_i < B - u_j + t_j and v_i - t_i < B - u_j. Mentors are sorted by
    v_i - p_i, so the first condition picks a prefix for each mentee; blocks of
    mentees with similar prefixes are scored together.
    """
    u, v, offset = prices
    mentor_floor, mentee_floor, mentor_price = bounds
    key = v[mentors] - mentor_price[mentors]
    by_key = np.argsort(key, kind="stable")
    mentors, key = mentors[by_key], key[by_key]
    room = offset - u[mentees]  # a pair breaks its inequality iff score > v_i - room
    reach = np.searchsorted(key, room + mentee_floor[mentees], side="left")
    reach[mentee_floor[mentees] <= NO_BOUND] = 0
    keep = np.flatnonzero(reach > 0)
    if budget is not None and int(reach[keep].sum()) > budget:
        return None
    keep = keep[np.argsort(-reach[keep], kind="stable")]
    found_m, found_e, found_s = [], [], []
    scored = 0
    start = 0
    while start < len(keep):
        # mentees with at least half the widest prefix of the block: little is scored in vain
        width = int(reach[keep[start]])
        narrow = start + int(np.searchsorted(-reach[keep[start:]], -(width // 2), side="right"))
        block = keep[start : min(narrow, start + max(1, block_elements // width))]
        start += len(block)
        cols = mentors[:width]
        cols = cols[v[cols] - mentor_floor[cols] < room[block].max()]
        if not len(cols):
            continue
        scores = rectangle(cols, mentees[block])  # mentees x mentors
        scored += scores.size
        gain = scores - (v[cols][None, :] - room[block][:, None])
        r, c = np.nonzero((gain > 0) & (scores >= 0))
        best = _best_per_row(r, gain[r, c], per_mentee)
        r, c = r[best], c[best]
        found_m.append(cols[c])
        found_e.append(mentees[block][r])
        found_s.append(scores[r, c])
    if not found_m:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, scored
    return (
        np.concatenate(found_m),
        np.concatenate(found_e),
        np.concatenate(found_s).astype(np.int64),
        scored,
    )


def _best_per_row(rows: np.ndarray, gain: np.ndarray, n: int) -> np.ndarray:
    """Positions of each row's n largest gains (rows in np.nonzero order)."""
    order = np.lexsort((-gain, rows))
    ranked = rows[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    return np.sort(order[np.arange(len(order)) - starts < n])
