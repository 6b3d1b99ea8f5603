"""The matching work that runs in the worker processes (models/workers.py), and the plain
data that crosses to them.

Matching runs, edits, explanations, suggestions, the directory's compatibility sort and the
reports' supply and demand never import the `matching` package in the server's process
(NumPy, SciPy, scikit-learn, OR-Tools: over a second to import, and long stretches holding
the GIL once imported). The server loads people with value queries into `Person` rows and
the programme's rules into `Rules`, both cheap to pickle; a worker turns them into the
solver's types, scores and solves, and answers with what the API stores and shows (the JSON
of a `MatchRun`, plain suggestions, explanations and skill gaps), so nothing heavy comes
back either.

Each worker keeps the solved proposals of its recent runs under a key the server chose, so
a coordinator's edits and questions re-solve without re-scoring when they reach the worker
that holds the cohort. A key the worker no longer holds (evicted, or the worker was
replaced) answers `None`; the server then scores the run's cohort again from the database.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from models.lazy import lazy_import

if TYPE_CHECKING:
    import matching
else:  # the server's process only ever names the module; workers load it
    matching = lazy_import("matching")

CACHE_SIZE = 4  # proposals each worker keeps (each holds its scored cohort)


class Unsolvable(ValueError):
    """A pin or existing match the rules or capacities cannot honour (the solver's PinError,
    as a type the server knows without importing the solver)."""


def mentee_key(user_id: int) -> int:
    """A person may be mentor and mentee in one programme; the solver needs ids unique
    across both sides, so mentees enter it with their user id negated."""
    return -user_id


class Person(NamedTuple):
    """One participant as the solver needs them, from value queries: a tuple, with the
    profile's JSON columns as the database gave them, so thousands pickle in milliseconds
    and are decoded by the worker, not the server.

    `expertise` is (skill key, level) for people who teach, `needs` is (skill key, current
    level, target level, priority) for people who learn; a skill key is the focus area's
    slug when the skill has one. `capacity` is the places the solver may fill."""

    user_id: int
    languages: str  # JSON list
    timezone: str
    availability: str  # JSON list of {"weekday", "start", "end"}
    goals: str
    communication_style: str
    questionnaire: str  # JSON object
    attributes: str  # JSON object
    capacity: int
    expertise: tuple[tuple[str, int], ...] = ()
    needs: tuple[tuple[str, int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Rules:
    """A programme's matching rules; pairs are solver ids (see `mentee_key`)."""

    model: str
    weights: dict[str, float]
    max_group_size: int
    attribute_rules: tuple[dict[str, Any], ...]
    exclusions: frozenset[tuple[int, int]]
    previous_pairs: frozenset[tuple[int, int]] = frozenset()
    forbid_repeats: bool = False
    moderation: str = "leader"


@dataclass(frozen=True, slots=True)
class Cohort:
    mentors: tuple[Person, ...]
    mentees: tuple[Person, ...]
    rules: Rules


@dataclass(frozen=True, slots=True)
class Solved:
    """A proposal in the form a `MatchRun` stores it (user ids, mentees positive), and who
    its cohort holds, so the server can check an edit without asking the worker."""

    assignments: list[dict[str, Any]]
    unmatched: list[dict[str, Any]]
    metrics: dict[str, Any]
    edits: dict[str, list[Any]]
    mentors: frozenset[int]
    mentees: frozenset[int]


@dataclass(frozen=True, slots=True)
class Reason:
    component: str
    value: float
    contribution: float
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked candidate; `participant_id` is a solver id (mentees negative)."""

    participant_id: int
    rank: int
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]
    concerns: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a mentee did not get a mentor in a proposal (matching.WhyNot, flattened)."""

    reason: str
    message: str
    pair_score: float
    blocked_by: tuple[str, ...]
    current_mentor_id: int | None
    current_score: float | None
    delta_total: float | None
    delta_matched: int | None


@dataclass(frozen=True, slots=True)
class SkillGap:
    """Supply and demand of one skill (matching.SkillGap), and the mentors at expert level
    in it who still have room."""

    demand: int
    supply: int
    unmet: int
    gap: int
    experts_with_room: int


NO_GAP = SkillGap(0, 0, 0, 0, 0)


# --- from plain data to the solver's types ----------------------------------------------


def participant(person: Person, key: int) -> matching.Participant:
    if person.expertise:
        level = max(level for _, level in person.expertise)
    elif person.needs:  # the mean of the current levels (sum/len: exact for small ints,
        # as statistics.mean is, at a fraction of its cost per person)
        level = round(sum(current for _, current, _, _ in person.needs) / len(person.needs))
    else:
        level = 1
    return matching.Participant(
        id=key,
        languages=frozenset(json.loads(person.languages)),
        time_zone=person.timezone,
        availability=tuple(matching.Window(**w) for w in json.loads(person.availability)),
        expertise=dict(person.expertise),
        needs=tuple(
            matching.LearningNeed(skill, target, priority)
            for skill, _, target, priority in person.needs
        ),
        goals=person.goals,
        communication_style=person.communication_style,
        questionnaire=json.loads(person.questionnaire),
        level=level,
        attributes=json.loads(person.attributes),
        capacity=person.capacity,
    )


