"""What Rajut stores: Tortoise models and the domain rules that guard them.

Tortoise discovers models from this module, so every model is imported here.
"""

from models import _tortoise  # noqa: F401  (first: it sets Tortoise up before any model)
from models.accounts import AccessToken, EmailVerification, OutboxEmail, PasswordReset, User
from models.badges import Badge, BadgeAward, BadgeCursor
from models.certificates import Certificate
from models.conversations import ConversationMessage, ConversationRead
from models.credentials import IssuerKey, StatusEntry
from models.evaluations import Evaluation, EvaluationReceipt
from models.expenses import Expense
from models.goals import Goal, Journal, Milestone, SessionFeedback
from models.imports import ImportBatch
from models.installation import Installation
from models.invitations import Invitation
from models.journeys import JourneyPosition, SkillAssessment
from models.knowledge import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleView,
    FocusFollow,
    HelpfulVote,
)
from models.knowledge_files import Resource
from models.levels import (
    ExpertiseConfirmation,
    LevelEvent,
    LevelRules,
    MentorStanding,
    TrainingCompletion,
    TrainingModule,
)
from models.matches import MatchAudit, MatchRun, PairExclusion
from models.notes import Note, NoteContribution, NoteUpdate
from models.notifications import FollowUp, Notification
from models.organisations import FocusArea, Organisation, OrgMembership
from models.privacy import AccountDeletion
from models.profiles import DirectoryMark, Expertise, LearningNeed, Profile
from models.programmes import Enrolment, Programme, ProgrammeStaff
from models.progress import ProgressCounter, ProgressEvent
from models.pulse import Pulse, RematchRequest
from models.relationships import (
    GuidelineAcknowledgement,
    ModeratorVote,
    Relationship,
    RelationshipMember,
)
from models.reports import TransparencyReport
from models.requests import MentorRequest
from models.rooms import Room, RoomMessage, RoomPresence
from models.safeguarding import ConcernReport
from models.sessions import Attendance, CalendarFeed, Session
from models.webhooks import Webhook, WebhookDelivery

__all__ = [
    "AccessToken",
    "AccountDeletion",
    "Article",
    "ArticleAuthor",
    "ArticleRevision",
    "ArticleView",
    "Attendance",
    "Badge",
    "BadgeAward",
    "BadgeCursor",
    "CalendarFeed",
    "Certificate",
    "ConcernReport",
    "ConversationMessage",
    "ConversationRead",
    "DirectoryMark",
    "EmailVerification",
    "Enrolment",
    "Evaluation",
    "EvaluationReceipt",
    "Expense",
    "Expertise",
    "ExpertiseConfirmation",
    "FocusArea",
    "FocusFollow",
    "FollowUp",
    "Goal",
    "GuidelineAcknowledgement",
    "HelpfulVote",
    "ImportBatch",
    "Installation",
    "Invitation",
    "IssuerKey",
    "Journal",
    "JourneyPosition",
    "LearningNeed",
    "LevelEvent",
    "LevelRules",
    "MatchAudit",
    "MatchRun",
    "MentorRequest",
    "MentorStanding",
    "Milestone",
    "ModeratorVote",
    "Note",
    "NoteContribution",
    "NoteUpdate",
    "Notification",
    "OrgMembership",
    "Organisation",
    "OutboxEmail",
    "PairExclusion",
    "PasswordReset",
    "Profile",
    "Programme",
    "ProgrammeStaff",
    "ProgressCounter",
    "ProgressEvent",
    "Pulse",
    "Relationship",
    "RelationshipMember",
    "RematchRequest",
    "Resource",
    "Room",
    "RoomMessage",
    "RoomPresence",
    "Session",
    "SessionFeedback",
    "SkillAssessment",
    "StatusEntry",
    "TrainingCompletion",
    "TrainingModule",
    "TransparencyReport",
    "User",
    "Webhook",
    "WebhookDelivery",
]
