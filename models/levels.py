"""Mentor levels: the seed plan's five steps, who stands where, and how they got there.

An organisation grows its mentors through five levels, one at a time: Mentor Candidate,
Community Mentor, Group Mentor, Mentor Coach, Community Leader. What each level asks for is
computed from the data (models/eligibility.py), but nobody moves by themselves: a coordinator
confirms every promotion, and may correct a level downwards with a reason. Everything that
counts towards a level (training declared, confirmed or declined, expertise confirmed,
nominations, promotions and corrections) is kept in ``LevelEvent``, the history.

This module holds the tables, who may manage them, the organisation's thresholds (their
defaults and ranges; admins set them through models/promotions.py), and the read functions
other features build on: :func:`current_level`, :func:`promotions`, :func:`level_ranks`
(shaped as a badge rule's measure) and :func:`members_per_level` (the reports' mentor
progression).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.errors import BadInput, Forbidden, NotFound
from models.organisations import FocusArea, Organisation, OrgMembership, OrgRole
from models.programmes import ProgrammeStaff, ProgrammeStatus, StaffRole


class Level(StrEnum):
    """The levels in order, lowest first."""

    MENTOR_CANDIDATE = "mentor_candidate"
    COMMUNITY_MENTOR = "community_mentor"
    GROUP_MENTOR = "group_mentor"
    MENTOR_COACH = "mentor_coach"
    COMMUNITY_LEADER = "community_leader"


LEVELS = tuple(Level)
# (Bahasa Indonesia, English)
LEVEL_NAMES: dict[Level, tuple[str, str]] = {
    Level.MENTOR_CANDIDATE: ("Kandidat Mentor", "Mentor Candidate"),
    Level.COMMUNITY_MENTOR: ("Mentor Komunitas", "Community Mentor"),
    Level.GROUP_MENTOR: ("Mentor Kelompok", "Group Mentor"),
    Level.MENTOR_COACH: ("Pelatih Mentor", "Mentor Coach"),
    Level.COMMUNITY_LEADER: ("Pemimpin Komunitas", "Community Leader"),
}


def rank(level: Level | None) -> int:
    """0 for no level yet, 1 for Mentor Candidate … 5 for Community Leader."""
    return 0 if level is None else LEVELS.index(level) + 1


def level_after(level: Level | None) -> Level | None:
    """The next step up, or None at the top."""
    position = rank(level)
    return LEVELS[position] if position < len(LEVELS) else None


class LevelRules(Model):
    """An organisation's thresholds (without a row, the seed plan's defaults apply)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "rajut.Organisation", related_name="level_rules", on_delete=fields.CASCADE
    )
    group_mentor_relationships = fields.IntField(default=5)
    group_mentor_days = fields.IntField(default=365)  # as Group Mentor before Mentor Coach
    coach_min_ratings = fields.IntField(default=20)
    coach_mean_rating = fields.FloatField(default=4.5)
    expertise_level = fields.IntField(default=4)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "level_rules"


# field: (lowest, highest); the rating is a float, the others whole numbers
RULE_RANGES: dict[str, tuple[float, float]] = {
    "group_mentor_relationships": (1, 100),
    "group_mentor_days": (0, 3650),
    "coach_min_ratings": (1, 1000),
    "coach_mean_rating": (1.0, 5.0),
    "expertise_level": (1, 5),
}
RULE_FIELDS = {
    "group_mentor_relationships": "groupMentorRelationships",
    "group_mentor_days": "groupMentorDays",
    "coach_min_ratings": "coachMinRatings",
    "coach_mean_rating": "coachMeanRating",
    "expertise_level": "expertiseLevel",
}


