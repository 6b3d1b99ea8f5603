"""Why a pair was suggested, and why a mentee did not get a given mentor.

Reasons and concerns are built from the same components as the score, with
the concrete facts behind them (skills covered, hours in common, shared
words), so a coordinator can check them against the profiles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .availability import describe_slots
from .candidates import pair_exclusions
from .cohort import Edits, PinError, Proposal, ScoredCohort, score_cohort
from .profiles import Participant, ProgrammeRules
from .scoring import BLOCKED, COMPONENTS, PairScore
from .text import shared_terms

REASON_MIN = 0.6  # a component at or above this can be a reason
CONCERN_MAX = 0.4  # a component below this is a concern
TOP_REASONS = 3


@dataclass(frozen=True)
class Reason:
    """One component behind a score, with its weighted contribution and a plain sentence."""

    component: str
    value: float
    contribution: float
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A ranked candidate (a mentor for a mentee, or the other way round)."""

    participant_id: int
    rank: int
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]
    concerns: tuple[Reason, ...]


@dataclass(frozen=True)
class WhyNot:
    """The concrete cause a mentee did not get a mentor in a proposal.

    reason: "assigned", "blocked", "removed", "banned", "mentor_full" or
    "lower_total". delta_total/delta_matched: what forcing the pair (a pin)
    would do to the cohort total and matched count; None when it cannot be forced.
    """

    mentee_id: int
    mentor_id: int
    reason: str
    message: str
    pair: PairScore
    current_mentor_id: int | None
    current_score: float | None
    mentor_assignees: tuple[tuple[int, float], ...]
    delta_total: float | None
    delta_matched: int | None


def _component_text(
    name: str, mentor: Participant, mentee: Participant, cohort: ScoredCohort, value: float
) -> str:
    """One sentence about a component, worded by its value: a component weak enough to be a
    concern reads as a concern, never as a reason (a single shared word does not make
    goals "similar" when the goal score is low)."""
    rules = cohort.rules
    weak = value < CONCERN_MAX
    if name == "skills":
        covered = [
            f"{n.skill} ({mentor.expertise.get(n.skill, 0)} for target {n.target_level})"
            for n in mentee.needs
            if mentor.expertise.get(n.skill, 0) >= n.target_level
        ]
        missing = [
            n.skill for n in mentee.needs if mentor.expertise.get(n.skill, 0) < n.target_level
        ]
        if not weak:
            return "covers the needed skills: " + (", ".join(covered) or "partly")
        return "does not reach the needed level in: " + (", ".join(missing) or "the needed skills")
    if name == "goals":
        words = shared_terms(mentor.goals, mentee.goals)[:5]
        if not weak and words:
            return "similar goals (shared words: " + ", ".join(words) + ")"
        if weak and words:
            return "goals have little in common (only shared words: " + ", ".join(words) + ")"
        return "goals have little in common" if weak else "related goals"
    if name == "language":
        shared = ", ".join(sorted(mentor.languages & mentee.languages))
        if weak:
            return "little language in common" + (f" (only: {shared})" if shared else "")
        return "shared languages: " + (shared or "none")
    if name == "availability":
        i, j = cohort.mentor_index[mentor.id], cohort.mentee_index[mentee.id]
        slots = cohort.mentors.availability[i] & cohort.mentees.availability[j]
        hours = int(slots.sum())
        when = describe_slots(slots, mentee.time_zone, rules.reference_week)[:2]
        detail = f" (mentee's time: {'; '.join(when)})" if when else ""
        return f"{'only ' if weak else ''}{hours} h/week in common{detail}"
    if name == "level":
        fit = "fit poorly" if weak else "suit"
        return f"levels {mentor.level} and {mentee.level} {fit} {rules.model.value} mentoring"
    if name == "communication":
        styles = f"{mentor.communication_style or '?'}/{mentee.communication_style or '?'}"
        verdict = "differ" if weak else "agree"
        return f"communication styles {styles} and questionnaire answers {verdict}"
    return "diversity preferences " + ("not met" if weak else "met")


def explain_scores(
    cohort: ScoredCohort, mentor: Participant, mentee: Participant, components: dict[str, float]
) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    """Top reasons (largest weighted contributions) and concerns (weak components)."""
    weights = cohort.scorer.weights
    items = [
        Reason(
            component=name,
            value=value,
            contribution=round(weights[name] * value, 4),
            text=_component_text(name, mentor, mentee, cohort, value),
        )
        for name, value in components.items()
    ]
    reasons = sorted(
        (r for r in items if r.value >= REASON_MIN), key=lambda r: (-r.contribution, r.component)
    )[:TOP_REASONS]
    concerns = sorted(
        (r for r in items if r.value < CONCERN_MAX),
        key=lambda r: (-weights[r.component], r.component),
    )
    return tuple(reasons), tuple(concerns)


def _suggestions(
    cohort: ScoredCohort, mentor_rows: np.ndarray, mentee_rows: np.ndarray, for_mentee: bool
) -> list[Suggestion]:
    comps = cohort.components(mentor_rows, mentee_rows)
    totals = comps @ cohort.scorer.weight_vector()
    active = [(c, n) for c, n in enumerate(COMPONENTS) if n in cohort.scorer.active]
    out = []
    for rank, (i, j, total, row) in enumerate(
        zip(mentor_rows.tolist(), mentee_rows.tolist(), totals.tolist(), comps, strict=True),
        start=1,
    ):
        mentor, mentee = cohort.mentors.participants[i], cohort.mentees.participants[j]
        components = {name: round(float(row[c]), 4) for c, name in active}
        reasons, concerns = explain_scores(cohort, mentor, mentee, components)
        out.append(
            Suggestion(
                participant_id=mentor.id if for_mentee else mentee.id,
                rank=rank,
                score=round(float(total), 6),
                components=components,
                reasons=reasons,
                concerns=concerns,
            )
        )
    return out


