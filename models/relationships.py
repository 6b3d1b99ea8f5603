"""Mentoring relationships: what a match or an accepted request becomes.

This module owns the capacity rule: a mentor never holds more mentees than their capacity
(and never more than the programme's group size in one group). The check runs inside the
transaction that adds the mentee, after locking the mentor's profile row, so concurrent
accepts on PostgreSQL queue up instead of overbooking; SQLite serialises writers anyway.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from models import directory_index
from models.accounts import User, now
from models.announcements import (
    MemberRemoved,
    RelationshipStatusChanged,
    RoomsClosed,
    announce,
)
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.journeys import JourneyStage, advance
from models.profiles import Profile
from models.programmes import Enrolment, MentoringModel, ModeratorMode, Programme, access_to
from models.progress import EventKind, Recorder, recording


class RelationshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_STATUSES = (RelationshipStatus.PROPOSED, RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)
CLOSED_STATUSES = (RelationshipStatus.COMPLETED, RelationshipStatus.CANCELLED)


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
    # groups: chosen by the programme's moderator mode (appointed or elected), else none
    moderator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    end_reason = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    last_activity_at = fields.DatetimeField(null=True)

    class Meta:
        table = "relationships"
        indexes = (("mentor_id",),)


class GuidelineAcknowledgement(Model):
    """A participant accepted the programme's relationship guidelines (before any session)."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="acknowledgements", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    acknowledged_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "guideline_acknowledgements"
        unique_together = (("relationship", "user"),)


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


# what add_mentee creates: the relationships in which someone is a mentee's mentor
MENTORED = (MentoringModel.ONE_TO_ONE, MentoringModel.GROUP)


async def mentors_of(programme_id: int, mentee_id: int) -> int:
    """How many mentors the mentee has in open relationships of this programme."""
    return await RelationshipMember.filter(
        user_id=mentee_id,
        relationship__programme_id=programme_id,
        relationship__status__in=OPEN_STATUSES,
        relationship__mentoring_model__in=MENTORED,
        relationship__mentor_id__isnull=False,
    ).count()


async def lock_participants(
    programme_id: int, mentee_ids: list[int], mentor_ids: list[int]
) -> None:
    """Lock mentees' enrolments, then mentors' profiles, each in id order.

    Every path that adds mentees takes its locks in this order (enrolments before profiles),
    so concurrent accepts and approvals queue up instead of deadlocking on PostgreSQL.
    """
    if mentee_ids:
        await (
            Enrolment.filter(programme_id=programme_id, user_id__in=sorted(set(mentee_ids)))
            .order_by("user_id")
            .select_for_update()
        )
    if mentor_ids:
        await (
            Profile.filter(user_id__in=sorted(set(mentor_ids)))
            .order_by("user_id")
            .select_for_update()
        )


async def add_mentee(
    programme: Programme, mentor_id: int, mentee_id: int, origin: Origin, recorder: Recorder
) -> Relationship:
    """Put a mentee with a mentor; call inside the recorder's transaction.

    Group programmes gather a mentor's mentees in one group of at most the group size;
    otherwise each pair gets its own 1:1 relationship. A new relationship is proposed until
    everyone has acknowledged the guidelines. Raises Conflict when the mentor is full or
    the mentee already has as many mentors as the programme allows (both checked under the
    locks of ``lock_participants``), and closes a mentor's profile to requests once they
    become full.
    """
    await lock_participants(programme.id, [mentee_id], [])
    profile = await Profile.filter(user_id=mentor_id).select_for_update().get()
    load = (await mentee_loads([mentor_id]))[mentor_id]
    if load >= profile.capacity:
        raise Conflict("This mentor has no free place left.", field="mentorId")
    if await are_paired(programme.id, mentor_id, mentee_id):
        raise Conflict("These two are already paired in this programme.")
    if await mentors_of(programme.id, mentee_id) >= programme.mentors_per_mentee:
        raise Conflict(
            "This mentee already has as many mentors as the programme allows "
            f"({programme.mentors_per_mentee}).",
            field="menteeId",
        )
    grouping = MentoringModel.GROUP.value in programme.mentoring_models and profile.capacity > 1
    group = None
    if grouping:
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
        group = await Relationship.create(
            programme=programme,
            mentor_id=mentor_id,
            mentoring_model=MentoringModel.GROUP if grouping else MentoringModel.ONE_TO_ONE,
            status=RelationshipStatus.PROPOSED,
            origin=origin,
        )
    await RelationshipMember.create(relationship=group, user_id=mentee_id)
    await recorder.record(
        programme.id,
        EventKind.RELATIONSHIP_PROPOSED,
        relationship_id=group.id,
        mentor=mentor_id,
        mentee=mentee_id,
        origin=origin.value,
    )
    await advance(recorder, programme.id, mentee_id, JourneyStage.MATCHING)
    if load + 1 >= profile.capacity and profile.open_for_requests:
        profile.open_for_requests = False
        await profile.save(update_fields=["open_for_requests"])
        await directory_index.refresh([mentor_id])
    return group


