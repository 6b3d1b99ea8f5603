"""The mentee journey through a programme, and skill self-assessments along the way.

Stages only move forward. The lifecycle advances them as things happen (matched, oriented by
the guidelines, mentoring, finished); coordinators move people on to skill application,
evaluation and transition. Self-assessments at the start, midpoint and end measure what the
reports call skill development.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.programmes import Enrolment, Programme, access_to, visible_programme
from models.progress import EventKind, Recorder, recording


class JourneyStage(StrEnum):
    AWARENESS = "awareness"
    APPLICATION = "application"
    MATCHING = "matching"
    ORIENTATION = "orientation"
    ACTIVE_MENTORSHIP = "active_mentorship"
    SKILL_APPLICATION = "skill_application"
    EVALUATION = "evaluation"
    TRANSITION = "transition"


ORDER = list(JourneyStage)


class JourneyPosition(Model):
    """Where one mentee is in one programme's journey."""

    id = fields.IntField(primary_key=True)
    enrolment: fields.OneToOneRelation[Enrolment] = fields.OneToOneField(
        "rajut.Enrolment", related_name="journey", on_delete=fields.CASCADE
    )
    stage = fields.CharEnumField(JourneyStage, max_length=24, default=JourneyStage.APPLICATION)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "journey_positions"


class AssessmentPhase(StrEnum):
    START = "start"
    MIDPOINT = "midpoint"
    END = "end"


class SkillAssessment(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    skill = fields.CharField(max_length=80)
    phase = fields.CharEnumField(AssessmentPhase, max_length=16)
    level = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "skill_assessments"
        unique_together = (("programme", "user", "skill", "phase"),)


async def stage_of(enrolment: Enrolment) -> JourneyStage:
    position = await JourneyPosition.get_or_none(enrolment_id=enrolment.id)
    return position.stage if position else JourneyStage.APPLICATION


async def advance(
    recorder: Recorder,
    programme_id: int,
    user_id: int,
    stage: JourneyStage,
    actor_id: int | None = None,
) -> bool:
    """Move a mentee forward to ``stage``; a stage already passed is left alone."""
    enrolment = await Enrolment.get_or_none(programme_id=programme_id, user_id=user_id)
    if enrolment is None or not enrolment.as_mentee:
        return False
    position, _ = await JourneyPosition.get_or_create(enrolment=enrolment)
    if ORDER.index(stage) <= ORDER.index(position.stage):
        return False
    previous, position.stage = position.stage, stage
    await position.save(update_fields=["stage", "updated_at"])
    await recorder.record(
        programme_id,
        EventKind.JOURNEY_STAGE_CHANGED,
        actor_id=actor_id if actor_id is not None else user_id,
        member=user_id,
        stage=stage.value,
        previous=previous.value,
    )
    return True


async def move_journey(user: User, enrolment_id: int, stage: JourneyStage) -> JourneyStage:
    """Coordinators move a mentee on; the mentee may declare skill application themselves."""
    enrolment = await Enrolment.get_or_none(id=enrolment_id).select_related("programme")
    if enrolment is None:
        raise NotFound("No such enrolment.", field="enrolmentId")
    own = enrolment.user_id == user.id
    if not own and not (await access_to(user, enrolment.programme)).coordinates:
        raise NotFound("No such enrolment.", field="enrolmentId")
    if own and stage != JourneyStage.SKILL_APPLICATION:
        raise Forbidden("Your coordinators move you to that stage.")
    if not enrolment.as_mentee:
        raise Conflict("Only mentees follow the journey.", field="enrolmentId")
    async with recording() as recorder:
        if not await advance(
            recorder, enrolment.programme_id, enrolment.user_id, stage, actor_id=user.id
        ):
            raise Conflict("The journey only moves forward.", field="stage")
    return stage


async def assess_skills(
    user: User, programme_id: int, phase: AssessmentPhase, levels: list[tuple[str, int]]
) -> list[SkillAssessment]:
    """Record (or correct) one's own levels for a phase."""
    _, access = await visible_programme(user, programme_id)
    if access.enrolment is None or not access.enrolment.as_mentee:
        raise Forbidden("Mentees assess their own skills.")
    if not 1 <= len(levels) <= 30:
        raise BadInput("Assess 1 to 30 skills.", field="levels")
    for i, (skill, level) in enumerate(levels):
        if not 1 <= level <= 5:
            raise BadInput("Levels run from 1 to 5.", field=f"levels.{i}.level")
        if not 1 <= len(skill.strip()) <= 80:
            raise BadInput("Name the skill in 1 to 80 characters.", field=f"levels.{i}.skill")
    rows = []
    async with recording() as recorder:
        for skill, level in levels:
            row, created = await SkillAssessment.get_or_create(
                programme_id=programme_id,
                user_id=user.id,
                skill=skill.strip().lower(),
                phase=phase,
                defaults={"level": level},
            )
            if not created and row.level != level:
                row.level = level
                await row.save(update_fields=["level"])
            rows.append(row)
        await recorder.record(
            programme_id,
            EventKind.SKILL_ASSESSED,
            actor_id=user.id,
            phase=phase.value,
            skills=len(levels),
        )
    return rows


async def skill_growth(
    viewer: User, programme_id: int, user_id: int
) -> dict[str, dict[AssessmentPhase, int]]:
    """Levels per skill and phase, for the person and their coordinators."""
    _, access = await visible_programme(viewer, programme_id)
    if viewer.id != user_id and not access.coordinates:
        raise NotFound("No such assessments.", field="userId")
    growth: dict[str, dict[AssessmentPhase, int]] = {}
    for row in await SkillAssessment.filter(programme_id=programme_id, user_id=user_id):
        growth.setdefault(row.skill, {})[row.phase] = row.level
    return growth
