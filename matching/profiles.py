"""Input data for matching: who takes part and the programme's rules.

Plain frozen dataclasses so the web layer can build them from database rows
and tests can build them by hand; nothing here touches I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

FOCUS_AREAS: tuple[str, ...] = (
    "platform navigation",
    "campaign creation",
    "digital storytelling",
    "community engagement",
    "financial management",
    "technical skills",
    "impact measurement",
    "leadership development",
    "regulatory compliance",
    "sustainable fundraising",
)


class MentoringModel(StrEnum):
    """Mentoring models of the programme; they differ in the level gap they want."""

    ONE_TO_ONE = "one_to_one"
    GROUP = "group"
    PEER = "peer"
    REVERSE = "reverse"
    FLASH = "flash"
    PROJECT = "project"
    DISTANCE = "distance"
    CIRCLE = "circle"


class Moderation(StrEnum):
    """Who leads a circle: its most senior member, an election, or nobody."""

    LEADER = "leader"
    ELECTED = "elected"
    NONE = "none"


def _hhmm(value: str) -> int:
    hours, _, minutes = value.partition(":")
    total = int(hours) * 60 + int(minutes or 0)
    if not 0 <= total <= 24 * 60:
        raise ValueError(f"time out of range: {value!r}")
    return total


@dataclass(frozen=True, slots=True)
class Window:
    """A weekly availability window in the person's own local time.

    `end` may be "24:00"; an end at or before the start runs past midnight.
    """

    weekday: int
    start: str
    end: str

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0-6, got {self.weekday}")
        _hhmm(self.start)
        _hhmm(self.end)

    @property
    def minutes(self) -> tuple[int, int]:
        """Start and end as minutes after local midnight of `weekday` (end > start)."""
        start, end = _hhmm(self.start), _hhmm(self.end)
        if end <= start:
            end += 24 * 60
        return start, end


@dataclass(frozen=True, slots=True)
class LearningNeed:
    """A skill the person wants to grow, the level they aim for and how much it matters."""

    skill: str
    target_level: int
    priority: int = 2

    def __post_init__(self) -> None:
        _check_range("target_level", self.target_level, 1, 5)
        _check_range("priority", self.priority, 1, 3)


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ValueError(f"{name} must be {low}-{high}, got {value}")


@dataclass(frozen=True)
class Participant:
    """A mentor, mentee or peer, as far as matching needs to know them.

    Collections are normalised to immutable types so a profile can be shared
    between cohorts without surprises.
    """

    id: int
    languages: frozenset[str] = frozenset()
    time_zone: str = "Asia/Jakarta"
    availability: tuple[Window, ...] = ()
    expertise: Mapping[str, int] = field(default_factory=dict)
    needs: tuple[LearningNeed, ...] = ()
    goals: str = ""
    communication_style: str = ""
    questionnaire: Mapping[str, int] = field(default_factory=dict)
    level: int = 1
    attributes: Mapping[str, str] = field(default_factory=dict)
    capacity: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", frozenset(self.languages))
        object.__setattr__(self, "availability", tuple(self.availability))
        object.__setattr__(self, "needs", tuple(self.needs))
        _check_range("level", self.level, 1, 5)
        for skill, level in self.expertise.items():
            _check_range(f"expertise[{skill}]", level, 1, 5)
        for question, answer in self.questionnaire.items():
            _check_range(f"questionnaire[{question}]", answer, 1, 5)
        if self.capacity < 0:
            raise ValueError("capacity must not be negative")

    @property
    def focus(self) -> str | None:
        """The need with the highest priority (then target level): what the person comes for."""
        if not self.needs:
            return None
        return max(self.needs, key=lambda n: (n.priority, n.target_level, n.skill)).skill


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weight of each score component; they are normalised to sum to 1."""

    skills: float = 0.30
    goals: float = 0.15
    language: float = 0.10
    availability: float = 0.15
    level: float = 0.10
    communication: float = 0.10
    diversity: float = 0.10

    def as_dict(self) -> dict[str, float]:
        return {
            "skills": self.skills,
            "goals": self.goals,
            "language": self.language,
            "availability": self.availability,
            "level": self.level,
            "communication": self.communication,
            "diversity": self.diversity,
        }


@dataclass(frozen=True, slots=True)
class AttributeRule:
    """A rule on a profile attribute such as gender.

    `required` rules are hard constraints (a pair that breaks one is blocked,
    and an unknown value never satisfies one); the others feed the diversity
    component as preferences.
    """

    attribute: str
    relation: str = "same"  # "same" | "different"
    required: bool = True

    def __post_init__(self) -> None:
        if self.relation not in ("same", "different"):
            raise ValueError(f"relation must be 'same' or 'different', got {self.relation!r}")


def _pairs(pairs: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    return frozenset((min(a, b), max(a, b)) for a, b in pairs)


@dataclass(frozen=True)
class ProgrammeRules:
    """How a programme wants people matched.

    Exclusions and previous pairings are unordered id pairs (participant ids
    are unique across roles). `k` is how many candidates each side keeps.
    `reference_week` is the Monday whose calendar (and DST state) turns local
    windows into UTC hours.
    """

    model: MentoringModel = MentoringModel.ONE_TO_ONE
    weights: Weights = Weights()
    max_group_size: int = 5
    attribute_rules: tuple[AttributeRule, ...] = ()
    exclusions: frozenset[tuple[int, int]] = frozenset()
    previous_pairs: frozenset[tuple[int, int]] = frozenset()
    forbid_repeats: bool = False
    k: int = 20
    min_overlap_hours: int = 1
    target_overlap_hours: int = 4
    reference_week: date = date(2025, 1, 6)
    moderation: Moderation = Moderation.LEADER
    goal_vocabulary: int = 512

    def __post_init__(self) -> None:
        object.__setattr__(self, "model", MentoringModel(self.model))
        object.__setattr__(self, "moderation", Moderation(self.moderation))
        object.__setattr__(self, "attribute_rules", tuple(self.attribute_rules))
        object.__setattr__(self, "exclusions", _pairs(self.exclusions))
        object.__setattr__(self, "previous_pairs", _pairs(self.previous_pairs))
        if self.reference_week.weekday() != 0:
            raise ValueError("reference_week must be a Monday")
        if self.k < 1 or self.max_group_size < 1 or self.min_overlap_hours < 0:
            raise ValueError("k and max_group_size must be positive")

    def capacity_of(self, mentor: Participant) -> int:
        """A mentor's capacity, never above the programme's group size."""
        return max(0, min(mentor.capacity, self.max_group_size))
