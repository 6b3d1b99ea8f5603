"""A scored cohort and the proposals solved on it.

Scoring is the expensive part, so it happens once: `ScoredCohort` keeps the
encoded profiles and the candidate graph, and every coordinator edit (pin,
ban, removal, swap) is a cheap re-solve on that graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

from .assign import SCORE_SCALE, SOLVERS, solve_optimal, to_int_scores
from .candidates import (
    CandidateGraph,
    build_candidates,
    pair_exclusions,
    scoring_blocks,
    scoring_rows,
)
from .certificate import (
    NO_BOUND,
    ROUNDING_SLACK,
    Optimality,
    check_left_out,
    dual_prices,
    weight_offset,
)
from .features import EncodedSide, Vocabulary, encode_cohort
from .metrics import (
    CohortMetrics,
    blocking_pair_count,
    load_spread,
    score_summary,
    skill_gaps,
)
from .profiles import Participant, ProgrammeRules
from .scoring import (
    BLOCKED,
    COMPONENTS,
    MenteeBlock,
    MentorBlock,
    PairScore,
    PairScorer,
    blocking_reasons,
    score_encoded_pair,
)

MODES = ("optimal", "stable", "fair")
_COMPONENT_CHUNK = 20_000
MAX_CERTIFICATE_ROUNDS = 25  # column generation adds pairs each round; it ends far sooner
# Prices from a solve on poor candidates are off, so candidates may be re-chosen a few
# times (each time one pass over all pairs) until a check scores few pairs.
MAX_REPRICES = 3
REPRICE_SHARE = 0.1  # re-choose when a check would score more than this share of pairs
PRICED_K = 3  # candidates per mentee when chosen by price, in multiples of k
RESERVED_PRICE = 4.0  # score units: more than any difference of two totals


class UnmatchedReason(StrEnum):
    NO_COMPATIBLE_MENTOR = "no_compatible_mentor"
    ALL_COMPATIBLE_MENTORS_FULL = "all_compatible_mentors_full"
    CONSTRAINTS = "constraints"


class PinError(ValueError):
    """A pin or existing match that the rules or capacities cannot honour."""


def _id_pairs(pairs: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    return frozenset((int(a), int(b)) for a, b in pairs)


@dataclass(frozen=True)
class Edits:
    """Coordinator decisions layered on a cohort; pairs are (mentor_id, mentee_id).

    `existing` are matches already running; `pins` are forced by the
    coordinator and win over `existing` for the same mentee.
    """

    pins: frozenset[tuple[int, int]] = frozenset()
    bans: frozenset[tuple[int, int]] = frozenset()
    existing: frozenset[tuple[int, int]] = frozenset()
    removed_mentors: frozenset[int] = frozenset()
    removed_mentees: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "pins", _id_pairs(self.pins))
        object.__setattr__(self, "bans", _id_pairs(self.bans))
        object.__setattr__(self, "existing", _id_pairs(self.existing))
        object.__setattr__(self, "removed_mentors", frozenset(map(int, self.removed_mentors)))
        object.__setattr__(self, "removed_mentees", frozenset(map(int, self.removed_mentees)))


@dataclass(frozen=True)
class Assignment:
    """One proposed pair; `source` is "solver", "pin" or "existing"."""

    mentor_id: int
    mentee_id: int
    score: float
    components: dict[str, float]
    source: str = "solver"


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    reason: UnmatchedReason


@dataclass(frozen=True)
class Proposal:
    """A solved assignment with its metrics; keeps its cohort for re-solves and explanations."""

    mode: str
    assignments: tuple[Assignment, ...]
    unmatched: tuple[Unmatched, ...]
    metrics: CohortMetrics
    edits: Edits
    cohort: ScoredCohort = field(repr=False, compare=False)
    mentor_rows: np.ndarray = field(repr=False, compare=False)
    mentee_rows: np.ndarray = field(repr=False, compare=False)
    scores: np.ndarray = field(repr=False, compare=False)
    # optimal mode: whether the assignment is proven optimal over every allowed pair
    optimality: Optimality | None = None

    def assignment_of(self, mentee_id: int) -> Assignment | None:
        for assignment in self.assignments:
            if assignment.mentee_id == mentee_id:
                return assignment
        return None

    def mentees_of(self, mentor_id: int) -> list[Assignment]:
        return [a for a in self.assignments if a.mentor_id == mentor_id]


@dataclass
class ScoredCohort:
    """Everything needed to solve and re-solve one cohort without scoring it again."""

    rules: ProgrammeRules
    vocab: Vocabulary
    scorer: PairScorer
    mentors: EncodedSide
    mentees: EncodedSide
    graph: CandidateGraph
    left: MentorBlock = field(repr=False)
    mentor_index: dict[int, int] = field(repr=False)
    mentee_index: dict[int, int] = field(repr=False)
    score_int: np.ndarray = field(repr=False)
    _key_order: np.ndarray = field(repr=False)
    _sorted_keys: np.ndarray = field(repr=False)
    # compact features for totals (see `candidates.scoring_blocks`), kept for the certificate
    blocks: tuple[MentorBlock, MenteeBlock] | None = field(default=None, repr=False)
    k: int = 20  # candidates per side
    priced: int = 0  # times mentees' candidates were re-chosen by mentor prices

    # ----- scores ---------------------------------------------------------------

    def pair_score(self, mentor_id: int, mentee_id: int) -> PairScore:
        """Score and breakdown of one pair, with the cohort's own TF-IDF weights."""
        i, j = self.mentor_index[mentor_id], self.mentee_index[mentee_id]
        return score_encoded_pair(self.scorer, self.mentors, i, self.mentees, j)

    def components(self, mentor_rows: np.ndarray, mentee_rows: np.ndarray) -> np.ndarray:
        """Component values for aligned (mentor row, mentee row) pairs, len x COMPONENTS."""
        out = np.zeros((len(mentor_rows), len(COMPONENTS)), dtype=np.float32)
        for start in range(0, len(mentor_rows), _COMPONENT_CHUNK):
            stop = start + _COMPONENT_CHUNK
            right = self.scorer.right(self.mentees, mentee_rows[start:stop])
            out[start:stop] = self.scorer.components(self.left.take(mentor_rows[start:stop]), right)
        return out

    def edge_index(self, mentor_rows: np.ndarray, mentee_rows: np.ndarray) -> np.ndarray:
        """Position of each pair in the candidate graph, -1 where it is not a candidate."""
        keys = mentor_rows.astype(np.int64) * self.graph.n_mentees + mentee_rows
        if len(self._sorted_keys) == 0:
            return np.full(len(keys), -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self._sorted_keys, keys), len(self._sorted_keys) - 1)
        return np.where(self._sorted_keys[pos] == keys, self._key_order[pos], -1)

    def _totals(self, mentor_rows: np.ndarray, mentee_rows: np.ndarray) -> np.ndarray:
        return self.components(mentor_rows, mentee_rows) @ self.scorer.weight_vector()

    # ----- solving --------------------------------------------------------------

    def solve(self, mode: str = "optimal", edits: Edits | None = None) -> Proposal:
        """Assign mentees to mentors under the edits; see the mode docs in `assign`."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        edits = edits or Edits()
        g = self.graph
        n_e = g.n_mentees
        mentor_active = self._active(self.mentor_index, edits.removed_mentors, g.n_mentors)
        mentee_active = self._active(self.mentee_index, edits.removed_mentees, n_e)
        capacity = np.where(mentor_active, self.mentors.capacity, 0).astype(np.int64)
        fixed_m, fixed_e, fixed_src = self._fixed(edits, mentor_active, mentee_active)
        remaining = capacity - np.bincount(fixed_m, minlength=g.n_mentors)
        if (over := np.flatnonzero(remaining < 0)).size:
            raise PinError(f"pins exceed the capacity of mentor {self.mentors.ids[over[0]]}")
        mentee_free = mentee_active.copy()
        mentee_free[fixed_e] = False

        allowed = mentor_active[g.mentor] & mentee_free[g.mentee]
        if edits.bans:
            allowed &= ~np.isin(g.keys(), self._keys(edits.bans))
        edges = np.flatnonzero(allowed & (remaining[g.mentor] > 0))
        e_m, e_e, e_s = g.mentor[edges], g.mentee[edges], self.score_int[edges]
        chosen = SOLVERS[mode](n_e, e_m, e_e, e_s, remaining)

        optimality = None
        if mode == "optimal":  # the certificate also finds what widening would
            certified = self._certify((e_m, e_e, e_s, chosen), remaining, mentee_free, edits)
            if certified is None:  # candidates were re-selected by price: solve on them
                return self.solve(mode, edits)
            (e_m, e_e, e_s, chosen), optimality = certified
        elif extra := self._widen(e_e[chosen], e_m[chosen], mentee_free, remaining, edits):
            e_m = np.concatenate([e_m, extra[0]])
            e_e = np.concatenate([e_e, extra[1]])
            e_s = np.concatenate([e_s, extra[2]])
            chosen = SOLVERS[mode](n_e, e_m, e_e, e_s, remaining)
        has_edge = np.zeros(n_e, dtype=bool)
        has_edge[g.mentee[allowed]] = True
        has_edge[e_e] = True  # pairs added by widening or by the certificate
        return self._proposal(
            mode, edits, (fixed_m, fixed_e, fixed_src), (e_m, e_e, e_s, chosen), capacity,
            mentor_active, mentee_active, has_edge, optimality,
        )  # fmt: skip

    @staticmethod
    def _active(index: dict[int, int], removed: frozenset[int], n: int) -> np.ndarray:
        active = np.ones(n, dtype=bool)
        active[[index[pid] for pid in removed if pid in index]] = False
        return active

    def _keys(self, pairs: Iterable[tuple[int, int]]) -> np.ndarray:
        keys = [
            self.mentor_index[a] * self.graph.n_mentees + self.mentee_index[b]
            for a, b in pairs
            if a in self.mentor_index and b in self.mentee_index
        ]
        return np.asarray(keys, dtype=np.int64)

    def _fixed(
        self, edits: Edits, mentor_active: np.ndarray, mentee_active: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, list[str]]:
        chosen: dict[int, tuple[int, str]] = {}
        for source, pairs in (("existing", edits.existing), ("pin", edits.pins)):
            for mentor_id, mentee_id in sorted(pairs):
                if mentor_id not in self.mentor_index or mentee_id not in self.mentee_index:
                    raise PinError(f"unknown pair ({mentor_id}, {mentee_id})")
                i, j = self.mentor_index[mentor_id], self.mentee_index[mentee_id]
                if not (mentor_active[i] and mentee_active[j]):
                    raise PinError(f"pair ({mentor_id}, {mentee_id}) involves a removed person")
                if reasons := blocking_reasons(self.scorer, self.mentors, i, self.mentees, j):
                    raise PinError(f"pair ({mentor_id}, {mentee_id}) is blocked: {reasons}")
                chosen[j] = (i, source)
        mentees = np.fromiter(chosen, dtype=np.int64, count=len(chosen))
        mentors = np.fromiter((v[0] for v in chosen.values()), dtype=np.int64, count=len(chosen))
        return mentors, mentees, [v[1] for v in chosen.values()]

    def _widen(
        self,
        matched_mentees: np.ndarray,
        matched_mentors: np.ndarray,
        mentee_free: np.ndarray,
        remaining: np.ndarray,
        edits: Edits,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Edges between unmatched mentees and mentors with places left, if any exist.

        The candidate graph can miss such pairs (neither side ranked the other
        in its top-k); scoring just these few pairs lets the solver use them.
        """
        spare = remaining - np.bincount(matched_mentors, minlength=len(remaining))
        waiting = mentee_free & (self.graph.compatible_mentors > 0)
        waiting[matched_mentees] = False
        rows_m, rows_e = np.flatnonzero(spare > 0), np.flatnonzero(waiting)
        if rows_m.size == 0 or rows_e.size == 0:
            return None
        found_m, found_e, found_s = [], [], []
        step = max(1, 2_000_000 // rows_m.size)
        left = self.left.take(rows_m)
        ex_i, ex_j = pair_exclusions(self.rules, self.mentors.ids[rows_m], self.mentees.ids[rows_e])
        for start in range(0, rows_e.size, step):
            cols = rows_e[start : start + step]
            total = self.scorer.block(left, self.scorer.right(self.mentees, cols))
            sel = (ex_j >= start) & (ex_j < start + len(cols))
            total[ex_i[sel], ex_j[sel] - start] = BLOCKED
            i, j = np.nonzero(total > BLOCKED)
            found_m.append(rows_m[i])
            found_e.append(cols[j])
            found_s.append(total[i, j])
        e_m, e_e = np.concatenate(found_m), np.concatenate(found_e)
        keep = self.edge_index(e_m, e_e) < 0
        if edits.bans:
            keys = e_m.astype(np.int64) * self.graph.n_mentees + e_e
            keep &= ~np.isin(keys, self._keys(edits.bans))
        if not keep.any():
            return None
        return e_m[keep], e_e[keep], to_int_scores(np.concatenate(found_s)[keep])

    def _certify(
        self,
        edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        remaining: np.ndarray,
        mentee_free: np.ndarray,
        edits: Edits,
    ) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], Optimality] | None:
        """Prove the optimal-mode solution optimal over every allowed pair, adding
        left-out pairs that could improve it and solving again until none is left.

        When the candidates are so far off that the check would score a large share
        of all pairs (most mentees list the same few mentors), the candidates are
        chosen again with the solution's mentor prices and None is returned: one
        pass over all pairs, after which checks are small, for this solve and later edits.
        """
        e_m, e_e, e_s, chosen = edges
        g = self.graph
        offset = weight_offset(g.n_mentees)
        mentors = np.flatnonzero(remaining > 0)
        mentees = np.flatnonzero(mentee_free & (g.compatible_mentors > 0))
        bounds = (_int_bound(g.mentor_floor), _int_bound(g.mentee_floor), to_int_scores(g.prices))
        banned = self._keys(edits.bans)
        budget = (
            None
            if self.priced >= MAX_REPRICES
            else int(REPRICE_SHARE * len(mentors) * len(mentees))
        )
        added = scored = 0
        for rounds in range(1, MAX_CERTIFICATE_ROUNDS + 1):
            keys = np.sort(e_m.astype(np.int64) * g.n_mentees + e_e)
            u, v = dual_prices(g.n_mentors, g.n_mentees, e_m, e_e, e_s + offset, chosen, remaining)
            checked = check_left_out(
                lambda m, e: self._rectangle(m, e, banned),
                (u, v, offset), bounds, mentors, mentees, budget=budget,
            )  # fmt: skip
            if checked is None:
                self._reprice(v, offset)
                return None
            f_m, f_e, f_s, n = checked
            budget = None
            scored += n
            found = f_m * g.n_mentees + f_e
            pos = np.minimum(np.searchsorted(keys, found), max(len(keys) - 1, 0))
            new = keys[pos] != found if len(keys) else np.ones(len(found), dtype=bool)
            breaking = new & (f_s + offset > u[f_e] + v[f_m])
            if not breaking.any():
                return (e_m, e_e, e_s, chosen), Optimality(True, rounds, added, scored, self.priced)
            added += int(new.sum())
            e_m = np.concatenate([e_m, f_m[new].astype(e_m.dtype)])
            e_e = np.concatenate([e_e, f_e[new].astype(e_e.dtype)])
            e_s = np.concatenate([e_s, f_s[new]])
            chosen = solve_optimal(g.n_mentees, e_m, e_e, e_s, remaining)
        return (e_m, e_e, e_s, chosen), Optimality(False, rounds, added, scored, self.priced)

    def _reprice(self, v: np.ndarray, offset: int) -> None:
        """Choose each mentee's candidates again by total minus the mentor's price.

        Prices are the dual prices in score units. A mentor whose price includes the
        matching-first offset B is reserved: its places are what lets the most
        mentees be matched, and no better total can buy one, so it ranks after every
        other mentor. Prices only steer the choice: the certificate's bounds use the
        same prices, so any choice stays exact.
        """
        reserved = v >= offset // 2
        price = np.clip(np.where(reserved, v - offset, v) / SCORE_SCALE, -1.0, 1.0)
        prices = (price + RESERVED_PRICE * reserved).astype(np.float32)
        graph = build_candidates(
            self.scorer, self.mentors, self.mentees, PRICED_K * self.k, self.k, prices=prices,
            blocks=self.blocks,
        )  # fmt: skip
        keys = graph.keys()
        order = np.argsort(keys, kind="stable")
        self.graph, self.score_int = graph, to_int_scores(graph.score)
        self._key_order, self._sorted_keys = order, keys[order]
        self.priced += 1

    def _rectangle(
        self, mentor_rows: np.ndarray, mentee_rows: np.ndarray, banned: np.ndarray
    ) -> np.ndarray:
        """Integer scores of mentees x mentors, -1 where a hard rule, exclusion or ban blocks."""
        left, right = self.blocks or scoring_blocks(self.scorer, self.mentors, self.mentees)
        self.blocks = left, right
        total, allowed = self.scorer.block_rows(
            scoring_rows(left, mentor_rows), right.take(mentee_rows)
        )
        ex_i, ex_j = pair_exclusions(
            self.rules, self.mentors.ids[mentor_rows], self.mentees.ids[mentee_rows]
        )
        allowed[ex_j, ex_i] = False
        if len(banned):
            keys = mentor_rows[None, :].astype(np.int64) * self.graph.n_mentees
            allowed &= ~np.isin(keys + mentee_rows[:, None], banned)
        return np.where(allowed, to_int_scores(total), -1)

    def _proposal(
        self,
        mode: str,
        edits: Edits,
        fixed: tuple[np.ndarray, np.ndarray, list[str]],
        edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        capacity: np.ndarray,
        mentor_active: np.ndarray,
        mentee_active: np.ndarray,
        has_edge: np.ndarray,
        optimality: Optimality | None = None,
    ) -> Proposal:
        fixed_m, fixed_e, fixed_src = fixed
        e_m, e_e, e_s, chosen = edges
        fixed_s = to_int_scores(self._totals(fixed_m, fixed_e)) if len(fixed_m) else e_s[:0]
        m_rows = np.concatenate([fixed_m, e_m[chosen]]).astype(np.int64)
        e_rows = np.concatenate([fixed_e, e_e[chosen]]).astype(np.int64)
        s_int = np.concatenate([fixed_s, e_s[chosen]])
        sources = fixed_src + ["solver"] * int(chosen.sum())
        active = [c for c, name in enumerate(COMPONENTS) if name in self.scorer.active]
        names = [COMPONENTS[c] for c in active]
        comps = self.components(m_rows, e_rows)[:, active].tolist()  # Python floats: fast to round
        scores = s_int / 1_000_000
        assignments = tuple(
            Assignment(
                mentor_id=i,
                mentee_id=j,
                score=s,
                components={name: round(v, 4) for name, v in zip(names, row, strict=True)},
                source=src,
            )
            for i, j, s, row, src in zip(
                self.mentors.ids[m_rows].tolist(),
                self.mentees.ids[e_rows].tolist(),
                scores.tolist(),
                comps,
                sources,
                strict=True,
            )
        )
        mentee_ids = self.mentees.ids
        matched = np.zeros(self.graph.n_mentees, dtype=bool)
        matched[e_rows] = True
        waiting = np.flatnonzero(mentee_active & ~matched)
        unmatched = tuple(
            Unmatched(int(mentee_ids[j]), self._reason(j, has_edge)) for j in waiting.tolist()
        )
        metrics = self._metrics(
            (m_rows, e_rows, s_int), edges, capacity, mentor_active, mentee_active, waiting
        )
        return Proposal(
            mode=mode,
            assignments=assignments,
            unmatched=unmatched,
            metrics=metrics,
            edits=edits,
            cohort=self,
            mentor_rows=m_rows,
            mentee_rows=e_rows,
            scores=scores,
            optimality=optimality,
        )

    def _reason(self, mentee_row: int, has_edge: np.ndarray) -> UnmatchedReason:
        if self.graph.compatible_mentors[mentee_row] == 0:
            return UnmatchedReason.NO_COMPATIBLE_MENTOR
        if not has_edge[mentee_row]:
            return UnmatchedReason.CONSTRAINTS
        return UnmatchedReason.ALL_COMPATIBLE_MENTORS_FULL

    def _metrics(
        self,
        matches: tuple[np.ndarray, np.ndarray, np.ndarray],
        edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        capacity: np.ndarray,
        mentor_active: np.ndarray,
        mentee_active: np.ndarray,
        waiting: np.ndarray,
    ) -> CohortMetrics:
        m_rows, e_rows, s_int = matches
        e_m, e_e, e_s, chosen = edges
        total, mean, p10, low = score_summary(s_int / 1_000_000)
        pos = self.edge_index(m_rows, e_rows)
        ranks = np.where(pos >= 0, self.graph.mentee_rank[np.maximum(pos, 0)], 0)
        values, counts = np.unique(ranks, return_counts=True)
        blocking = blocking_pair_count(
            e_m, e_e, e_s, chosen, m_rows, e_rows, s_int, capacity, self.graph.n_mentees
        )
        return CohortMetrics(
            matched=len(m_rows),
            unmatched=len(waiting),
            total_score=total,
            mean_score=mean,
            p10_score=p10,
            min_score=low,
            blocking_pairs=blocking,
            rank_profile=dict(zip(values.tolist(), counts.tolist(), strict=True)),
            mentor_load=load_spread(np.bincount(m_rows, minlength=len(capacity)), capacity),
            skill_gaps=skill_gaps(
                self.vocab.skills,
                self.mentors,
                mentor_active,
                capacity,
                self.mentees,
                mentee_active,
                waiting,
            ),
        )


