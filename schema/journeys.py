"""The mentee journey, skill self-assessments and safeguarding reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
