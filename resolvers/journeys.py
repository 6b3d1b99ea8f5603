"""Journey stages, skill assessments and safeguarding reports."""

from __future__ import annotations

from strawberry import relay

from models import journeys, safeguarding
from models.accounts import Scope
from models.journeys import AssessmentPhase, JourneyStage
from resolvers.ids import db_id
from schema.context import Info
from schema.journeys import ConcernReport, SkillGrowth, SkillLevelInput


async def move_journey(
    info: Info, enrolment_id: relay.GlobalID, stage: JourneyStage
) -> JourneyStage:
    user = info.context.require(Scope.WRITE)
    return await journeys.move_journey(
        user, db_id(enrolment_id, "Enrolment", "enrolmentId"), JourneyStage(stage)
    )


async def assess_skills(
    info: Info,
    programme_id: relay.GlobalID,
    phase: AssessmentPhase,
    levels: list[SkillLevelInput],
) -> list[SkillGrowth]:
    user = info.context.require(Scope.WRITE)
    pid = db_id(programme_id, "Programme", "programmeId")
    await journeys.assess_skills(
        user, pid, AssessmentPhase(phase), [(lv.skill, lv.level) for lv in levels]
    )
    return await skill_growth(info, programme_id)


async def skill_growth(
    info: Info, programme_id: relay.GlobalID, user_id: relay.GlobalID | None = None
) -> list[SkillGrowth]:
    user = info.context.require(Scope.READ)
    subject = db_id(user_id, "User", "userId") if user_id else user.id
    growth = await journeys.skill_growth(
        user, db_id(programme_id, "Programme", "programmeId"), subject
    )
    return [
        SkillGrowth(
            skill=skill,
            start=levels.get(AssessmentPhase.START),
            midpoint=levels.get(AssessmentPhase.MIDPOINT),
            end=levels.get(AssessmentPhase.END),
        )
        for skill, levels in sorted(growth.items())
    ]


async def report_concern(
    info: Info,
    relationship_id: relay.GlobalID,
    text: str,
    message_ids: list[relay.GlobalID] | None = None,
) -> ConcernReport:
    """`messageIds`: conversation messages to attach; the report keeps copies of them."""
    user = info.context.require(Scope.WRITE)
    return await safeguarding.report_concern(  # type: ignore[return-value]
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        text,
        [db_id(m, "ConversationMessage", "messageIds") for m in message_ids or []],
    )


async def concern_reports(info: Info, programme_id: relay.GlobalID) -> list[ConcernReport]:
    user = info.context.require(Scope.READ)
    return await safeguarding.concerns_for(  # type: ignore[return-value]
        user, db_id(programme_id, "Programme", "programmeId")
    )


async def resolve_concern(info: Info, report_id: relay.GlobalID, resolution: str) -> ConcernReport:
    user = info.context.require(Scope.WRITE)
    return await safeguarding.resolve_concern(  # type: ignore[return-value]
        user, db_id(report_id, "ConcernReport", "reportId"), resolution
    )
