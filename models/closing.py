"""Closing a programme: the end of a season for everyone in it.

Moving a programme to CLOSED ends what it still holds open, in the one transaction that
closes it: active and paused relationships are completed, proposed ones (never started) are
cancelled, each through the same transition as a person's own `completeRelationship` or
`cancelRelationship` (progress events, journey steps), and pending requests expire. Mentors'
places are therefore free for their other programmes at once. After the commit the rooms
of the ended relationships close and their people are notified.
"""

from __future__ import annotations

from models.accounts import User, now
from models.errors import Conflict
from models.notifications import tell_programme_closed
from models.programmes import NEXT_STATUS, Programme, ProgrammeStatus, coordinated_programme
from models.progress import recording
from models.relationships import (
    OPEN_STATUSES,
    TRANSITIONS,
    Relationship,
    RelationshipStatus,
    apply_transition,
    close_rooms_of,
)
from models.requests import MentorRequest, RequestStatus

CLOSING_REASON = "Program ditutup / The programme closed."


async def close_programme(user: User, programme_id: int) -> Programme:
    """Move a running programme to CLOSED and end everything it still holds open."""
    programme = await coordinated_programme(user, programme_id)
    if NEXT_STATUS.get(programme.status) != ProgrammeStatus.CLOSED:
        raise Conflict(
            f"A programme in status {programme.status.value} cannot move to closed.",
            field="status",
        )
    ended: list[Relationship] = []
    async with recording() as recorder:
        if not await Programme.filter(id=programme.id, status=programme.status).update(
            status=ProgrammeStatus.CLOSED
        ):
            raise Conflict("The programme changed meanwhile; reload it.", field="status")
        for relationship in await Relationship.filter(
            programme_id=programme.id, status__in=OPEN_STATUSES
        ).order_by("id"):
            if relationship.status == RelationshipStatus.PROPOSED:
                transition, reason = TRANSITIONS["cancel"], CLOSING_REASON
            else:
                transition, reason = TRANSITIONS["complete"], ""
            if await apply_transition(relationship, transition, user.id, reason, recorder):
                ended.append(relationship)
        await MentorRequest.filter(programme_id=programme.id, status=RequestStatus.PENDING).update(
            status=RequestStatus.EXPIRED, decided_at=now()
        )
    programme.status = ProgrammeStatus.CLOSED
    await close_rooms_of([r.id for r in ended], "The programme has closed.")
    for relationship in ended:
        await tell_programme_closed(relationship, programme.name)
    return programme
