"""Relationships and the progress events that record what happens in them."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay

from models import relationships
from models.programmes import MentoringModel
from models.relationships import Origin, RelationshipStatus
from resolvers import relationships as relationships_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead, CanWrite
from schema.programmes import MentoringModelEnum, Programme

RelationshipStatusEnum = strawberry.enum(RelationshipStatus, name="RelationshipStatus")
OriginEnum = strawberry.enum(Origin, name="RelationshipOrigin")


@strawberry.type(description="A mentoring relationship: a pair, a group, peers or a circle.")
class Relationship(relay.Node):
    id: relay.NodeID[int]
    status: RelationshipStatusEnum  # type: ignore[valid-type]
    origin: OriginEnum  # type: ignore[valid-type]
    end_reason: str
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, relationships.Relationship))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[relationships.Relationship | None]:
        return await relationships_resolvers.relationships_by_ids(
            info.context, [int(i) for i in node_ids]
        )

    @strawberry.field
    def mentoring_model(self) -> MentoringModelEnum:  # type: ignore[valid-type]
        return MentoringModel(self.mentoring_model)  # type: ignore[attr-defined]

    @strawberry.field(description="The mentor, or a circle's facilitator; null for peers.")
    async def mentor(self, info: Info) -> User | None:
        mentor_id = self.mentor_id  # type: ignore[attr-defined]
        return None if mentor_id is None else await info.context.loaders.user.load(mentor_id)

    @strawberry.field(description="A group's moderator (appointed or elected), if any.")
    async def moderator(self, info: Info) -> User | None:
        moderator_id = self.moderator_id  # type: ignore[attr-defined]
        return None if moderator_id is None else await info.context.loaders.user.load(moderator_id)

    @strawberry.field(description="Mentees, peers or circle members.")
    async def members(self, info: Info) -> list[User]:
        ids = await relationships.RelationshipMember.filter(relationship_id=self.id).values_list(
            "user_id", flat=True
        )
        return await info.context.loaders.user.load_many(sorted(ids))

    @strawberry.field
    async def programme(self, info: Info) -> Programme:
        return await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]

    @strawberry.field(description="Planned start: the programme's start date.")
    async def planned_start(self, info: Info) -> date:
        programme = await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]
        return programme.starts_on

    @strawberry.field(description="Planned end: the programme's end date.")
    async def planned_end(self, info: Info) -> date:
        programme = await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]
        return programme.ends_on

    @strawberry.field(description="The programme's guidelines, in your language.")
    async def guidelines(self, info: Info) -> str:
        programme = await info.context.loaders.programme.load(self.programme_id)  # type: ignore[attr-defined]
        english = info.context.english
        return (programme.guidelines_en if english else programme.guidelines_id) or (
            programme.guidelines_id or programme.guidelines_en
        )

    @strawberry.field(description="Who has acknowledged the guidelines so far.")
    async def acknowledged_by(self, info: Info) -> list[User]:
        ids = await relationships.GuidelineAcknowledgement.filter(
            relationship_id=self.id
        ).values_list("user_id", flat=True)
        return await info.context.loaders.user.load_many(sorted(ids))


@strawberry.type(description="Something that happened in a programme; `seq` is the cursor.")
class ProgressEvent:
    raw: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="Strictly increasing within the programme: resume after it.")
    def seq(self) -> int:
        return self.raw["seq"]

    @strawberry.field(description="e.g. relationship.started, session.held, goal.reached")
    def kind(self) -> str:
        return self.raw["kind"]

    @strawberry.field
    def programme_id(self) -> relay.GlobalID:
        return relay.GlobalID("Programme", str(self.raw["programme"]))

    @strawberry.field
    def relationship_id(self) -> relay.GlobalID | None:
        rid = self.raw["relationship"]
        return None if rid is None else relay.GlobalID("Relationship", str(rid))

    @strawberry.field
    def actor_id(self) -> relay.GlobalID | None:
        actor = self.raw["actor"]
        return None if actor is None else relay.GlobalID("User", str(actor))

    @strawberry.field(description="Details, as a JSON object.")
    def payload(self) -> str:
        return json.dumps(self.raw["payload"], sort_keys=True)

    @strawberry.field
    def at(self) -> datetime:
        return datetime.fromisoformat(self.raw["at"])


@strawberry.type
class ProgressPage:
    events: list[ProgressEvent]
    last_seq: int = strawberry.field(description="Pass as `after` to continue.")
    has_more: bool


@strawberry.type
class RelationshipQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def my_relationships(
        self, info: Info, include_closed: bool = False
    ) -> list[Relationship]:
        return await relationships_resolvers.my_relationships(info.context, include_closed)

    @strawberry.field(description="Needs the progress:read scope (session tokens have it).")
    async def progress_events(
        self, info: Info, programme_id: relay.GlobalID, after: int = 0, first: int = 100
    ) -> ProgressPage:
        page = await relationships_resolvers.progress_events(
            info.context, programme_id, after, first
        )
        return ProgressPage(
            events=[ProgressEvent(raw=m) for m in page.events],
            last_seq=page.last_seq,
            has_more=page.has_more,
        )


@strawberry.type
class RelationshipMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Accept the guidelines; once everyone has, the relationship starts.",
    )
    async def acknowledge_guidelines(
        self, info: Info, relationship_id: relay.GlobalID
    ) -> Relationship:
        return await relationships_resolvers.acknowledge_guidelines(info.context, relationship_id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators name a group's moderator (moderator mode APPOINTED).",
    )
    async def appoint_moderator(
        self, info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID
    ) -> Relationship:
        return await relationships_resolvers.appoint_moderator(
            info.context, relationship_id, user_id
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Members elect their group's moderator (moderator mode ELECTED).",
    )
    async def vote_moderator(
        self, info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID
    ) -> Relationship:
        return await relationships_resolvers.vote_moderator(info.context, relationship_id, user_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def pause_relationship(
        self, info: Info, relationship_id: relay.GlobalID, reason: str = ""
    ) -> Relationship:
        return await relationships_resolvers.pause_relationship(
            info.context, relationship_id, reason
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def resume_relationship(
        self, info: Info, relationship_id: relay.GlobalID
    ) -> Relationship:
        return await relationships_resolvers.resume_relationship(info.context, relationship_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def complete_relationship(
        self, info: Info, relationship_id: relay.GlobalID
    ) -> Relationship:
        return await relationships_resolvers.complete_relationship(info.context, relationship_id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def cancel_relationship(
        self, info: Info, relationship_id: relay.GlobalID, reason: str
    ) -> Relationship:
        return await relationships_resolvers.cancel_relationship(
            info.context, relationship_id, reason
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators remove a mentee; a mentee may leave. Leaves rooms at once.",
    )
    async def remove_from_relationship(
        self, info: Info, relationship_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
    ) -> Relationship:
        return await relationships_resolvers.remove_from_relationship(
            info.context, relationship_id, user_id, reason
        )


@strawberry.type
class RelationshipSubscriptions:
    @strawberry.subscription(
        description="Events after `after`, then live, with no gap and no duplicate. "
        "Needs the progress:read scope."
    )
    async def progress_updates(
        self, info: Info, programme_id: relay.GlobalID, after: int = 0
    ) -> AsyncGenerator[ProgressEvent, None]:
        async with aclosing(
            relationships_resolvers.progress_updates(info.context, programme_id, after)
        ) as stream:
            async for message in stream:
                yield ProgressEvent(raw=message)
