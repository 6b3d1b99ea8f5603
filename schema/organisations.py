"""Organisations and their focus-area taxonomy."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import relay

from models import organisations
from resolvers import organisations as organisations_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite


@strawberry.enum
class OrgRole(Enum):
    MEMBER = "member"
    ADMIN = "admin"


@strawberry.type(description="A mentoring area, named in English and Bahasa Indonesia.")
class FocusArea:
    slug: str
    name_en: str
    name_id: str

    @strawberry.field(description="The name in the viewer's language.")
    def name(self, info: Info) -> str:
        return self.name_en if info.context.english else self.name_id


@strawberry.type
class Organisation(relay.Node):
    id: relay.NodeID[int]
    name: str
    slug: str

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, organisations.Organisation))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[organisations.Organisation | None]:
        return await info.context.loaders.organisation.load_many([int(i) for i in node_ids])

    @strawberry.field
    async def focus_areas(self) -> list[FocusArea]:
        return await organisations.FocusArea.filter(organisation_id=self.id)

    @strawberry.field(description="Whether you administer this organisation.")
    async def viewer_is_admin(self, info: Info) -> bool:
        return await organisations.is_org_admin(info.context.user, self.id)


@strawberry.input
class FocusAreaInput:
    organisation_id: relay.GlobalID
    slug: str
    name_en: str
    name_id: str


@strawberry.type
class OrganisationQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def organisation(self, info: Info, slug: str) -> Organisation | None:
        return await organisations_resolvers.organisation(info.context, slug)

    @strawberry.field(permission_classes=[CanRead])
    async def my_organisations(self, info: Info) -> list[Organisation]:
        return await organisations_resolvers.my_organisations(info.context)


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def create_organisation(self, info: Info, name: str, slug: str) -> Organisation:
        return await organisations_resolvers.create_organisation(info.context, name, slug)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Invite an address to a role (lowering a member's role applies at once). "
        "Always true, whether or not the address has an account.",
    )
    async def set_organisation_role(
        self, info: Info, organisation_id: relay.GlobalID, email: str, role: OrgRole
    ) -> bool:
        return await organisations_resolvers.set_organisation_role(
            info.context, organisation_id, email, organisations.OrgRole(role.value)
        )

    @strawberry.mutation(permission_classes=[CanWrite])
    async def add_focus_area(self, info: Info, input: FocusAreaInput) -> FocusArea:
        return await organisations_resolvers.add_focus_area(  # type: ignore[return-value]
            info.context, input.organisation_id, input.slug, input.name_en, input.name_id
        )
