"""Cohort solvers on a candidate graph, working on plain index arrays.

Each solver gets edges (mentor row, mentee row, integer score) and remaining
mentor capacities, and returns a boolean mask of the chosen edges. Pins and
bans are applied by the caller before; this module only optimises.
"""

from __future__ import annotations

import heapq
from collections import deque

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

SCORE_SCALE = 1_000_000  # totals in [0, 1] become integers for the flow solvers


def to_int_scores(scores: np.ndarray) -> np.ndarray:
    """Fixed-point scores; the flow solvers need integer costs."""
    return np.rint(np.asarray(scores, dtype=np.float64) * SCORE_SCALE).astype(np.int64)


def _nodes(n_mentees: int, n_mentors: int, mentee: np.ndarray) -> tuple[int, int, np.ndarray]:
    """Node numbering: mentees 0..n_e-1, mentors n_e.., then source and sink."""
    source = n_mentees + n_mentors
    return source, source + 1, np.unique(mentee)


def solve_optimal(
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Most mentees matched, then the highest total score: exact min-cost max-flow.

    Network: source -> mentee (1) -> mentor (1, cost SCALE - score) -> sink (capacity).
    With the flow fixed at its maximum, minimising cost maximises the score.
    """
    chosen = np.zeros(len(mentor), dtype=bool)
    if len(mentor) == 0:
        return chosen
    source, sink, mentees = _nodes(n_mentees, len(capacity), mentee)
    mentors = np.flatnonzero(capacity > 0)
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([np.full(len(mentees), source), mentee, n_mentees + mentors])
    heads = np.concatenate([mentees, n_mentees + mentor, np.full(len(mentors), sink)])
    caps = np.concatenate(
        [np.ones(len(mentees) + len(mentor), dtype=np.int64), capacity[mentors].astype(np.int64)]
    )
    costs = np.concatenate(
        [
            np.zeros(len(mentees), dtype=np.int64),
            SCORE_SCALE + 1 - score.astype(np.int64),
            np.zeros(len(mentors), dtype=np.int64),
        ]
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps, costs
    )
    flow.set_nodes_supplies(
        np.array([source, sink], dtype=np.int32),
        np.array([len(mentees), -len(mentees)], dtype=np.int64),
    )
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    edge_arcs = np.arange(len(mentees), len(mentees) + len(mentor), dtype=np.int32)
    return np.asarray(flow.flows(edge_arcs)) > 0


def max_matching_size(
    n_mentees: int, mentor: np.ndarray, mentee: np.ndarray, capacity: np.ndarray
) -> int:
    """How many mentees can be matched at most on these edges (max flow)."""
    if len(mentor) == 0:
        return 0
    source, sink, mentees = _nodes(n_mentees, len(capacity), mentee)
    mentors = np.flatnonzero(capacity > 0)
    flow = max_flow.SimpleMaxFlow()
    tails = np.concatenate([np.full(len(mentees), source), mentee, n_mentees + mentors])
    heads = np.concatenate([mentees, n_mentees + mentor, np.full(len(mentors), sink)])
    caps = np.concatenate(
        [np.ones(len(mentees) + len(mentor), dtype=np.int64), capacity[mentors].astype(np.int64)]
    )
    flow.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32), caps)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("max flow failed")
    return int(flow.optimal_flow())


def solve_fair(
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Max-min: as many matched as possible, the lowest matched score as high as possible,
    then the highest total.

    Binary search over the distinct scores for the largest threshold at which
    a maximum matching still exists, then an exact optimum above it.
    """
    if len(mentor) == 0:
        return np.zeros(0, dtype=bool)
    target = max_matching_size(n_mentees, mentor, mentee, capacity)
    levels = np.unique(score)
    lo, hi = 0, len(levels) - 1  # levels[lo] always feasible
    while lo < hi:
        mid = (lo + hi + 1) // 2
        keep = score >= levels[mid]
        if max_matching_size(n_mentees, mentor[keep], mentee[keep], capacity) == target:
            lo = mid
        else:
            hi = mid - 1
    keep = np.flatnonzero(score >= levels[lo])
    chosen = np.zeros(len(mentor), dtype=bool)
    chosen[keep] = solve_optimal(n_mentees, mentor[keep], mentee[keep], score[keep], capacity)
    return chosen


def solve_stable(
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Mentee-proposing deferred acceptance; both sides rank by the pair score.

    The result has no blocking pair on the given edges. Ties are broken by
    row index so the outcome is deterministic.
    """
    order = np.lexsort((mentor, -score, mentee))
    mentor_l = mentor[order].tolist()
    mentee_sorted = mentee[order]
    score_l = score[order].tolist()
    starts = np.searchsorted(mentee_sorted, np.arange(n_mentees + 1), side="left").tolist()
    cap = capacity.tolist()
    pointer = starts[:-1].copy()
    held: dict[int, list[tuple[int, int, int]]] = {}
    free = deque(j for j in range(n_mentees) if starts[j] < starts[j + 1])
    while free:
        j = free.popleft()
        end = starts[j + 1]
        while pointer[j] < end:
            e = pointer[j]
            pointer[j] += 1
            i = mentor_l[e]
            if cap[i] <= 0:
                continue
            heap = held.setdefault(i, [])
            key = (score_l[e], -j, e)  # mentor prefers higher score, then lower row
            if len(heap) < cap[i]:
                heapq.heappush(heap, key)
                break
            if key > heap[0]:
                _, neg_j, _ = heapq.heapreplace(heap, key)
                free.append(-neg_j)
                break
    chosen = np.zeros(len(mentor), dtype=bool)
    for heap in held.values():
        for _, _, e in heap:
            chosen[order[e]] = True
    return chosen


def solve_greedy(
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Best pair first while both are free: a baseline, and the stable outcome's twin."""
    order = np.lexsort((mentee, mentor, -score))
    left = capacity.astype(np.int64).tolist()
    taken = [False] * n_mentees
    chosen = np.zeros(len(mentor), dtype=bool)
    for e, i, j in zip(order.tolist(), mentor[order].tolist(), mentee[order].tolist(), strict=True):
        if not taken[j] and left[i] > 0:
            taken[j] = True
            left[i] -= 1
            chosen[e] = True
    return chosen


SOLVERS = {
    "optimal": solve_optimal,
    "fair": solve_fair,
    "stable": solve_stable,
    "greedy": solve_greedy,
}
