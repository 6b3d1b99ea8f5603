"""Mentor training and levels: modules and completions, the five levels, each mentor's
progress explained in both languages, and the coordinators' decisions.

The fields live on ``LevelQueries`` and ``LevelMutations``; schema/root.py merges them.
Texts a person reads come in the viewer's language (``text``, ``name``, ``summary``, from the
account's ``setLocale``) and in both (``…Id``, ``…En``), so an app can follow its own switch.
"""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models import eligibility, levels
from resolvers import levels as resolve
from schema.accounts import User
from schema.context import Info
from schema.inputs import given_fields
from schema.organisations import FocusArea
from schema.permissions import CanRead, CanWrite

MentorLevelEnum = strawberry.enum(
    levels.Level, name="MentorLevel", description="The seed plan's mentor levels, lowest first."
)
TrainingStatusEnum = strawberry.enum(levels.CompletionStatus, name="TrainingStatus")
LevelHistoryKindEnum = strawberry.enum(levels.HistoryKind, name="LevelHistoryKind")


@strawberry.type(description="One of the five levels, named in both languages.")
class LevelInfo:
    level: MentorLevelEnum  # type: ignore[valid-type]
    rank: int = strawberry.field(description="1 (Mentor Candidate) to 5 (Community Leader).")
    name_id: str
    name_en: str

    @strawberry.field(description="The name in the viewer's language.")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.english else self.name_id


def level_info(level: levels.Level | None) -> LevelInfo | None:
    if level is None:
        return None
    name_id, name_en = levels.LEVEL_NAMES[level]
    return LevelInfo(level=level, rank=levels.rank(level), name_id=name_id, name_en=name_en)


@strawberry.type(description="An organisation's thresholds for the levels.")
class LevelRules:
    group_mentor_relationships: int = strawberry.field(
        description="Completed relationships (as mentor) that Group Mentor asks for."
    )
    group_mentor_days: int = strawberry.field(
        description="Days as Group Mentor before Mentor Coach."
    )
    coach_min_ratings: int = strawberry.field(
        description="Session ratings from mentees that Mentor Coach asks for."
    )
    coach_mean_rating: float = strawberry.field(
        description="The mean of those ratings that Mentor Coach asks for."
    )
    expertise_level: int = strawberry.field(
        description="The confirmed expertise level (1-5) that Community Mentor asks for."
    )

    @strawberry.field(description="The levels, lowest first.")
    def levels(self) -> list[LevelInfo]:
        return [level_info(level) for level in levels.LEVELS]  # type: ignore[misc]


@strawberry.input(description="Only the thresholds given change.")
class LevelRulesInput:
    group_mentor_relationships: int | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 100."
    )
    group_mentor_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="0 to 3650."
    )
    coach_min_ratings: int | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 1000."
    )
    coach_mean_rating: float | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 5."
    )
    expertise_level: int | None = strawberry.field(default=strawberry.UNSET, description="1 to 5.")


@strawberry.type(description="Mentor training an organisation offers.")
class TrainingModule(relay.Node):
    id: relay.NodeID[int]
    title: str
    content: str = strawberry.field(description="Text, as the coordinators wrote it.")
    link: str = strawberry.field(description="An http(s) address, or empty.")
    required_for: MentorLevelEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="The level that asks for it; null when optional."
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, levels.TrainingModule))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[levels.TrainingModule | None]:
        return await resolve.modules_by_ids(info.context, [int(i) for i in node_ids])

    @strawberry.field
    def organisation_id(self) -> relay.GlobalID:
        return relay.GlobalID("Organisation", str(self.organisation_id))  # type: ignore[attr-defined]

    @strawberry.field(description="Archived modules are no longer offered or asked for.")
    def archived(self) -> bool:
        return self.archived_at is not None  # type: ignore[attr-defined]

    @strawberry.field(description="Whether you declared or completed it.")
    async def my_completion(self, info: Info) -> TrainingCompletion | None:
        return await resolve.my_completion(info.context, self)  # type: ignore[arg-type, return-value]


