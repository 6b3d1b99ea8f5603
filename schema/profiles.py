"""Profiles as others see them: fields appear only at the view level that allows them."""

from __future__ import annotations

import strawberry
from strawberry import relay

from models import profiles
from models.profiles import CommunicationStyle, MarkKind, ProfileView
from resolvers import badges as badges_resolvers
from resolvers import profiles as profiles_resolvers
from schema.accounts import User
from schema.badges import BadgeAward
from schema.context import Info
from schema.inputs import given_fields
from schema.organisations import FocusArea
from schema.permissions import CanRead, CanWrite

CommunicationStyleEnum = strawberry.enum(CommunicationStyle, name="CommunicationStyle")
MarkKindEnum = strawberry.enum(MarkKind, name="MarkKind")


@strawberry.type(description="A weekly window in the person's own time zone.")
class AvailabilityWindow:
    weekday: int = strawberry.field(description="0 = Monday … 6 = Sunday.")
    start: str = strawberry.field(description="HH:MM local time.")
    end: str = strawberry.field(description="HH:MM local time; 00:00 means midnight.")


@strawberry.type
class Expertise:
    skill: str
    level: int
    focus_area: FocusArea | None


@strawberry.type
class LearningNeed:
    skill: str
    current_level: int
    target_level: int
    priority: int
    focus_area: FocusArea | None


@strawberry.type(description="A private attribute a programme may match on, e.g. gender.")
class ProfileAttribute:
    name: str
    value: str


@strawberry.type
class QuestionnaireAnswer:
    question: str
    answer: int


@strawberry.type(
    description="What a member shares; private fields are null unless you may see them."
)
class Profile:
    model: strawberry.Private[profiles.Profile]
    owner: strawberry.Private[object]
    view: strawberry.Private[ProfileView]

    @strawberry.field
    def user(self) -> User:
        return self.owner  # type: ignore[return-value]

    @strawberry.field
    def display_name(self) -> str:
        return self.owner.display_name  # type: ignore[attr-defined]

    @strawberry.field
    def bio(self) -> str:
        return self.model.bio

    @strawberry.field
    def languages(self) -> list[str]:
        return self.model.languages

    @strawberry.field
    def timezone(self) -> str:
        return self.model.timezone

    @strawberry.field
    def availability(self) -> list[AvailabilityWindow]:
        return [AvailabilityWindow(**w) for w in self.model.availability]

    @strawberry.field
    def communication_style(self) -> CommunicationStyleEnum:  # type: ignore[valid-type]
        return self.model.communication_style

    @strawberry.field
    def capacity(self) -> int:
        return self.model.capacity

    @strawberry.field
    def open_for_requests(self) -> bool:
        return self.model.open_for_requests

    @strawberry.field
    async def expertise(self, info: Info) -> list[Expertise]:
        return await info.context.loaders.expertise.load(self.model.user_id)

    @strawberry.field(description="Visible to the person, their mentors, coaches, coordinators.")
    async def learning_needs(self, info: Info) -> list[LearningNeed] | None:
        if self.view < ProfileView.PARTICIPANT:
            return None
        return await info.context.loaders.learning_needs.load(self.model.user_id)

    @strawberry.field(description="Visible to the person, their mentors, coaches, coordinators.")
    def goals(self) -> str | None:
        return self.model.goals if self.view >= ProfileView.PARTICIPANT else None

    @strawberry.field
    def questionnaire(self) -> list[QuestionnaireAnswer] | None:
        if self.view < ProfileView.PARTICIPANT:
            return None
        return [
            QuestionnaireAnswer(question=q, answer=a)
            for q, a in sorted(self.model.questionnaire.items())
        ]

    @strawberry.field(description="Under 18 (or age unknown): kept out of every listing.")
    def is_minor(self) -> bool | None:
        return self.model.is_minor if self.view >= ProfileView.PARTICIPANT else None

    @strawberry.field(description="Only for the person and their coordinators.")
    def birth_year(self) -> int | None:
        return self.model.birth_year if self.view == ProfileView.FULL else None

    @strawberry.field(description="Only for the person and their coordinators.")
    def contact_email(self) -> str | None:
        return self.model.contact_email if self.view == ProfileView.FULL else None

    @strawberry.field(description="Only for the person and their coordinators.")
    def contact_phone(self) -> str | None:
        return self.model.contact_phone if self.view == ProfileView.FULL else None

    @strawberry.field(description="Only for the person and their coordinators.")
    def attributes(self) -> list[ProfileAttribute] | None:
        if self.view != ProfileView.FULL:
            return None
        return [ProfileAttribute(name=k, value=v) for k, v in sorted(self.model.attributes.items())]

    @strawberry.field(description="Only for the person: whether mentor listings show you.")
    def listed_in_directory(self) -> bool | None:
        return self.model.listed_in_directory if self.view == ProfileView.FULL else None

    @strawberry.field(description="Only for the person: whether others see your badges.")
    def show_badges(self) -> bool | None:
        return self.model.show_badges if self.view == ProfileView.FULL else None

    @strawberry.field(
        description="Badges in force: null unless you are the person or their coordinator, "
        "or the person chose showBadges."
    )
    async def badges(self, info: Info) -> list[BadgeAward] | None:
        found = await badges_resolvers.on_profile(info.context, self.model, self.view)
        return found  # type: ignore[return-value]


