"""The mentee journey, skill self-assessments and safeguarding reports."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models.journeys import AssessmentPhase, JourneyStage
from models.safeguarding import ConcernStatus

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


@strawberry.input
class SkillLevelInput:
    skill: str
    level: int


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
