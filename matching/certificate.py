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
    whose score the check had to compute (the rest were ruled out by bounds).
    """

    proven: bool
    rounds: int
    added_pairs: int
    scored_pairs: int


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
    bounds: Bounds,
    mentors: np.ndarray,
    mentees: np.ndarray,
    budget: int | None = None,
    per_mentee: int = ADDED_PER_MENTEE,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
    """Pairs among `mentors` x `mentees` whose weight exceeds u_j + v_i, with their integer
    scores, and how many pairs were scored.

    Only each mentee's `per_mentee` pairs that gain most are returned (partial pricing): far
    fewer pairs reach the solver, and any left behind are found by the next round.
    None, with nothing scored, when more than `budget` pairs would need scoring.
    """
    u, v, offset = prices
    room = offset - u[mentees]  # a pair breaks its inequality iff score > v_i - room
    plan = _plan(bounds, v, room, mentors, mentees)
    if budget is not None and sum(len(rows) * len(cols) for rows, cols in plan) > budget:
        return None
    found_m, found_e, found_s = [], [], []
    scored = 0
    for rows, cols in plan:
        scores = rectangle(cols, mentees[rows])  # mentees x mentors
        scored += scores.size
        gain = scores - (v[cols][None, :] - room[rows][:, None])
        r, c = np.nonzero((gain > 0) & (scores >= 0))
        best = _best_per_row(r, gain[r, c], per_mentee)
        r, c = r[best], c[best]
        found_m.append(cols[c])
        found_e.append(mentees[rows][r])
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


@dataclass(frozen=True)
class Bounds:
    """Integer upper bounds of a left-out pair's score (NO_BOUND: nothing is left out).

    A left-out pair (i, j) scores at most mentor[i] (the mentor's k-th best), at most
    mentee[j] + price[i] (the mentee's k-th best total minus price, plus the price),
    and at most group_best[j, group[i]] (the mentee's best in the mentor's group of
    similar mentors; mentors are sorted by group, group_start[g] is where g begins).
    """

    mentor: np.ndarray
    mentee: np.ndarray
    price: np.ndarray
    group_start: np.ndarray
    group_best: np.ndarray


def _plan(
    bounds: Bounds, v: np.ndarray, room: np.ndarray, mentors: np.ndarray, mentees: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Blocks (mentee positions, mentor rows) covering every pair whose bounds allow it to
    break its inequality: u_j + v_i < B + bound, i.e. v_i - bound < room_j.

    Per group of similar mentors, sorted by v_i - p_i: the price bound picks a prefix
    for each mentee; mentees with similar prefixes share a block, whose columns are then
    cut by the mentor and group bounds. Blocks are filled to at least half.
    """
    plan = []
    mentee_floor = bounds.mentee[mentees]
    in_group = np.searchsorted(bounds.group_start, mentors, side="right") - 1
    for g in range(len(bounds.group_start)):
        group = mentors[in_group == g]
        if not len(group):
            continue
        key = v[group] - bounds.price[group]
        group = group[np.argsort(key, kind="stable")]
        key = np.sort(key)
        best = bounds.group_best[mentees, g]
        reach = np.searchsorted(key, room + mentee_floor, side="left")
        reach[(mentee_floor <= NO_BOUND) | (room + best <= v[group].min())] = 0
        keep = np.flatnonzero(reach > 0)
        keep = keep[np.argsort(-reach[keep], kind="stable")]
        start = 0
        while start < len(keep):
            width = int(reach[keep[start]])
            half = np.searchsorted(-reach[keep[start:]], -(width // 2), side="right")
            rows = keep[start : start + min(int(half), max(1, CHECK_BLOCK_ELEMENTS // width))]
            start += len(rows)
            cols = group[:width]
            cols = cols[
                (v[cols] - bounds.mentor[cols] < room[rows].max())
                & (v[cols] < (room[rows] + best[rows]).max())
            ]
            if len(cols):
                plan.append((rows, cols))
    return plan


def _best_per_row(rows: np.ndarray, gain: np.ndarray, n: int) -> np.ndarray:
    """Positions of each row's n largest gains (rows in np.nonzero order)."""
    order = np.lexsort((-gain, rows))
    ranked = rows[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    return np.sort(order[np.arange(len(order)) - starts < n])
