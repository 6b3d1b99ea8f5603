"""Pure matching core of Rajut: mentors to mentees, peers to peers, people to circles.

Plain dataclasses in, plain dataclasses out; no I/O, deterministic.
"""

from .certificate import Optimality
from .circles import Circle, CirclePlan, Waitlisted, form_circles
from .cohort import (
    Assignment,
    Edits,
    PinError,
    Proposal,
    ScoredCohort,
    Unmatched,
    UnmatchedReason,
    propose_assignment,
    resolve,
    score_cohort,
)
from .explain import (
    Reason,
    Suggestion,
    WhyNot,
    explain_why_not,
    suggest_mentees,
    suggest_mentors,
)
from .metrics import CohortMetrics, LoadSpread, SkillGap
from .peers import PeerPair, PeerPairing, Unpaired, pair_peers
from .profiles import (
    FOCUS_AREAS,
    AttributeRule,
    LearningNeed,
    MentoringModel,
    Moderation,
    Participant,
    ProgrammeRules,
    Weights,
    Window,
)
from .scoring import COMPONENTS, PairScore, dense_scores, score_pair

__all__ = [
    "COMPONENTS",
    "FOCUS_AREAS",
    "Assignment",
    "AttributeRule",
    "Circle",
    "CirclePlan",
    "CohortMetrics",
    "Edits",
    "LearningNeed",
    "LoadSpread",
    "MentoringModel",
    "Moderation",
    "Optimality",
    "PairScore",
    "Participant",
    "PeerPair",
    "PeerPairing",
    "PinError",
    "ProgrammeRules",
    "Proposal",
    "Reason",
    "ScoredCohort",
    "SkillGap",
    "Suggestion",
    "Unmatched",
    "UnmatchedReason",
    "Unpaired",
    "Waitlisted",
    "Weights",
    "WhyNot",
    "Window",
    "dense_scores",
    "explain_why_not",
    "form_circles",
    "pair_peers",
    "propose_assignment",
    "resolve",
    "score_cohort",
    "score_pair",
    "suggest_mentees",
    "suggest_mentors",
]