class TrainingModule(Model):
    """A piece of mentor training an organisation offers. ``required_for`` names the level
    that asks for it (none: optional). Archived modules are no longer asked for, and keep
    the completions recorded against them."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name="training_modules", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    content = fields.TextField(default="")
    link = fields.CharField(max_length=500, default="")
    required_for = fields.CharEnumField(Level, max_length=24, null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    archived_at = fields.DatetimeField(null=True)

    class Meta:
        table = "training_modules"
        ordering = ["id"]


class CompletionStatus(StrEnum):
    DECLARED = "declared"  # the member says so; a coordinator has yet to confirm
    CONFIRMED = "confirmed"


class TrainingCompletion(Model):
    """A member's completion of one module as it stands now (its story is in LevelEvent)."""

    id = fields.IntField(primary_key=True)
    module: fields.ForeignKeyRelation[TrainingModule] = fields.ForeignKeyField(
        "rajut.TrainingModule", related_name="completions", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(CompletionStatus, max_length=16)
    declared_at = fields.DatetimeField(null=True)
    confirmed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "training_completions"
        unique_together = (("module", "user"),)


class ExpertiseConfirmation(Model):
    """A coordinator saw the member's expertise in a focus area at ``level``."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    focus_area: fields.ForeignKeyRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=False, on_delete=fields.CASCADE
    )
    level = fields.IntField()
    confirmed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    confirmed_at = fields.DatetimeField()

    class Meta:
        table = "expertise_confirmations"
        unique_together = (("user", "focus_area"),)


class MentorStanding(Model):
    """A member's level in one organisation. ``changes`` counts level changes: a change
    applies only if nobody changed the level meanwhile, so two coordinators confirming at
    once cannot skip a level, and each change gets its own announcement."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    level = fields.CharEnumField(Level, max_length=24, null=True)
    since = fields.DatetimeField()
    changes = fields.IntField(default=0)
    # a coordinator's nomination for Community Leader ("exceptional impact"), while a coach
    nominated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    nominated_at = fields.DatetimeField(null=True)
    nomination = fields.TextField(default="")

    class Meta:
        table = "mentor_standings"
        unique_together = (("organisation", "user"),)


class HistoryKind(StrEnum):
    TRAINING_DECLARED = "training_declared"
    TRAINING_WITHDRAWN = "training_withdrawn"
    TRAINING_DECLINED = "training_declined"
    TRAINING_CONFIRMED = "training_confirmed"
    EXPERTISE_CONFIRMED = "expertise_confirmed"
    NOMINATED = "nominated"
    NOMINATION_WITHDRAWN = "nomination_withdrawn"
    PROMOTED = "promoted"
    CORRECTED = "corrected"  # a coordinator set the level lower, with a reason


LEVEL_CHANGES = (HistoryKind.PROMOTED, HistoryKind.CORRECTED)


class LevelEvent(Model):
    """One entry of a member's history: what happened, who did it, when. Never changed."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharEnumField(HistoryKind, max_length=24)
    module: fields.ForeignKeyNullableRelation[TrainingModule] = fields.ForeignKeyField(
        "rajut.TrainingModule", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    focus_area: fields.ForeignKeyNullableRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    from_level = fields.CharEnumField(Level, max_length=24, null=True)
    to_level = fields.CharEnumField(Level, max_length=24, null=True)
    note = fields.TextField(default="")
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "level_history"
        ordering = ["id"]
        indexes = (("organisation_id", "user_id"),)


async def record(
    organisation_id: int, member_id: int, actor_id: int | None, kind: HistoryKind, **details: Any
) -> LevelEvent:
    """Add an entry to the member's history (``module_id``, ``focus_area_id``, the levels,
    a ``note``)."""
    return await LevelEvent.create(
        organisation_id=organisation_id, user_id=member_id, actor_id=actor_id, kind=kind, **details
    )


# --- who may do what ---------------------------------------------------------------------


async def coordinator_ids(organisation_id: int) -> set[int]:
    """The organisation's coordinators: its admins and the coordinators of its programmes
    that have not closed."""
    admins = await OrgMembership.filter(
        organisation_id=organisation_id, role=OrgRole.ADMIN, user__is_active=True
    ).values_list("user_id", flat=True)
    staff = (
        await ProgrammeStaff.filter(
            programme__organisation_id=organisation_id,
            role=StaffRole.COORDINATOR,
            user__is_active=True,
        )
        .exclude(programme__status=ProgrammeStatus.CLOSED)
        .values_list("user_id", flat=True)
    )
    return set(admins) | set(staff)


async def is_member(organisation_id: int, user_id: int) -> bool:
    return await OrgMembership.filter(organisation_id=organisation_id, user_id=user_id).exists()


async def member_organisation(user: User, organisation_id: int) -> Organisation:
    """The organisation, for one of its members; to anyone else it does not exist."""
    organisation = await Organisation.get_or_none(id=organisation_id)
    if organisation is None or not await is_member(organisation_id, user.id):
        raise NotFound("No such organisation.", field="organisationId")
    return organisation


async def coordinated_organisation(user: User, organisation_id: int) -> Organisation:
    organisation = await member_organisation(user, organisation_id)
    if user.id not in await coordinator_ids(organisation_id):
        raise Forbidden("Only the organisation's coordinators and admins may do that.")
    return organisation


async def member_of(organisation_id: int, user_id: int) -> User:
    """A member of the organisation, named by a coordinator."""
    if not await is_member(organisation_id, user_id):
        raise NotFound("No such member in this organisation.", field="userId")
    return await User.get(id=user_id)


async def visible_member(viewer: User, organisation_id: int, member_id: int) -> User:
    """A member's levels and training are for themself and the organisation's coordinators
    (other members: FORBIDDEN; outside the organisation: NOT_FOUND)."""
    await member_organisation(viewer, organisation_id)
    if viewer.id != member_id:
        await coordinated_organisation(viewer, organisation_id)
    return await member_of(organisation_id, member_id)


def not_oneself(coordinator: User, user_id: int, what: str) -> None:
    """Coordinators never confirm their own progress: another coordinator does."""
    if coordinator.id == user_id:
        raise Forbidden(f"Another coordinator confirms your own {what}.")


def reason_text(reason: str, field: str = "reason") -> str:
    reason = reason.strip()
    if not 1 <= len(reason) <= 2000:
        raise BadInput("Say why, in 1 to 2000 characters.", field=field)
    return reason


# --- thresholds --------------------------------------------------------------------------


async def rules_of(organisation_id: int) -> LevelRules:
    """The organisation's thresholds (an unsaved row of defaults when it set none)."""
    rules = await LevelRules.get_or_none(organisation_id=organisation_id)
    return rules or LevelRules(organisation_id=organisation_id)


