"""Programmes: creating, running, enrolling and screening."""

from __future__ import annotations

from strawberry import relay
from tortoise.expressions import Q

from models import closing, programmes
from models.accounts import Scope
from models.errors import NotFound
from models.organisations import Organisation, OrgMembership, OrgRole
from models.programmes import MentorStatus, ProgrammeStatus, StaffRole
from resolvers import invitations as invitation_resolvers
from resolvers.ids import db_id, visible_nodes
from schema.context import Info
from schema.programmes import (
    EnrolInput,
    Enrolment,
    Programme,
    ProgrammeChanges,
    ProgrammeInput,
    ScreeningDecision,
)


async def programmes_by_ids(info: Info, ids: list[int]) -> list[programmes.Programme | None]:
    async def fetch(pid: int) -> programmes.Programme:
        return (await programmes.visible_programme(info.context.user, pid))[0]

    return await visible_nodes(ids, fetch)


async def programmes_of(info: Info, organisation_id: relay.GlobalID) -> list[Programme]:
    """Published programmes for everyone signed in; drafts too for the organisers."""
    user = info.context.require(Scope.READ)
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
    return await query.order_by("-starts_on", "name")  # type: ignore[return-value]


async def programme(info: Info, id: relay.GlobalID) -> Programme:
    info.context.require(Scope.READ)
    found, _ = await programmes.visible_programme(info.context.user, db_id(id, "Programme"))
    return found  # type: ignore[return-value]


async def enrolments_of(
    info: Info, programme_id: int, mentor_status: MentorStatus | None
) -> list[Enrolment]:
    user = info.context.require(Scope.READ)
    found, access = await programmes.visible_programme(user, programme_id)
    if not access.coaches:
        return []
    query = programmes.Enrolment.filter(programme_id=found.id)
    if not access.coordinates:
        query = query.filter(as_mentor=True)  # coaches look after mentors, not mentees
    if mentor_status is not None:
        query = query.filter(mentor_status=mentor_status)
    return await query.order_by("created_at", "id")  # type: ignore[return-value]


async def enrolments_by_ids(info: Info, ids: list[int]) -> list[programmes.Enrolment | None]:
    user = info.context.user
    found: list[programmes.Enrolment | None] = []
    for eid in ids:
        row = await programmes.Enrolment.get_or_none(id=eid).select_related("programme")
        if row is not None and row.user_id != (user.id if user else None):
            access = await programmes.access_to(user, row.programme)
            if not (access.coordinates or (access.coaches and row.as_mentor)):
                row = None
        found.append(row)
    return found


async def my_enrolments(info: Info) -> list[Enrolment]:
    user = info.context.require(Scope.READ)
    return await programmes.Enrolment.filter(user_id=user.id).order_by(  # type: ignore[return-value]
        "-created_at"
    )


async def create_programme(info: Info, input: ProgrammeInput) -> Programme:
    user = info.context.require(Scope.WRITE)
    org = await Organisation.get_or_none(
        id=db_id(input.organisation_id, "Organisation", "organisationId")
    )
    if org is None:
        raise NotFound("No such organisation.", field="organisationId")
    return await programmes.create_programme(  # type: ignore[return-value]
        user, org, slug=input.slug, focus_areas=input.focus_areas, **input.values()
    )


async def update_programme(info: Info, id: relay.GlobalID, changes: ProgrammeChanges) -> Programme:
    user = info.context.require(Scope.WRITE)
    return await programmes.update_programme(  # type: ignore[return-value]
        user, db_id(id, "Programme"), changes.focus_areas, **changes.values()
    )


async def advance_programme(info: Info, id: relay.GlobalID, to: ProgrammeStatus) -> Programme:
    user = info.context.require(Scope.WRITE)
    if ProgrammeStatus(to) == ProgrammeStatus.CLOSED:
        # closing ends the programme's relationships and requests too
        return await closing.close_programme(user, db_id(id, "Programme"))  # type: ignore[return-value]
    return await programmes.advance_programme(  # type: ignore[return-value]
        user, db_id(id, "Programme"), ProgrammeStatus(to)
    )


async def appoint_staff(
    info: Info, programme_id: relay.GlobalID, email: str, role: StaffRole
) -> bool:
    """Always true: the address is invited; the place is theirs once they accept."""
    pid = db_id(programme_id, "Programme", "programmeId")
    await invitation_resolvers.invite_staff(info, pid, email, StaffRole(role))
    return True


async def enrol(info: Info, input: EnrolInput) -> Enrolment:
    user = info.context.require(Scope.WRITE)
    return await programmes.enrol(  # type: ignore[return-value]
        user,
        db_id(input.programme_id, "Programme", "programmeId"),
        input.as_mentor,
        input.as_mentee,
        input.motivation,
    )


async def screen_mentor(
    info: Info, enrolment_id: relay.GlobalID, decision: ScreeningDecision, reason: str = ""
) -> Enrolment:
    user = info.context.require(Scope.WRITE)
    return await programmes.screen_mentor(  # type: ignore[return-value]
        user,
        db_id(enrolment_id, "Enrolment", "enrolmentId"),
        decision == ScreeningDecision.APPROVE,
        reason,
    )
