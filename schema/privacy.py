"""Members' data rights: the export of everything held about you, and erasing your account."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from resolvers import privacy as privacy_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite


@strawberry.type
class PrivacyQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Everything Rajut holds about you, as one JSON document (signed-in "
        "sessions only, not API tokens).",
    )
    async def export_my_data(self, info: Info) -> JSON:
        return await privacy_resolvers.export_my_data(info.context)


@strawberry.type
class PrivacyMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Erase your personal data and close your account, confirming with your "
        "password. The last admin of an organisation must name another admin first.",
    )
    async def delete_my_account(self, info: Info, password: str) -> bool:
        return await privacy_resolvers.delete_my_account(info.context, password)
