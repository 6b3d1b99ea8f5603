"""The mentee journey, skill self-assessments and safeguarding reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from models.journeys import AssessmentPhase, JourneyStage
from models.safeguarding import ConcernStatus
from resolvers import journeys as journeys_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

JourneyStageEnum = strawberry.enum(JourneyStage, name="JourneyStage")
AssessmentPhaseEnum = strawberry.enum(AssessmentPhase, name="AssessmentPhase")
ConcernStatusEnum = strawberry.enum(ConcernStatus, name="ConcernStatus")


@strawberry.type(description="One skill's self-assessed levels; gain is end (or latest) - start.")
class SkillGrowth:
    skill: str
    start: int | None
    midpoint: int | None
    end: int | None

    @strawberry.field
    def gain(self) -> int | None:
        latest = self.end if self.end is not None else self.midpoint
        return None if self.start is None or latest is None else latest - self.start

    @classmethod
    def listing(cls, growth: dict[str, dict[AssessmentPhase, int]]) -> list[SkillGrowth]:
        return [
            cls(
                skill=skill,
                start=levels.get(AssessmentPhase.START),
                midpoint=levels.get(AssessmentPhase.MIDPOINT),
                end=levels.get(AssessmentPhase.END),
            )
            for skill, levels in sorted(growth.items())
        ]


@strawberry.input
class SkillLevelInput:
    skill: str
    level: int


@strawberry.type(description="A copy of a conversation message, taken when it was attached.")
class ConcernAttachment:
    raw: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="The original; it may since have been edited or deleted.")
    def message_id(self) -> relay.GlobalID:
        return relay.GlobalID("ConversationMessage", str(self.raw["message"]))

    @strawberry.field(description="Null when the author's account no longer exists.")
    def author_id(self) -> relay.GlobalID | None:
        author = self.raw["author"]
        return None if author is None else relay.GlobalID("User", str(author))

    @strawberry.field(description="The author's name when the message was attached.")
    def author_name(self) -> str:
        return self.raw["author_name"]

    @strawberry.field
    def body(self) -> str:
        return self.raw["body"]

    @strawberry.field
    def sent_at(self) -> datetime:
        return datetime.fromisoformat(self.raw["sent_at"])

    @strawberry.field
    def edited_at(self) -> datetime | None:
        edited = self.raw["edited_at"]
        return None if edited is None else datetime.fromisoformat(edited)


@strawberry.type(description="A private concern about a relationship, for coordinators.")
class ConcernReport:
    text: str
    status: ConcernStatusEnum  # type: ignore[valid-type]
    resolution: str
    created_at: datetime
    resolved_at: datetime | None

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("ConcernReport", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID:
        return relay.GlobalID("Relationship", str(self.relationship_id))  # type: ignore[attr-defined]

    @strawberry.field(description="Messages the reporter attached, as they were then.")
    def attachments(self) -> list[ConcernAttachment]:
        return [ConcernAttachment(raw=a) for a in self.attachments]  # type: ignore[attr-defined]


@strawberry.type
class JourneyQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Self-assessed levels per skill; yours, or a mentee's for coordinators.",
    )
    async def skill_growth(
        self, info: Info, programme_id: relay.GlobalID, user_id: relay.GlobalID | None = None
    ) -> list[SkillGrowth]:
        return SkillGrowth.listing(
            await journeys_resolvers.skill_growth(info.context, programme_id, user_id)
        )

    @strawberry.field(
        permission_classes=[CanRead],
        description="All of the programme's for coordinators; your own for anyone else.",
    )
    async def concern_reports(
        self, info: Info, programme_id: relay.GlobalID
    ) -> list[ConcernReport]:
        return await journeys_resolvers.concern_reports(info.context, programme_id)


@strawberry.type
class JourneyMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators move a mentee forward; mentees may declare skill application.",
    )
    async def move_journey(
        self,
        info: Info,
        enrolment_id: relay.GlobalID,
        stage: JourneyStageEnum,  # type: ignore[valid-type]
    ) -> JourneyStageEnum:  # type: ignore[valid-type]
        return await journeys_resolvers.move_journey(info.context, enrolment_id, stage)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Your self-assessment (1-5) for the start, midpoint or end.",
    )
    async def assess_skills(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        phase: AssessmentPhaseEnum,  # type: ignore[valid-type]
        levels: list[SkillLevelInput],
    ) -> list[SkillGrowth]:
        growth = await journeys_resolvers.assess_skills(
            info.context, programme_id, phase, [(lv.skill, lv.level) for lv in levels]
        )
        return SkillGrowth.listing(growth)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Privately to the programme's coordinators; never shown to the others.",
    )
    async def report_concern(
        self,
        info: Info,
        relationship_id: relay.GlobalID,
        text: str,
        message_ids: list[relay.GlobalID] | None = None,
    ) -> ConcernReport:
        return await journeys_resolvers.report_concern(
            info.context, relationship_id, text, message_ids
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def resolve_concern(
        self, info: Info, report_id: relay.GlobalID, resolution: str
    ) -> ConcernReport:
        return await journeys_resolvers.resolve_concern(info.context, report_id, resolution)
