"""Goals, milestones, journals and feedback."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from models import goals
from models.accounts import Scope, now
from models.errors import BadInput, NotFound
from models.relationships import relationship_for
from resolvers.ids import db_id, visible_nodes
from schema.context import Info
from schema.goals import (
    Feedback,
    Goal,
    GoalChanges,
    GoalInput,
    Journal,
    JournalInput,
    JournalPage,
    Milestone,
    MilestoneChanges,
    MilestoneInput,
)


async def goals_by_ids(info: Info, ids: list[int]) -> list[goals.Goal | None]:
    user = info.context.require(Scope.READ)

    async def fetch(goal_id: int) -> goals.Goal:
        goal = await goals.Goal.get_or_none(id=goal_id)
        if goal is None:
            raise NotFound("No such goal.")
        await relationship_for(user, goal.relationship_id)
        return goal

    return await visible_nodes(ids, fetch)


async def goals_of(info: Info, relationship_id: relay.GlobalID) -> list[Goal]:
    user = info.context.require(Scope.READ)
    relationship, _ = await relationship_for(
        user, db_id(relationship_id, "Relationship", "relationshipId")
    )
    return await goals.Goal.filter(relationship_id=relationship.id)  # type: ignore[return-value]


async def set_goal(info: Info, input: GoalInput) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.set_goal(  # type: ignore[return-value]
        user,
        db_id(input.relationship_id, "Relationship", "relationshipId"),
        input.title,
        input.specific_outcome,
        input.measurable_target,
        input.due_on,
        [(m.title, m.due_on) for m in input.milestones],
    )


async def reach_goal(info: Info, goal_id: relay.GlobalID, evidence: str = "") -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.reach_goal(  # type: ignore[return-value]
        user, db_id(goal_id, "Goal", "goalId"), evidence
    )


async def reach_milestone(info: Info, milestone_id: relay.GlobalID) -> Milestone:
    user = info.context.require(Scope.WRITE)
    m = await goals.reach_milestone(user, db_id(milestone_id, "Milestone", "milestoneId"))
    return Milestone(id=milestone_id, title=m.title, due_on=m.due_on, reached_at=m.reached_at)


def _given(changes: GoalChanges | MilestoneChanges) -> dict[str, Any]:
    """The fields a client sent; only the due date may be null (it clears the date)."""
    given = {k: v for k, v in vars(changes).items() if v is not strawberry.UNSET}
    for key, value in given.items():
        if value is None and key != "due_on":
            camel = "".join(p if i == 0 else p.title() for i, p in enumerate(key.split("_")))
            raise BadInput("This field cannot be null.", field=camel)
    return given


async def edit_goal(info: Info, goal_id: relay.GlobalID, changes: GoalChanges) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.edit_goal(  # type: ignore[return-value]
        user, db_id(goal_id, "Goal", "goalId"), _given(changes)
    )


async def drop_goal(info: Info, goal_id: relay.GlobalID, reason: str) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.drop_goal(  # type: ignore[return-value]
        user, db_id(goal_id, "Goal", "goalId"), reason
    )


async def reopen_goal(info: Info, goal_id: relay.GlobalID) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.reopen_goal(user, db_id(goal_id, "Goal", "goalId"))  # type: ignore[return-value]


async def add_milestone(info: Info, goal_id: relay.GlobalID, input: MilestoneInput) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.add_milestone(  # type: ignore[return-value]
        user, db_id(goal_id, "Goal", "goalId"), input.title, input.due_on
    )


async def edit_milestone(
    info: Info, milestone_id: relay.GlobalID, changes: MilestoneChanges
) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.edit_milestone(  # type: ignore[return-value]
        user, db_id(milestone_id, "Milestone", "milestoneId"), _given(changes)
    )


async def remove_milestone(info: Info, milestone_id: relay.GlobalID) -> Goal:
    user = info.context.require(Scope.WRITE)
    return await goals.remove_milestone(  # type: ignore[return-value]
        user, db_id(milestone_id, "Milestone", "milestoneId")
    )


async def submit_journal(info: Info, input: JournalInput) -> Journal:
    user = info.context.require(Scope.WRITE)
    return await goals.submit_journal(  # type: ignore[return-value]
        user,
        db_id(input.relationship_id, "Relationship", "relationshipId"),
        input.reflection,
        input.learned,
        input.next_step,
        input.shared,
    )


async def journals(info: Info, relationship_id: relay.GlobalID) -> JournalPage:
    user = info.context.require(Scope.READ)
    rows = await goals.journals_of(user, db_id(relationship_id, "Relationship", "relationshipId"))
    mine = [j.week_of for j in rows if j.author_id == user.id]
    return JournalPage(journals=rows, my_streak=goals.streak(mine, now().date()))  # type: ignore[arg-type]


async def give_feedback(
    info: Info, session_id: relay.GlobalID, rating: int, comment: str = ""
) -> Feedback:
    user = info.context.require(Scope.WRITE)
    return await goals.give_feedback(  # type: ignore[return-value]
        user, db_id(session_id, "Session", "sessionId"), rating, comment
    )
