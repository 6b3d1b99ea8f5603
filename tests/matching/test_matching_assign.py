"""Cohort solvers against oracles on small random cohorts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matching import (
    AttributeRule,
    Edits,
    ProgrammeRules,
    UnmatchedReason,
    dense_scores,
    explain_why_not,
    propose_assignment,
    resolve,
    score_cohort,
)
from matching.assign import solve_greedy
from matching.availability import slot_vector
from matching.candidates import build_candidates
from matching.features import encode_cohort
from matching.scoring import PairScorer

RULES = ProgrammeRules(k=50)
cohorts = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
sizes = {
    "seed": st.integers(0, 2**32 - 1),
    "n_mentors": st.integers(1, 5),
    "n_mentees": st.integers(1, 9),
}


def score_table(cohort) -> dict[tuple[int, int], int]:
    """(mentor_id, mentee_id) -> integer score of every compatible pair (k covers them all)."""
    g = cohort.graph
    ids_m, ids_e = cohort.mentors.ids, cohort.mentees.ids
    return {
        (int(ids_m[i]), int(ids_e[j])): int(s)
        for i, j, s in zip(g.mentor, g.mentee, cohort.score_int, strict=True)
    }


def int_total(proposal) -> int:
    return round(sum(a.score for a in proposal.assignments) * 1_000_000)


def lsa_optimum(mentors, table) -> tuple[int, int]:
    """(matched, total) maximised lexicographically via SciPy on capacity-expanded columns."""
    mentee_ids = sorted({e for _, e in table})
    slots = [m.id for m in mentors for _ in range(RULES.capacity_of(m))]
    if not mentee_ids or not slots:
        return 0, 0
    big = 1_000_000 * (len(mentee_ids) + 1)
    w = np.zeros((len(mentee_ids), len(slots)))
    for r, e in enumerate(mentee_ids):
        for c, m in enumerate(slots):
            if (m, e) in table:
                w[r, c] = big + table[(m, e)]
    rows, cols = linear_sum_assignment(w, maximize=True)
    picked = [w[r, c] for r, c in zip(rows, cols, strict=True) if w[r, c] > 0]
    return len(picked), round(sum(v - big for v in picked))


@cohorts
@given(**sizes)
def test_optimal_matches_scipy_optimum(make_cohort, seed, n_mentors, n_mentees):
    mentors, mentees = make_cohort(seed, n_mentors, n_mentees)
    cohort = score_cohort(mentors, mentees, RULES)
    proposal = cohort.solve("optimal")
    matched, total = lsa_optimum(mentors, score_table(cohort))
    assert proposal.metrics.matched == matched
    assert abs(int_total(proposal) - total) <= len(proposal.assignments)  # rounding only


@cohorts
@given(**sizes, mode=st.sampled_from(["optimal", "stable", "fair"]))
def test_capacities_and_hard_constraints_hold(make_cohort, seed, n_mentors, n_mentees, mode):
    mentors, mentees = make_cohort(seed, n_mentors, n_mentees)
    excluded = (mentors[0].id, mentees[0].id)
    rules = ProgrammeRules(
        k=50,
        exclusions=frozenset({excluded}),
        attribute_rules=(AttributeRule("gender", "same", required=True),),
    )
    proposal = propose_assignment(mentors, mentees, rules, mode=mode)
    by_id = {p.id: p for p in [*mentors, *mentees]}
    load: dict[int, int] = {}
    for a in proposal.assignments:
        load[a.mentor_id] = load.get(a.mentor_id, 0) + 1
        mentor, mentee = by_id[a.mentor_id], by_id[a.mentee_id]
        assert mentor.languages & mentee.languages
        week = rules.reference_week
        assert (
            slot_vector(mentor.time_zone, mentor.availability, week)
            & slot_vector(mentee.time_zone, mentee.availability, week)
        ).any()
        assert mentor.attributes["gender"] == mentee.attributes["gender"]
        assert (a.mentor_id, a.mentee_id) != excluded
    for mentor_id, n in load.items():
        assert n <= rules.capacity_of(by_id[mentor_id])
    assert len({a.mentee_id for a in proposal.assignments}) == len(proposal.assignments)


@cohorts
@given(**sizes)
def test_stable_has_no_blocking_pair_and_equals_greedy(make_cohort, seed, n_mentors, n_mentees):
    mentors, mentees = make_cohort(seed, n_mentors, n_mentees)
    cohort = score_cohort(mentors, mentees, RULES)
    proposal = cohort.solve("stable")
    table = score_table(cohort)
    match = {
        a.mentee_id: (a.mentor_id, table[(a.mentor_id, a.mentee_id)]) for a in proposal.assignments
    }
    held: dict[int, list[int]] = {}
    for mentor_id, s in match.values():
        held.setdefault(mentor_id, []).append(s)
    capacity = {m.id: RULES.capacity_of(m) for m in mentors}
    for (m, e), s in table.items():
        if match.get(e, (None,))[0] == m:
            continue
        mentee_wants = e not in match or s > match[e][1]
        mentor_wants = len(held.get(m, [])) < capacity[m] or s > min(held[m])
        assert not (mentee_wants and mentor_wants), f"blocking pair {(m, e)}"
    assert proposal.metrics.blocking_pairs == 0
    # with one shared score and distinct values, the stable matching is greedy by score
    g = cohort.graph
    if len(set(table.values())) == len(table):
        chosen = solve_greedy(
            g.n_mentees, g.mentor, g.mentee, cohort.score_int, cohort.mentors.capacity
        )
        greedy = {
            (int(cohort.mentors.ids[i]), int(cohort.mentees.ids[j]))
            for i, j in zip(g.mentor[chosen], g.mentee[chosen], strict=True)
        }
        assert greedy == {(a.mentor_id, a.mentee_id) for a in proposal.assignments}


@cohorts
@given(**sizes)
def test_fair_raises_the_minimum(make_cohort, seed, n_mentors, n_mentees):
    mentors, mentees = make_cohort(seed, n_mentors, n_mentees)
    cohort = score_cohort(mentors, mentees, RULES)
    optimal, fair = cohort.solve("optimal"), cohort.solve("fair")
    assert fair.metrics.matched == optimal.metrics.matched
    assert fair.metrics.min_score >= optimal.metrics.min_score - 1e-9
    assert fair.metrics.total_score <= optimal.metrics.total_score + 1e-6


def test_candidate_graph_matches_dense_scores(make_cohort):
    mentors, mentees = make_cohort(7, 6, 12)
    cohort = score_cohort(mentors, mentees, RULES)
    totals, allowed = dense_scores(mentors, mentees, RULES)
    g = cohort.graph
    assert allowed.sum() == len(g)
    assert allowed[g.mentor, g.mentee].all()
    np.testing.assert_allclose(totals[g.mentor, g.mentee], g.score, atol=1e-6)
    for i, j, s in list(zip(g.mentor, g.mentee, g.score, strict=True))[:10]:
        pair = cohort.pair_score(int(cohort.mentors.ids[i]), int(cohort.mentees.ids[j]))
        assert pair.total == pytest.approx(float(s), abs=1e-5)
        weights = cohort.scorer.weights
        assert pair.total == pytest.approx(
            sum(weights[c] * v for c, v in pair.components.items()), abs=1e-5
        )


def test_small_k_keeps_idle_mentors_busy(make_cohort):
    """With k = 1 each mentee only lists its favourite; mentor top-k and widening fill the rest."""
    mentors, mentees = make_cohort(11, 5, 9)
    full = score_cohort(mentors, mentees, RULES).solve("optimal")
    narrow = score_cohort(mentors, mentees, ProgrammeRules(k=1)).solve("optimal")
    assert narrow.metrics.matched == full.metrics.matched


def test_pins_bans_removals_and_swaps(make_cohort):
    mentors, mentees = make_cohort(3, 5, 10)
    cohort = score_cohort(mentors, mentees, RULES)
    base = cohort.solve("optimal")
    a, b = base.assignments[0], base.assignments[-1]
    assert a.mentor_id != b.mentor_id
    banned = resolve(base, bans=[(a.mentor_id, a.mentee_id)])
    assert (a.mentor_id, a.mentee_id) not in {
        (x.mentor_id, x.mentee_id) for x in banned.assignments
    }
    removed = resolve(base, remove_mentors=[a.mentor_id], remove_mentees=[b.mentee_id])
    assert all(x.mentor_id != a.mentor_id for x in removed.assignments)
    assert all(x.mentee_id != b.mentee_id for x in removed.assignments)
    assert b.mentee_id not in {u.mentee_id for u in removed.unmatched}
    pair_ok = not cohort.pair_score(b.mentor_id, a.mentee_id).blocked_by
    if pair_ok and not cohort.pair_score(a.mentor_id, b.mentee_id).blocked_by:
        swapped = resolve(base, swaps=[(a.mentee_id, b.mentee_id)])
        got = {x.mentee_id: (x.mentor_id, x.source) for x in swapped.assignments}
        assert got[a.mentee_id] == (b.mentor_id, "pin")
        assert got[b.mentee_id] == (a.mentor_id, "pin")
    # the same edits solved from scratch give the same answer as the re-solve
    fresh = score_cohort(mentors, mentees, RULES).solve("optimal", banned.edits)
    assert fresh.metrics.total_score == banned.metrics.total_score


def test_unmatched_reasons(make_cohort):
    mentors, mentees = make_cohort(1, 2, 8)
    loner = mentees[0].__class__(id=999, languages={"su"}, availability=())
    cohort = score_cohort(mentors, [*mentees, loner], RULES)
    proposal = cohort.solve("optimal")
    reasons = {u.mentee_id: u.reason for u in proposal.unmatched}
    assert reasons[999] == UnmatchedReason.NO_COMPATIBLE_MENTOR
    capacity = sum(RULES.capacity_of(m) for m in mentors)
    compatible = [j for j in range(len(mentees)) if cohort.graph.compatible_mentors[j] > 0]
    assert len(compatible) > capacity  # the cohort is built to have contention
    assert UnmatchedReason.ALL_COMPATIBLE_MENTORS_FULL in reasons.values()
    # banning every candidate of a mentee turns its reason into "constraints"
    target = proposal.assignments[0].mentee_id
    bans = [(m.id, target) for m in mentors]
    edited = cohort.solve("optimal", Edits(bans=bans))
    assert {u.mentee_id: u.reason for u in edited.unmatched}[target] == UnmatchedReason.CONSTRAINTS


def test_why_not_names_the_cause_and_measures_the_cost(make_cohort):
    mentors, mentees = make_cohort(1, 3, 9)
    rules = ProgrammeRules(k=50, exclusions=frozenset({(mentors[0].id, mentees[0].id)}))
    cohort = score_cohort(mentors, mentees, rules)
    proposal = cohort.solve("optimal")
    blocked = explain_why_not(proposal, mentees[0].id, mentors[0].id)
    assert blocked.reason == "blocked" and "excluded" in blocked.message
    checked = 0
    for a in proposal.assignments:
        for m in mentors:
            if m.id == a.mentor_id or cohort.pair_score(m.id, a.mentee_id).blocked_by:
                continue
            why = explain_why_not(proposal, a.mentee_id, m.id)
            assert why.reason in ("mentor_full", "lower_total")
            pins = {(m.id, a.mentee_id)}
            forced = cohort.solve("optimal", Edits(pins=pins))
            assert why.delta_total == pytest.approx(
                forced.metrics.total_score - proposal.metrics.total_score, abs=1e-6
            )
            # the optimum cannot be beaten by forcing, unless forcing matches fewer people
            assert why.delta_total <= 1e-9 or why.delta_matched < 0
            assert why.mentor_assignees == tuple(
                sorted(
                    ((x.mentee_id, x.score) for x in proposal.mentees_of(m.id)), key=lambda t: -t[1]
                )
            )
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize(
    ("languages", "min_overlap"), [(("id", "en", "jv"), 1), (("id", "en", "jv"), 0), (None, 2)]
)
def test_candidates_hold_both_sides_top_k(make_cohort, languages, min_overlap):
    """Thresholded, chunked top-k (folded or separate language terms) equals the dense top-k."""
    mentors, mentees = make_cohort(11, 60, 300)
    if languages is None:  # more languages than are folded into the products
        many = [f"l{i}" for i in range(8)]
        mentors = [replace(p, languages={many[p.id % 8], "id"}) for p in mentors]
        mentees = [replace(p, languages={many[p.id % 7]}) for p in mentees]
    k = 2  # small against 60 mentors, so each mentee's threshold comes from a sample
    rules = ProgrammeRules(k=k, min_overlap_hours=min_overlap)
    vocab, (ms, es) = encode_cohort([mentors, mentees], rules)
    g = build_candidates(PairScorer(rules, vocab), ms, es, k, k, block_elements=1_000)
    totals, allowed = dense_scores(mentors, mentees, rules)
    np.testing.assert_array_equal(g.compatible_mentors, allowed.sum(0))
    np.testing.assert_array_equal(g.compatible_mentees, allowed.sum(1))
    assert allowed[g.mentor, g.mentee].all()
    in_graph = np.zeros_like(allowed)
    in_graph[g.mentor, g.mentee] = True
    masked = np.where(allowed, totals, -np.inf)
    for axis in (0, 1):  # 0: each mentee's k best mentors, 1: each mentor's k best mentees
        kth = -np.partition(-masked, k - 1, axis=axis).take(k - 1, axis=axis)
        better = masked > np.expand_dims(kth, axis) + 1e-6
        assert not (better & ~in_graph).any()
        at_least = (masked >= np.expand_dims(kth, axis) - 1e-6) & in_graph
        assert (at_least.sum(axis) >= np.minimum(k, allowed.sum(axis))).all()