@strawberry.type(description="A member's completion of a training module.")
class TrainingCompletion:
    status: TrainingStatusEnum  # type: ignore[valid-type]
    declared_at: datetime | None = strawberry.field(
        description="When the member said they completed it (null: a coordinator recorded it)."
    )
    confirmed_at: datetime | None

    @strawberry.field
    async def module(self, info: Info) -> TrainingModule:
        return await resolve.module_of(info.context, self.module_id)  # type: ignore[attr-defined, return-value]

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.user_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def confirmed_by(self, info: Info) -> User | None:
        by = self.confirmed_by_id  # type: ignore[attr-defined]
        return None if by is None else await info.context.loaders.user.load(by)


@strawberry.input
class TrainingModuleInput:
    organisation_id: relay.GlobalID
    title: str = strawberry.field(description="1 to 200 characters.")
    content: str = strawberry.field(default="", description="At most 20,000 characters.")
    link: str = strawberry.field(default="", description="http(s), at most 500 characters.")
    required_for: MentorLevelEnum | None = None  # type: ignore[valid-type]


@strawberry.input(description="Only the fields given change; requiredFor: null makes it optional.")
class TrainingModuleChanges:
    title: str | None = strawberry.UNSET
    content: str | None = strawberry.UNSET
    link: str | None = strawberry.UNSET
    required_for: MentorLevelEnum | None = strawberry.UNSET  # type: ignore[valid-type]


@strawberry.type(description="A coordinator saw a member's expertise in a focus area.")
class ExpertiseConfirmation:
    level: int
    confirmed_at: datetime

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.user_id)  # type: ignore[attr-defined]

    @strawberry.field
    async def focus_area(self, info: Info) -> FocusArea:
        return await resolve.focus_area_of(info.context, self.focus_area_id)  # type: ignore[attr-defined, return-value]

    @strawberry.field
    async def confirmed_by(self, info: Info) -> User | None:
        by = self.confirmed_by_id  # type: ignore[attr-defined]
        return None if by is None else await info.context.loaders.user.load(by)


@strawberry.type(description="One step of a member's history: who did what, and when.")
class LevelHistoryEntry:
    kind: LevelHistoryKindEnum  # type: ignore[valid-type]
    note: str = strawberry.field(description="A reason, a nomination, or the level confirmed.")
    at: datetime

    @strawberry.field
    def from_level(self) -> MentorLevelEnum | None:  # type: ignore[valid-type]
        return self.from_level  # type: ignore[attr-defined]

    @strawberry.field
    def to_level(self) -> MentorLevelEnum | None:  # type: ignore[valid-type]
        return self.to_level  # type: ignore[attr-defined]

    @strawberry.field(description="Who did it (null once their account is gone).")
    async def actor(self, info: Info) -> User | None:
        by = self.actor_id  # type: ignore[attr-defined]
        return None if by is None else await info.context.loaders.user.load(by)

    @strawberry.field
    async def module(self, info: Info) -> TrainingModule | None:
        return await resolve.module_of(info.context, self.module_id)  # type: ignore[attr-defined, return-value]

    @strawberry.field
    async def focus_area(self, info: Info) -> FocusArea | None:
        return await resolve.focus_area_of(info.context, self.focus_area_id)  # type: ignore[attr-defined, return-value]


@strawberry.type(description="One requirement of the next level, with its figures.")
class LevelRequirement:
    requirement: strawberry.Private[eligibility.Requirement]

    @strawberry.field(
        description="profile, training, expertise, relationships, days_as_group_mentor, "
        "ratings, mean_rating or nomination."
    )
    def key(self) -> str:
        return self.requirement.key

    @strawberry.field
    def met(self) -> bool:
        return self.requirement.met

    @strawberry.field(description="Where the member stands (a count, days, a level, a mean).")
    def current(self) -> float:
        return self.requirement.current

    @strawberry.field(description="What the level asks for, in the same unit.")
    def target(self) -> float:
        return self.requirement.target

    @strawberry.field(description="In the viewer's language.")
    def text(self, info: Info) -> str:
        return self.requirement.text_en if info.context.english else self.requirement.text_id

    @strawberry.field(description="In Bahasa Indonesia.")
    def text_id(self) -> str:
        return self.requirement.text_id

    @strawberry.field(description="In English.")
    def text_en(self) -> str:
        return self.requirement.text_en


