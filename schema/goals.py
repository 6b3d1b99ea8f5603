"""Goals and milestones, weekly journals, session feedback."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from models import goals
from models.goals import GoalStatus
from schema.context import Info

GoalStatusEnum = strawberry.enum(GoalStatus, name="GoalStatus")


@strawberry.type
class Milestone:
    id: relay.GlobalID
    title: str
    due_on: date | None
    reached_at: datetime | None


@strawberry.type(description="A SMART goal of a relationship.")
class Goal(relay.Node):
    id: relay.NodeID[int]
    title: str
    specific_outcome: str
    measurable_target: str
    due_on: date | None
    status: GoalStatusEnum  # type: ignore[valid-type]
    evidence: str
    drop_reason: str = strawberry.field(description="Why the goal was dropped, if it was.")
    reached_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, goals.Goal))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[goals.Goal | None]:
        from resolvers.goals import goals_by_ids

        return await goals_by_ids(info, [int(i) for i in node_ids])

    @strawberry.field
    async def milestones(self) -> list[Milestone]:
        return [
            Milestone(
                id=relay.GlobalID("Milestone", str(m.id)),
                title=m.title,
                due_on=m.due_on,
                reached_at=m.reached_at,
            )
            for m in await goals.Milestone.filter(goal_id=self.id)
        ]


@strawberry.type(description="A weekly reflection.")
class Journal:
    week_of: date
    reflection: str
    learned: str
    next_step: str
    shared: bool
    updated_at: datetime

    @strawberry.field
    def author_id(self) -> relay.GlobalID:
        return relay.GlobalID("User", str(self.author_id))  # type: ignore[attr-defined]


@strawberry.type
class JournalPage:
    journals: list[Journal]
    my_streak: int = strawberry.field(description="Consecutive weeks you have written.")


@strawberry.type
class Feedback:
    rating: int
    comment: str
    created_at: datetime


@strawberry.input
class MilestoneInput:
    title: str
    due_on: date | None = None


@strawberry.input
class GoalInput:
    relationship_id: relay.GlobalID
    title: str
    specific_outcome: str = ""
    measurable_target: str = ""
    due_on: date | None = None
    milestones: list[MilestoneInput] = strawberry.field(default_factory=list)


@strawberry.input
class JournalInput:
    relationship_id: relay.GlobalID
    reflection: str = ""
    learned: str = ""
    next_step: str = ""
    shared: bool = False


@strawberry.input(description="Only the fields given change; `dueOn: null` clears the date.")
class GoalChanges:
    title: str | None = strawberry.UNSET
    specific_outcome: str | None = strawberry.UNSET
    measurable_target: str | None = strawberry.UNSET
    due_on: date | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; `dueOn: null` clears the date.")
class MilestoneChanges:
    title: str | None = strawberry.UNSET
    due_on: date | None = strawberry.UNSET