def _top(totals: np.ndarray, k: int) -> np.ndarray:
    allowed = np.flatnonzero(totals > BLOCKED)
    order = np.lexsort((allowed, -totals[allowed]))
    return allowed[order[:k]]


def cohort_mentor_suggestions(cohort: ScoredCohort, mentee_id: int, k: int) -> list[Suggestion]:
    """The k best allowed mentors for one mentee of a scored cohort."""
    j = cohort.mentee_index[mentee_id]
    totals = cohort.scorer.block(cohort.left, cohort.scorer.right(cohort.mentees, np.array([j])))
    totals = np.array(totals[:, 0])
    ex_i, _ = pair_exclusions(cohort.rules, cohort.mentors.ids, cohort.mentees.ids[[j]])
    totals[ex_i] = BLOCKED
    rows = _top(totals, k)
    return _suggestions(cohort, rows, np.full(len(rows), j), for_mentee=True)


def cohort_mentee_suggestions(cohort: ScoredCohort, mentor_id: int, k: int) -> list[Suggestion]:
    """The k best allowed mentees for one mentor of a scored cohort."""
    i = cohort.mentor_index[mentor_id]
    left = cohort.left.take(np.array([i]))
    n_e = len(cohort.mentees)
    totals = np.empty(n_e, dtype=np.float32)
    for start in range(0, n_e, 50_000):
        cols = np.arange(start, min(n_e, start + 50_000))
        totals[cols] = cohort.scorer.block(left, cohort.scorer.right(cohort.mentees, cols))[0]
    _, ex_j = pair_exclusions(cohort.rules, cohort.mentors.ids[[i]], cohort.mentees.ids)
    totals[ex_j] = BLOCKED
    rows = _top(totals, k)
    return _suggestions(cohort, np.full(len(rows), i), rows, for_mentee=False)


def suggest_mentors(
    mentee: Participant, mentors: Sequence[Participant], rules: ProgrammeRules, k: int = 5
) -> list[Suggestion]:
    """Ranked mentors for one mentee, each with reasons and concerns."""
    cohort = score_cohort(mentors, [mentee], rules, k=1)
    return cohort_mentor_suggestions(cohort, mentee.id, k)


def suggest_mentees(
    mentor: Participant, mentees: Sequence[Participant], rules: ProgrammeRules, k: int = 5
) -> list[Suggestion]:
    """Ranked mentees for one mentor, each with reasons and concerns."""
    cohort = score_cohort([mentor], mentees, rules, k=1)
    return cohort_mentee_suggestions(cohort, mentor.id, k)


def explain_why_not(proposal: Proposal, mentee_id: int, mentor_id: int) -> WhyNot:
    """Why `mentee_id` is not with `mentor_id`, down to the cost of forcing it.

    The cost is measured, not estimated: the cohort is re-solved with the pair
    pinned and the totals compared.
    """
    cohort, edits = proposal.cohort, proposal.edits
    pair = cohort.pair_score(mentor_id, mentee_id)
    current = proposal.assignment_of(mentee_id)
    holders = tuple(
        sorted(
            ((a.mentee_id, a.score) for a in proposal.mentees_of(mentor_id)), key=lambda x: -x[1]
        )
    )

    def answer(reason: str, message: str, d_total=None, d_matched=None) -> WhyNot:
        return WhyNot(
            mentee_id=mentee_id,
            mentor_id=mentor_id,
            reason=reason,
            message=message,
            pair=pair,
            current_mentor_id=current.mentor_id if current else None,
            current_score=current.score if current else None,
            mentor_assignees=holders,
            delta_total=d_total,
            delta_matched=d_matched,
        )

    if current is not None and current.mentor_id == mentor_id:
        return answer("assigned", "they are matched in this proposal", 0.0, 0)
    if pair.blocked_by:
        return answer("blocked", "blocked by constraint: " + ", ".join(pair.blocked_by))
    if mentor_id in edits.removed_mentors or mentee_id in edits.removed_mentees:
        return answer("removed", "one of them was removed by the coordinator")
    if (mentor_id, mentee_id) in edits.bans:
        return answer("banned", "the coordinator banned this pair")

    pins = {p for p in edits.pins if p[1] != mentee_id} | {(mentor_id, mentee_id)}
    forced_edits = Edits(
        pins=pins,
        bans=edits.bans,
        existing=edits.existing,
        removed_mentors=edits.removed_mentors,
        removed_mentees=edits.removed_mentees,
    )
    try:
        forced = cohort.solve(proposal.mode, forced_edits)
    except PinError as error:
        return answer("mentor_full", f"cannot be forced: {error}")
    d_total = round(forced.metrics.total_score - proposal.metrics.total_score, 6)
    d_matched = forced.metrics.matched - proposal.metrics.matched
    cost = f"forcing it would change the cohort total by {d_total:+.4f}"
    if d_matched:
        cost += f" and matched mentees by {d_matched:+d}"
    capacity = int(cohort.mentors.capacity[cohort.mentor_index[mentor_id]])
    if len(holders) >= capacity:
        better = sum(1 for _, s in holders if s >= pair.total)
        message = (
            f"mentor was full ({len(holders)}/{capacity}); {better} of them fit better "
            f"(pair score {pair.total:.3f}); {cost}"
        )
        return answer("mentor_full", message, d_total, d_matched)
    mine = (
        f"the mentee's match scores {current.score:.3f}" if current else "the mentee is unmatched"
    )
    return answer("lower_total", f"pair score {pair.total:.3f}, {mine}; {cost}", d_total, d_matched)