def solver_rules(rules: Rules) -> matching.ProgrammeRules:
    """Our rules by the solver's names; models it has no level rule for score as 1:1."""
    try:
        model = matching.MentoringModel(rules.model)
    except ValueError:
        model = matching.MentoringModel.ONE_TO_ONE
    known = matching.Weights().as_dict()
    return matching.ProgrammeRules(
        model=model,
        weights=matching.Weights(**{k: float(v) for k, v in rules.weights.items() if k in known}),
        max_group_size=rules.max_group_size,
        attribute_rules=tuple(matching.AttributeRule(**r) for r in rules.attribute_rules),
        exclusions=rules.exclusions,
        previous_pairs=rules.previous_pairs,
        forbid_repeats=rules.forbid_repeats,
        moderation=matching.Moderation(rules.moderation),
    )


def solver_cohort(
    cohort: Cohort,
) -> tuple[list[matching.Participant], list[matching.Participant], matching.ProgrammeRules]:
    return (
        [participant(p, p.user_id) for p in cohort.mentors],
        [participant(p, mentee_key(p.user_id)) for p in cohort.mentees],
        solver_rules(cohort.rules),
    )


def solver_edits(edits: dict[str, list[Any]]) -> matching.Edits:
    return matching.Edits(
        pins=frozenset((a, mentee_key(b)) for a, b in edits.get("pins", [])),
        bans=frozenset((a, mentee_key(b)) for a, b in edits.get("bans", [])),
        removed_mentors=frozenset(edits.get("removed_mentors", [])),
        removed_mentees=frozenset(mentee_key(b) for b in edits.get("removed_mentees", [])),
    )


# --- from the solver's answers to what the API stores -----------------------------------


def _metrics(proposal: matching.Proposal) -> dict[str, Any]:
    m = proposal.metrics
    return {
        "matched": m.matched, "unmatched": m.unmatched,
        "total_score": round(m.total_score, 4), "mean_score": round(m.mean_score, 4),
        "p10_score": round(m.p10_score, 4), "min_score": round(m.min_score, 4),
        "blocking_pairs": m.blocking_pairs,
        "rank_profile": {str(k): v for k, v in sorted(m.rank_profile.items())},
        "mentor_load": dataclasses.asdict(m.mentor_load),
        "skill_gaps": {k: dataclasses.asdict(v) for k, v in sorted(m.skill_gaps.items())},
    }  # fmt: skip


def stored(proposal: matching.Proposal) -> Solved:
    e = proposal.edits
    return Solved(
        assignments=[
            {
                "mentor": a.mentor_id,
                "mentee": -a.mentee_id,
                "score": round(a.score, 4),
                "components": {k: round(v, 4) for k, v in a.components.items()},
                "source": a.source,
            }
            for a in proposal.assignments
        ],
        unmatched=[{"mentee": -u.mentee_id, "reason": u.reason.value} for u in proposal.unmatched],
        metrics=_metrics(proposal),
        edits={
            "pins": sorted([a, -b] for a, b in e.pins),
            "bans": sorted([a, -b] for a, b in e.bans),
            "removed_mentors": sorted(e.removed_mentors),
            "removed_mentees": sorted(-b for b in e.removed_mentees),
        },
        mentors=frozenset(proposal.cohort.mentor_index),
        mentees=frozenset(-m for m in proposal.cohort.mentee_index),
    )


def _suggestion(s: matching.Suggestion) -> Suggestion:
    def reasons(items: tuple[matching.Reason, ...]) -> tuple[Reason, ...]:
        return tuple(Reason(r.component, r.value, r.contribution, r.text) for r in items)

    return Suggestion(
        s.participant_id, s.rank, s.score, dict(s.components), reasons(s.reasons),
        reasons(s.concerns),
    )  # fmt: skip


# --- jobs: each runs in a worker process -----------------------------------------------

_proposals: OrderedDict[str, matching.Proposal] = OrderedDict()


def _remember(key: str, proposal: matching.Proposal) -> None:
    _proposals[key] = proposal
    _proposals.move_to_end(key)
    while len(_proposals) > CACHE_SIZE:
        _proposals.popitem(last=False)


def propose(key: str, cohort: Cohort, mode: str, edits: dict[str, list[Any]]) -> Solved:
    """Score the cohort, solve it under the edits, and keep the proposal under `key`."""
    scored = matching.score_cohort(*solver_cohort(cohort))
    try:
        proposal = scored.solve(mode, solver_edits(edits))
    except matching.PinError as exc:
        raise Unsolvable(str(exc)) from None
    _remember(key, proposal)
    return stored(proposal)


def revise(key: str, new_key: str, changes: dict[str, Any]) -> Solved | None:
    """Apply a coordinator's changes (matching.resolve's arguments, in solver ids) to the
    proposal under `key`, without re-scoring; the result is kept under `new_key`, so the
    server decides which one the run points at once it has stored the result."""
    proposal = _proposals.get(key)
    if proposal is None:
        return None
    try:
        revised = matching.resolve(proposal, **changes)
    except matching.PinError as exc:
        raise Unsolvable(str(exc)) from None
    _remember(new_key, revised)
    return stored(revised)


