"""Goals and milestones, weekly journals, session feedback."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from models import goals
from models.goals import GoalStatus
from resolvers import goals as goals_resolvers
from schema.context import Info
from schema.inputs import given_fields
from schema.permissions import CanRead, CanWrite

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
        return await goals_resolvers.goals_by_ids(info.context, [int(i) for i in node_ids])

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


@strawberry.type
class GoalQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def goals(self, info: Info, relationship_id: relay.GlobalID) -> list[Goal]:
        return await goals_resolvers.goals_of(info.context, relationship_id)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Your journals, and those your mentees share with you.",
    )
    async def journals(self, info: Info, relationship_id: relay.GlobalID) -> JournalPage:
        rows, streak = await goals_resolvers.journals(info.context, relationship_id)
        return JournalPage(journals=rows, my_streak=streak)  # type: ignore[arg-type]


@strawberry.type
class GoalMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def set_goal(self, info: Info, input: GoalInput) -> Goal:
        return await goals_resolvers.set_goal(  # type: ignore[return-value]
            info.context,
            input.relationship_id,
            input.title,
            input.specific_outcome,
            input.measurable_target,
            input.due_on,
            [(m.title, m.due_on) for m in input.milestones],
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def reach_goal(self, info: Info, goal_id: relay.GlobalID, evidence: str = "") -> Goal:
        return await goals_resolvers.reach_goal(info.context, goal_id, evidence)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def reach_milestone(self, info: Info, milestone_id: relay.GlobalID) -> Milestone:
        m = await goals_resolvers.reach_milestone(info.context, milestone_id)
        return Milestone(id=milestone_id, title=m.title, due_on=m.due_on, reached_at=m.reached_at)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Change an open goal's title, outcome, target or due date.",
    )
    async def edit_goal(self, info: Info, goal_id: relay.GlobalID, changes: GoalChanges) -> Goal:
        return await goals_resolvers.edit_goal(info.context, goal_id, given_fields(changes))

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Give up an open goal, saying why."
    )
    async def drop_goal(self, info: Info, goal_id: relay.GlobalID, reason: str) -> Goal:
        return await goals_resolvers.drop_goal(info.context, goal_id, reason)

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Open a dropped or reached goal again."
    )
    async def reopen_goal(self, info: Info, goal_id: relay.GlobalID) -> Goal:
        return await goals_resolvers.reopen_goal(info.context, goal_id)

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Add a milestone to an open goal (at most 20)."
    )
    async def add_milestone(
        self, info: Info, goal_id: relay.GlobalID, input: MilestoneInput
    ) -> Goal:
        return await goals_resolvers.add_milestone(info.context, goal_id, input.title, input.due_on)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def edit_milestone(
        self, info: Info, milestone_id: relay.GlobalID, changes: MilestoneChanges
    ) -> Goal:
        return await goals_resolvers.edit_milestone(
            info.context, milestone_id, given_fields(changes)
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def remove_milestone(self, info: Info, milestone_id: relay.GlobalID) -> Goal:
        return await goals_resolvers.remove_milestone(info.context, milestone_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="This week's journal; submitting again the same week edits it.",
    )
    async def submit_journal(self, info: Info, input: JournalInput) -> Journal:
        return await goals_resolvers.submit_journal(  # type: ignore[return-value]
            info.context,
            input.relationship_id,
            input.reflection,
            input.learned,
            input.next_step,
            input.shared,
        )

    @strawberry.mutation(
        permission_classes=[CanWrite], description="Rate a held session from 1 to 5, once."
    )
    async def give_feedback(
        self, info: Info, session_id: relay.GlobalID, rating: int, comment: str = ""
    ) -> Feedback:
        return await goals_resolvers.give_feedback(info.context, session_id, rating, comment)
