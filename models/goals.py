"""Goals with SMART fields and milestones, weekly journals, and session feedback.

These are the records a relationship leaves as it goes; each one writes a progress event.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.progress import EventKind, recording
from models.relationships import (
    Relationship,
    RelationshipStatus,
    participant_relationship,
    relationship_for,
)
from models.sessions import Session, SessionStatus, own_session


class GoalStatus(StrEnum):
    OPEN = "open"
    REACHED = "reached"
    DROPPED = "dropped"


class Goal(Model):
    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="goals", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    specific_outcome = fields.TextField(default="")
    measurable_target = fields.TextField(default="")
    due_on = fields.DateField(null=True)
    status = fields.CharEnumField(GoalStatus, max_length=16, default=GoalStatus.OPEN)
    evidence = fields.TextField(default="")
    drop_reason = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    reached_at = fields.DatetimeField(null=True)

    class Meta:
        table = "goals"
        ordering = ["created_at", "id"]


class Milestone(Model):
    id = fields.IntField(primary_key=True)
    goal: fields.ForeignKeyRelation[Goal] = fields.ForeignKeyField(
        "rajut.Goal", related_name="milestones", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200)
    due_on = fields.DateField(null=True)
    reached_at = fields.DatetimeField(null=True)

    class Meta:
        table = "milestones"
        ordering = ["id"]


class Journal(Model):
    """One person's weekly reflection in a relationship, private or shared with the mentor."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="journals", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    week_of = fields.DateField()
    reflection = fields.TextField(default="")
    learned = fields.TextField(default="")
    next_step = fields.TextField(default="")
    shared = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "journals"
        unique_together = (("relationship", "author", "week_of"),)
        ordering = ["-week_of"]


