"""Programmes: creating, running, enrolling and screening."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from strawberry import relay
from tortoise.expressions import Q

from models import closing, programmes
from models.accounts import Scope
from models.errors import NotFound
from models.organisations import Organisation, OrgMembership, OrgRole
from models.programmes import MentorStatus, ProgrammeStatus, StaffRole
from resolvers import invitations as invitation_resolvers
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes


async def programmes_by_ids(context: Context, ids: list[int]) -> list[programmes.Programme | None]:
    async def fetch(pid: int) -> programmes.Programme:
        return (await programmes.visible_programme(context.user, pid))[0]

    return await visible_nodes(ids, fetch)


async def programmes_of(
    context: Context, organisation_id: relay.GlobalID
) -> list[programmes.Programme]:
    """Published programmes for everyone signed in; drafts too for the organisers."""
    user = context.require(Scope.READ)
    org_id = db_id(organisation_id, "Organisation", "organisationId")
    query = programmes.Programme.filter(organisation_id=org_id)
    admin = await OrgMembership.filter(
        organisation_id=org_id, user_id=user.id, role=OrgRole.ADMIN
    ).exists()
    if not admin:
        coordinated = await programmes.ProgrammeStaff.filter(
            user_id=user.id, role=StaffRole.COORDINATOR
        ).values_list("programme_id", flat=True)
        query = query.filter(~Q(status=ProgrammeStatus.DRAFT) | Q(id__in=coordinated))
    return await query.order_by("-starts_on", "name")


async def programme(context: Context, id: relay.GlobalID) -> programmes.Programme:
    context.require(Scope.READ)
    found, _ = await programmes.visible_programme(context.user, db_id(id, "Programme"))
    return found


async def enrolments_of(
    context: Context, programme_id: int, mentor_status: MentorStatus | None
) -> list[programmes.Enrolment]:
    user = context.require(Scope.READ)
    found, access = await programmes.visible_programme(user, programme_id)
    if not access.coaches:
        return []
    query = programmes.Enrolment.filter(programme_id=found.id)
    if not access.coordinates:
        query = query.filter(as_mentor=True)  # coaches look after mentors, not mentees
    if mentor_status is not None:
        query = query.filter(mentor_status=mentor_status)
    return await query.order_by("created_at", "id")


async def enrolments_by_ids(context: Context, ids: list[int]) -> list[programmes.Enrolment | None]:
    user = context.user
    found: list[programmes.Enrolment | None] = []
    for eid in ids:
        row = await programmes.Enrolment.get_or_none(id=eid).select_related("programme")
        if row is not None and row.user_id != (user.id if user else None):
            access = await programmes.access_to(user, row.programme)
            if not (access.coordinates or (access.coaches and row.as_mentor)):
                row = None
        found.append(row)
    return found


async def my_enrolments(context: Context) -> list[programmes.Enrolment]:
    user = context.require(Scope.READ)
    return await programmes.Enrolment.filter(user_id=user.id).order_by("-created_at")


async def create_programme(
    context: Context,
    organisation_id: relay.GlobalID,
    slug: str,
    focus_areas: Sequence[str],
    settings: Mapping[str, Any],
) -> programmes.Programme:
    """``settings``: the programme's other fields, as the model stores them."""
    user = context.require(Scope.WRITE)
    org = await Organisation.get_or_none(
        id=db_id(organisation_id, "Organisation", "organisationId")
    )
    if org is None:
        raise NotFound("No such organisation.", field="organisationId")
    return await programmes.create_programme(
        user, org, slug=slug, focus_areas=focus_areas, **settings
    )


async def update_programme(
    context: Context,
    id: relay.GlobalID,
    focus_areas: Sequence[str] | None,
    settings: Mapping[str, Any],
) -> programmes.Programme:
    """``settings``: the fields to change, as the model stores them."""
    user = context.require(Scope.WRITE)
    return await programmes.update_programme(user, db_id(id, "Programme"), focus_areas, **settings)


async def advance_programme(
    context: Context, id: relay.GlobalID, to: ProgrammeStatus
) -> programmes.Programme:
    user = context.require(Scope.WRITE)
    if ProgrammeStatus(to) == ProgrammeStatus.CLOSED:
        # closing ends the programme's relationships and requests too
        return await closing.close_programme(user, db_id(id, "Programme"))
    return await programmes.advance_programme(user, db_id(id, "Programme"), ProgrammeStatus(to))


async def appoint_staff(
    context: Context, programme_id: relay.GlobalID, email: str, role: StaffRole
) -> bool:
    """Always true: the address is invited; the place is theirs once they accept."""
    pid = db_id(programme_id, "Programme", "programmeId")
    await invitation_resolvers.invite_staff(context, pid, email, StaffRole(role))
    return True


async def enrol(
    context: Context,
    programme_id: relay.GlobalID,
    as_mentor: bool,
    as_mentee: bool,
    motivation: str,
) -> programmes.Enrolment:
    user = context.require(Scope.WRITE)
    return await programmes.enrol(
        user, db_id(programme_id, "Programme", "programmeId"), as_mentor, as_mentee, motivation
    )


async def screen_mentor(
    context: Context, enrolment_id: relay.GlobalID, approve: bool, reason: str = ""
) -> programmes.Enrolment:
    user = context.require(Scope.WRITE)
    return await programmes.screen_mentor(
        user,
        db_id(enrolment_id, "Enrolment", "enrolmentId"),
        approve,
        reason,
    )
