"""Safeguarding: concerns about a relationship, raised privately to the coordinators.

Some mentees are minors. A report is visible to its reporter and the programme's
coordinators only, never to the other participants (the reported person included); a
coordinator can pause the relationship at once (see ``relationships.change_status``).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User, now
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.programmes import access_to, visible_programme
from models.relationships import Relationship, participant_ids, relationship_for


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
    # messages the reporter chose to attach (conversations arrive with the real-time issue)
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


async def report_concern(user: User, relationship_id: int, text: str) -> ConcernReport:
    relationship, _ = await relationship_for(user, relationship_id)
    if user.id not in await participant_ids(relationship):
        raise Forbidden("Participants report concerns; coordinators can pause directly.")
    text = text.strip()
    if not 1 <= len(text) <= 5000:
        raise BadInput("Describe the concern in 1 to 5000 characters.", field="text")
    return await ConcernReport.create(relationship=relationship, reporter=user, text=text)


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
