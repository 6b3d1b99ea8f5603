"""Organisations, their members' roles and focus areas."""

from __future__ import annotations

from strawberry import relay

from models import organisations
from models.accounts import Scope
from models.errors import NotFound
from resolvers import invitations as invitation_resolvers
from resolvers.ids import db_id
from schema.context import Info
from schema.organisations import FocusArea, FocusAreaInput, Organisation, OrgRole


async def organisation(info: Info, slug: str) -> Organisation | None:
    info.context.require(Scope.READ)
    return await organisations.Organisation.get_or_none(slug=slug)  # type: ignore[return-value]


async def my_organisations(info: Info) -> list[Organisation]:
    user = info.context.require(Scope.READ)
    return await organisations.Organisation.filter(  # type: ignore[return-value]
        memberships__user_id=user.id
    ).order_by("name")


async def create_organisation(info: Info, name: str, slug: str) -> Organisation:
    user = info.context.require(Scope.WRITE)
    return await organisations.create_organisation(user, name, slug)  # type: ignore[return-value]


async def _organisation(gid: relay.GlobalID) -> organisations.Organisation:
    org = await organisations.Organisation.get_or_none(
        id=db_id(gid, "Organisation", "organisationId")
    )
    if org is None:
        raise NotFound("No such organisation.", field="organisationId")
    return org


async def set_organisation_role(
    info: Info, organisation_id: relay.GlobalID, email: str, role: OrgRole
) -> bool:
    """Always true: the address is invited (or, for a present member, lowered at once)."""
    org = await _organisation(organisation_id)
    await invitation_resolvers.invite_to_organisation(
        info, org, email, organisations.OrgRole(role.value)
    )
    return True


async def add_focus_area(info: Info, input: FocusAreaInput) -> FocusArea:
    admin = info.context.require(Scope.WRITE)
    org = await _organisation(input.organisation_id)
    return await organisations.add_focus_area(  # type: ignore[return-value]
        admin, org, input.slug, input.name_en, input.name_id
    )
