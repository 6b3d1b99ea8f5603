"""Peer pairs against brute force; circle invariants."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Moderation, ProgrammeRules, form_circles, pair_peers
from matching.assign import to_int_scores
from matching.features import encode_cohort
from matching.peers import symmetric_components
from matching.scoring import BLOCKED, PairScorer

PEER = ProgrammeRules(model="peer", k=50)


def best_matching(n: int, weight: dict[tuple[int, int], int]) -> tuple[int, int]:
    """(pairs, total) maximised lexicographically by exhaustive search."""

    def search(free: tuple[int, ...]) -> tuple[int, int]:
        if len(free) < 2:
            return 0, 0
        first, rest = free[0], free[1:]
        best = search(rest)  # first stays unpaired
        for other in rest:
            if (first, other) in weight:
                pairs, total = search(tuple(x for x in rest if x != other))
                best = max(best, (pairs + 1, total + weight[(first, other)]))
        return best

    return search(tuple(range(n)))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 8))
def test_peer_pairs_are_a_maximum_weight_matching(make_cohort, seed, n):
    people, _ = make_cohort(seed, n, 0)
    result = pair_peers(people, PEER)
    vocab, (side,) = encode_cohort([people], PEER)
    scorer = PairScorer(PEER, vocab)
    block = np.array(scorer.block(scorer.left(side), scorer.right(side, np.arange(n))))
    a, b = np.triu_indices(n, 1)
    ok = (block[a, b] > BLOCKED) & (block[b, a] > BLOCKED)
    a, b = a[ok], b[ok]
    w = to_int_scores(
        symmetric_components(scorer, side, scorer.left(side), a, b) @ scorer.weight_vector()
    )
    weight = {(int(x), int(y)): int(v) for x, y, v in zip(a, b, w, strict=True)}
    pairs, total = best_matching(n, weight)
    assert len(result.pairs) == pairs
    assert abs(round(result.total_score * 1_000_000) - total) <= pairs
    seen = [pid for p in result.pairs for pid in (p.a_id, p.b_id)]
    assert len(seen) == len(set(seen))
    assert len(seen) + len(result.unpaired) == n


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), size=st.integers(2, 6))
def test_circles_partition_people_into_feasible_groups(make_cohort, seed, n, size):
    _, people = make_cohort(seed, 0, n)
    rules = ProgrammeRules(model="circle")
    plan = form_circles(people, rules, size=size)
    by_id = {p.id: p for p in people}
    placed = [m for c in plan.circles for m in c.members]
    assert len(placed) == len(set(placed))
    assert sorted(placed + [w.participant_id for w in plan.waitlist]) == sorted(by_id)
    for circle in plan.circles:
        members = [by_id[m] for m in circle.members]
        assert 2 <= len(members) <= size
        assert set.intersection(*(set(p.languages) for p in members)) == set(
            circle.common_languages
        )
        assert circle.common_languages and circle.common_hours >= rules.min_overlap_hours
        assert all(p.focus == circle.focus for p in members)
        top = max(p.level for p in members)
        assert by_id[circle.facilitator_id].level == top
        assert circle.facilitator_candidate_id == circle.facilitator_id


def test_swap_search_does_not_lower_the_total(make_cohort, monkeypatch):
    _, people = make_cohort(4, 0, 60)
    rules = ProgrammeRules(model="circle", moderation=Moderation.ELECTED)
    improved = form_circles(people, rules, size=4)
    from matching import circles

    monkeypatch.setattr(circles._Group, "improve", lambda self, *a, **k: None)
    seeded = form_circles(people, rules, size=4)
    assert improved.total_score >= seeded.total_score
    assert improved.total_score > seeded.total_score  # this cohort has room to improve
    assert all(c.facilitator_id is None and c.facilitator_candidate_id for c in improved.circles)
