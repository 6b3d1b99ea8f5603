"""Safeguarding: concerns about a relationship, raised privately to the coordinators.

Some mentees are minors. A report is visible to its reporter and the programme's
coordinators only, never to the other participants (the reported person included); a
coordinator can pause the relationship at once (see ``relationships.change_status``).

Coordinators never read conversations, but a reporter may attach messages they choose. The
report keeps copies of them, so an edit or a deletion afterwards does not erase the evidence.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.conversations import ConversationMessage
from models.errors import BadInput, Conflict, NotFound
from models.programmes import access_to, visible_programme
from models.relationships import Relationship, participant_relationship


class ConcernStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ConcernReport(Model):
    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="concerns", on_delete=fields.CASCADE
    )
    reporter: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    text = fields.TextField()
    # copies of the messages the reporter chose to attach (see ``attachment_copies``)
    attachments = fields.JSONField(default=list)
    status = fields.CharEnumField(ConcernStatus, max_length=16, default=ConcernStatus.OPEN)
    resolution = fields.TextField(default="")
    handled_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "concern_reports"
        ordering = ["-created_at", "-id"]


MAX_ATTACHMENTS = 50


async def report_concern(
    user: User, relationship_id: int, text: str, message_ids: list[int] | None = None
) -> ConcernReport:
    relationship, _ = await participant_relationship(
        user, relationship_id, "Participants report concerns; coordinators can pause directly."
    )
    text = text.strip()
    if not 1 <= len(text) <= 5000:
        raise BadInput("Describe the concern in 1 to 5000 characters.", field="text")
    attachments = await attachment_copies(relationship.id, message_ids or [])
    return await ConcernReport.create(
        relationship=relationship, reporter=user, text=text, attachments=attachments
    )


async def attachment_copies(relationship_id: int, message_ids: list[int]) -> list[dict[str, Any]]:
    """Copies of the chosen messages, oldest first. Each must be a message of this
    relationship's conversation (which the reporter takes part in) that still has its body."""
    wanted = set(message_ids)
    if len(wanted) > MAX_ATTACHMENTS:
        raise BadInput(f"Attach at most {MAX_ATTACHMENTS} messages.", field="messageIds")
    if not wanted:
        return []
    found = (
        await ConversationMessage.filter(id__in=wanted, relationship_id=relationship_id)
        .select_related("author")
        .order_by("id")
    )
    if len(found) != len(wanted):
        raise BadInput(
            "Attach only messages of this relationship's conversation.", field="messageIds"
        )
    if any(m.deleted_at is not None for m in found):
        raise BadInput("A deleted message has nothing left to attach.", field="messageIds")
    return [
        {
            "message": m.id,
            "author": m.author_id,
            "author_name": m.author.display_name if m.author else "",
            "body": m.body,
            "sent_at": m.created_at.isoformat(),
            "edited_at": m.edited_at.isoformat() if m.edited_at else None,
        }
        for m in found
    ]


async def concerns_for(user: User, programme_id: int) -> list[ConcernReport]:
    """Coordinators see every report of the programme; anyone else only their own."""
    found, access = await visible_programme(user, programme_id)
    query = ConcernReport.filter(relationship__programme_id=found.id)
    if not access.coordinates:
        query = query.filter(reporter_id=user.id)
    return await query


async def resolve_concern(user: User, report_id: int, resolution: str) -> ConcernReport:
    report = await ConcernReport.get_or_none(id=report_id).select_related("relationship")
    if report is None:
        raise NotFound("No such report.", field="reportId")
    access = await access_to(user, await report.relationship.programme)
    if not access.coordinates:
        raise NotFound("No such report.", field="reportId")
    if report.status == ConcernStatus.RESOLVED:
        raise Conflict("This report is already resolved.", field="reportId")
    resolution = resolution.strip()
    if not resolution:
        raise BadInput("Record what was done.", field="resolution")
    report.status, report.resolution = ConcernStatus.RESOLVED, resolution[:5000]
    report.handled_by_id, report.resolved_at = user.id, now()
    await report.save()
    return report