@strawberry.input
class AvailabilityWindowInput:
    weekday: int
    start: str
    end: str


@strawberry.input
class ExpertiseInput:
    skill: str
    level: int
    focus_area: str | None = strawberry.field(default=None, description="Focus-area slug.")


@strawberry.input
class LearningNeedInput:
    skill: str
    target_level: int
    current_level: int = 1
    priority: int = 2
    focus_area: str | None = strawberry.field(default=None, description="Focus-area slug.")


@strawberry.input
class ProfileAttributeInput:
    name: str
    value: str


@strawberry.input
class QuestionnaireAnswerInput:
    question: str
    answer: int


@strawberry.input(description="Only the fields given change; lists replace the old ones.")
class ProfileInput:
    display_name: str | None = strawberry.UNSET
    bio: str | None = strawberry.UNSET
    languages: list[str] | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    availability: list[AvailabilityWindowInput] | None = strawberry.UNSET
    goals: str | None = strawberry.UNSET
    communication_style: CommunicationStyleEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    questionnaire: list[QuestionnaireAnswerInput] | None = strawberry.UNSET
    capacity: int | None = strawberry.UNSET
    open_for_requests: bool | None = strawberry.UNSET
    birth_year: int | None = strawberry.UNSET
    listed_in_directory: bool | None = strawberry.UNSET
    show_badges: bool | None = strawberry.UNSET
    contact_email: str | None = strawberry.UNSET
    contact_phone: str | None = strawberry.UNSET
    attributes: list[ProfileAttributeInput] | None = strawberry.UNSET
    expertise: list[ExpertiseInput] | None = strawberry.UNSET
    learning_needs: list[LearningNeedInput] | None = strawberry.UNSET


@strawberry.type
class ProfileQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def profile(self, info: Info, user_id: relay.GlobalID) -> Profile:
        return await profiles_resolvers.profile(info.context, user_id)


@strawberry.type
class ProfileMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def update_profile(self, info: Info, input: ProfileInput) -> Profile:
        return await profiles_resolvers.update_profile(info.context, given_fields(input))

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Favourite or hide a mentor; a null mark clears it.",
    )
    async def mark_mentor(
        self,
        info: Info,
        mentor_id: relay.GlobalID,
        mark: MarkKindEnum | None,  # type: ignore[valid-type]
    ) -> bool:
        return await profiles_resolvers.mark_mentor(info.context, mentor_id, mark)