# --- what other features read ------------------------------------------------------------


async def current_level(organisation_id: int, user_id: int) -> Level | None:
    """The member's level in the organisation (None before their first promotion)."""
    standing = await MentorStanding.get_or_none(organisation_id=organisation_id, user_id=user_id)
    return standing.level if standing else None


async def promotions(
    organisation_id: int,
    user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[LevelEvent]:
    """Level changes (promotions and corrections), oldest first: one member's, or the whole
    organisation's, optionally within [since, until)."""
    query = LevelEvent.filter(organisation_id=organisation_id, kind__in=LEVEL_CHANGES)
    if user_id is not None:
        query = query.filter(user_id=user_id)
    if since is not None:
        query = query.filter(at__gte=since)
    if until is not None:
        query = query.filter(at__lt=until)
    return await query.order_by("id")


async def level_ranks(organisation_id: int, among: set[int] | None = None) -> dict[int, int]:
    """Each active member's level as its rank (1 Mentor Candidate … 5 Community Leader),
    members at no level left out; ``among`` limits it to those members. The shape of a badge
    rule's measure (models/badge_rules.py), so "mentor level reached" is one entry there."""
    query = MentorStanding.filter(
        organisation_id=organisation_id, level__isnull=False, user__is_active=True
    )
    if among is not None:
        query = query.filter(user_id__in=among)
    return {user: rank(Level(level)) for user, level in await query.values_list("user_id", "level")}


async def members_per_level(organisation_id: int) -> dict[Level, int]:
    """How many members stand at each level now (every level present, zero included)."""
    counted = Counter(
        await MentorStanding.filter(
            organisation_id=organisation_id, level__isnull=False, user__is_active=True
        ).values_list("level", flat=True)
    )
    return {level: counted.get(level, 0) for level in LEVELS}
