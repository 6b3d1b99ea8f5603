"""Programmes, their staff and enrolments."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry import relay

from models import programmes
from models.accounts import now
from models.journeys import stage_of
from models.programmes import (
    DEFAULT_REMINDER_LEADS,
    MatchingMode,
    MentoringModel,
    MentorStatus,
    ModeratorMode,
    Participation,
    ProgrammeStatus,
    StaffRole,
)
from resolvers import programmes as programmes_resolvers
from schema.accounts import User
from schema.context import Info
from schema.journeys import JourneyStageEnum
from schema.organisations import FocusArea, Organisation
from schema.permissions import CanRead, CanWrite

MentoringModelEnum = strawberry.enum(MentoringModel, name="MentoringModel")
MatchingModeEnum = strawberry.enum(MatchingMode, name="MatchingMode")
ParticipationEnum = strawberry.enum(Participation, name="Participation")
ModeratorModeEnum = strawberry.enum(ModeratorMode, name="ModeratorMode")
ProgrammeStatusEnum = strawberry.enum(ProgrammeStatus, name="ProgrammeStatus")
StaffRoleEnum = strawberry.enum(StaffRole, name="StaffRole")
MentorStatusEnum = strawberry.enum(MentorStatus, name="MentorStatus")


@strawberry.enum
class ScreeningDecision(Enum):
    APPROVE = "approve"
    REJECT = "reject"


@strawberry.type(description="A season or cohort of mentoring run by an organisation.")
class Programme(relay.Node):
    id: relay.NodeID[int]
    name: str
    slug: str
    description: str
    registration_opens_at: datetime
    registration_closes_at: datetime
    starts_on: date
    ends_on: date
    max_group_size: int
    matching_mode: MatchingModeEnum  # type: ignore[valid-type]
    participation: ParticipationEnum  # type: ignore[valid-type]
    moderator_mode: ModeratorModeEnum  # type: ignore[valid-type]
    status: ProgrammeStatusEnum  # type: ignore[valid-type]
    open_request_limit: int
    request_expiry_days: int
    mentors_per_mentee: int = strawberry.field(
        description="How many mentors one mentee may have at once in this programme."
    )

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, programmes.Programme))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[programmes.Programme | None]:
        return await programmes_resolvers.programmes_by_ids(
            info.context, [int(i) for i in node_ids]
        )

    @strawberry.field(description="Score weights this programme sets (others default).")
    def matching_weights(self) -> list[MatchingWeight]:
        weights = self.matching_weights  # type: ignore[attr-defined]
        return [MatchingWeight(component=k, weight=v) for k, v in sorted(weights.items())]

    @strawberry.field
    def attribute_rules(self) -> list[AttributeRule]:
        return [
            AttributeRule(
                attribute=r["attribute"],
                relation=AttributeRelation(r["relation"]),
                required=r.get("required", True),
            )
            for r in self.attribute_rules  # type: ignore[attr-defined]
        ]

    forbid_repeat_pairs: bool
    guidelines_id: str = strawberry.field(description="Relationship guidelines, Indonesian.")
    guidelines_en: str = strawberry.field(description="Relationship guidelines, English.")
    inactivity_days: int = strawberry.field(description="Quiet days before a nudge.")
    close_after_days: int = strawberry.field(description="Quiet days before offering to close.")
    pulse_first_days: int = strawberry.field(description="Days to the first check-in.")
    pulse_every_days: int = strawberry.field(description="Days between later check-ins.")
    anonymous_evaluations: bool
    room_opens_minutes: int = strawberry.field(
        description="Minutes before a session that its live room opens."
    )

    @strawberry.field(description="Minutes before a session that reminders go out.")
    def reminder_lead_minutes(self) -> list[int]:
        return self.reminder_lead_minutes or list(DEFAULT_REMINDER_LEADS)  # type: ignore[attr-defined]

    @strawberry.field
    def mentoring_models(self) -> list[MentoringModelEnum]:  # type: ignore[valid-type]
        return [MentoringModel(m) for m in self.mentoring_models]  # type: ignore[attr-defined]

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation:
        return await info.context.loaders.organisation.load(self.organisation_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        return await info.context.loaders.programme_focus_areas.load(self.id)

    @strawberry.field(description="Open for enrolment right now.")
    def registration_is_open(self) -> bool:
        return programmes.Programme.registration_is_open(self, now())  # type: ignore[arg-type]

    @strawberry.field(description="Your enrolment in this programme, if any.")
    async def my_enrolment(self, info: Info) -> Enrolment | None:
        user = info.context.user
        if user is None:
            return None
        return await programmes.Enrolment.get_or_none(programme_id=self.id, user_id=user.id)

    @strawberry.field(description="Enrolments, for the programme's coordinators and coaches.")
    async def enrolments(
        self,
        info: Info,
        mentor_status: MentorStatusEnum | None = None,  # type: ignore[valid-type]
    ) -> list[Enrolment]:
        return await programmes_resolvers.enrolments_of(info.context, self.id, mentor_status)


@strawberry.type(description="One person's place in one programme.")
class Enrolment(relay.Node):
    id: relay.NodeID[int]
    as_mentor: bool
    as_mentee: bool
    motivation: str
    mentor_status: MentorStatusEnum  # type: ignore[valid-type]
    screening_reason: str
    screened_at: datetime | None
    created_at: datetime

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, programmes.Enrolment))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[programmes.Enrolment | None]:
        return await programmes_resolvers.enrolments_by_ids(
            info.context, [int(i) for i in node_ids]
        )

    @strawberry.field(description="The mentee journey stage (null for mentor-only places).")
    async def journey_stage(self) -> JourneyStageEnum | None:  # type: ignore[valid-type]

        if not self.as_mentee:  # type: ignore[attr-defined]
            return None
        return await stage_of(self)  # type: ignore[arg-type]

    @strawberry.field
    async def member(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.user_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def programme(self, info: Info) -> Programme:
        return await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]


@strawberry.type(description="How much one score component counts in this programme.")
class MatchingWeight:
    component: str
    weight: float


@strawberry.enum
class AttributeRelation(Enum):
    SAME = "same"
    DIFFERENT = "different"


@strawberry.type(description="A rule on a private profile attribute, such as gender.")
class AttributeRule:
    attribute: str
    relation: AttributeRelation
    required: bool = strawberry.field(description="Hard rule if true, else a preference.")


@strawberry.input
class MatchingWeightInput:
    component: str = strawberry.field(
        description="skills, goals, language, availability, level, communication or diversity"
    )
    weight: float


@strawberry.input
class AttributeRuleInput:
    attribute: str
    relation: AttributeRelation = AttributeRelation.SAME
    required: bool = True


def matching_settings(
    weights: list[MatchingWeightInput] | None, rules: list[AttributeRuleInput] | None
) -> dict[str, object]:
    """Input lists to the JSON the model keeps; None leaves a setting as it is."""
    out: dict[str, object] = {}
    if weights is not None:
        out["matching_weights"] = {w.component: w.weight for w in weights}
    if rules is not None:
        out["attribute_rules"] = [
            {"attribute": r.attribute.strip(), "relation": r.relation.value, "required": r.required}
            for r in rules
        ]
    return out


@strawberry.input(description="A check-in question, answered 1-5, in both languages.")
class PulseQuestionInput:
    key: str
    text_id: str
    text_en: str


def pulse_settings(questions: list[PulseQuestionInput] | None) -> dict[str, object]:
    if questions is None:
        return {}
    return {
        "pulse_questions": [
            {"key": q.key.strip(), "id": q.text_id.strip(), "en": q.text_en.strip()}
            for q in questions
        ]
    }


@strawberry.input(description="Only the fields given change.")
class ProgrammeChanges:
    name: str | None = None
    description: str | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    mentoring_models: list[MentoringModelEnum] | None = None  # type: ignore[valid-type]
    focus_areas: list[str] | None = None
    max_group_size: int | None = None
    matching_mode: MatchingModeEnum | None = None  # type: ignore[valid-type]
    participation: ParticipationEnum | None = None  # type: ignore[valid-type]
    moderator_mode: ModeratorModeEnum | None = None  # type: ignore[valid-type]
    open_request_limit: int | None = None
    request_expiry_days: int | None = None
    mentors_per_mentee: int | None = None
    matching_weights: list[MatchingWeightInput] | None = None
    attribute_rules: list[AttributeRuleInput] | None = None
    forbid_repeat_pairs: bool | None = None
    guidelines_id: str | None = None
    guidelines_en: str | None = None
    inactivity_days: int | None = None
    close_after_days: int | None = None
    pulse_first_days: int | None = None
    pulse_every_days: int | None = None
    anonymous_evaluations: bool | None = None
    pulse_questions: list[PulseQuestionInput] | None = None
    reminder_lead_minutes: list[int] | None = None
    room_opens_minutes: int | None = None

    def values(self) -> dict[str, object]:
        """The model's settings from these fields; lists of inputs become their JSON."""
        nested = {"focus_areas", "matching_weights", "attribute_rules", "pulse_questions"}
        out = {k: v for k, v in vars(self).items() if k not in nested and v is not None}
        if self.mentoring_models is not None:
            out["mentoring_models"] = [m.value for m in self.mentoring_models]
        out.update(matching_settings(self.matching_weights, self.attribute_rules))
        out.update(pulse_settings(self.pulse_questions))
        return out