# --- the lifecycle ---------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    to: RelationshipStatus
    allowed_from: tuple[RelationshipStatus, ...]
    event: EventKind
    needs_reason: bool = False


TRANSITIONS = {
    "pause": Transition(RelationshipStatus.PAUSED, (RelationshipStatus.ACTIVE,),
                        EventKind.RELATIONSHIP_PAUSED),
    "resume": Transition(RelationshipStatus.ACTIVE, (RelationshipStatus.PAUSED,),
                         EventKind.RELATIONSHIP_RESUMED),
    "complete": Transition(RelationshipStatus.COMPLETED,
                           (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED),
                           EventKind.RELATIONSHIP_COMPLETED),
    "cancel": Transition(RelationshipStatus.CANCELLED, OPEN_STATUSES,
                         EventKind.RELATIONSHIP_CANCELLED, needs_reason=True),
}  # fmt: skip


async def participant_ids(relationship: Relationship) -> set[int]:
    members = await RelationshipMember.filter(relationship_id=relationship.id).values_list(
        "user_id", flat=True
    )
    return set(members) | ({relationship.mentor_id} if relationship.mentor_id else set())


async def _relationship(relationship_id: int) -> Relationship:
    relationship = await Relationship.get_or_none(id=relationship_id).select_related("programme")
    if relationship is None:
        raise NotFound("No such relationship.", field="relationshipId")
    return relationship


async def relationship_for(user: User, relationship_id: int) -> tuple[Relationship, bool]:
    """The relationship and whether the user coordinates it; NotFound for outsiders."""
    relationship = await _relationship(relationship_id)
    if user.id in await participant_ids(relationship):
        return relationship, (await access_to(user, relationship.programme)).coordinates
    if (await access_to(user, relationship.programme)).coordinates:
        return relationship, True
    raise NotFound("No such relationship.", field="relationshipId")


async def participant_relationship(
    user: User, relationship_id: int, refusal: str
) -> tuple[Relationship, set[int]]:
    """The relationship and its people, for what only they do: a coordinator outside it is
    refused with `refusal`, anyone else finds no such relationship."""
    relationship = await _relationship(relationship_id)
    people = await participant_ids(relationship)
    if user.id in people:
        return relationship, people
    if (await access_to(user, relationship.programme)).coordinates:
        raise Forbidden(refusal)
    raise NotFound("No such relationship.", field="relationshipId")


async def acknowledge_guidelines(user: User, relationship_id: int) -> Relationship:
    """Accept the guidelines; the last participant to do so starts the relationship."""
    relationship, people = await participant_relationship(
        user, relationship_id, "Only the relationship's participants acknowledge its guidelines."
    )
    if relationship.status not in OPEN_STATUSES:
        raise Conflict(f"This relationship is {relationship.status.value}.")
    async with recording() as recorder:
        _, created = await GuidelineAcknowledgement.get_or_create(
            relationship_id=relationship.id, user_id=user.id
        )
        if created:
            await recorder.record(
                relationship.programme_id,
                EventKind.GUIDELINES_ACKNOWLEDGED,
                relationship_id=relationship.id,
                actor_id=user.id,
            )
            await advance(recorder, relationship.programme_id, user.id, JourneyStage.ORIENTATION)
        await _start_once_everyone_agreed(relationship, people, recorder)
    return relationship


async def _start_once_everyone_agreed(
    relationship: Relationship, people: set[int], recorder: Recorder
) -> None:
    """A proposed relationship starts when all its people have acknowledged the guidelines
    (after the last acknowledgement, or after the last holdout leaves)."""
    done = set(
        await GuidelineAcknowledgement.filter(relationship_id=relationship.id).values_list(
            "user_id", flat=True
        )
    )
    if relationship.status != RelationshipStatus.PROPOSED or not people <= done:
        return
    relationship.status, relationship.started_at = RelationshipStatus.ACTIVE, now()
    relationship.last_activity_at = relationship.started_at
    await relationship.save(update_fields=["status", "started_at", "last_activity_at"])
    await recorder.record(
        relationship.programme_id, EventKind.RELATIONSHIP_STARTED, relationship_id=relationship.id
    )
    for member in people:
        await advance(recorder, relationship.programme_id, member, JourneyStage.ACTIVE_MENTORSHIP)


