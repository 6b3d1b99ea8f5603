"""Organisations, their members' roles and focus areas."""

from __future__ import annotations

from strawberry import relay

from models import organisations
from models.accounts import Scope
from models.errors import NotFound
from resolvers import invitations as invitation_resolvers
from resolvers.context import Context
from resolvers.ids import db_id


async def organisation(context: Context, slug: str) -> organisations.Organisation | None:
    context.require(Scope.READ)
    return await organisations.Organisation.get_or_none(slug=slug)


async def my_organisations(context: Context) -> list[organisations.Organisation]:
    user = context.require(Scope.READ)
    return await organisations.Organisation.filter(memberships__user_id=user.id).order_by("name")


async def create_organisation(context: Context, name: str, slug: str) -> organisations.Organisation:
    user = context.require(Scope.WRITE)
    return await organisations.create_organisation(user, name, slug)


async def _organisation(gid: relay.GlobalID) -> organisations.Organisation:
    org = await organisations.Organisation.get_or_none(
        id=db_id(gid, "Organisation", "organisationId")
    )
    if org is None:
        raise NotFound("No such organisation.", field="organisationId")
    return org


async def set_organisation_role(
    context: Context, organisation_id: relay.GlobalID, email: str, role: organisations.OrgRole
) -> bool:
    """Always true: the address is invited (or, for a present member, lowered at once)."""
    org = await _organisation(organisation_id)
    await invitation_resolvers.invite_to_organisation(context, org, email, role)
    return True


async def add_focus_area(
    context: Context, organisation_id: relay.GlobalID, slug: str, name_en: str, name_id: str
) -> organisations.FocusArea:
    admin = context.require(Scope.WRITE)
    org = await _organisation(organisation_id)
    return await organisations.add_focus_area(admin, org, slug, name_en, name_id)
