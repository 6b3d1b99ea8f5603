"""Accounts: the signed-in person, sessions and personal API tokens."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from models import accounts
from resolvers import accounts as accounts_resolvers
from resolvers import profiles as profiles_resolvers
from schema.context import Info
from schema.permissions import CanRead, CanWrite

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
        return await profiles_resolvers.visible_users(info.context, [int(i) for i in node_ids])

    @strawberry.field(description="Null when you may not see this person's profile.")
    async def profile(
        self, info: Info
    ) -> Annotated[Profile, strawberry.lazy("schema.profiles")] | None:
        return await profiles_resolvers.profile_of(info.context, self.id)  # type: ignore[return-value]


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
        profile = await profiles_resolvers.profile_of(info.context, self.user.id)
        assert profile is not None  # one may always see oneself
        return profile  # type: ignore[return-value]


@strawberry.type
class AuthPayload:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    expires_at: datetime
    me: Me

    @classmethod
    def of(cls, session: accounts_resolvers.SignedIn) -> AuthPayload:
        return cls(token=session.token, expires_at=session.expires_at, me=Me(user=session.user))  # type: ignore[arg-type]


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


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Null when signed out.")
    def me(self, info: Info) -> Me | None:
        user = accounts_resolvers.me(info.context)
        return Me(user=user) if user else None  # type: ignore[arg-type]

    @strawberry.field(permission_classes=[CanRead])
    async def my_api_tokens(self, info: Info) -> list[ApiToken]:
        return await accounts_resolvers.my_api_tokens(info.context)  # type: ignore[return-value]


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="Always true, whether or not the address is known: a link is mailed to "
        "it (see README, Accounts). Follow it with `verifyEmail` to sign in."
    )
    async def register(self, info: Info, input: RegisterInput) -> bool:
        return await accounts_resolvers.register(
            info.context, input.email, input.password, input.display_name, input.locale
        )

    @strawberry.mutation(
        description="Follow a confirmation or claim link mailed by `register`; signs you in."
    )
    async def verify_email(self, info: Info, token: str) -> AuthPayload:
        return AuthPayload.of(await accounts_resolvers.verify_email(info.context, token))

    @strawberry.mutation
    async def login(self, info: Info, email: str, password: str) -> AuthPayload:
        return AuthPayload.of(await accounts_resolvers.login(info.context, email, password))

    @strawberry.mutation(permission_classes=[CanRead])
    async def logout(self, info: Info) -> bool:
        return await accounts_resolvers.logout(info.context)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def change_password(self, info: Info, current_password: str, new_password: str) -> bool:
        return await accounts_resolvers.change_password(
            info.context, current_password, new_password
        )

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Your language, 'id' or 'en': the web app and mails follow it.",
    )
    async def set_locale(self, info: Info, locale: str) -> Me:
        return Me(user=await accounts_resolvers.set_locale(info.context, locale))  # type: ignore[arg-type]

    @strawberry.mutation(
        description="Always true, so it does not reveal which emails have accounts."
    )
    async def request_password_reset(self, info: Info, email: str) -> bool:
        return await accounts_resolvers.request_password_reset(info.context, email)

    @strawberry.mutation
    async def reset_password(self, info: Info, token: str, new_password: str) -> bool:
        return await accounts_resolvers.reset_password(info.context, token, new_password)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def create_api_token(self, info: Info, input: ApiTokenInput) -> NewApiToken:
        new = await accounts_resolvers.create_api_token(
            info.context, input.name, [s.value for s in input.scopes], input.expires_in_days
        )
        return NewApiToken(token=new.token, api_token=new.record)  # type: ignore[arg-type]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def revoke_api_token(self, info: Info, id: relay.GlobalID) -> ApiToken:
        return await accounts_resolvers.revoke_api_token(info.context, id)  # type: ignore[return-value]
