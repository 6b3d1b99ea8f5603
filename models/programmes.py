"""Programmes (a season or cohort), who runs them, and who enrols in them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import directory_index
from models.accounts import User, now, require_verified
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.organisations import FocusArea, Organisation, OrgMembership, OrgRole, check_slug


class MentoringModel(StrEnum):
    ONE_TO_ONE = "one_to_one"
    GROUP = "group"
    PEER = "peer"
    REVERSE = "reverse"
    FLASH = "flash"
    PROJECT_BASED = "project_based"
    DISTANCE = "distance"
    COMMUNITY_OF_PRACTICE = "community_of_practice"
    CIRCLE = "circle"
    SITUATIONAL = "situational"


class MatchingMode(StrEnum):
    COORDINATOR = "coordinator"
    SELF_SELECT = "self_select"
    BOTH = "both"


class Participation(StrEnum):
    VOLUNTARY = "voluntary"
    MANDATORY = "mandatory"


class ModeratorMode(StrEnum):
    APPOINTED = "appointed"
    ELECTED = "elected"
    NONE = "none"


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"
    REGISTRATION_OPEN = "registration_open"
    RUNNING = "running"
    CLOSED = "closed"


NEXT_STATUS = {
    ProgrammeStatus.DRAFT: ProgrammeStatus.REGISTRATION_OPEN,
    ProgrammeStatus.REGISTRATION_OPEN: ProgrammeStatus.RUNNING,
    ProgrammeStatus.RUNNING: ProgrammeStatus.CLOSED,
}


class StaffRole(StrEnum):
    COORDINATOR = "coordinator"
    MENTOR_COACH = "mentor_coach"


class MentorStatus(StrEnum):
    NOT_APPLIED = "not_applied"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Programme(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name="programmes", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=120)
    slug = fields.CharField(max_length=60)
    description = fields.TextField(default="")
    focus_areas: fields.ManyToManyRelation[FocusArea] = fields.ManyToManyField(
        "rajut.FocusArea", related_name="programmes", through="programme_focus_areas"
    )
    mentoring_models = fields.JSONField(default=list)
    registration_opens_at = fields.DatetimeField()
    registration_closes_at = fields.DatetimeField()
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    max_group_size = fields.IntField(default=5)
    matching_mode = fields.CharEnumField(MatchingMode, max_length=16, default=MatchingMode.BOTH)
    participation = fields.CharEnumField(
        Participation, max_length=16, default=Participation.VOLUNTARY
    )
    moderator_mode = fields.CharEnumField(
        ModeratorMode, max_length=16, default=ModeratorMode.APPOINTED
    )
    status = fields.CharEnumField(ProgrammeStatus, max_length=24, default=ProgrammeStatus.DRAFT)
    open_request_limit = fields.IntField(default=5)
    # how many mentors one mentee may have at once in this programme (requests and matches)
    mentors_per_mentee = fields.IntField(default=1)
    request_expiry_days = fields.IntField(default=14)
    # Matching rules: component weights, attribute rules such as
    # [{"attribute": "gender", "relation": "same", "required": true}], and whether people
    # paired in an earlier programme of the organisation may be paired again.
    matching_weights = fields.JSONField(default=dict)
    attribute_rules = fields.JSONField(default=list)
    forbid_repeat_pairs = fields.BooleanField(default=False)
    inactivity_days = fields.IntField(default=21)  # then both sides are nudged
    close_after_days = fields.IntField(default=60)  # then the relationship is offered for closing
    pulse_first_days = fields.IntField(default=30)  # the early "is this working?" check-in
    pulse_every_days = fields.IntField(default=60)
    pulse_questions = fields.JSONField(default=list)  # [{"key", "id", "en"}]; empty: default
    anonymous_evaluations = fields.BooleanField(default=True)
    reminder_lead_minutes = fields.JSONField(default=list)  # empty: 24 h and 1 h before
    room_opens_minutes = fields.IntField(default=15)  # a session's live room opens this early
    # Relationship guidelines (code of conduct, expectations, boundaries), per language:
    # every participant acknowledges them before a relationship starts.
    guidelines_id = fields.TextField(default="")
    guidelines_en = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "programmes"
        unique_together = (("organisation", "slug"),)

    def registration_is_open(self, at: datetime) -> bool:
        return (
            self.status == ProgrammeStatus.REGISTRATION_OPEN
            and self.registration_opens_at <= at < self.registration_closes_at
        )


class ProgrammeStaff(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="staff", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="staff_roles", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(StaffRole, max_length=16)

    class Meta:
        table = "programme_staff"
        unique_together = (("programme", "user", "role"),)


class Enrolment(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="enrolments", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="enrolments", on_delete=fields.CASCADE
    )
    as_mentor = fields.BooleanField(default=False)
    as_mentee = fields.BooleanField(default=False)
    motivation = fields.TextField(default="")
    mentor_status = fields.CharEnumField(
        MentorStatus, max_length=16, default=MentorStatus.NOT_APPLIED
    )
    screening_reason = fields.TextField(default="")
    screened_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    screened_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enrolments"
        unique_together = (("programme", "user"),)


@dataclass(frozen=True)
class ProgrammeAccess:
    """What one person is to one programme; every permission check reads from this."""

    org_admin: bool
    staff: frozenset[StaffRole]
    enrolment: Enrolment | None

    @property
    def coordinates(self) -> bool:
        return self.org_admin or StaffRole.COORDINATOR in self.staff

    @property
    def coaches(self) -> bool:
        return self.coordinates or StaffRole.MENTOR_COACH in self.staff

    @property
    def participates(self) -> bool:
        return self.coaches or self.enrolment is not None


async def access_to(user: User | None, programme: Programme) -> ProgrammeAccess:
    if user is None:
        return ProgrammeAccess(False, frozenset(), None)
    return (await accesses_to(programme, [user.id]))[user.id]


async def accesses_to(
    programme: Programme, user_ids: Collection[int]
) -> dict[int, ProgrammeAccess]:
    """``access_to`` for many people at once, in three queries whatever their number."""
    ids = list(set(user_ids))
    admins = set(
        await OrgMembership.filter(
            organisation_id=programme.organisation_id, user_id__in=ids, role=OrgRole.ADMIN
        ).values_list("user_id", flat=True)
    )
    staff: dict[int, set[StaffRole]] = defaultdict(set)
    for user_id, role in await ProgrammeStaff.filter(
        programme_id=programme.id, user_id__in=ids
    ).values_list("user_id", "role"):
        staff[user_id].add(StaffRole(role))
    enrolments = {
        e.user_id: e for e in await Enrolment.filter(programme_id=programme.id, user_id__in=ids)
    }
    return {
        user_id: ProgrammeAccess(
            user_id in admins, frozenset(staff[user_id]), enrolments.get(user_id)
        )
        for user_id in ids
    }


def _shows(programme: Programme, access: ProgrammeAccess) -> bool:
    """Drafts are for their organisers only; to anyone else they do not exist."""
    return programme.status != ProgrammeStatus.DRAFT or access.coordinates


async def visible_programme(
    user: User | None, programme_id: int
) -> tuple[Programme, ProgrammeAccess]:
    """The programme and what ``user`` is to it; NotFound if it does not show to them."""
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None:
        raise NotFound("No such programme.", field="id")
    access = await access_to(user, programme)
    if not _shows(programme, access):
        raise NotFound("No such programme.", field="id")
    return programme, access


async def visible_programmes(
    pairs: Collection[tuple[int, int]],
) -> dict[tuple[int, int], tuple[Programme, ProgrammeAccess]]:
    """``visible_programme`` for many (programme ID, user ID) pairs at once: one query for
    the programmes and three for each programme's people. Pairs whose programme does not
    exist or does not show to that person are left out."""
    users: dict[int, set[int]] = defaultdict(set)
    for programme_id, user_id in pairs:
        users[programme_id].add(user_id)
    found = {}
    for programme in await Programme.filter(id__in=list(users)):
        for user_id, access in (await accesses_to(programme, users[programme.id])).items():
            if _shows(programme, access):
                found[programme.id, user_id] = programme, access
    return found


async def coordinated_programme(user: User, programme_id: int) -> Programme:
    programme, access = await visible_programme(user, programme_id)
    if not access.coordinates:
        raise Forbidden("Only the programme's coordinators may do that.")
    return programme


_SETTABLE = {
    "name", "description", "mentoring_models", "registration_opens_at",
    "registration_closes_at", "starts_on", "ends_on", "max_group_size", "matching_mode",
    "participation", "moderator_mode", "open_request_limit", "request_expiry_days",
    "mentors_per_mentee",
    "matching_weights", "attribute_rules", "forbid_repeat_pairs", "guidelines_id",
    "guidelines_en", "inactivity_days", "close_after_days", "pulse_first_days",
    "pulse_every_days", "anonymous_evaluations", "pulse_questions", "reminder_lead_minutes",
    "room_opens_minutes",
}  # fmt: skip
DEFAULT_GUIDELINES_ID = (
    "Saling menghormati waktu dan pendapat. Jaga kerahasiaan cerita yang dibagikan. "
    "Bertemu hanya lewat ruang Rajut atau tempat umum; tidak ada hubungan pribadi di luar "
    "program. Laporkan kekhawatiran kepada koordinator. Pendamping anak di bawah umur "
    "tidak pernah bertemu berdua tanpa pengawasan."
)
DEFAULT_GUIDELINES_EN = (
    "Respect each other's time and views. Keep what is shared confidential. Meet only in "
    "Rajut rooms or public places; no private relationship outside the programme. Report "
    "concerns to the coordinators. Mentors of minors never meet them alone unsupervised."
)
# minutes before a session, for programmes that set no reminder times of their own
DEFAULT_REMINDER_LEADS = (24 * 60, 60)
MAX_MENTORS_PER_MENTEE = 5
WEIGHT_NAMES = frozenset(
    {"skills", "goals", "language", "availability", "level", "communication", "diversity"}
)


def _check_programme(values: dict[str, Any]) -> None:
    name = values["name"].strip()
    if not 1 <= len(name) <= 120:
        raise BadInput("Give a name of 1 to 120 characters.", field="name")
    models = values["mentoring_models"]
    if not models:
        raise BadInput("Allow at least one mentoring model.", field="mentoringModels")
    if len(set(models)) != len(models):
        raise BadInput("List each mentoring model once.", field="mentoringModels")
    opens, closes = values["registration_opens_at"], values["registration_closes_at"]
    if opens.tzinfo is None or closes.tzinfo is None:
        raise BadInput("Give times with a UTC offset.", field="registrationOpensAt")
    if closes <= opens:
        raise BadInput("Registration must close after it opens.", field="registrationClosesAt")
    starts, ends = values["starts_on"], values["ends_on"]
    if ends < starts:
        raise BadInput("The programme must end on or after its start.", field="endsOn")
    if closes.date() > ends:
        raise BadInput("Registration must close before the programme ends.", field="endsOn")
    if not 1 <= values["max_group_size"] <= 20:
        raise BadInput("Group size must be between 1 and 20.", field="maxGroupSize")
    if not 1 <= values["open_request_limit"] <= 50:
        raise BadInput("Open request limit must be between 1 and 50.", field="openRequestLimit")
    if not 1 <= values["mentors_per_mentee"] <= MAX_MENTORS_PER_MENTEE:
        raise BadInput(
            f"A mentee may have 1 to {MAX_MENTORS_PER_MENTEE} mentors at once.",
            field="mentorsPerMentee",
        )
    if not 1 <= values["request_expiry_days"] <= 90:
        raise BadInput("Requests must expire after 1 to 90 days.", field="requestExpiryDays")
    weights = values["matching_weights"]
    if set(weights) - WEIGHT_NAMES or any(not 0 <= w <= 10 for w in weights.values()):
        raise BadInput(
            f"Weights are numbers from 0 to 10 for: {', '.join(sorted(WEIGHT_NAMES))}.",
            field="matchingWeights",
        )
    if not 7 <= values["inactivity_days"] < values["close_after_days"] <= 365:
        raise BadInput(
            "Inactivity takes 7 days or more, closing later, within a year.", field="inactivityDays"
        )
    if not 1 <= values["pulse_first_days"] <= 365 or not 7 <= values["pulse_every_days"] <= 365:
        raise BadInput(
            "Check-ins come after 1-365 days, then every 7-365 days.", field="pulseFirstDays"
        )
    leads = values["reminder_lead_minutes"]
    if len(leads) > 5 or any(not 5 <= m <= 7 * 24 * 60 for m in leads):
        raise BadInput(
            "Give up to 5 reminder times, 5 minutes to 7 days ahead.", field="reminderLeadMinutes"
        )
    if not 0 <= values["room_opens_minutes"] <= 120:
        raise BadInput("Rooms open 0 to 120 minutes before a session.", field="roomOpensMinutes")
    questions = values["pulse_questions"]
    keys = [q.get("key", "") for q in questions]
    if (
        len(questions) > 10
        or len(set(keys)) != len(keys)
        or any(
            not k or not q.get("id") or not q.get("en")
            for k, q in zip(keys, questions, strict=True)
        )
    ):
        raise BadInput(
            "Up to 10 check-in questions, each with a unique key and both texts.",
            field="pulseQuestions",
        )
    for key, field_name in (("guidelines_id", "guidelinesId"), ("guidelines_en", "guidelinesEn")):
        if len(values[key]) > 20000:
            raise BadInput("Keep the guidelines under 20,000 characters.", field=field_name)
    if weights and not sum(weights.values()):
        raise BadInput("At least one weight must be above zero.", field="matchingWeights")
    for rule in values["attribute_rules"]:
        if not 1 <= len(rule.get("attribute", "")) <= 30 or rule.get("relation") not in (
            "same",
            "different",
        ):
            raise BadInput(
                "Each rule names an attribute and 'same' or 'different'.", field="attributeRules"
            )


async def _focus_areas_of(organisation_id: int, slugs: list[str]) -> list[FocusArea]:
    areas = await FocusArea.filter(organisation_id=organisation_id, slug__in=slugs)
    missing = sorted(set(slugs) - {a.slug for a in areas})
    if missing:
        raise BadInput(f"Unknown focus areas: {', '.join(missing)}.", field="focusAreas")
    return areas


async def create_programme(
    admin: User, organisation: Organisation, slug: str, focus_areas: list[str], **values: Any
) -> Programme:
    from models.organisations import require_org_admin

    await require_org_admin(admin, organisation.id)
    check_slug(slug)
    defaults = {
        "description": "", "max_group_size": 5, "matching_mode": MatchingMode.BOTH,
        "participation": Participation.VOLUNTARY, "moderator_mode": ModeratorMode.APPOINTED,
        "open_request_limit": 5, "request_expiry_days": 14, "mentors_per_mentee": 1,
        "matching_weights": {},
        "attribute_rules": [], "forbid_repeat_pairs": False,
        "guidelines_id": DEFAULT_GUIDELINES_ID, "guidelines_en": DEFAULT_GUIDELINES_EN,
        "inactivity_days": 21, "close_after_days": 60, "pulse_first_days": 30,
        "pulse_every_days": 60, "anonymous_evaluations": True, "pulse_questions": [],
        "reminder_lead_minutes": [], "room_opens_minutes": 15,
    }  # fmt: skip
    values = {**defaults, **{k: v for k, v in values.items() if v is not None}}
    _check_programme(values)
    if await Programme.filter(organisation_id=organisation.id, slug=slug).exists():
        raise Conflict("A programme with that slug exists in this organisation.", field="slug")
    areas = await _focus_areas_of(organisation.id, focus_areas)
    async with in_transaction():
        programme = await Programme.create(
            organisation=organisation, slug=slug, **{k: values[k] for k in _SETTABLE}
        )
        if areas:
            await programme.focus_areas.add(*areas)
        await ProgrammeStaff.create(programme=programme, user=admin, role=StaffRole.COORDINATOR)
    return programme


async def update_programme(
    user: User, programme_id: int, focus_areas: list[str] | None, **changes: Any
) -> Programme:
    programme = await coordinated_programme(user, programme_id)
    if programme.status == ProgrammeStatus.CLOSED:
        raise Conflict("A closed programme cannot be changed.")
    values = {k: getattr(programme, k) for k in _SETTABLE}
    values.update({k: v for k, v in changes.items() if v is not None})
    _check_programme(values)
    areas = (
        None
        if focus_areas is None
        else await _focus_areas_of(programme.organisation_id, focus_areas)
    )
    async with in_transaction():
        for key in _SETTABLE:
            setattr(programme, key, values[key])
        await programme.save()
        if areas is not None:
            await programme.focus_areas.clear()
            if areas:
                await programme.focus_areas.add(*areas)
    return programme


async def advance_programme(user: User, programme_id: int, to: ProgrammeStatus) -> Programme:
    """Open registration or start running. Closing ends relationships and requests as well,
    so it goes through ``models.closing.close_programme``."""
    if to == ProgrammeStatus.CLOSED:
        raise Conflict("Close a programme with models.closing.close_programme.", field="status")
    programme = await coordinated_programme(user, programme_id)
    if NEXT_STATUS.get(programme.status) != to:
        raise Conflict(
            f"A programme in status {programme.status.value} cannot move to {to.value}.",
            field="status",
        )
    programme.status = to
    await programme.save(update_fields=["status"])
    return programme


async def appoint_staff(
    user: User, programme_id: int, member: User, role: StaffRole
) -> ProgrammeStaff:
    """Appoint directly, for trusted callers (the demo seed); people are invited instead
    (models/invitations.py) and `grant_staff` runs when they accept."""
    programme = await coordinated_programme(user, programme_id)
    return await grant_staff(programme.id, member, role)


async def grant_staff(programme_id: int, member: User, role: StaffRole) -> ProgrammeStaff:
    programme = await Programme.get(id=programme_id)
    staff, _ = await ProgrammeStaff.get_or_create(programme=programme, user=member, role=role)
    await OrgMembership.get_or_create(organisation_id=programme.organisation_id, user=member)
    return staff


async def enrol(
    user: User, programme_id: int, as_mentor: bool, as_mentee: bool, motivation: str
) -> Enrolment:
    """Join a programme as mentor, mentee or both; applying as mentor awaits screening."""
    require_verified(user, "enrol")
    programme, _ = await visible_programme(user, programme_id)
    if not (as_mentor or as_mentee):
        raise BadInput("Enrol as mentor, mentee or both.", field="asMentor")
    if len(motivation) > 2000:
        raise BadInput("Keep the motivation under 2000 characters.", field="motivation")
    if not programme.registration_is_open(now()):
        raise Conflict("Registration for this programme is not open.", field="programmeId")
    async with in_transaction():
        return await join(programme, user, as_mentor, as_mentee, motivation)


async def join(
    programme: Programme, user: User, as_mentor: bool, as_mentee: bool, motivation: str
) -> Enrolment:
    """Enrol (or add a role to an enrolment) without the registration checks: for `enrol`
    and for accepting a coordinator's invitation. A new mentor awaits screening."""
    await OrgMembership.get_or_create(organisation_id=programme.organisation_id, user=user)
    enrolment = await Enrolment.get_or_none(programme_id=programme.id, user_id=user.id)
    enrolment = enrolment or Enrolment(programme=programme, user=user)
    if as_mentor and not enrolment.as_mentor:
        enrolment.as_mentor = True
        enrolment.mentor_status = MentorStatus.PENDING
    enrolment.as_mentee = enrolment.as_mentee or as_mentee
    enrolment.motivation = motivation.strip() or enrolment.motivation
    await enrolment.save()
    return enrolment


async def screen_mentor(user: User, enrolment_id: int, approve: bool, reason: str) -> Enrolment:
    enrolment = await Enrolment.get_or_none(id=enrolment_id).select_related("programme")
    if enrolment is None:
        raise NotFound("No such enrolment.", field="enrolmentId")
    access = await access_to(user, enrolment.programme)
    if not access.coordinates:
        raise NotFound("No such enrolment.", field="enrolmentId")
    if not enrolment.as_mentor:
        raise Conflict("This person did not apply as a mentor.", field="enrolmentId")
    reason = reason.strip()
    if not approve and not reason:
        raise BadInput("Say why the application is declined.", field="reason")
    if enrolment.user_id == user.id:
        raise Forbidden("You cannot screen your own application.")
    enrolment.mentor_status = MentorStatus.APPROVED if approve else MentorStatus.REJECTED
    enrolment.screening_reason = reason
    enrolment.screened_by_id = user.id
    enrolment.screened_at = now()
    async with in_transaction():
        await enrolment.save()
        await directory_index.refresh([enrolment.user_id])
    return enrolment
