"""Accounts: the signed-in person, sessions and personal API tokens."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from models import accounts
from schema.context import Info

if TYPE_CHECKING:
    from schema.profiles import Profile


@strawberry.enum(description="What a personal API token may do.")
class Scope(Enum):
    READ = "read"
    WRITE = "write"
    PROGRESS_READ = "progress:read"


@strawberry.type(description="A person with an account.")
class User(relay.Node):
    id: relay.NodeID[int]
    display_name: str

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, accounts.User))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[accounts.User | None]:
        from resolvers.profiles import visible_users

        return await visible_users(info, [int(i) for i in node_ids])

    @strawberry.field(description="Null when you may not see this person's profile.")
    async def profile(
        self, info: Info
    ) -> Annotated[Profile, strawberry.lazy("schema.profiles")] | None:
        from resolvers.profiles import profile_of

        return await profile_of(info, self.id)


@strawberry.type(description="You: the account behind the token of this request.")
class Me:
    user: User

    @strawberry.field
    def email(self) -> str:
        return self.user.email  # type: ignore[attr-defined]

    @strawberry.field
    def locale(self) -> str:
        return self.user.locale  # type: ignore[attr-defined]

    @strawberry.field(
        description="Whether a link mailed to your address was followed. Until then you may "
        "look around but not enrol, request mentors, send messages, join rooms or invite."
    )
    def email_verified(self) -> bool:
        return self.user.is_verified  # type: ignore[attr-defined]

    @strawberry.field(description="Scopes of the token used for this request.")
    def scopes(self, info: Info) -> list[Scope]:
        token = info.context.token
        if token is None:
            return []
        if token.kind == accounts.TokenKind.SESSION:
            return list(Scope)
        return [Scope(s) for s in token.scopes]

    @strawberry.field
    async def profile(self, info: Info) -> Annotated[Profile, strawberry.lazy("schema.profiles")]:
        from resolvers.profiles import profile_of

        profile = await profile_of(info, self.user.id)
        assert profile is not None  # one may always see oneself
        return profile


@strawberry.type
class AuthPayload:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: datetime
    me: Me


@strawberry.type(description="A personal API token for third-party tools.")
class ApiToken(relay.Node):
    id: relay.NodeID[int]
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, accounts.AccessToken))

    @strawberry.field
    def scopes(self) -> list[Scope]:
        return [Scope(s) for s in self.scopes]  # type: ignore[attr-defined]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[accounts.AccessToken | None]:
        user = info.context.require(accounts.Scope.READ)
        rows = await accounts.AccessToken.filter(
            id__in=[int(i) for i in node_ids], user_id=user.id, kind=accounts.TokenKind.API
        )
        found = {str(r.id): r for r in rows}
        return [found.get(i) for i in node_ids]


@strawberry.type
class NewApiToken:
    token: str = strawberry.field(description="Shown once; store it safely.")
    api_token: ApiToken


@strawberry.input
class RegisterInput:
    email: str
    password: str
    display_name: str
    locale: str = "id"


@strawberry.input
class ApiTokenInput:
    name: str
    scopes: list[Scope]
    expires_in_days: int | None = None
