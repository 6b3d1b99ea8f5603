"""Small random cohorts for the matching tests (seeded, so hypothesis can shrink the seed)."""

from __future__ import annotations

import numpy as np
import pytest

from matching import LearningNeed, Participant, Window

SKILLS = ("campaign creation", "financial management", "digital storytelling")
LANGS = ("id", "en", "jv")
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Europe/Amsterdam")
STYLES = ("direct", "reflective", "structured", "casual", "")
GOALS = (
    "belajar membuat kampanye penggalangan dana",
    "improve financial reports for donors",
    "bercerita digital untuk komunitas",
    "learn storytelling and campaign video",
    "",
)


def person(rng: np.random.Generator, pid: int, mentor: bool) -> Participant:
    langs = {c for c, p in zip(LANGS, (0.7, 0.5, 0.3), strict=True) if rng.random() < p}
    langs = langs or {"jv"}
    windows = [
        Window(int(rng.integers(7)), f"{h:02d}:00", f"{h + int(rng.integers(2, 5)):02d}:00")
        for h in rng.integers(17, 20, size=int(rng.integers(2, 5)))
    ]
    skills = rng.permutation(len(SKILLS))[: int(rng.integers(1, 3))]
    expertise = {SKILLS[s]: int(rng.integers(1, 6)) for s in skills} if mentor else {}
    needs = (
        ()
        if mentor
        else tuple(
            LearningNeed(SKILLS[s], int(rng.integers(1, 6)), int(rng.integers(1, 4)))
            for s in skills
        )
    )
    return Participant(
        id=pid,
        languages=langs,
        time_zone=ZONES[int(rng.choice(3, p=[0.6, 0.3, 0.1]))],
        availability=windows,
        expertise=expertise,
        needs=needs,
        goals=GOALS[int(rng.integers(len(GOALS)))],
        communication_style=STYLES[int(rng.integers(len(STYLES)))],
        questionnaire={
            q: int(rng.integers(1, 6)) for q in ("structure", "pace") if rng.random() < 0.8
        },
        level=int(rng.integers(1, 6)),
        attributes={"gender": ("f", "m")[int(rng.integers(2))]},
        capacity=int(rng.integers(1, 4)) if mentor else 1,
    )


def cohort(
    seed: int, n_mentors: int, n_mentees: int
) -> tuple[list[Participant], list[Participant]]:
    rng = np.random.default_rng(seed)
    mentors = [person(rng, 1 + i, True) for i in range(n_mentors)]
    mentees = [person(rng, 1000 + j, False) for j in range(n_mentees)]
    return mentors, mentees


@pytest.fixture(scope="session")
def make_cohort():
    """Seeded random cohort builder: make_cohort(seed, n_mentors, n_mentees)."""
    return cohort