def _int_bound(bound: np.ndarray) -> np.ndarray:
    """Fixed-point score bounds with slack for rounding; -inf becomes NO_BOUND."""
    finite = np.isfinite(bound)
    out = np.full(len(bound), NO_BOUND, dtype=np.int64)
    out[finite] = to_int_scores(bound[finite]) + ROUNDING_SLACK
    return out


def score_cohort(
    mentors: Sequence[Participant],
    mentees: Sequence[Participant],
    rules: ProgrammeRules,
    k: int | None = None,
) -> ScoredCohort:
    """Score a cohort once and keep its candidate graph (each side's top-k, k = rules.k)."""
    k = k or rules.k
    vocab, (ms, es) = encode_cohort([mentors, mentees], rules)
    for side, name in ((ms, "mentor"), (es, "mentee")):
        if len(np.unique(side.ids)) != len(side.ids):
            raise ValueError(f"duplicate {name} ids")
    scorer = PairScorer(rules, vocab)
    blocks = scoring_blocks(scorer, ms, es)
    graph = build_candidates(scorer, ms, es, k, k, blocks=blocks)
    keys = graph.keys()
    order = np.argsort(keys, kind="stable")
    return ScoredCohort(
        rules=rules,
        vocab=vocab,
        scorer=scorer,
        mentors=ms,
        mentees=es,
        graph=graph,
        left=scorer.left(ms),
        mentor_index={int(pid): i for i, pid in enumerate(ms.ids)},
        mentee_index={int(pid): j for j, pid in enumerate(es.ids)},
        score_int=to_int_scores(graph.score),
        _key_order=order,
        _sorted_keys=keys[order],
        blocks=blocks,
        k=k,
    )


