"""Mentoring circles: small groups around a shared focus area.

Within each focus area: greedy seeding (senior members first, as natural
facilitators), then a swap search that moves people between circles while
the total within-circle score rises. A circle must share at least one
language and `min_overlap_hours` of common weekly time among all members.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .candidates import pair_exclusions
from .features import EncodedSide, encode_cohort
from .profiles import Moderation, Participant, ProgrammeRules
from .scoring import BLOCKED, PairScorer

_NO = np.float32(-10.0)  # pair score standing for "must not share a circle"
_EPS = 1e-6


@dataclass(frozen=True)
class Circle:
    """A circle; `facilitator_id` is None when the programme elects one or has none,
    and `facilitator_candidate_id` is who would lead by seniority."""

    members: tuple[int, ...]
    focus: str | None
    facilitator_id: int | None
    facilitator_candidate_id: int
    score: float
    common_languages: tuple[str, ...]
    common_hours: int


@dataclass(frozen=True)
class Waitlisted:
    """Someone no circle could take: "no_compatible_circle" or "too_few_compatible"."""

    participant_id: int
    focus: str | None
    reason: str


@dataclass(frozen=True)
class CirclePlan:
    circles: tuple[Circle, ...]
    waitlist: tuple[Waitlisted, ...]
    total_score: float


class _Group:
    """Circles of one focus area, with an affinity matrix kept up to date for swaps."""

    def __init__(self, scores: np.ndarray, side: EncodedSide, rows: np.ndarray, rules) -> None:
        self.s = scores  # symmetric, _NO where a pair must not meet
        self.side, self.rows, self.rules = side, rows, rules
        self.circles: list[list[int]] = []

    def feasible(self, members: list[int]) -> bool:
        if len(members) < 2:
            return True
        sub = self.s[np.ix_(members, members)]
        if (sub[~np.eye(len(members), dtype=bool)] <= _NO).any():
            return False
        rows = self.rows[members]
        languages = self.side.languages[rows].min(0)
        hours = self.side.availability[rows].all(0).sum()
        return bool(languages.max(initial=0) > 0 and hours >= self.rules.min_overlap_hours)

    def seed(self, size: int, min_size: int) -> list[int]:
        """Greedy: seniors open circles, then the hardest-to-place join the best feasible one."""
        n = len(self.rows)
        n_circles = -(-n // size)
        levels = self.side.level[self.rows]
        order = sorted(range(n), key=lambda m: (-int(levels[m]), int(self.side.ids[self.rows[m]])))
        seeds, rest = order[:n_circles], order[n_circles:]
        self.circles = [[m] for m in seeds]
        options = (self.s > _NO).sum(1)
        rest.sort(key=lambda m: (int(options[m]), m))
        left: list[int] = []
        for m in rest:
            best, best_gain = None, -np.inf
            for c, members in enumerate(self.circles):
                if len(members) >= size:
                    continue
                gain = float(self.s[m, members].sum())
                if gain > best_gain and self.feasible([*members, m]):
                    best, best_gain = c, gain
            if best is None:
                left.append(m)
            else:
                self.circles[best].append(m)
        stuck: list[int] = []
        while len(left) >= min_size:  # those who fit nowhere may still fit each other
            opened = [left[0]]
            for m in left[1:]:
                if len(opened) < size and self.feasible([*opened, m]):
                    opened.append(m)
            if len(opened) < min_size:
                stuck.append(left.pop(0))
                continue
            self.circles.append(opened)
            left = [m for m in left if m not in opened]
        small = [c for c in self.circles if len(c) < min_size]
        self.circles = [c for c in self.circles if len(c) >= min_size]
        return stuck + left + [m for c in small for m in c]

    def improve(self, size: int, min_size: int, rounds: int = 10) -> None:
        """Swap and move members between circles while the total within-circle score rises."""
        n_c = len(self.circles)
        if n_c < 2:
            return
        where = np.full(len(self.rows), -1)
        for c, members in enumerate(self.circles):
            where[members] = c
        member = np.zeros((len(self.rows), n_c), dtype=np.float32)
        member[np.flatnonzero(where >= 0), where[where >= 0]] = 1
        aff = self.s @ member  # aff[x, c] = sum of scores of x with members of c
        placed = np.flatnonzero(where >= 0)
        for _ in range(rounds):
            changed = False
            for a in placed.tolist():
                ca = where[a]
                others = placed[where[placed] != ca]
                if others.size == 0:
                    continue
                cb = where[others]
                delta = (
                    aff[others, ca] + aff[a, cb] - 2 * self.s[a, others] - aff[a, ca]
                    - aff[others, cb]
                )  # fmt: skip
                gain_move = aff[a] - aff[a, ca]  # moving a into circle c (no partner)
                swapped = False
                for pos in np.argsort(-delta)[:5].tolist():
                    if delta[pos] <= _EPS:
                        break
                    b, c_b = int(others[pos]), int(cb[pos])
                    new_a = [x for x in self.circles[ca] if x != a] + [b]
                    new_b = [x for x in self.circles[c_b] if x != b] + [a]
                    if self.feasible(new_a) and self.feasible(new_b):
                        self._apply(a, b, ca, c_b, new_a, new_b, where, aff)
                        swapped = True
                        break
                moved = not swapped and self._try_move(a, ca, gain_move, size, min_size, where, aff)
                changed = changed or swapped or moved
            if not changed:
                break

    def _apply(self, a, b, ca, cb, new_a, new_b, where, aff) -> None:
        self.circles[ca], self.circles[cb] = new_a, new_b
        where[a], where[b] = cb, ca
        diff = self.s[:, b] - self.s[:, a]
        aff[:, ca] += diff
        aff[:, cb] -= diff

    def _try_move(self, a, ca, gain, size, min_size, where, aff) -> bool:
        if len(self.circles[ca]) <= min_size:
            return False
        for c in np.argsort(-gain).tolist():
            if gain[c] <= _EPS:
                return False
            if c == ca or len(self.circles[c]) >= size:
                continue
            if self.feasible([*self.circles[c], a]):
                self.circles[ca].remove(a)
                self.circles[c].append(a)
                where[a] = c
                aff[:, ca] -= self.s[:, a]
                aff[:, c] += self.s[:, a]
                return True
        return False


def _group_scores(scorer: PairScorer, side: EncodedSide, rows: np.ndarray) -> np.ndarray:
    block = scorer.block(scorer.left(side, rows), scorer.right(side, rows))
    block = np.array(block, dtype=np.float32)
    ex_i, ex_j = pair_exclusions(scorer.rules, side.ids[rows], side.ids[rows])
    block[ex_i, ex_j] = BLOCKED
    no = (block <= BLOCKED) | (block.T <= BLOCKED)
    sym = (block + block.T) / 2
    sym[no] = _NO
    np.fill_diagonal(sym, 0.0)
    return sym


def form_circles(
    participants: Sequence[Participant],
    rules: ProgrammeRules,
    size: int | None = None,
    min_size: int = 2,
) -> CirclePlan:
    """Partition people into circles of at most `size` (default: rules.max_group_size).

    One dense score matrix per focus area, so memory is the sum of squared
    focus-group sizes; fine for programme-sized groups, not for 100,000 people.
    """
    size = size or rules.max_group_size
    if size < 2:
        raise ValueError("a circle needs room for at least two people")
    vocab, (side,) = encode_cohort([participants], rules)
    scorer = PairScorer(rules, vocab)
    focus = [p.focus for p in participants]
    circles: list[Circle] = []
    waitlist: list[Waitlisted] = []
    for area in sorted({f for f in focus if f is not None}) + [None] * (None in focus):
        rows = np.array([i for i, f in enumerate(focus) if f == area], dtype=np.intp)
        group = _Group(_group_scores(scorer, side, rows), side, rows, rules)
        leftover = group.seed(size, min_size)
        group.improve(size, min_size)
        for members in group.circles:
            circles.append(_circle(group, members, area, rules))
        for m in leftover:
            options = int((group.s[m] > _NO).sum())
            reason = "no_compatible_circle" if options == 0 else "too_few_compatible"
            waitlist.append(Waitlisted(int(side.ids[rows[m]]), area, reason))
    return CirclePlan(
        circles=tuple(circles),
        waitlist=tuple(waitlist),
        total_score=round(sum(c.score for c in circles), 6),
    )


def _circle(group: _Group, members: list[int], area: str | None, rules) -> Circle:
    side, rows = group.side, group.rows[members]
    people = [side.participants[r] for r in rows]
    lead = max(
        people,
        key=lambda p: (p.level, p.expertise.get(area or "", 0), -p.id),
    )
    sub = group.s[np.ix_(members, members)]
    return Circle(
        members=tuple(sorted(p.id for p in people)),
        focus=area,
        facilitator_id=lead.id if rules.moderation == Moderation.LEADER else None,
        facilitator_candidate_id=lead.id,
        score=round(float(np.triu(sub, 1).sum()), 6),
        common_languages=tuple(sorted(set.intersection(*(set(p.languages) for p in people)))),
        common_hours=int(side.availability[rows].all(0).sum()),
    )
