"""Cohort-level figures a coordinator judges a proposal by.

Computed from index arrays, so they cost milliseconds even for large cohorts
and can be refreshed after every edit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import EncodedSide

EXPERT_LEVEL = 3  # a mentor at this level or above counts as supply for a skill


@dataclass(frozen=True)
class LoadSpread:
    """How evenly mentors are used (load ratio = assigned / capacity)."""

    mentors_with_capacity: int
    mentors_used: int
    idle_mentors: int
    full_mentors: int
    mean_load_ratio: float
    min_load_ratio: float
    max_load_ratio: float
    std_load_ratio: float


@dataclass(frozen=True)
class SkillGap:
    """Supply and demand for one skill or focus area.

    demand: mentees needing it; supply: mentoring places offered by mentors at
    EXPERT_LEVEL or above; unmet: unmatched mentees needing it; gap = supply - demand.
    """

    demand: int
    supply: int
    unmet: int
    gap: int


@dataclass(frozen=True)
class CohortMetrics:
    matched: int
    unmatched: int
    total_score: float
    mean_score: float
    p10_score: float
    min_score: float
    blocking_pairs: int
    rank_profile: dict[int, int]  # rank in the mentee's candidate list (0 = outside it) -> count
    mentor_load: LoadSpread
    skill_gaps: dict[str, SkillGap]


def blocking_pair_count(
    edge_mentor: np.ndarray,
    edge_mentee: np.ndarray,
    edge_score: np.ndarray,
    chosen: np.ndarray,
    match_mentor: np.ndarray,
    match_mentee: np.ndarray,
    match_score: np.ndarray,
    capacity: np.ndarray,
    n_mentees: int,
) -> int:
    """Unchosen allowed edges where both sides would rather have each other.

    The mentee prefers the mentor to its match (or is unmatched), and the mentor
    has a free place or holds someone it scores lower. Scores are integers so
    equal scores never count as a preference.
    """
    n_mentors = len(capacity)
    mentee_has = np.full(n_mentees, -1, dtype=np.int64)
    mentee_has[match_mentee] = match_score
    load = np.bincount(match_mentor, minlength=n_mentors)
    worst = np.full(n_mentors, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(worst, match_mentor, match_score)
    mentee_wants = edge_score > mentee_has[edge_mentee]
    mentor_wants = (load[edge_mentor] < capacity[edge_mentor]) | (edge_score > worst[edge_mentor])
    return int(np.count_nonzero(~chosen & mentee_wants & mentor_wants))


def load_spread(load: np.ndarray, capacity: np.ndarray) -> LoadSpread:
    with_capacity = capacity > 0
    ratio = load[with_capacity] / capacity[with_capacity]
    if ratio.size == 0:
        ratio = np.zeros(1)
    return LoadSpread(
        mentors_with_capacity=int(with_capacity.sum()),
        mentors_used=int(np.count_nonzero(load > 0)),
        idle_mentors=int(np.count_nonzero(with_capacity & (load == 0))),
        full_mentors=int(np.count_nonzero(with_capacity & (load >= capacity))),
        mean_load_ratio=round(float(ratio.mean()), 4),
        min_load_ratio=round(float(ratio.min()), 4),
        max_load_ratio=round(float(ratio.max()), 4),
        std_load_ratio=round(float(ratio.std()), 4),
    )


def skill_gaps(
    skills: tuple[str, ...],
    mentors: EncodedSide,
    mentor_active: np.ndarray,
    capacity: np.ndarray,
    mentees: EncodedSide,
    mentee_active: np.ndarray,
    unmatched: np.ndarray,
) -> dict[str, SkillGap]:
    """Per skill: who needs it, how many places experts offer, who is left without."""
    needs = mentees.need_target[mentee_active] > 0
    demand = needs.sum(0)
    unmet = (mentees.need_target[unmatched] > 0).sum(0)
    expert = mentors.expertise[mentor_active] >= EXPERT_LEVEL
    supply = (expert * capacity[mentor_active][:, None]).sum(0)
    return {
        skill: SkillGap(
            demand=int(demand[s]),
            supply=int(supply[s]),
            unmet=int(unmet[s]),
            gap=int(supply[s]) - int(demand[s]),
        )
        for s, skill in enumerate(skills)
    }


def score_summary(scores: np.ndarray) -> tuple[float, float, float, float]:
    """Total, mean, 10th percentile and minimum of matched scores (zeros when none)."""
    if scores.size == 0:
        return 0.0, 0.0, 0.0, 0.0
    return (
        round(float(scores.sum()), 6),
        round(float(scores.mean()), 6),
        round(float(np.percentile(scores, 10)), 6),
        round(float(scores.min()), 6),
    )
