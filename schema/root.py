"""The root schema: every domain's queries, mutations and subscriptions, merged, and the
protective extensions.

Each domain declares its root fields in its own schema module (``<Domain>Queries``,
``<Domain>Mutations``, ``<Domain>Subscriptions``); this module only puts them together.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, ParserCache, ValidationCache
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit
from strawberry.tools import merge_types

from schema.accounts import AccountMutations, AccountQueries
from schema.badges import BadgeMutations, BadgeQueries
from schema.certificates import CertificateMutations, CertificateQueries
from schema.conversations import (
    ConversationMutations,
    ConversationQueries,
    ConversationSubscriptions,
)
from schema.directory import DirectoryQueries
from schema.errors import CodedErrors, FreshLoaders
from schema.evaluations import EvaluationMutations, EvaluationQueries
from schema.expenses import ExpenseMutations, ExpenseQueries
from schema.goals import GoalMutations, GoalQueries
from schema.health import HealthQueries
from schema.imports import ImportMutations, ImportQueries, ImportSubscriptions
from schema.inputs import InputChecks
from schema.invitations import InvitationMutations, InvitationQueries
from schema.journeys import JourneyMutations, JourneyQueries
from schema.knowledge import KnowledgeMutations, KnowledgeQueries, KnowledgeSubscriptions
from schema.levels import LevelMutations, LevelQueries
from schema.matches import MatchMutations, MatchQueries
from schema.notes import NoteMutations, NoteQueries, NoteSubscriptions
from schema.notifications import (
    NotificationMutations,
    NotificationQueries,
    NotificationSubscriptions,
)
from schema.organisations import OrganisationMutations, OrganisationQueries
from schema.permissions import CanRead
from schema.privacy import PrivacyMutations, PrivacyQueries
from schema.profiles import ProfileMutations, ProfileQueries
from schema.programmes import ProgrammeMutations, ProgrammeQueries
from schema.pulse import PulseMutations, PulseQueries
from schema.relationships import (
    RelationshipMutations,
    RelationshipQueries,
    RelationshipSubscriptions,
)
from schema.reports import ReportMutations, ReportQueries
from schema.requests import RequestMutations, RequestQueries, RequestSubscriptions
from schema.rooms import RoomMutations, RoomQueries, RoomSubscriptions
from schema.sessions import SessionMutations, SessionQueries
from schema.webhooks import WebhookMutations, WebhookQueries


@strawberry.type
class NodeQueries:
    """Global object identification: any object with an ID, fetched by it."""

    node: relay.Node | None = relay.node(permission_classes=[CanRead])


Query = merge_types(
    "Query",
    (
        NodeQueries,
        AccountQueries,
        BadgeQueries,
        CertificateQueries,
        ConversationQueries,
        DirectoryQueries,
        EvaluationQueries,
        ExpenseQueries,
        GoalQueries,
        HealthQueries,
        ImportQueries,
        InvitationQueries,
        JourneyQueries,
        KnowledgeQueries,
        LevelQueries,
        MatchQueries,
        NoteQueries,
        NotificationQueries,
        OrganisationQueries,
        PrivacyQueries,
        ProfileQueries,
        ProgrammeQueries,
        PulseQueries,
        RelationshipQueries,
        ReportQueries,
        RequestQueries,
        RoomQueries,
        SessionQueries,
        WebhookQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        BadgeMutations,
        CertificateMutations,
        ConversationMutations,
        EvaluationMutations,
        ExpenseMutations,
        GoalMutations,
        ImportMutations,
        InvitationMutations,
        JourneyMutations,
        KnowledgeMutations,
        LevelMutations,
        MatchMutations,
        NoteMutations,
        NotificationMutations,
        OrganisationMutations,
        PrivacyMutations,
        ProfileMutations,
        ProgrammeMutations,
        PulseMutations,
        RelationshipMutations,
        ReportMutations,
        RequestMutations,
        RoomMutations,
        SessionMutations,
        WebhookMutations,
    ),
)
Subscription = merge_types(
    "Subscription",
    (
        ConversationSubscriptions,
        ImportSubscriptions,
        KnowledgeSubscriptions,
        NoteSubscriptions,
        NotificationSubscriptions,
        RelationshipSubscriptions,
        RequestSubscriptions,
        RoomSubscriptions,
    ),
)


class RajutSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Client mistakes are not server errors; CodedErrors logs the real ones."""


@cache  # Strawberry fields bind to one schema; build it once per set of limits
def build_schema(max_depth: int, max_tokens: int, max_aliases: int) -> strawberry.Schema:
    limits = [
        depth_limit(max_depth, should_ignore=None),
        alias_limit(max_aliases),
    ]
    return RajutSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            # the limit rules are built once: rule classes made per operation would give
            # the validation cache a new key every time, and it would never hit
            partial(AddValidationRules, limits),
            partial(MaxTokensLimiter, max_token_count=max_tokens),
            partial(ParserCache, maxsize=256),
            partial(ValidationCache, maxsize=256),
            InputChecks,  # after ValidationCache: it reads the validation result
            FreshLoaders,
            CodedErrors,
        ],
    )