@strawberry.type(description="Where a member stands in an organisation, and what is missing.")
class MentorProgress:
    progress: strawberry.Private[eligibility.Progress]

    @strawberry.field
    async def user(self, info: Info) -> User:
        return await info.context.loaders.user.load(self.progress.user_id)  # type: ignore[return-value]

    @strawberry.field
    def organisation_id(self) -> relay.GlobalID:
        return relay.GlobalID("Organisation", str(self.progress.organisation_id))

    @strawberry.field(description="Null before the first promotion.")
    def level(self) -> LevelInfo | None:
        return level_info(self.progress.level)

    @strawberry.field(description="When the member reached the current level.")
    def since(self) -> datetime | None:
        return self.progress.since

    @strawberry.field(description="Null at the top.")
    def next_level(self) -> LevelInfo | None:
        return level_info(self.progress.next_level)

    @strawberry.field(description="Every requirement of the next level is met.")
    def eligible(self) -> bool:
        return self.progress.eligible

    @strawberry.field(description="Nominated for Community Leader (while a Mentor Coach).")
    def nominated(self) -> bool:
        return self.progress.nominated

    @strawberry.field(description="The next level's requirements: met or not, and figures.")
    def requirements(self) -> list[LevelRequirement]:
        return [LevelRequirement(requirement=r) for r in self.progress.requirements]

    @strawberry.field(description="In the viewer's language.")
    def summary(self, info: Info) -> str:
        text_id, text_en = self.progress.summary
        return text_en if info.context.english else text_id

    @strawberry.field(description="In Bahasa Indonesia.")
    def summary_id(self) -> str:
        return self.progress.summary[0]

    @strawberry.field(description="In English.")
    def summary_en(self) -> str:
        return self.progress.summary[1]

    @strawberry.field(description="Promotions and corrections, oldest first.")
    async def promotions(self, info: Info) -> list[LevelHistoryEntry]:
        return await resolve.history(info.context, self.progress, True)  # type: ignore[return-value]

    @strawberry.field(
        description="Everything that counted: training, expertise, nominations, level changes."
    )
    async def history(self, info: Info) -> list[LevelHistoryEntry]:
        return await resolve.history(info.context, self.progress, False)  # type: ignore[return-value]


def _progress(found: eligibility.Progress) -> MentorProgress:
    return MentorProgress(progress=found)


@strawberry.type
class LevelQueries:
    @strawberry.field(permission_classes=[CanRead], description="For the organisation's members.")
    async def level_rules(self, info: Info, organisation_id: relay.GlobalID) -> LevelRules:
        return await resolve.level_rules(info.context, organisation_id)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="The organisation's training modules (includeArchived: coordinators).",
    )
    async def training_modules(
        self, info: Info, organisation_id: relay.GlobalID, include_archived: bool = False
    ) -> list[TrainingModule]:
        return await resolve.training_modules(  # type: ignore[return-value]
            info.context, organisation_id, include_archived
        )

    @strawberry.field(
        permission_classes=[CanRead],
        description="Declarations waiting for a coordinator's confirmation, oldest first.",
    )
    async def training_declarations(
        self, info: Info, organisation_id: relay.GlobalID
    ) -> list[TrainingCompletion]:
        return await resolve.training_declarations(info.context, organisation_id)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="Your level and what the next one asks (userId: coordinators only).",
    )
    async def mentor_progress(
        self, info: Info, organisation_id: relay.GlobalID, user_id: relay.GlobalID | None = None
    ) -> MentorProgress:
        return _progress(await resolve.mentor_progress(info.context, organisation_id, user_id))

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: the organisation's mentors by id, optionally only those "
        "eligible for promotion now or those at one level. first: 1-500.",
    )
    async def mentor_levels(
        self,
        info: Info,
        organisation_id: relay.GlobalID,
        eligible_only: bool = False,
        level: MentorLevelEnum | None = None,  # type: ignore[valid-type]
        first: int = 100,
        after: relay.GlobalID | None = None,
    ) -> list[MentorProgress]:
        found = await resolve.mentor_levels(
            info.context, organisation_id, eligible_only, level, first, after
        )
        return [_progress(p) for p in found]