def explain(key: str, mentee_id: int, mentor_id: int) -> Explanation | None:
    """Why the mentee (user id) is not with the mentor in the proposal under `key`."""
    proposal = _proposals.get(key)
    if proposal is None:
        return None
    why = matching.explain_why_not(proposal, mentee_key(mentee_id), mentor_id)
    return Explanation(
        reason=why.reason,
        message=why.message,
        pair_score=why.pair.total,
        blocked_by=tuple(why.pair.blocked_by),
        current_mentor_id=why.current_mentor_id,
        current_score=why.current_score,
        delta_total=why.delta_total,
        delta_matched=why.delta_matched,
    )


def suggest_mentors(
    mentee: Person, mentors: tuple[Person, ...], rules: Rules, k: int
) -> list[Suggestion]:
    found = matching.suggest_mentors(
        participant(mentee, mentee_key(mentee.user_id)),
        [participant(m, m.user_id) for m in mentors],
        solver_rules(rules),
        k,
    )
    return [_suggestion(s) for s in found]


def suggest_mentees(
    mentor: Person, mentees: tuple[Person, ...], rules: Rules, k: int
) -> list[Suggestion]:
    found = matching.suggest_mentees(
        participant(mentor, mentor.user_id),
        [participant(m, mentee_key(m.user_id)) for m in mentees],
        solver_rules(rules),
        k,
    )
    return [_suggestion(s) for s in found]


Groups = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def pair_peers(people: tuple[Person, ...], rules: Rules) -> Groups:
    """Peer pairs (maximum-weight matching): the groups and who is left, as stored."""
    pairing = matching.pair_peers([participant(p, p.user_id) for p in people], solver_rules(rules))
    groups = [
        {"members": [p.a_id, p.b_id], "facilitator": None, "focus": None,
         "score": round(p.score, 4)}
        for p in pairing.pairs
    ]  # fmt: skip
    return groups, [{"mentee": u.participant_id, "reason": u.reason} for u in pairing.unpaired]


def form_circles(people: tuple[Person, ...], rules: Rules, size: int) -> Groups:
    """Circles (seeded, then improved by swaps): the groups and the waitlist, as stored."""
    plan = matching.form_circles(
        [participant(p, p.user_id) for p in people], solver_rules(rules), size
    )
    groups = [
        {
            "members": list(c.members),
            "facilitator": c.facilitator_id,
            "focus": c.focus,
            "score": round(c.score, 4),
        }
        for c in plan.circles
    ]
    return groups, [{"mentee": w.participant_id, "reason": w.reason} for w in plan.waitlist]


def skill_gaps(cohort: Cohort) -> dict[str, SkillGap]:
    """Per skill key (a focus area's slug): matching's own supply and demand over a cohort
    of people still waiting and mentors with room (`cohort_rows`), every mentee unmatched."""
    import numpy as np  # in the worker, which holds it already (the server never does)

    mentors, mentees, rules = solver_cohort(cohort)
    if not mentors and not mentees:
        return {}
    vocab, (mentor_side, mentee_side) = matching.features.encode_cohort([mentors, mentees], rules)
    capacity = mentor_side.capacity
    gaps = matching.metrics.skill_gaps(
        vocab.skills,
        mentor_side,
        np.ones(len(mentor_side), dtype=bool),
        capacity,
        mentee_side,
        np.ones(len(mentee_side), dtype=bool),
        np.arange(len(mentee_side)),
    )
    room = (mentor_side.expertise >= matching.metrics.EXPERT_LEVEL) & (capacity[:, None] > 0)
    experts = room.sum(0)
    return {
        skill: SkillGap(**dataclasses.asdict(gaps[skill]), experts_with_room=int(experts[s]))
        for s, skill in enumerate(vocab.skills)
    }


def warm() -> None:
    """Every worker's first act: import the solver and solve a tiny cohort end to end, so a
    worker's first real run costs what later ones do."""
    evenings = '[{"weekday": 0, "start": "19:00", "end": "21:00"}]'
    mentor = Person(1, '["id"]', "Asia/Jakarta", evenings, "berbagi cerita kampanye", "direct",
                    "{}", "{}", 2, expertise=(("digital-storytelling", 4),))  # fmt: skip
    mentee = mentor._replace(
        user_id=2, goals="belajar cerita kampanye", capacity=0, expertise=(),
        needs=(("digital-storytelling", 1, 3, 2),),
    )  # fmt: skip
    rules = Rules("one_to_one", {}, 5, (), frozenset())
    proposal = matching.score_cohort(*solver_cohort(Cohort((mentor,), (mentee,), rules))).solve()
    stored(proposal)
    matching.explain_why_not(proposal, mentee_key(2), 1)
    suggest_mentors(mentee, (mentor,), rules, 1)
    peers = (mentee._replace(user_id=3), mentee._replace(user_id=4))
    pair_peers(peers, dataclasses.replace(rules, model="peer"))
