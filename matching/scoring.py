"""Compatibility as an explicit weighted sum of named components in [0, 1].

Most components are bilinear in per-person feature vectors, so they are
folded into one matrix product "mentor features x mentee features"; only
language and availability (which are clipped) and the hard constraints need
products of their own. Every total equals sum(weight * component).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from math import comb
from typing import TypeVar, overload

import numpy as np

from .features import STYLES, EncodedSide, Vocabulary, encode_cohort
from .profiles import MentoringModel, Participant, ProgrammeRules

COMPONENTS: tuple[str, ...] = (
    "skills",
    "goals",
    "language",
    "availability",
    "level",
    "communication",
    "diversity",
)
BLOCKED = np.float32(-1.0)  # total given to pairs a hard constraint forbids
# Up to this many languages, language terms are folded into the two matrix products
# (one feature per language subset, 2**L of them); beyond it they get a product of their own.
MAX_FOLDED_LANGUAGES = 5
_NO_LANGUAGE = 1024.0  # overlap penalty for pairs without a shared language (exact in float32)

# Fit of a level gap (mentor level minus mentee level, -4..4), indexed by gap + 4.
_MENTOR_ABOVE = np.array([0.0, 0.0, 0.0, 0.1, 0.4, 1.0, 1.0, 0.7, 0.4], dtype=np.float32)
_LEVEL_FIT: dict[MentoringModel, np.ndarray] = {
    MentoringModel.PEER: np.array([0, 0, 0.2, 0.6, 1.0, 0.6, 0.2, 0, 0], dtype=np.float32),
    MentoringModel.CIRCLE: np.array([0, 0, 0.2, 0.6, 1.0, 0.6, 0.2, 0, 0], dtype=np.float32),
    MentoringModel.REVERSE: _MENTOR_ABOVE[::-1].copy(),
}

# How well two communication styles work together (symmetric; unknown is neutral).
_STYLE_PAIRS = {
    ("direct", "structured"): 0.8,
    ("reflective", "casual"): 0.8,
    ("direct", "casual"): 0.6,
    ("reflective", "structured"): 0.6,
    ("structured", "casual"): 0.5,
    ("direct", "reflective"): 0.4,
}


def level_fit_table(model: MentoringModel) -> np.ndarray:
    """Fit by level gap for a mentoring model (mentor above, equal, or below)."""
    return _LEVEL_FIT.get(model, _MENTOR_ABOVE)


def _style_table() -> np.ndarray:
    size = len(STYLES) + 1
    table = np.full((size, size), 0.5, dtype=np.float32)
    for i, a in enumerate(STYLES, start=1):
        for j, b in enumerate(STYLES, start=1):
            table[i, j] = 1.0 if a == b else _STYLE_PAIRS.get((a, b), _STYLE_PAIRS.get((b, a)))
    return table


_STYLE_TABLE = _style_table()


def _language_subsets(n_languages: int) -> tuple[np.ndarray, np.ndarray]:
    """Every subset of the languages as a 0/1 mask (rows), and its size.

    With c = |A & B| shared languages, the number of subsets both sides hold
    with k members is C(c, k), so any function of c is a bilinear form in
    "holds subset S" indicators: that lets one matrix product compute it.
    """
    codes = np.arange(2**n_languages)
    masks = ((codes[:, None] >> np.arange(n_languages)) & 1).astype(np.float32)
    return masks, masks.sum(1).astype(np.intp)


def _binomial_coefficients(values: list[float]) -> np.ndarray:
    """a_k with f(c) = sum_k a_k C(c, k) for c = 0..len(values)-1 (finite differences)."""
    n = len(values)
    a = np.zeros(n)
    for c in range(n):
        a[c] = values[c] - sum(a[k] * comb(c, k) for k in range(c))
    return a


def _held_subsets(languages: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """[S is a subset of the person's languages] per person and subset, float32."""
    missing = (1.0 - languages) @ masks.T  # languages of S the person lacks
    return (missing < 0.5).astype(np.float32)


def _onehot(codes: np.ndarray, size: int, offset: int = 0) -> np.ndarray:
    out = np.zeros((len(codes), size), dtype=np.float32)
    valid = (codes - offset >= 0) & (codes - offset < size)
    out[np.flatnonzero(valid), (codes[valid] - offset).astype(np.intp)] = 1.0
    return out


@dataclass(frozen=True)
class PairScore:
    """A pair's total, its breakdown, and why it is blocked (empty when allowed)."""

    total: float
    components: dict[str, float]
    blocked_by: list[str] = field(default_factory=list)

    @property
    def compatible(self) -> bool:
        return not self.blocked_by


class PairScorer:
    """Scores mentor rows against mentee columns for one cohort and one set of rules.

    `left` builds mentor-role features and `right` mentee-role features; their
    dot product per component slice is that component's value.
    """

    def __init__(self, rules: ProgrammeRules, vocab: Vocabulary) -> None:
        self.rules = rules
        self.vocab = vocab
        self.soft_rules = [r for r in rules.attribute_rules if not r.required]
        self.hard_rules = [r for r in rules.attribute_rules if r.required]
        self.attr_col = {name: i for i, name in enumerate(vocab.attribute_values)}
        raw = rules.weights.as_dict()
        if not self.soft_rules:
            raw["diversity"] = 0.0
        total = sum(raw.values()) or 1.0
        self.weights = {name: raw[name] / total for name in COMPONENTS}
        self.active = tuple(name for name in COMPONENTS if self.weights[name] > 0)
        self.level_table = level_fit_table(rules.model)
        self.n_questions = len(vocab.questions)
        n_lang = len(vocab.languages)
        self.fold_languages = n_lang <= MAX_FOLDED_LANGUAGES
        if self.fold_languages:
            self._subsets, sizes = _language_subsets(n_lang)
            share = _binomial_coefficients([min(c, 2) for c in range(n_lang + 1)])[sizes]
            self._share_cols = np.flatnonzero(share)  # subsets that count towards the score
            self._subset_share = share[self._share_cols].astype(np.float32)  # -> min(shared, 2)
            self._subset_none = ((-1.0) ** sizes).astype(np.float32)  # sum -> [shared == 0]

    # ----- bilinear features -------------------------------------------------

    def _parts_left(self, side: EncodedSide, rows: np.ndarray) -> dict[str, np.ndarray]:
        n = len(rows)
        expertise = side.expertise[rows]
        skills = [(expertise >= level).astype(np.float32) for level in range(1, 6)]
        skills.append(np.full((n, 1), 0.5, dtype=np.float32))  # mentee without needs: neutral
        level_2d = self._level_2d()
        comm = [_STYLE_TABLE[side.style[rows]] * self._style_share()]
        if self.n_questions:
            u = self._thresholds(side.answers[rows])
            share = 1.0 - self._style_share()
            comm += [
                u * share,
                u.sum(1, keepdims=True) * share,
                np.full((n, 1), share, np.float32),
            ]
        return {
            "skills": np.hstack(skills),
            "goals": side.goals[rows].toarray(),
            "level": level_2d[side.level[rows].astype(np.intp) - 1],
            "communication": np.hstack(comm),
            "diversity": self._diversity(side, rows, left=True),
        }

    def _parts_right(self, side: EncodedSide, rows: np.ndarray) -> dict[str, np.ndarray]:
        n = len(rows)
        target = side.need_target[rows].astype(np.float32)
        priority = side.need_priority[rows].astype(np.float32)
        total_priority = priority.sum(1, keepdims=True)
        has_needs = total_priority[:, 0] > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            per_skill = np.where(target > 0, priority / (target * np.maximum(total_priority, 1)), 0)
        skills = [
            np.where(target >= level, per_skill, 0).astype(np.float32) for level in range(1, 6)
        ]
        skills.append((~has_needs).astype(np.float32)[:, None])
        comm = [_onehot(side.style[rows], len(STYLES) + 1)]
        if self.n_questions:
            u = self._thresholds(side.answers[rows])
            scale = 1.0 / (4 * self.n_questions)
            comm += [
                u * (2 * scale),
                np.full((n, 1), -scale, np.float32),
                1.0 - u.sum(1, keepdims=True) * scale,
            ]
        return {
            "skills": np.hstack(skills),
            "goals": side.goals[rows].toarray(),
            "level": _onehot(side.level[rows], 5, offset=1),
            "communication": np.hstack(comm).astype(np.float32),
            "diversity": self._diversity(side, rows, left=False),
        }

    def _style_share(self) -> float:
        return 0.5 if self.n_questions else 1.0

    def _level_2d(self) -> np.ndarray:
        mentor, mentee = np.meshgrid(np.arange(5), np.arange(5), indexing="ij")
        return self.level_table[mentor - mentee + 4]

    @staticmethod
    def _thresholds(answers: np.ndarray) -> np.ndarray:
        """Answers 1-5 as 4 step indicators, so |a - b| is a sum of disagreeing steps."""
        filled = np.where(answers > 0, answers, 3)  # unanswered counts as neutral
        return np.hstack([(filled >= step).astype(np.float32) for step in range(2, 6)])

    def _diversity(self, side: EncodedSide, rows: np.ndarray, left: bool) -> np.ndarray:
        if not self.soft_rules:
            return np.zeros((len(rows), 0), dtype=np.float32)
        parts = []
        share = 1.0 / len(self.soft_rules)
        for rule in self.soft_rules:
            values = self.vocab.attribute_values[rule.attribute]
            onehot = _onehot(side.attributes[rows, self.attr_col[rule.attribute]], len(values))
            if rule.relation == "same":
                parts.append(onehot * share if left else onehot)
            else:  # different: 1 - [same value]
                ones = np.ones((len(rows), 1), dtype=np.float32)
                parts.append(
                    np.hstack([-onehot, ones]) * share if left else np.hstack([onehot, ones])
                )
        return np.hstack(parts)

    def _hard(self, side: EncodedSide, rows: np.ndarray, left: bool) -> np.ndarray:
        """Features whose product counts broken hard attribute rules (> 0 means blocked)."""
        n = len(rows)
        parts = []
        for rule in self.hard_rules:
            values = self.vocab.attribute_values[rule.attribute]
            codes = side.attributes[rows, self.attr_col[rule.attribute]]
            onehot = _onehot(codes, len(values))
            unknown = (codes < 0).astype(np.float32)[:, None]
            ones = np.ones((n, 1), dtype=np.float32)
            if rule.relation == "same":  # broken = 1 - [same known value]
                parts.append(np.hstack([-onehot, ones]) if left else np.hstack([onehot, ones]))
            else:  # broken = [same value] + [unknown left] + [unknown right]
                parts.append(
                    np.hstack([onehot, unknown, ones])
                    if left
                    else np.hstack([onehot, ones, unknown])
                )
        return np.hstack(parts) if parts else np.zeros((n, 0), dtype=np.float32)

    # ----- public building blocks ---------------------------------------------

    def slices(self, parts: dict[str, np.ndarray]) -> dict[str, slice]:
        out, start = {}, 0
        for name in ("skills", "goals", "level", "communication", "diversity"):
            width = parts[name].shape[1]
            out[name] = slice(start, start + width)
            start += width
        return out

    def left(self, side: EncodedSide, rows: np.ndarray | None = None) -> MentorBlock:
        """Mentor-role features for `rows` (all rows by default), weights folded in."""
        rows = np.arange(len(side)) if rows is None else rows
        parts = self._parts_left(side, rows)
        slices = self.slices(parts)
        plain = np.hstack([parts[name] for name in slices]).astype(np.float32)
        weighted = plain.copy()
        for name, sl in slices.items():
            weighted[:, sl] *= self.weights[name]
        languages = side.languages[rows]
        availability = side.availability[rows].astype(np.float32)
        gate = availability
        if self.fold_languages:
            held = _held_subsets(languages, self._subsets)
            w_lang = np.float32(self.weights["language"])
            score_part = held[:, self._share_cols] * (self._subset_share * w_lang)
            weighted = np.hstack([weighted, score_part])
            gate = np.hstack([availability, held])
        return MentorBlock(
            rows=rows,
            plain=plain,
            weighted=np.ascontiguousarray(weighted, dtype=np.float32),
            slices=slices,
            languages=languages,
            availability=availability,
            hard=self._hard(side, rows, left=True),
            gate=np.ascontiguousarray(gate, dtype=np.float32),
        )

    def right(self, side: EncodedSide, rows: np.ndarray) -> MenteeBlock:
        """Mentee-role features for `rows`."""
        parts = self._parts_right(side, rows)
        languages = side.languages[rows]
        n_lang = languages.sum(1)
        scale = (1.0 / np.clip(np.minimum(n_lang, 2), 1, None)).astype(np.float32)
        features = [parts[name] for name in self.slices(parts)]
        availability = side.availability[rows].astype(np.float32)
        gate = [availability]
        if self.fold_languages:
            held = _held_subsets(languages, self._subsets)
            features.append(held[:, self._share_cols] * scale[:, None])
            gate.append(held * (self._subset_none * np.float32(-_NO_LANGUAGE)))
        return MenteeBlock(
            rows=rows,
            features=np.hstack(features).astype(np.float32),
            languages=languages,
            language_scale=scale,
            availability=availability,
            hard=self._hard(side, rows, left=False),
            gate=np.hstack(gate).astype(np.float32),
        )

    def block(self, mentors: MentorBlock, mentees: MenteeBlock) -> np.ndarray:
        """Totals (n_mentors x n_mentees, float32); hard-blocked pairs get BLOCKED.

        A transposed view of the mentee-major `block_rows` result.
        """
        total, allowed = self.block_rows(mentors, mentees)
        np.copyto(total, BLOCKED, where=~allowed)
        return total.T

    @overload
    def with_language_term(self, block: MentorBlock, shared: np.ndarray) -> MentorBlock: ...
    @overload
    def with_language_term(self, block: MenteeBlock) -> MenteeBlock: ...

    def with_language_term(
        self, block: MentorBlock | MenteeBlock, shared: np.ndarray | None = None
    ) -> MentorBlock | MenteeBlock:
        """The language term as one more column of the weighted product, for a block whose
        mentees all speak the same languages: `shared` is how many of them each mentor
        speaks. Then `block_rows(..., one_language_set=True)` needs no language product.
        """
        if isinstance(block, MentorBlock):
            column = np.minimum(shared, 2).astype(np.float32)[:, None]
            return replace(block, weighted=np.hstack([block.weighted, column]))
        column = block.language_scale * np.float32(self.weights["language"])
        return replace(block, features=np.hstack([block.features, column[:, None]]))

    def block_rows(
        self, mentors: MentorBlock, mentees: MenteeBlock, one_language_set: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Mentee-major totals and the allowed mask (n_mentees x n_mentors, C-contiguous).

        Blocked pairs keep a meaningless total: the mask says which are allowed,
        which spares the hot loop a masked write over the whole block.
        `one_language_set`: every mentee speaks the same languages, every mentor
        shares one of them and `with_language_term` folded the term in. Two
        matrix products do almost all the work: the weighted features (with
        the language score folded in) and the "gate" (overlap hours, minus a
        large constant when no language is shared). Temporaries are reused in place.
        """
        rules = self.rules
        total = mentees.features @ mentors.weighted.T
        gate = mentees.gate @ mentors.gate.T
        if rules.min_overlap_hours > 0:
            allowed = gate >= np.float32(rules.min_overlap_hours - 0.5)
        elif self.fold_languages:
            allowed = gate >= np.float32(-0.5)
        else:
            allowed = np.ones(gate.shape, dtype=bool)
        w_avail = self.weights["availability"]
        gate *= np.float32(w_avail / max(rules.target_overlap_hours, 1))
        np.minimum(gate, np.float32(w_avail), out=gate)
        total += gate
        del gate
        if not (self.fold_languages or one_language_set):
            shared = mentees.languages @ mentors.languages.T
            allowed &= shared >= 0.5
            np.minimum(shared, 2.0, out=shared)
            shared *= mentees.language_scale[:, None] * np.float32(self.weights["language"])
            total += shared
            del shared
        if mentors.hard.shape[1]:
            allowed &= (mentees.hard @ mentors.hard.T) < 0.5
        return total, allowed

    def components(self, mentors: MentorBlock, mentees: MenteeBlock) -> np.ndarray:
        """Per-pair component values (len(rows) x len(COMPONENTS)) for aligned row pairs."""
        out = np.zeros((len(mentors.rows), len(COMPONENTS)), dtype=np.float32)
        index = {name: i for i, name in enumerate(COMPONENTS)}
        for name, sl in mentors.slices.items():
            out[:, index[name]] = np.einsum(
                "ij,ij->i", mentors.plain[:, sl], mentees.features[:, sl]
            )
        overlap = np.einsum("ij,ij->i", mentors.availability, mentees.availability)
        out[:, index["availability"]] = np.minimum(
            overlap / max(self.rules.target_overlap_hours, 1), 1.0
        )
        shared = np.einsum("ij,ij->i", mentors.languages, mentees.languages)
        out[:, index["language"]] = np.minimum(shared, 2.0) * mentees.language_scale
        return np.clip(out, 0.0, 1.0)

    def weight_vector(self) -> np.ndarray:
        return np.array([self.weights[name] for name in COMPONENTS], dtype=np.float32)


@dataclass
class MentorBlock:
    """Mentor-role feature rows, plain (for breakdowns) and weighted (for totals)."""

    rows: np.ndarray
    plain: np.ndarray
    weighted: np.ndarray
    slices: dict[str, slice]
    languages: np.ndarray
    availability: np.ndarray
    hard: np.ndarray
    gate: np.ndarray  # overlap features (plus language subsets when folded)

    def take(self, index: np.ndarray | slice) -> MentorBlock:
        return _take_rows(self, index)


@dataclass
class MenteeBlock:
    """Mentee-role feature rows for one chunk of mentees."""

    rows: np.ndarray
    features: np.ndarray
    languages: np.ndarray
    language_scale: np.ndarray
    availability: np.ndarray
    hard: np.ndarray
    gate: np.ndarray

    def take(self, index: np.ndarray | slice) -> MenteeBlock:
        return _take_rows(self, index)


_Block = TypeVar("_Block", MentorBlock, MenteeBlock)


def _take_rows(block: _Block, index: np.ndarray | slice) -> _Block:
    """The block for some of its rows: every per-row array is indexed, so none can be missed."""
    return replace(
        block, **{k: v[index] for k, v in vars(block).items() if isinstance(v, np.ndarray)}
    )


def blocking_reasons(
    scorer: PairScorer, mentors: EncodedSide, i: int, mentees: EncodedSide, j: int
) -> list[str]:
    """Every hard constraint a single pair breaks, named for people to read."""
    rules = scorer.rules
    mentor, mentee = mentors.participants[i], mentees.participants[j]
    reasons = []
    if mentor.id == mentee.id:
        reasons.append("same_person")
    if not mentor.languages & mentee.languages:
        reasons.append("no_shared_language")
    overlap = int(np.count_nonzero(mentors.availability[i] & mentees.availability[j]))
    if rules.min_overlap_hours > 0 and overlap < rules.min_overlap_hours:
        reasons.append("no_availability_overlap")
    pair = (min(mentor.id, mentee.id), max(mentor.id, mentee.id))
    if pair in rules.exclusions:
        reasons.append("excluded")
    if rules.forbid_repeats and pair in rules.previous_pairs:
        reasons.append("repeat_pairing")
    for rule in scorer.hard_rules:
        a = mentor.attributes.get(rule.attribute)
        b = mentee.attributes.get(rule.attribute)
        same = a is not None and b is not None and str(a) == str(b)
        ok = same if rule.relation == "same" else (a is not None and b is not None and not same)
        if not ok:
            reasons.append(f"attribute:{rule.attribute}")
    return reasons


def score_pair(mentor: Participant, mentee: Participant, rules: ProgrammeRules) -> PairScore:
    """Score one pair on its own.

    Goal similarity uses a TF-IDF fitted on just these two texts; inside a
    cohort use `ScoredCohort.pair_score`, whose IDF comes from the whole cohort.
    """
    vocab, (mentors, mentees) = encode_cohort([[mentor], [mentee]], rules)
    return score_encoded_pair(PairScorer(rules, vocab), mentors, 0, mentees, 0)


def score_encoded_pair(
    scorer: PairScorer, mentors: EncodedSide, i: int, mentees: EncodedSide, j: int
) -> PairScore:
    """PairScore for row i of `mentors` and row j of `mentees`."""
    row = np.array([i])
    values = scorer.components(scorer.left(mentors, row), scorer.right(mentees, np.array([j])))[0]
    components = {
        name: round(float(values[c]), 6)
        for c, name in enumerate(COMPONENTS)
        if name in scorer.active
    }
    total = float(values @ scorer.weight_vector())
    return PairScore(round(total, 6), components, blocking_reasons(scorer, mentors, i, mentees, j))


def dense_scores(
    mentors: Sequence[Participant], mentees: Sequence[Participant], rules: ProgrammeRules
) -> tuple[np.ndarray, np.ndarray]:
    """Full mentors x mentees totals and compatibility mask.

    For oracles, baselines and small cohorts only: it materialises the whole
    matrix, which the cohort pipeline deliberately never does.
    """
    from .candidates import pair_exclusions  # local: candidates imports this module

    vocab, (ms, es) = encode_cohort([mentors, mentees], rules)
    scorer = PairScorer(rules, vocab)
    total = scorer.block(scorer.left(ms), scorer.right(es, np.arange(len(es))))
    bi, bj = pair_exclusions(rules, ms.ids, es.ids)
    total[bi, bj] = BLOCKED
    return total, total > BLOCKED
