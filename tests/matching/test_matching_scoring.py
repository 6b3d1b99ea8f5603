"""Scoring components, hard constraints, time zones and explanations."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import (
    AttributeRule,
    LearningNeed,
    Participant,
    ProgrammeRules,
    Window,
    score_cohort,
    score_pair,
    suggest_mentors,
)
from matching.availability import overlap_hours, slot_vector

BEFORE_DST = date(2025, 3, 17)  # Europe/Amsterdam still on CET all week
DST_WEEK = date(2025, 3, 24)  # clocks go forward on Sunday 30 March


def person(pid: int, **fields) -> Participant:
    defaults = dict(
        languages={"id"},
        availability=[Window(d, "19:00", "22:00") for d in range(5)],
        level=3,
    )
    return Participant(id=pid, **{**defaults, **fields})


def test_overlap_across_a_dst_change_jakarta_amsterdam():
    jakarta = [Window(6, "17:00", "18:00"), Window(0, "15:00", "16:00")]
    amsterdam = [Window(6, "10:00", "12:00"), Window(0, "09:00", "10:00")]
    for week, expected in ((BEFORE_DST, 2), (DST_WEEK, 1)):
        a = slot_vector("Asia/Jakarta", jakarta, week)
        b = slot_vector("Europe/Amsterdam", amsterdam, week)
        # Sunday 10:00 CET is 16:00 WIB (overlaps 17-18 only from 17:00); after the change
        # 10:00 CEST is 15:00 WIB, so the Sunday hour is lost; Monday (before it) stays.
        assert overlap_hours(a, b) == expected, week
    mentor = person(1, time_zone="Europe/Amsterdam", availability=amsterdam[:1])
    mentee = person(2, time_zone="Asia/Jakarta", availability=jakarta[:1])
    assert score_pair(mentor, mentee, ProgrammeRules(reference_week=BEFORE_DST)).compatible
    blocked = score_pair(mentor, mentee, ProgrammeRules(reference_week=DST_WEEK)).blocked_by
    assert blocked == ["no_availability_overlap"]


def test_windows_wrap_to_utc_across_midnight_and_week():
    # Monday 05:00-07:00 in Jakarta is Sunday 22:00-24:00 UTC: the end of the UTC week
    assert slot_vector("Asia/Jakarta", [Window(0, "05:00", "07:00")], DST_WEEK).nonzero()[
        0
    ].tolist() == [166, 167]
    # a window running past midnight continues on the next day
    late = slot_vector("UTC", [Window(2, "23:00", "01:00")], DST_WEEK)
    assert late.nonzero()[0].tolist() == [2 * 24 + 23, 3 * 24]


def test_hard_constraints_are_named():
    mentor = person(1, attributes={"gender": "f"}, languages={"en"})
    mentee = person(2, attributes={"gender": "m"}, availability=[Window(6, "08:00", "09:00")])
    rules = ProgrammeRules(
        attribute_rules=(AttributeRule("gender", "same"),),
        exclusions=frozenset({(2, 1)}),
        previous_pairs=frozenset({(1, 2)}),
        forbid_repeats=True,
    )
    assert score_pair(mentor, mentee, rules).blocked_by == [
        "no_shared_language",
        "no_availability_overlap",
        "excluded",
        "repeat_pairing",
        "attribute:gender",
    ]
    fine = score_pair(person(1), person(2), ProgrammeRules(forbid_repeats=False))
    assert fine.compatible


def test_skill_fit_follows_levels_and_priorities():
    rules = ProgrammeRules()
    needs = (LearningNeed("campaign creation", 4, 3), LearningNeed("financial management", 2, 1))
    mentee = person(10, needs=needs, level=1)
    strong = person(1, expertise={"campaign creation": 5, "financial management": 2}, level=3)
    half = person(2, expertise={"campaign creation": 2}, level=3)
    none = person(3, expertise={"impact measurement": 5}, level=3)
    fits = [score_pair(m, mentee, rules).components["skills"] for m in (strong, half, none)]
    assert fits[0] == pytest.approx(1.0)
    assert fits[1] == pytest.approx(0.75 * 2 / 4)  # priority 3 of 4, level 2 of target 4
    assert fits[2] == 0.0


def test_level_component_depends_on_the_model():
    senior, junior = person(1, level=5), person(2, level=3)
    one_to_one = score_pair(senior, junior, ProgrammeRules(model="one_to_one"))
    reverse = score_pair(senior, junior, ProgrammeRules(model="reverse"))
    peer_same = score_pair(person(1, level=3), junior, ProgrammeRules(model="peer"))
    assert one_to_one.components["level"] == 1.0
    assert reverse.components["level"] == 0.0
    assert peer_same.components["level"] == 1.0


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_components_are_normalised_and_sum_to_the_total(make_cohort, seed):
    mentors, mentees = make_cohort(seed, 4, 6)
    rules = ProgrammeRules(k=50, attribute_rules=(AttributeRule("gender", "different", False),))
    cohort = score_cohort(mentors, mentees, rules)
    for m in mentors:
        for e in mentees:
            pair = cohort.pair_score(m.id, e.id)
            assert set(pair.components) == set(cohort.scorer.active)
            assert all(0.0 <= v <= 1.0 for v in pair.components.values())
            weighted = sum(cohort.scorer.weights[c] * v for c, v in pair.components.items())
            assert pair.total == pytest.approx(weighted, abs=1e-5)
            assert pair.components["diversity"] == float(
                m.attributes["gender"] != e.attributes["gender"]
            )


def test_goal_similarity_is_a_local_tfidf_cosine():
    a = person(1, goals="membuat kampanye penggalangan dana untuk sekolah")
    b = person(2, goals="kampanye penggalangan dana sekolah desa")
    c = person(3, goals="financial audit reports")
    rules = ProgrammeRules()
    assert score_pair(a, b, rules).components["goals"] > 0.3
    assert score_pair(a, c, rules).components["goals"] == 0.0
    twin = dataclasses.replace(a, id=4)
    assert score_pair(a, twin, rules).components["goals"] == pytest.approx(1.0, abs=1e-5)


def test_explanations_name_the_deciding_components():
    mentee = person(
        10,
        needs=(LearningNeed("digital storytelling", 4, 3),),
        availability=[Window(1, "19:00", "20:00")],
        level=1,
    )
    skilled = person(1, expertise={"digital storytelling": 5}, level=3)
    idle = person(2, expertise={"platform navigation": 5}, level=3)
    suggestions = suggest_mentors(mentee, [idle, skilled], ProgrammeRules(), k=2)
    assert [s.participant_id for s in suggestions] == [1, 2]
    best = suggestions[0]
    assert best.reasons[0].component == "skills"
    assert "digital storytelling" in best.reasons[0].text
    assert "availability" in {c.component for c in best.concerns}  # 1 h of a 4 h target
    assert "skills" in {c.component for c in suggestions[1].concerns}


def test_wording_follows_the_score_a_low_component_reads_as_a_concern():
    """One shared word ("kampanye") in otherwise different goals gives a low goal score: it
    is a concern and must not be worded as "similar goals"."""
    mentee = person(10, goals="kampanye video pendek tentang air bersih di desa pesisir")
    mentor = person(1, goals="kampanye audit laporan keuangan koperasi simpan pinjam")
    twin = person(2, goals="kampanye video pendek tentang air bersih di desa pesisir")
    suggestions = suggest_mentors(mentee, [mentor, twin], ProgrammeRules(), k=2)
    by_id = {s.participant_id: s for s in suggestions}
    weak = by_id[1]
    assert weak.components["goals"] < 0.4
    [goals] = [c for c in weak.concerns if c.component == "goals"]
    assert "similar" not in goals.text and "little in common" in goals.text
    assert "kampanye" in goals.text  # the fact stays, worded as what it is
    strong = by_id[2]
    [reason] = [r for r in strong.reasons if r.component == "goals"]
    assert reason.text.startswith("similar goals")
    for suggestion in suggestions:
        for concern in suggestion.concerns:
            assert not concern.text.startswith(("similar", "covers", "shared languages"))