@strawberry.input(description="A new programme; settings left out take their defaults.")
class ProgrammeInput(ProgrammeChanges):
    # `= strawberry.field()` on each required field: a bare annotation would inherit
    # ProgrammeChanges' None default (dataclasses read it from the class), leaving the field
    # optional with a default introspection cannot print
    organisation_id: relay.GlobalID = strawberry.field()
    slug: str = strawberry.field()
    name: str = strawberry.field()
    registration_opens_at: datetime = strawberry.field()
    registration_closes_at: datetime = strawberry.field()
    starts_on: date = strawberry.field()
    ends_on: date = strawberry.field()
    mentoring_models: list[MentoringModelEnum] = strawberry.field()  # type: ignore[valid-type]
    focus_areas: list[str] = strawberry.field(default_factory=list)

    def values(self) -> dict[str, object]:
        out = super().values()
        del out["organisation_id"], out["slug"]
        return out


@strawberry.input
class EnrolInput:
    programme_id: relay.GlobalID
    as_mentor: bool = False
    as_mentee: bool = False
    motivation: str = ""


@strawberry.type
class ProgrammeQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def programmes(self, info: Info, organisation_id: relay.GlobalID) -> list[Programme]:
        return await programmes_resolvers.programmes_of(info.context, organisation_id)

    @strawberry.field(permission_classes=[CanRead])
    async def programme(self, info: Info, id: relay.GlobalID) -> Programme:
        return await programmes_resolvers.programme(info.context, id)

    @strawberry.field(permission_classes=[CanRead])
    async def my_enrolments(self, info: Info) -> list[Enrolment]:
        return await programmes_resolvers.my_enrolments(info.context)


