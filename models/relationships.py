"""Mentoring relationships: what a match or an accepted request becomes.

This module owns the capacity rule: a mentor never holds more mentees than their capacity
(and never more than the programme's group size in one group). The check runs inside the
transaction that adds the mentee, after locking the mentor's profile row, so concurrent
accepts on PostgreSQL queue up instead of overbooking; SQLite serialises writers anyway.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.errors import Conflict
from models.profiles import Profile
from models.programmes import MentoringModel, Programme


class RelationshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_STATUSES = (RelationshipStatus.PROPOSED, RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)


class Origin(StrEnum):
    REQUEST = "request"
    MATCHING = "matching"


class Relationship(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="relationships", on_delete=fields.CASCADE
    )
    mentoring_model = fields.CharEnumField(MentoringModel, max_length=32)
    mentor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="mentoring", null=True, on_delete=fields.SET_NULL
    )
    status = fields.CharEnumField(RelationshipStatus, max_length=16)
    origin = fields.CharEnumField(Origin, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "relationships"


class RelationshipMember(Model):
    """A mentee (or a peer) in a relationship. A group has several."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="members", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="memberships", on_delete=fields.CASCADE
    )
    joined_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "relationship_members"
        unique_together = (("relationship", "user"),)


async def mentee_loads(mentor_ids: list[int]) -> dict[int, int]:
    """How many mentees each mentor holds in open relationships, across programmes."""
    rows = await RelationshipMember.filter(
        relationship__mentor_id__in=mentor_ids, relationship__status__in=OPEN_STATUSES
    ).values_list("relationship__mentor_id", flat=True)
    loads = dict.fromkeys(mentor_ids, 0)
    for mentor_id in rows:
        loads[mentor_id] += 1
    return loads


async def are_paired(programme_id: int, mentor_id: int, mentee_id: int) -> bool:
    return await RelationshipMember.filter(
        user_id=mentee_id,
        relationship__programme_id=programme_id,
        relationship__mentor_id=mentor_id,
        relationship__status__in=OPEN_STATUSES,
    ).exists()


async def add_mentee(
    programme: Programme, mentor_id: int, mentee_id: int, origin: Origin
) -> Relationship:
    """Put a mentee with a mentor; call inside a transaction.

    Group programmes gather a mentor's mentees in one group of at most the group size;
    otherwise each pair gets its own 1:1 relationship. Raises Conflict when the mentor is
    full, and closes a mentor's profile to requests once they become full.
    """
    profile = await Profile.filter(user_id=mentor_id).select_for_update().get()
    load = (await mentee_loads([mentor_id]))[mentor_id]
    if load >= profile.capacity:
        raise Conflict("This mentor has no free place left.", field="mentorId")
    if await are_paired(programme.id, mentor_id, mentee_id):
        raise Conflict("These two are already paired in this programme.")
    group = None
    if MentoringModel.GROUP.value in programme.mentoring_models and profile.capacity > 1:
        for candidate in await Relationship.filter(
            programme_id=programme.id,
            mentor_id=mentor_id,
            mentoring_model=MentoringModel.GROUP,
            status__in=OPEN_STATUSES,
        ).prefetch_related("members"):
            if len(candidate.members) < programme.max_group_size:
                group = candidate
                break
    if group is None:
        model = (
            MentoringModel.GROUP
            if profile.capacity > 1 and (MentoringModel.GROUP.value in programme.mentoring_models)
            else MentoringModel.ONE_TO_ONE
        )
        group = await Relationship.create(
            programme=programme,
            mentor_id=mentor_id,
            mentoring_model=model,
            status=RelationshipStatus.ACTIVE,
            origin=origin,
        )
    await RelationshipMember.create(relationship=group, user_id=mentee_id)
    if load + 1 >= profile.capacity and profile.open_for_requests:
        profile.open_for_requests = False
        await profile.save(update_fields=["open_for_requests"])
    return group