class SessionFeedback(Model):
    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation[Session] = fields.ForeignKeyField(
        "rajut.Session", related_name="feedback", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    rating = fields.IntField()
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "session_feedback"
        unique_together = (("session", "author"),)


async def _working_relationship(user: User, relationship_id: int) -> Relationship:
    relationship, _ = await participant_relationship(
        user, relationship_id, "Only the relationship's participants write here."
    )
    if relationship.status not in (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED):
        raise Conflict(f"This relationship is {relationship.status.value}.", field="relationshipId")
    return relationship


def _text(value: str, field: str, limit: int = 4000) -> str:
    if len(value) > limit:
        raise BadInput(f"Keep it under {limit} characters.", field=field)
    return value.strip()


def _check_due(due_on: date | None, relationship: Relationship, field: str) -> None:
    programme = relationship.programme
    if due_on is not None and not programme.starts_on <= due_on <= programme.ends_on:
        raise BadInput(
            f"Due dates fall within the programme, {programme.starts_on} to {programme.ends_on}.",
            field=field,
        )


async def set_goal(
    user: User,
    relationship_id: int,
    title: str,
    specific_outcome: str,
    measurable_target: str,
    due_on: date | None,
    milestones: list[tuple[str, date | None]],
) -> Goal:
    relationship = await _working_relationship(user, relationship_id)
    title = title.strip()
    if not 1 <= len(title) <= 200:
        raise BadInput("Name the goal in 1 to 200 characters.", field="title")
    _check_due(due_on, relationship, "dueOn")
    if len(milestones) > 20:
        raise BadInput("Give at most 20 milestones.", field="milestones")
    for i, (name, due) in enumerate(milestones):
        if not 1 <= len(name.strip()) <= 200:
            raise BadInput(
                "Name each milestone in 1 to 200 characters.", field=f"milestones.{i}.title"
            )
        _check_due(due, relationship, f"milestones.{i}.dueOn")
    async with recording() as recorder:
        goal = await Goal.create(
            relationship=relationship,
            title=title,
            specific_outcome=_text(specific_outcome, "specificOutcome"),
            measurable_target=_text(measurable_target, "measurableTarget"),
            due_on=due_on,
        )
        await Milestone.bulk_create(
            [Milestone(goal=goal, title=name.strip(), due_on=due) for name, due in milestones]
        )
        await recorder.record(
            relationship.programme_id,
            EventKind.GOAL_SET,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
        )
    return goal


async def _goal(user: User, goal_id: int) -> tuple[Goal, Relationship]:
    goal = await Goal.get_or_none(id=goal_id)
    if goal is None:
        raise NotFound("No such goal.", field="goalId")
    try:
        relationship = await _working_relationship(user, goal.relationship_id)
    except (NotFound, Forbidden):
        raise NotFound("No such goal.", field="goalId") from None
    return goal, relationship


async def reach_goal(user: User, goal_id: int, evidence: str) -> Goal:
    goal, relationship = await _goal(user, goal_id)
    if goal.status != GoalStatus.OPEN:
        raise Conflict(f"This goal is already {goal.status.value}.", field="goalId")
    async with recording() as recorder:
        goal.status, goal.reached_at = GoalStatus.REACHED, now()
        goal.evidence = _text(evidence, "evidence")
        await goal.save()
        await recorder.record(
            relationship.programme_id,
            EventKind.GOAL_REACHED,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
        )
    return goal


async def reach_milestone(user: User, milestone_id: int) -> Milestone:
    milestone = await Milestone.get_or_none(id=milestone_id)
    if milestone is None:
        raise NotFound("No such milestone.", field="milestoneId")
    goal, relationship = await _goal(user, milestone.goal_id)
    if milestone.reached_at is not None:
        raise Conflict("This milestone is already reached.", field="milestoneId")
    async with recording() as recorder:
        milestone.reached_at = now()
        await milestone.save(update_fields=["reached_at"])
        await recorder.record(
            relationship.programme_id,
            EventKind.MILESTONE_REACHED,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
            milestone=milestone.id,
        )
    return milestone


# --- changing goals and milestones -------------------------------------------------------

MAX_MILESTONES = 20


async def _own_goal(user: User, goal_id: int) -> tuple[Goal, Relationship]:
    """A goal of a working relationship the user takes part in. Coordinators see goals but
    do not change them (Forbidden); to anyone else the goal does not exist."""
    goal = await Goal.get_or_none(id=goal_id)
    if goal is None:
        raise NotFound("No such goal.", field="goalId")
    try:
        relationship = await _working_relationship(user, goal.relationship_id)
    except NotFound:
        raise NotFound("No such goal.", field="goalId") from None
    return goal, relationship


def _title(value: str, field: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= 200:
        raise BadInput("Give a title of 1 to 200 characters.", field=field)
    return value


def _open(goal: Goal) -> None:
    if goal.status != GoalStatus.OPEN:
        raise Conflict(f"This goal is {goal.status.value}; reopen it first.", field="goalId")


async def edit_goal(user: User, goal_id: int, changes: dict[str, Any]) -> Goal:
    """Change an open goal's title, outcome, target or due date (only the keys given;
    ``due_on`` None clears the date)."""
    goal, relationship = await _own_goal(user, goal_id)
    values: dict[str, Any] = {}
    if "title" in changes:
        values["title"] = _title(changes["title"], "title")
    for key, field in (
        ("specific_outcome", "specificOutcome"),
        ("measurable_target", "measurableTarget"),
    ):
        if key in changes:
            values[key] = _text(changes[key], field)
    if "due_on" in changes:
        _check_due(changes["due_on"], relationship, "dueOn")
        values["due_on"] = changes["due_on"]
    if not values:
        raise BadInput("Give at least one change.", field="changes")
    _open(goal)
    return await _change(
        user, goal, relationship, values, EventKind.GOAL_EDITED, fields=sorted(values)
    )


async def _change(
    user: User,
    goal: Goal,
    relationship: Relationship,
    values: dict[str, Any],
    kind: EventKind,
    **details: Any,
) -> Goal:
    """Write ``values`` to a goal still in the status it was read in, and record ``kind``:
    two people changing one goal at once get a conflict, not a lost update."""
    async with recording() as recorder:
        if not await Goal.filter(id=goal.id, status=goal.status).update(**values):
            raise Conflict("The goal changed meanwhile; reload it.", field="goalId")
        await recorder.record(
            relationship.programme_id,
            kind,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
            **details,
        )
    goal.update_from_dict(values)
    return goal


async def drop_goal(user: User, goal_id: int, reason: str) -> Goal:
    """Give up an open goal, saying why (the reason stays on the goal)."""
    goal, relationship = await _own_goal(user, goal_id)
    reason = reason.strip()
    if not 1 <= len(reason) <= 2000:
        raise BadInput("Say why, in 1 to 2000 characters.", field="reason")
    _open(goal)
    values = {"status": GoalStatus.DROPPED, "drop_reason": reason}
    return await _change(user, goal, relationship, values, EventKind.GOAL_DROPPED)


async def reopen_goal(user: User, goal_id: int) -> Goal:
    """Take up a dropped goal again, or reopen a reached one (its evidence is cleared)."""
    goal, relationship = await _own_goal(user, goal_id)
    if goal.status == GoalStatus.OPEN:
        raise Conflict("This goal is already open.", field="goalId")
    values = {"status": GoalStatus.OPEN, "drop_reason": "", "evidence": "", "reached_at": None}
    was = goal.status.value
    return await _change(user, goal, relationship, values, EventKind.GOAL_REOPENED, was=was)


async def add_milestone(user: User, goal_id: int, title: str, due_on: date | None) -> Goal:
    goal, relationship = await _own_goal(user, goal_id)
    title = _title(title, "title")
    _check_due(due_on, relationship, "dueOn")
    _open(goal)
    async with recording() as recorder:
        # the goal row is locked so two additions cannot both pass the count
        await Goal.filter(id=goal.id).select_for_update().get()
        if await Milestone.filter(goal_id=goal.id).count() >= MAX_MILESTONES:
            raise Conflict(f"A goal has at most {MAX_MILESTONES} milestones.", field="goalId")
        milestone = await Milestone.create(goal=goal, title=title, due_on=due_on)
        await recorder.record(
            relationship.programme_id,
            EventKind.MILESTONE_ADDED,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
            milestone=milestone.id,
        )
    return goal


async def _own_milestone(user: User, milestone_id: int) -> tuple[Milestone, Goal, Relationship]:
    milestone = await Milestone.get_or_none(id=milestone_id)
    if milestone is None:
        raise NotFound("No such milestone.", field="milestoneId")
    try:
        goal, relationship = await _own_goal(user, milestone.goal_id)
    except NotFound:
        raise NotFound("No such milestone.", field="milestoneId") from None
    _open(goal)
    return milestone, goal, relationship


async def edit_milestone(user: User, milestone_id: int, changes: dict[str, Any]) -> Goal:
    """Rename a milestone or move its due date (``due_on`` None clears it)."""
    milestone, goal, relationship = await _own_milestone(user, milestone_id)
    values: dict[str, Any] = {}
    if "title" in changes:
        values["title"] = _title(changes["title"], "title")
    if "due_on" in changes:
        _check_due(changes["due_on"], relationship, "dueOn")
        values["due_on"] = changes["due_on"]
    if not values:
        raise BadInput("Give at least one change.", field="changes")
    async with recording() as recorder:
        if not await Milestone.filter(id=milestone.id).update(**values):
            raise NotFound("No such milestone.", field="milestoneId")
        await recorder.record(
            relationship.programme_id,
            EventKind.MILESTONE_EDITED,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
            milestone=milestone.id,
            fields=sorted(values),
        )
    return goal


async def remove_milestone(user: User, milestone_id: int) -> Goal:
    milestone, goal, relationship = await _own_milestone(user, milestone_id)
    async with recording() as recorder:
        if not await Milestone.filter(id=milestone.id).delete():
            raise NotFound("No such milestone.", field="milestoneId")
        await recorder.record(
            relationship.programme_id,
            EventKind.MILESTONE_REMOVED,
            relationship_id=relationship.id,
            actor_id=user.id,
            goal=goal.id,
            milestone=milestone.id,
        )
    return goal


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def submit_journal(
    user: User,
    relationship_id: int,
    reflection: str,
    learned: str,
    next_step: str,
    shared: bool,
) -> Journal:
    """This week's journal: the first submission is an event, later ones edit it."""
    relationship = await _working_relationship(user, relationship_id)
    values = {
        "reflection": _text(reflection, "reflection"), "learned": _text(learned, "learned"),
        "next_step": _text(next_step, "nextStep"), "shared": shared,
    }  # fmt: skip
    if not any((values["reflection"], values["learned"], values["next_step"])):
        raise BadInput("Write at least one part of the journal.", field="reflection")
    week = monday_of(now().date())
    async with recording() as recorder:
        journal, created = await Journal.get_or_create(
            relationship=relationship, author=user, week_of=week, defaults=values
        )
        if created:
            await recorder.record(
                relationship.programme_id,
                EventKind.JOURNAL_SUBMITTED,
                relationship_id=relationship.id,
                actor_id=user.id,
                week_of=week.isoformat(),
            )
        else:
            await journal.update_from_dict(values).save()
        await Relationship.filter(id=relationship.id).update(last_activity_at=now())
    return journal


async def journals_of(user: User, relationship_id: int) -> list[Journal]:
    """One's own journals, plus those the relationship's mentees share with their mentor."""
    relationship, _ = await relationship_for(user, relationship_id)
    rows = await Journal.filter(relationship_id=relationship.id)
    return [
        j
        for j in rows
        if j.author_id == user.id or (j.shared and relationship.mentor_id == user.id)
    ]


def streak(weeks: list[date], today: date) -> int:
    """Consecutive weeks with a journal, ending this week or, if not written yet, last week."""
    have = set(weeks)
    week = monday_of(today)
    if week not in have:
        week -= timedelta(days=7)
    count = 0
    while week in have:
        count += 1
        week -= timedelta(days=7)
    return count


async def give_feedback(user: User, session_id: int, rating: int, comment: str) -> SessionFeedback:
    session, relationship = await own_session(user, session_id)
    if not 1 <= rating <= 5:
        raise BadInput("Rate from 1 to 5.", field="rating")
    if session.status != SessionStatus.HELD:
        raise Conflict("Give feedback once the session has been held.", field="sessionId")
    if await SessionFeedback.filter(session_id=session.id, author_id=user.id).exists():
        raise Conflict("You already gave feedback on this session.", field="sessionId")
    async with recording() as recorder:
        feedback = await SessionFeedback.create(
            session=session, author=user, rating=rating, comment=_text(comment, "comment", 2000)
        )
        await recorder.record(
            relationship.programme_id,
            EventKind.FEEDBACK_GIVEN,
            relationship_id=relationship.id,
            actor_id=user.id,
            session=session.id,
            rating=rating,
        )
    return feedback