@strawberry.type
class ProgrammeMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def create_programme(self, info: Info, input: ProgrammeInput) -> Programme:
        return await programmes_resolvers.create_programme(  # type: ignore[return-value]
            info.context, input.organisation_id, input.slug, input.focus_areas, input.values()
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def update_programme(
        self, info: Info, id: relay.GlobalID, changes: ProgrammeChanges
    ) -> Programme:
        return await programmes_resolvers.update_programme(  # type: ignore[return-value]
            info.context, id, changes.focus_areas, changes.values()
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def advance_programme(
        self,
        info: Info,
        id: relay.GlobalID,
        to: ProgrammeStatusEnum,  # type: ignore[valid-type]
    ) -> Programme:
        return await programmes_resolvers.advance_programme(info.context, id, to)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Invite an address to the programme's staff. Always true, whether or not "
        "the address has an account.",
    )
    async def appoint_staff(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        email: str,
        role: StaffRoleEnum,  # type: ignore[valid-type]
    ) -> bool:
        return await programmes_resolvers.appoint_staff(info.context, programme_id, email, role)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def enrol(self, info: Info, input: EnrolInput) -> Enrolment:
        return await programmes_resolvers.enrol(  # type: ignore[return-value]
            info.context, input.programme_id, input.as_mentor, input.as_mentee, input.motivation
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def screen_mentor(
        self,
        info: Info,
        enrolment_id: relay.GlobalID,
        decision: ScreeningDecision,
        reason: str = "",
    ) -> Enrolment:
        return await programmes_resolvers.screen_mentor(
            info.context, enrolment_id, decision == ScreeningDecision.APPROVE, reason
        )