def propose_assignment(
    mentors: Sequence[Participant],
    mentees: Sequence[Participant],
    rules: ProgrammeRules,
    mode: str = "optimal",
    pins: Iterable[tuple[int, int]] = (),
    bans: Iterable[tuple[int, int]] = (),
    existing: Iterable[tuple[int, int]] = (),
    k: int | None = None,
) -> Proposal:
    """Score the cohort and solve it in one call; re-solve edits with `resolve`."""
    cohort = score_cohort(mentors, mentees, rules, k)
    return cohort.solve(mode, Edits(pins=pins, bans=bans, existing=existing))


def resolve(
    proposal: Proposal,
    *,
    pins: Iterable[tuple[int, int]] = (),
    unpins: Iterable[tuple[int, int]] = (),
    bans: Iterable[tuple[int, int]] = (),
    remove_mentors: Iterable[int] = (),
    remove_mentees: Iterable[int] = (),
    swaps: Iterable[tuple[int, int]] = (),
    mode: str | None = None,
) -> Proposal:
    """Apply coordinator edits on top of the proposal's own and solve again, without re-scoring.

    A swap (mentee a, mentee b) pins each to the other's current mentor.
    """
    edits = proposal.edits
    new_pins = set(edits.pins) - set(_id_pairs(unpins))
    current = {a.mentee_id: a.mentor_id for a in proposal.assignments}
    for a, b in swaps:
        new_pins = {p for p in new_pins if p[1] not in (a, b)}
        if b in current:
            new_pins.add((current[b], a))
        if a in current:
            new_pins.add((current[a], b))
    new_pins |= _id_pairs(pins)
    edits = replace(
        edits,
        pins=frozenset(new_pins),
        bans=edits.bans | _id_pairs(bans),
        removed_mentors=edits.removed_mentors | frozenset(remove_mentors),
        removed_mentees=edits.removed_mentees | frozenset(remove_mentees),
    )
    return proposal.cohort.solve(mode or proposal.mode, edits)
