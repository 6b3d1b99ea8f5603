"""The optimal mode proves its assignment optimal over every allowed pair, not only candidates.

Small hard cohorts (skewed demand, capacities 1 or 10, many monolingual mentees,
fourteen languages) with a deliberately small candidate limit, checked against
SciPy's exact assignment on the full, capacity-expanded score matrix.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from matching import (
    FOCUS_AREAS,
    Edits,
    LearningNeed,
    Participant,
    ProgrammeRules,
    Window,
    dense_scores,
    score_cohort,
)
from matching.assign import solve_optimal, to_int_scores
from matching.certificate import dual_prices, weight_offset

LANGUAGES = (
    *("id", "en", "jv", "su", "ms", "min", "ban"),
    *("bug", "mad", "ace", "bjn", "zh", "ar", "nl"),
)
POPULAR = FOCUS_AREAS[1:3]
SHAPES = {  # (mentors, mentees, share of mentors with 10 places, share of monolingual mentees)
    "capacity_bound": (30, 150, 0.1, 0.6),
    "slots_exceed": (30, 120, 0.4, 0.6),
    "balanced": (40, 90, 0.15, 0.3),
}


def hard_cohort(seed: int, shape: str) -> tuple[list[Participant], list[Participant]]:
    """Most mentees need the same two focus areas; mentors offer one place or ten."""
    n_m, n_e, share_ten, monolingual = SHAPES[shape]
    rng = np.random.default_rng(seed)
    odds = np.linspace(3, 1, len(LANGUAGES))
    odds /= odds.sum()

    def person(pid: int, mentor: bool) -> Participant:
        langs = {LANGUAGES[i] for i in rng.choice(len(LANGUAGES), size=3, p=odds)}
        if not mentor and rng.random() < monolingual:
            langs = {sorted(langs)[0]}
        start = int(rng.integers(17, 20))
        windows = [Window(int(d), f"{start:02d}:00", f"{start + 3:02d}:00") for d in range(3)]
        areas = list(POPULAR) if rng.random() < 0.8 else list(rng.choice(FOCUS_AREAS, 2))
        return Participant(
            id=pid,
            languages=langs,
            availability=windows,
            expertise={a: int(rng.integers(2, 6)) for a in rng.choice(FOCUS_AREAS, 3)}
            if mentor
            else {},
            needs=()
            if mentor
            else tuple(LearningNeed(a, int(rng.integers(2, 6)), 3) for a in areas),
            communication_style=("direct", "casual", "")[int(rng.integers(3))],
            level=int(rng.integers(3, 6) if mentor else rng.integers(1, 3)),
            capacity=(10 if rng.random() < share_ten else 1) if mentor else 1,
        )

    return [person(i + 1, True) for i in range(n_m)], [person(1000 + j, False) for j in range(n_e)]


def exact_optimum(mentors, mentees, rules, bans=frozenset()) -> tuple[int, int]:
    """(matched, integer total) maximised lexicographically over every allowed pair."""
    totals, allowed = dense_scores(mentors, mentees, rules)
    for i, m in enumerate(mentors):
        for j, e in enumerate(mentees):
            if (m.id, e.id) in bans:
                allowed[i, j] = False
    scores = to_int_scores(totals)
    slots = np.repeat(np.arange(len(mentors)), [rules.capacity_of(m) for m in mentors])
    big = 1_000_000 * (len(mentees) + 1)
    weight = np.where(allowed, big + scores, 0)[slots].T.astype(np.float64)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    picked = weight[rows, cols] > 0
    return int(picked.sum()), int(scores[slots[cols[picked]], rows[picked]].sum())


def int_total(proposal) -> int:
    return int(np.rint(proposal.scores * 1_000_000).sum())


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("seed", [1, 2])
def test_certified_optimum_equals_the_exact_optimum(shape, seed):
    mentors, mentees = hard_cohort(seed, shape)
    rules = ProgrammeRules(k=2, max_group_size=10)  # far too few candidates on their own
    proposal = score_cohort(mentors, mentees, rules).solve("optimal")
    assert proposal.optimality is not None and proposal.optimality.proven
    matched, total = exact_optimum(mentors, mentees, rules)
    assert proposal.metrics.matched == matched
    # scores of one pair may differ by a unit between matrix shapes (float32 rounding)
    assert abs(int_total(proposal) - total) <= len(proposal.assignments)


def test_certificate_detects_and_repairs_a_too_small_candidate_set():
    mentors, mentees = hard_cohort(3, "slots_exceed")
    rules = ProgrammeRules(k=1, max_group_size=10)
    cohort = score_cohort(mentors, mentees, rules)
    g = cohort.graph
    capacity = cohort.mentors.capacity.astype(np.int64)
    on_graph = solve_optimal(g.n_mentees, g.mentor, g.mentee, cohort.score_int, capacity)
    graph_total = int(cohort.score_int[on_graph].sum())
    matched, total = exact_optimum(mentors, mentees, rules)
    assert (int(on_graph.sum()), graph_total) < (matched, total - len(mentees))  # pruned too much

    proposal = cohort.solve("optimal")
    assert proposal.optimality.proven
    assert proposal.optimality.added_pairs > 0 and proposal.optimality.rounds >= 2
    assert proposal.metrics.matched == matched
    assert abs(int_total(proposal) - total) <= len(proposal.assignments)


def test_certificate_holds_under_edits():
    mentors, mentees = hard_cohort(4, "capacity_bound")
    rules = ProgrammeRules(k=2, max_group_size=10)
    cohort = score_cohort(mentors, mentees, rules)
    base = cohort.solve("optimal")
    bans = frozenset((a.mentor_id, a.mentee_id) for a in base.assignments[:5])
    edited = cohort.solve("optimal", Edits(bans=bans))
    assert edited.optimality.proven
    assert not bans & {(a.mentor_id, a.mentee_id) for a in edited.assignments}
    matched, total = exact_optimum(mentors, mentees, rules, bans)
    assert edited.metrics.matched == matched
    assert abs(int_total(edited) - total) <= len(edited.assignments)


def test_dual_prices_prove_the_flow_optimal_on_its_edges():
    """Strong duality on random edges: sum of prices equals the optimal weight."""
    rng = np.random.default_rng(5)
    n_m, n_e = 12, 40
    pairs = rng.random((n_m, n_e)) < 0.3
    mentor, mentee = (a.astype(np.int32) for a in np.nonzero(pairs))
    score = rng.integers(0, 1_000_000, len(mentor))
    capacity = rng.integers(1, 4, n_m).astype(np.int64)
    chosen = solve_optimal(n_e, mentor, mentee, score, capacity)
    offset = weight_offset(n_e)
    u, v = dual_prices(n_m, n_e, mentor, mentee, score + offset, chosen, capacity)
    assert (u >= 0).all() and (v >= 0).all()
    assert (u[mentee] + v[mentor] >= score + offset).all()
    assert u.sum() + (capacity * v).sum() == (score[chosen] + offset).sum()
    # a deliberately worse assignment has no such prices
    worse = chosen.copy()
    worse[np.flatnonzero(chosen)[0]] = False
    with pytest.raises(RuntimeError):
        dual_prices(n_m, n_e, mentor, mentee, score + offset, worse, capacity)


def test_candidates_chosen_again_by_price_keep_the_proof(monkeypatch):
    """When a check would score too much, mentees' candidates are re-chosen by total minus
    the mentor's price; the proof and the optimum stay, and later edits reuse them."""
    import matching.cohort as cohort_module

    monkeypatch.setattr(cohort_module, "REPRICE_SHARE", 0.0)  # always too much
    mentors, mentees = hard_cohort(6, "slots_exceed")
    rules = ProgrammeRules(k=2, max_group_size=10)
    cohort = score_cohort(mentors, mentees, rules)
    assert not cohort.priced and not np.any(cohort.graph.prices)
    proposal = cohort.solve("optimal")
    assert cohort.priced and np.any(cohort.graph.prices != 0)
    assert proposal.optimality.proven
    matched, total = exact_optimum(mentors, mentees, rules)
    assert proposal.metrics.matched == matched
    assert abs(int_total(proposal) - total) <= len(proposal.assignments)
    ban = (proposal.assignments[0].mentor_id, proposal.assignments[0].mentee_id)
    edited = cohort.solve("optimal", Edits(bans=frozenset({ban})))
    assert edited.optimality.proven
    matched, total = exact_optimum(mentors, mentees, rules, frozenset({ban}))
    assert abs(int_total(edited) - total) <= len(edited.assignments)


def test_removed_mentor_is_never_used_by_added_pairs():
    mentors, mentees = hard_cohort(7, "slots_exceed")
    rules = ProgrammeRules(k=1, max_group_size=10)
    cohort = score_cohort(mentors, mentees, rules)
    gone = max(mentors, key=lambda m: m.capacity).id
    proposal = cohort.solve("optimal", Edits(removed_mentors=frozenset({gone})))
    assert proposal.optimality.proven
    assert all(a.mentor_id != gone for a in proposal.assignments)
    rest = [m for m in mentors if m.id != gone]
    matched, total = exact_optimum(rest, mentees, rules)
    assert proposal.metrics.matched == matched
    assert abs(int_total(proposal) - total) <= len(proposal.assignments)


def test_people_without_languages_are_left_out_cleanly():
    mentors, mentees = hard_cohort(8, "balanced")
    mentees = [*mentees, replace(mentees[0], id=5000, languages=frozenset())]
    rules = ProgrammeRules(k=2, max_group_size=10)
    proposal = score_cohort(mentors, mentees, rules).solve("optimal")
    assert proposal.optimality.proven
    assert 5000 in {u.mentee_id for u in proposal.unmatched}
