"""Profiles encoded as arrays, so a whole cohort can be scored with matrix products.

Encodings (language codes, skills, questions, attribute values, goal terms)
are fitted on everyone in the cohort at once, so mentors and mentees share
one coordinate system.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .availability import HOURS_PER_WEEK, window_slots
from .profiles import Participant, ProgrammeRules
from .text import fit_goal_vectors

STYLES: tuple[str, ...] = ("direct", "reflective", "structured", "casual")


@dataclass(frozen=True)
class Vocabulary:
    """The shared coordinate system of one cohort."""

    languages: tuple[str, ...]
    skills: tuple[str, ...]
    questions: tuple[str, ...]
    attribute_values: dict[str, tuple[str, ...]]


@dataclass
class EncodedSide:
    """One side of a cohort (mentors, mentees, or all peers) as dense arrays.

    Row i describes participants[i]; zero means "not given" in the int8 arrays.
    """

    participants: Sequence[Participant]
    ids: np.ndarray  # int64 (n,)
    languages: np.ndarray  # float32 (n, L) one-hot
    availability: np.ndarray  # bool (n, 168)
    expertise: np.ndarray  # int8 (n, S) level 0-5
    need_target: np.ndarray  # int8 (n, S) target 0-5
    need_priority: np.ndarray  # int8 (n, S) priority 0-3
    level: np.ndarray  # int8 (n,)
    style: np.ndarray  # int8 (n,) 0 = unknown, else 1 + index in STYLES
    answers: np.ndarray  # int8 (n, Q) 0 = unanswered
    attributes: np.ndarray  # int32 (n, A) value code, -1 = unknown
    goals: sparse.csr_matrix  # float32 (n, V) L2-normalised TF-IDF
    capacity: np.ndarray  # int32 (n,)

    def __len__(self) -> int:
        return len(self.ids)


def rule_attributes(rules: ProgrammeRules) -> tuple[str, ...]:
    """Attribute names the rules look at, in a stable order."""
    return tuple(sorted({rule.attribute for rule in rules.attribute_rules}))


def fit_vocabulary(everyone: Sequence[Participant], rules: ProgrammeRules) -> Vocabulary:
    """Collect every code seen in the cohort, sorted so results do not depend on input order."""
    languages: set[str] = set()
    skills: set[str] = set()
    questions: set[str] = set()
    attribute_names = rule_attributes(rules)
    values: dict[str, set[str]] = {name: set() for name in attribute_names}
    for person in everyone:
        languages |= person.languages
        skills |= person.expertise.keys()
        skills |= {need.skill for need in person.needs}
        questions |= person.questionnaire.keys()
        for name in attribute_names:
            if (value := person.attributes.get(name)) is not None:
                values[name].add(str(value))
    return Vocabulary(
        languages=tuple(sorted(languages)),
        skills=tuple(sorted(skills)),
        questions=tuple(sorted(questions)),
        attribute_values={name: tuple(sorted(v)) for name, v in values.items()},
    )


def encode_cohort(
    sides: Sequence[Sequence[Participant]], rules: ProgrammeRules
) -> tuple[Vocabulary, list[EncodedSide]]:
    """Encode each side against one vocabulary and one TF-IDF fitted on all goal texts."""
    everyone = [person for side in sides for person in side]
    vocab = fit_vocabulary(everyone, rules)
    goals = fit_goal_vectors([person.goals for person in everyone], rules.goal_vocabulary)
    encoded = []
    start = 0
    for side in sides:
        stop = start + len(side)
        encoded.append(_encode_side(side, vocab, goals[start:stop], rules))
        start = stop
    return vocab, encoded


def _encode_side(
    people: Sequence[Participant],
    vocab: Vocabulary,
    goals: sparse.csr_matrix,
    rules: ProgrammeRules,
) -> EncodedSide:
    n = len(people)
    lang_index = {code: i for i, code in enumerate(vocab.languages)}
    skill_index = {skill: i for i, skill in enumerate(vocab.skills)}
    question_index = {q: i for i, q in enumerate(vocab.questions)}
    style_index = {style: i + 1 for i, style in enumerate(STYLES)}
    attribute_names = tuple(vocab.attribute_values)
    value_index = {
        name: {value: i for i, value in enumerate(values)}
        for name, values in vocab.attribute_values.items()
    }

    languages = np.zeros((n, len(vocab.languages)), dtype=np.float32)
    availability = np.zeros((n, HOURS_PER_WEEK), dtype=bool)
    expertise = np.zeros((n, len(vocab.skills)), dtype=np.int8)
    need_target = np.zeros_like(expertise)
    need_priority = np.zeros_like(expertise)
    answers = np.zeros((n, len(vocab.questions)), dtype=np.int8)
    attributes = np.full((n, len(attribute_names)), -1, dtype=np.int32)
    # keyed by plain fields: hashing Window dataclasses dominated encoding large cohorts
    window_cache: dict[tuple[str, int, str, str], tuple[int, ...]] = {}

    for row, person in enumerate(people):
        for code in person.languages:
            languages[row, lang_index[code]] = 1.0
        hours: list[int] = []
        for window in person.availability:
            key = (person.time_zone, window.weekday, window.start, window.end)
            if (slots := window_cache.get(key)) is None:
                slots = window_slots(person.time_zone, window, rules.reference_week)
                window_cache[key] = slots
            hours.extend(slots)
        availability[row, hours] = True
        for skill, level in person.expertise.items():
            expertise[row, skill_index[skill]] = level
        for need in person.needs:
            col = skill_index[need.skill]
            need_target[row, col] = max(need_target[row, col], need.target_level)
            need_priority[row, col] = max(need_priority[row, col], need.priority)
        for question, answer in person.questionnaire.items():
            answers[row, question_index[question]] = answer
        for col, name in enumerate(attribute_names):
            value = person.attributes.get(name)
            if value is not None:
                attributes[row, col] = value_index[name][str(value)]

    return EncodedSide(
        participants=people,
        ids=np.fromiter((p.id for p in people), dtype=np.int64, count=n),
        languages=languages,
        availability=availability,
        expertise=expertise,
        need_target=need_target,
        need_priority=need_priority,
        level=np.fromiter((p.level for p in people), dtype=np.int8, count=n),
        style=np.fromiter(
            (style_index.get(p.communication_style.lower(), 0) for p in people),
            dtype=np.int8,
            count=n,
        ),
        answers=answers,
        attributes=attributes,
        goals=goals,
        capacity=np.fromiter((rules.capacity_of(p) for p in people), dtype=np.int32, count=n),
    )
