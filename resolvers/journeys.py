"""Journey stages, skill assessments and safeguarding reports."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from models import journeys, safeguarding
from models.accounts import Scope
from models.journeys import AssessmentPhase, JourneyStage
from resolvers.context import Context
from resolvers.ids import db_id


async def move_journey(
    context: Context, enrolment_id: relay.GlobalID, stage: JourneyStage
) -> JourneyStage:
    user = context.require(Scope.WRITE)
    return await journeys.move_journey(
        user, db_id(enrolment_id, "Enrolment", "enrolmentId"), JourneyStage(stage)
    )


async def assess_skills(
    context: Context,
    programme_id: relay.GlobalID,
    phase: AssessmentPhase,
    levels: Sequence[tuple[str, int]],
) -> dict[str, dict[AssessmentPhase, int]]:
    user = context.require(Scope.WRITE)
    pid = db_id(programme_id, "Programme", "programmeId")
    await journeys.assess_skills(user, pid, AssessmentPhase(phase), list(levels))
    return await skill_growth(context, programme_id)


async def skill_growth(
    context: Context, programme_id: relay.GlobalID, user_id: relay.GlobalID | None = None
) -> dict[str, dict[AssessmentPhase, int]]:
    """Levels per skill and assessment phase."""
    user = context.require(Scope.READ)
    subject = db_id(user_id, "User", "userId") if user_id else user.id
    return await journeys.skill_growth(
        user, db_id(programme_id, "Programme", "programmeId"), subject
    )


async def report_concern(
    context: Context,
    relationship_id: relay.GlobalID,
    text: str,
    message_ids: list[relay.GlobalID] | None = None,
) -> safeguarding.ConcernReport:
    """`messageIds`: conversation messages to attach; the report keeps copies of them."""
    user = context.require(Scope.WRITE)
    return await safeguarding.report_concern(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        text,
        [db_id(m, "ConversationMessage", "messageIds") for m in message_ids or []],
    )


async def concern_reports(
    context: Context, programme_id: relay.GlobalID
) -> list[safeguarding.ConcernReport]:
    user = context.require(Scope.READ)
    return await safeguarding.concerns_for(user, db_id(programme_id, "Programme", "programmeId"))


async def resolve_concern(
    context: Context, report_id: relay.GlobalID, resolution: str
) -> safeguarding.ConcernReport:
    user = context.require(Scope.WRITE)
    return await safeguarding.resolve_concern(
        user, db_id(report_id, "ConcernReport", "reportId"), resolution
    )