async def change_status(
    user: User, relationship_id: int, action: str, reason: str = ""
) -> Relationship:
    """Pause, resume, complete or cancel: any participant or a coordinator may."""
    transition = TRANSITIONS[action]
    relationship, _ = await relationship_for(user, relationship_id)
    reason = reason.strip()
    if transition.needs_reason and not reason:
        raise BadInput("Say why the relationship is cancelled.", field="reason")
    if len(reason) > 2000:
        raise BadInput("Keep the reason under 2000 characters.", field="reason")
    if relationship.status not in transition.allowed_from:
        raise Conflict(
            f"A {relationship.status.value} relationship cannot be {transition.to.value}.",
            field="relationshipId",
        )
    async with recording() as recorder:
        if not await apply_transition(relationship, transition, user.id, reason, recorder):
            raise Conflict("The relationship changed meanwhile; reload it.")
    await relationship.refresh_from_db()
    await announce(RelationshipStatusChanged(relationship.id, transition.to.value))
    return relationship


async def apply_transition(
    relationship: Relationship,
    transition: Transition,
    actor_id: int | None,
    reason: str,
    recorder: Recorder,
) -> bool:
    """Move a relationship along inside the recorder's transaction, with its progress event
    and journey steps; False when its status changed meanwhile (nothing is written then).
    Rooms are the caller's to close once the transaction commits (``close_rooms_of``)."""
    updated = await Relationship.filter(id=relationship.id, status=relationship.status).update(
        status=transition.to,
        end_reason=reason,
        ended_at=now() if transition.to in CLOSED_STATUSES else None,
    )
    if not updated:
        return False
    await recorder.record(
        relationship.programme_id,
        transition.event,
        relationship_id=relationship.id,
        actor_id=actor_id,
        **({"reason": reason} if reason else {}),
    )
    if transition.to == RelationshipStatus.COMPLETED:
        for member in await participant_ids(relationship):
            await advance(recorder, relationship.programme_id, member, JourneyStage.EVALUATION)
    return True


async def close_rooms_of(relationship_ids: list[int], why: str) -> None:
    """Close the live rooms of relationships that stopped being active (after commit)."""
    await announce(*(RoomsClosed(relationship_id, why) for relationship_id in relationship_ids))


async def remove_member(
    user: User, relationship_id: int, member_id: int, reason: str
) -> Relationship:
    """A coordinator takes a mentee out of a relationship, or a mentee leaves it.

    The person leaves its rooms at once. A relationship left without mentees is cancelled.
    The mentor is not removed this way: ending with the mentor is cancelling.
    """
    relationship, coordinates = await relationship_for(user, relationship_id)
    if not coordinates and user.id != member_id:
        raise Forbidden("Coordinators remove others; you may only leave yourself.")
    if member_id == relationship.mentor_id:
        raise BadInput("To part with the mentor, cancel the relationship.", field="userId")
    reason = reason.strip()
    if not 1 <= len(reason) <= 2000:
        raise BadInput("Say why, in 1 to 2000 characters.", field="reason")
    if relationship.status not in OPEN_STATUSES:
        raise Conflict(f"This relationship is {relationship.status.value}.")
    async with recording() as recorder:
        await take_out(relationship, member_id, user.id, reason, recorder)
    await after_taking_out(relationship, member_id)
    return relationship


async def take_out(
    relationship: Relationship,
    member_id: int,
    actor_id: int | None,
    reason: str,
    recorder: Recorder,
) -> None:
    """Remove a member inside the recorder's transaction, with what they held in the group;
    a relationship left without members is cancelled. Then call ``after_taking_out``."""
    if not await RelationshipMember.filter(
        relationship_id=relationship.id, user_id=member_id
    ).delete():
        raise NotFound("That person is not in this relationship.", field="userId")
    await recorder.record(
        relationship.programme_id,
        EventKind.MEMBER_REMOVED,
        relationship_id=relationship.id,
        actor_id=actor_id,
        member=member_id,
    )
    # what they held in the group goes with them
    await (
        ModeratorVote.filter(relationship_id=relationship.id)
        .filter(Q(voter_id=member_id) | Q(candidate_id=member_id))
        .delete()
    )
    if relationship.moderator_id == member_id:
        relationship.moderator_id = None
        await relationship.save(update_fields=["moderator_id"])
    if not await RelationshipMember.filter(relationship_id=relationship.id).exists():
        relationship.status, relationship.ended_at = RelationshipStatus.CANCELLED, now()
        relationship.end_reason = reason
        await relationship.save(update_fields=["status", "ended_at", "end_reason"])
        await recorder.record(
            relationship.programme_id,
            EventKind.RELATIONSHIP_CANCELLED,
            relationship_id=relationship.id,
            actor_id=actor_id,
            reason=reason,
        )
    else:
        await _start_once_everyone_agreed(
            relationship, await participant_ids(relationship), recorder
        )


