"""Goals, milestones, journals and feedback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from strawberry import relay

from models import goals
from models.accounts import Scope, now
from models.errors import BadInput, NotFound
from models.relationships import relationship_for
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


async def goals_by_ids(context: Context, ids: list[int]) -> list[goals.Goal | None]:
    user = context.require(Scope.READ)

    async def fetch(goal_id: int) -> goals.Goal:
        goal = await goals.Goal.get_or_none(id=goal_id)
        if goal is None:
            raise NotFound("No such goal.")
        await relationship_for(user, goal.relationship_id)
        return goal

    return await visible_nodes(ids, fetch)


async def goals_of(context: Context, relationship_id: relay.GlobalID) -> list[goals.Goal]:
    user = context.require(Scope.READ)
    relationship, _ = await relationship_for(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )
    return await goals.Goal.filter(relationship_id=relationship.id)


async def set_goal(
    context: Context,
    relationship_id: relay.GlobalID,
    title: str,
    specific_outcome: str,
    measurable_target: str,
    due_on: date | None,
    milestones: Sequence[tuple[str, date | None]],
) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.set_goal(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        title,
        specific_outcome,
        measurable_target,
        due_on,
        list(milestones),
    )


async def reach_goal(context: Context, goal_id: relay.GlobalID, evidence: str = "") -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.reach_goal(user, db_id(goal_id, "Goal", "goalId"), evidence)


async def reach_milestone(context: Context, milestone_id: relay.GlobalID) -> goals.Milestone:
    user = context.require(Scope.WRITE)
    return await goals.reach_milestone(user, db_id(milestone_id, "Milestone", "milestoneId"))


def _given(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a client sent; only the due date may be null (it clears the date)."""
    given = dict(changes)
    for key, value in given.items():
        if value is None and key != "due_on":
            camel = "".join(p if i == 0 else p.title() for i, p in enumerate(key.split("_")))
            raise BadInput("This field cannot be null.", field=camel)
    return given


async def edit_goal(
    context: Context, goal_id: relay.GlobalID, changes: Mapping[str, Any]
) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.edit_goal(user, db_id(goal_id, "Goal", "goalId"), _given(changes))


async def drop_goal(context: Context, goal_id: relay.GlobalID, reason: str) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.drop_goal(user, db_id(goal_id, "Goal", "goalId"), reason)


async def reopen_goal(context: Context, goal_id: relay.GlobalID) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.reopen_goal(user, db_id(goal_id, "Goal", "goalId"))


async def add_milestone(
    context: Context, goal_id: relay.GlobalID, title: str, due_on: date | None
) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.add_milestone(user, db_id(goal_id, "Goal", "goalId"), title, due_on)


async def edit_milestone(
    context: Context, milestone_id: relay.GlobalID, changes: Mapping[str, Any]
) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.edit_milestone(
        user, db_id(milestone_id, "Milestone", "milestoneId"), _given(changes)
    )


async def remove_milestone(context: Context, milestone_id: relay.GlobalID) -> goals.Goal:
    user = context.require(Scope.WRITE)
    return await goals.remove_milestone(user, db_id(milestone_id, "Milestone", "milestoneId"))


async def submit_journal(
    context: Context,
    relationship_id: relay.GlobalID,
    reflection: str,
    learned: str,
    next_step: str,
    shared: bool,
) -> goals.Journal:
    user = context.require(Scope.WRITE)
    return await goals.submit_journal(
        user,
        db_id(relationship_id, "Relationship", "relationshipId"),
        reflection,
        learned,
        next_step,
        shared,
    )


async def journals(
    context: Context, relationship_id: relay.GlobalID
) -> tuple[list[goals.Journal], int]:
    """The journals one may read, and one's own streak of weeks written."""
    user = context.require(Scope.READ)
    rows = await goals.journals_of(user, db_id(relationship_id, "Relationship", "relationshipId"))
    mine = [j.week_of for j in rows if j.author_id == user.id]
    return rows, goals.streak(mine, now().date())


async def give_feedback(
    context: Context, session_id: relay.GlobalID, rating: int, comment: str = ""
) -> goals.Feedback:
    user = context.require(Scope.WRITE)
    return await goals.give_feedback(
        user, db_id(session_id, "Session", "sessionId"), rating, comment
    )
