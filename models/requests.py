"""The request marketplace: a mentee asks a mentor; the mentor accepts or declines.

Rules: no self-requests, one open request per mentor, at most the programme's limit of open
requests, no more mentors than the programme's ``mentors_per_mentee``, only while
registration is open or the programme runs, only the receiver decides and only the sender
withdraws; requests expire after the programme's number of days. A mentee who reaches their
number of mentors has their other pending requests in the programme closed as superseded.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import directory_index
from models.accounts import User, now, require_verified
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.profiles import Profile
from models.programmes import (
    Enrolment,
    MatchingMode,
    MentorStatus,
    Programme,
    ProgrammeStatus,
    visible_programme,
)
from models.progress import recording
from models.relationships import (
    Origin,
    Relationship,
    add_mentee,
    are_paired,
    mentee_loads,
    mentors_of,
)


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    # closed by Rajut: the mentee got as many mentors as the programme allows elsewhere
    SUPERSEDED = "superseded"


class MatchEventKind(StrEnum):
    """What a live match event (``matchEvents``) reports."""

    REQUEST_RECEIVED = "request_received"
    REQUEST_ACCEPTED = "request_accepted"
    REQUEST_DECLINED = "request_declined"
    REQUEST_WITHDRAWN = "request_withdrawn"
    REQUEST_SUPERSEDED = "request_superseded"
    MATCH_APPROVED = "match_approved"


class MentorRequest(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="requests", on_delete=fields.CASCADE
    )
    mentee: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="sent_requests", on_delete=fields.CASCADE
    )
    mentor: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="received_requests", on_delete=fields.CASCADE
    )
    message = fields.TextField(default="")
    status = fields.CharEnumField(RequestStatus, max_length=16, default=RequestStatus.PENDING)
    decline_reason = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    relationship: fields.ForeignKeyNullableRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name=False, null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "mentor_requests"
        ordering = ["-created_at", "-id"]


ACCEPTING = (ProgrammeStatus.REGISTRATION_OPEN, ProgrammeStatus.RUNNING)


async def expire_overdue() -> int:
    """Mark pending requests past their date as expired (run lazily before every read)."""
    return await MentorRequest.filter(status=RequestStatus.PENDING, expires_at__lte=now()).update(
        status=RequestStatus.EXPIRED, decided_at=now()
    )


async def request_mentor(
    mentee: User, programme_id: int, mentor_id: int, message: str
) -> MentorRequest:
    require_verified(mentee, "request a mentor")
    programme, access = await visible_programme(mentee, programme_id)
    if mentor_id == mentee.id:
        raise BadInput("You cannot request yourself as mentor.", field="mentorId")
    if len(message) > 2000:
        raise BadInput("Keep the message under 2000 characters.", field="message")
    if access.enrolment is None or not access.enrolment.as_mentee:
        raise Forbidden("Enrol in this programme as a mentee first.")
    if programme.status not in ACCEPTING:
        raise Conflict("This programme is not taking requests now.", field="programmeId")
    if programme.matching_mode == MatchingMode.COORDINATOR:
        raise Conflict("In this programme the coordinators make the matches.", field="programmeId")
    is_mentor = await Enrolment.filter(
        programme_id=programme.id, user_id=mentor_id, mentor_status=MentorStatus.APPROVED
    ).exists()
    profile = await Profile.get_or_none(user_id=mentor_id)
    if not is_mentor or profile is None or profile.is_minor or not profile.listed_in_directory:
        raise NotFound("No such mentor in this programme.", field="mentorId")
    await expire_overdue()
    open_requests = MentorRequest.filter(mentee_id=mentee.id, status=RequestStatus.PENDING)
    if await open_requests.filter(mentor_id=mentor_id).exists():
        raise Conflict("You already have an open request to this mentor.", field="mentorId")
    if await open_requests.filter(programme_id=programme.id).count() >= (
        programme.open_request_limit
    ):
        raise Conflict(
            f"You may have at most {programme.open_request_limit} open requests; withdraw one "
            "first.",
            field="mentorId",
        )
    if await are_paired(programme.id, mentor_id, mentee.id):
        raise Conflict("This mentor is already yours.", field="mentorId")
    if await mentors_of(programme.id, mentee.id) >= programme.mentors_per_mentee:
        raise Conflict(
            f"You already have {programme.mentors_per_mentee} mentor(s) in this programme, "
            "as many as it allows.",
            field="programmeId",
        )
    load = (await mentee_loads([mentor_id]))[mentor_id]
    if not profile.open_for_requests or load >= profile.capacity:
        raise Conflict("This mentor is not taking requests now.", field="mentorId")
    return await MentorRequest.create(
        programme=programme,
        mentee=mentee,
        mentor_id=mentor_id,
        message=message.strip(),
        expires_at=now() + timedelta(days=programme.request_expiry_days),
    )


async def _pending(request_id: int, user: User, side: str) -> MentorRequest:
    """The request, if ``user`` is on ``side`` of it and it is still pending."""
    await expire_overdue()
    request = await MentorRequest.get_or_none(id=request_id).select_related("programme")
    if request is None or user.id not in (request.mentor_id, request.mentee_id):
        raise NotFound("No such request.", field="requestId")
    if getattr(request, f"{side}_id") != user.id:
        who = "mentor it was sent to" if side == "mentor" else "mentee who sent it"
        raise Forbidden(f"Only the {who} may do that.")
    if request.status != RequestStatus.PENDING:
        raise Conflict(f"This request is already {request.status.value}.", field="requestId")
    return request


async def supersede_pending(programme: Programme, mentee_ids: list[int]) -> list[MentorRequest]:
    """Close the pending requests of mentees who now have as many mentors as the programme
    allows; call inside the transaction that matched them (after ``add_mentee``, whose locks
    it relies on). Returns the closed requests, so their mentors can be told."""
    full = [
        m for m in mentee_ids if await mentors_of(programme.id, m) >= programme.mentors_per_mentee
    ]
    if not full:
        return []
    pending = await MentorRequest.filter(
        programme_id=programme.id, mentee_id__in=full, status=RequestStatus.PENDING
    )
    if pending:
        await MentorRequest.filter(
            id__in=[r.id for r in pending], status=RequestStatus.PENDING
        ).update(status=RequestStatus.SUPERSEDED, decided_at=now())
    for request in pending:
        request.status = RequestStatus.SUPERSEDED
    return pending


async def accept_request(
    mentor: User, request_id: int
) -> tuple[MentorRequest, list[MentorRequest]]:
    """Accept a request: the accepted request, and the mentee's other pending requests this
    closed as superseded (when the mentee now has as many mentors as the programme allows)."""
    request = await _pending(request_id, mentor, "mentor")
    if request.programme.status not in ACCEPTING:
        raise Conflict("This programme is not taking requests now.")
    async with recording() as recorder:
        # add_mentee locks the mentee's enrolment and the mentor's profile: concurrent
        # accepts for either queue up behind it
        relationship = await add_mentee(
            request.programme, mentor.id, request.mentee_id, Origin.REQUEST, recorder
        )
        decided = {
            "status": RequestStatus.ACCEPTED,
            "decided_at": now(),
            "relationship_id": relationship.id,
        }
        updated = await MentorRequest.filter(id=request.id, status=RequestStatus.PENDING).update(
            **decided
        )
        if not updated:
            raise Conflict("This request was decided meanwhile.", field="requestId")
        superseded = await supersede_pending(request.programme, [request.mentee_id])
    # the row now holds exactly what was written: no need to read it back
    request.update_from_dict(decided)
    return request, superseded


async def decline_request(mentor: User, request_id: int, reason: str) -> MentorRequest:
    request = await _pending(request_id, mentor, "mentor")
    if len(reason) > 1000:
        raise BadInput("Keep the reason under 1000 characters.", field="reason")
    request.status, request.decline_reason, request.decided_at = (
        RequestStatus.DECLINED,
        reason.strip(),
        now(),
    )
    await request.save(update_fields=["status", "decline_reason", "decided_at"])
    return request


async def withdraw_request(mentee: User, request_id: int) -> MentorRequest:
    request = await _pending(request_id, mentee, "mentee")
    request.status, request.decided_at = RequestStatus.WITHDRAWN, now()
    await request.save(update_fields=["status", "decided_at"])
    return request


async def set_open_for_requests(user: User, is_open: bool) -> Profile:
    """Close one's mentor profile when full, or reopen it (if there is room)."""
    profile = await Profile.get(user_id=user.id)
    if is_open and (await mentee_loads([user.id]))[user.id] >= profile.capacity:
        raise Conflict("You are full: raise your capacity before reopening.", field="open")
    profile.open_for_requests = is_open
    async with in_transaction():
        await profile.save(update_fields=["open_for_requests"])
        await directory_index.refresh([user.id])
    return profile