async def after_taking_out(relationship: Relationship, member_id: int) -> None:
    """After the commit: the person leaves the rooms; a cancelled relationship's close."""
    await announce(MemberRemoved(relationship.id, member_id))  # out of its rooms at once
    if relationship.status == RelationshipStatus.CANCELLED:
        await announce(RelationshipStatusChanged(relationship.id, relationship.status.value))


class ProgressAudience:
    """Who sees each progress event of one programme, besides its coordinators.

    An event of a relationship is for its participants (the mentor and the members); one
    outside any relationship (a skill self-assessment) for its actor. Each relationship's
    participants are read once and read again whenever the stream itself says they changed
    (someone proposed into it, or removed from it), so one instance answers exactly for any
    number of viewers, each at the cost of a set look-up. Feed it the events in order.
    """

    def __init__(self) -> None:
        self._participants: dict[int, frozenset[int]] = {}

    async def of(self, message: dict[str, Any]) -> frozenset[int]:
        relationship_id = message["relationship"]
        if relationship_id is None:
            return frozenset() if message["actor"] is None else frozenset({message["actor"]})
        if message["kind"] in MEMBERSHIP_CHANGES:
            self._participants.pop(relationship_id, None)  # ask again who is in it
        if relationship_id not in self._participants:
            relationship = await Relationship.get_or_none(id=relationship_id)
            self._participants[relationship_id] = frozenset(
                await participant_ids(relationship) if relationship is not None else ()
            )
        return self._participants[relationship_id]


MEMBERSHIP_CHANGES = frozenset({EventKind.RELATIONSHIP_PROPOSED, EventKind.MEMBER_REMOVED})


async def progress_filter(
    user: User, programme: Programme
) -> Callable[[dict[str, Any]], Awaitable[bool]]:
    """Who sees which progress events: coordinators all of the programme's, participants
    those of their own relationships (including ones that start while they watch)."""
    access = await access_to(user, programme)
    if access.coordinates:

        async def everything(message: dict[str, Any]) -> bool:
            return True

        return everything
    if not access.participates:
        raise Forbidden("Only the programme's participants and coordinators follow progress.")
    audience = ProgressAudience()

    async def own(message: dict[str, Any]) -> bool:
        return user.id in await audience.of(message)

    return own


class ModeratorVote(Model):
    """A member's vote for their group's moderator, where the programme elects them."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="moderator_votes", on_delete=fields.CASCADE
    )
    voter: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    candidate: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "moderator_votes"
        unique_together = (("relationship", "voter"),)


GROUP_MODELS = (MentoringModel.GROUP, MentoringModel.CIRCLE, MentoringModel.COMMUNITY_OF_PRACTICE)


async def _group_for_moderation(
    user: User, relationship_id: int, candidate_id: int, mode: ModeratorMode
) -> tuple[Relationship, set[int], bool]:
    relationship, coordinates = await relationship_for(user, relationship_id)
    if relationship.mentoring_model not in GROUP_MODELS:
        raise Conflict("Only groups and circles have moderators.", field="relationshipId")
    if relationship.programme.moderator_mode != mode:
        raise Conflict(
            f"This programme's moderators are {relationship.programme.moderator_mode.value}.",
            field="relationshipId",
        )
    people = await participant_ids(relationship)
    if candidate_id not in people:
        raise BadInput("The moderator must be one of the group.", field="userId")
    return relationship, people, coordinates


async def appoint_moderator(user: User, relationship_id: int, candidate_id: int) -> Relationship:
    relationship, _, coordinates = await _group_for_moderation(
        user, relationship_id, candidate_id, ModeratorMode.APPOINTED
    )
    if not coordinates:
        raise Forbidden("Coordinators appoint moderators in this programme.")
    relationship.moderator_id = candidate_id
    await relationship.save(update_fields=["moderator_id"])
    return relationship


async def vote_moderator(user: User, relationship_id: int, candidate_id: int) -> Relationship:
    """One vote per member, changeable; the most-voted member moderates (ties: first to
    reach the count)."""
    relationship, people, _ = await _group_for_moderation(
        user, relationship_id, candidate_id, ModeratorMode.ELECTED
    )
    if user.id not in people:
        raise Forbidden("Only the group's members vote.")
    vote, created = await ModeratorVote.get_or_create(
        relationship=relationship, voter=user, defaults={"candidate_id": candidate_id}
    )
    if not created:
        vote.candidate_id = candidate_id
        await vote.save(update_fields=["candidate_id"])
    tally: dict[int, int] = {}
    for candidate in (
        await ModeratorVote.filter(relationship_id=relationship.id)
        .order_by("id")
        .values_list("candidate_id", flat=True)
    ):
        tally[candidate] = tally.get(candidate, 0) + 1
    relationship.moderator_id = max(tally, key=lambda c: tally[c])
    await relationship.save(update_fields=["moderator_id"])
    return relationship
