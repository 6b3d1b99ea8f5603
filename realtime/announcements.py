"""Where the models' announcements reach the live side: the broker and the rooms.

``models.announcements`` hands every announcement over after its transaction commits;
:func:`carry_out`, registered at start-up by ``server.app``, is the one place that turns
them into broker messages and room changes.
"""

from __future__ import annotations

from models.announcements import (
    AccessWithdrawn,
    Announcement,
    MemberRemoved,
    Publication,
    RelationshipStatusChanged,
    RoomsClosed,
    SessionCancelled,
)
from models.relationships import RelationshipStatus
from realtime.access import announce_withdrawal
from realtime.broker import broker
from realtime.notes import notes
from realtime.rooms import close_rooms, evict


async def carry_out(announcement: Announcement) -> None:
    match announcement:
        case Publication(topic=topic, message=message):
            await broker().publish(topic, message)
        case RelationshipStatusChanged(relationship_id=relationship_id, status=status):
            if status != RelationshipStatus.ACTIVE:  # paused or ended: everyone leaves
                await close_rooms(relationship_id, f"The relationship is {status}.")
        case RoomsClosed(relationship_id=relationship_id, reason=reason):
            await close_rooms(relationship_id, reason)
        case SessionCancelled(relationship_id=relationship_id, session_id=session_id):
            await close_rooms(relationship_id, "The session was cancelled.", session_id=session_id)
        case MemberRemoved(relationship_id=relationship_id, user_id=user_id):
            await evict(relationship_id, user_id)
            await notes.evict(relationship_id, user_id)  # and their note connections
        case AccessWithdrawn(user_id=user_id, roles=roles):
            await announce_withdrawal(user_id, roles)