@strawberry.type
class LevelMutations:
    @strawberry.mutation(permission_classes=[CanWrite], description="Organisation admins.")
    async def set_level_rules(
        self, info: Info, organisation_id: relay.GlobalID, input: LevelRulesInput
    ) -> LevelRules:
        return await resolve.set_level_rules(  # type: ignore[return-value]
            info.context, organisation_id, given_fields(input)
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Coordinators.")
    async def create_training_module(
        self, info: Info, input: TrainingModuleInput
    ) -> TrainingModule:
        return await resolve.create_training_module(  # type: ignore[return-value]
            info.context,
            input.organisation_id,
            input.title,
            input.content,
            input.link,
            input.required_for,
        )

    @strawberry.mutation(permission_classes=[CanWrite], description="Coordinators.")
    async def update_training_module(
        self, info: Info, id: relay.GlobalID, changes: TrainingModuleChanges
    ) -> TrainingModule:
        return await resolve.update_training_module(  # type: ignore[return-value]
            info.context, id, given_fields(changes)
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: archive (or, archived: false, bring back); completions stay.",
    )
    async def archive_training_module(
        self, info: Info, id: relay.GlobalID, archived: bool = True
    ) -> TrainingModule:
        return await resolve.archive_training_module(info.context, id, archived)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Say you completed a module; a coordinator confirms. Again: no change.",
    )
    async def declare_training_completed(
        self, info: Info, module_id: relay.GlobalID
    ) -> TrainingCompletion:
        return await resolve.declare_training(info.context, module_id)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Take back your declaration before it is confirmed; false if none.",
    )
    async def withdraw_training_declaration(self, info: Info, module_id: relay.GlobalID) -> bool:
        return await resolve.withdraw_training(info.context, module_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: confirm a declaration, or record a completion directly.",
    )
    async def confirm_training(
        self, info: Info, module_id: relay.GlobalID, user_id: relay.GlobalID
    ) -> TrainingCompletion:
        return await resolve.confirm_training(info.context, module_id, user_id)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: decline a declaration, saying why; false if none.",
    )
    async def decline_training_declaration(
        self, info: Info, module_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
    ) -> bool:
        return await resolve.decline_training(info.context, module_id, user_id, reason)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: confirm the level a member's profile claims in a focus area.",
    )
    async def confirm_expertise(
        self, info: Info, organisation_id: relay.GlobalID, user_id: relay.GlobalID, focus_area: str
    ) -> ExpertiseConfirmation:
        return await resolve.confirm_expertise(  # type: ignore[return-value]
            info.context, organisation_id, user_id, focus_area
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: nominate a Mentor Coach for Community Leader, naming "
        "their exceptional impact.",
    )
    async def nominate_community_leader(
        self, info: Info, organisation_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
    ) -> MentorProgress:
        return _progress(await resolve.nominate(info.context, organisation_id, user_id, reason))

    @strawberry.mutation(permission_classes=[CanWrite], description="Coordinators.")
    async def withdraw_nomination(
        self, info: Info, organisation_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
    ) -> MentorProgress:
        return _progress(
            await resolve.withdraw_nomination(info.context, organisation_id, user_id, reason)
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: confirm a member's next level once every requirement is "
        "met (one level at a time; never your own).",
    )
    async def promote_mentor(
        self,
        info: Info,
        organisation_id: relay.GlobalID,
        user_id: relay.GlobalID,
        to: MentorLevelEnum,  # type: ignore[valid-type]
    ) -> MentorProgress:
        return _progress(await resolve.promote(info.context, organisation_id, user_id, to))

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: set a lower level (null: none), saying why.",
    )
    async def correct_mentor_level(
        self,
        info: Info,
        organisation_id: relay.GlobalID,
        user_id: relay.GlobalID,
        reason: str,
        to: MentorLevelEnum | None = None,  # type: ignore[valid-type]
    ) -> MentorProgress:
        return _progress(await resolve.correct(info.context, organisation_id, user_id, to, reason))
