"""Invitations: sending (rate-limited per inviter), answering, listing and revoking."""

from __future__ import annotations

from datetime import timedelta

from strawberry import relay

from models import invitations
from models.accounts import Scope
from models.errors import NotFound
from models.notifications import Notification, notification_topic
from models.organisations import Organisation, OrgRole, require_org_admin
from models.programmes import StaffRole, coordinated_programme
from realtime.broker import broker
from resolvers.context import Context
from resolvers.ids import db_id


async def _announce(note: Notification | None) -> None:
    if note is not None:
        await broker().publish(notification_topic(note.user_id), {"id": note.id})


def _options(context: Context) -> dict:
    settings = context.settings
    return {
        "lifetime": timedelta(days=settings.invitation_days),
        "base_url": settings.public_base_url,
    }


async def invite_to_organisation(
    context: Context, organisation: Organisation, email: str, role: OrgRole
) -> None:
    admin = context.require(Scope.WRITE)
    await require_org_admin(admin, organisation.id)
    await context.throttle.check("invite:inviter", str(admin.id))
    note = await invitations.invite_to_organisation(
        admin, organisation, email, role, **_options(context)
    )
    await _announce(note)


async def invite_staff(context: Context, programme_id: int, email: str, role: StaffRole) -> None:
    coordinator = context.require(Scope.WRITE)
    await coordinated_programme(coordinator, programme_id)
    await context.throttle.check("invite:inviter", str(coordinator.id))
    note = await invitations.invite_staff(
        coordinator, programme_id, email, role, **_options(context)
    )
    await _announce(note)


async def my_invitations(context: Context) -> list[invitations.Invitation]:
    user = context.require(Scope.READ)
    return await invitations.my_invitations(user)


async def _loaded(invitation: invitations.Invitation) -> invitations.Invitation:
    await invitation.fetch_related("organisation", "programme", "invited_by")
    return invitation


async def accept_invitation(context: Context, id: relay.GlobalID) -> invitations.Invitation:
    user = context.require(Scope.WRITE)
    return await _loaded(await invitations.accept(user, db_id(id, "Invitation")))


async def decline_invitation(context: Context, id: relay.GlobalID) -> invitations.Invitation:
    user = context.require(Scope.WRITE)
    return await _loaded(await invitations.decline(user, db_id(id, "Invitation")))


async def revoke_invitation(context: Context, id: relay.GlobalID) -> invitations.Invitation:
    user = context.require(Scope.WRITE)
    return await _loaded(await invitations.revoke(user, db_id(id, "Invitation")))


async def organisation_invitations(
    context: Context, organisation_id: relay.GlobalID
) -> list[invitations.Invitation]:
    """Admins: the organisation's pending invitations (roles and programme staff)."""
    admin = context.require(Scope.READ)
    org = await Organisation.get_or_none(
        id=db_id(organisation_id, "Organisation", "organisationId")
    )
    if org is None:
        raise NotFound("No such organisation.", field="organisationId")
    return await invitations.pending_of_organisation(admin, org)


async def programme_invitations(
    context: Context, programme_id: relay.GlobalID
) -> list[invitations.Invitation]:
    """Coordinators: the programme's pending staff invitations."""
    user = context.require(Scope.READ)
    pid = db_id(programme_id, "Programme", "programmeId")
    return await invitations.pending_of_programme(user, pid)
