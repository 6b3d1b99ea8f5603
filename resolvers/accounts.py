"""Sign-up, sign-in, sessions and personal API tokens."""

from __future__ import annotations

from datetime import timedelta

from strawberry import relay

from models import accounts
from models.accounts import Scope, TokenKind
from models.errors import BadInput
from resolvers.ids import db_id
from schema.accounts import ApiToken, ApiTokenInput, AuthPayload, Me, NewApiToken, RegisterInput
from schema.context import Info


async def _session(info: Info, user: accounts.User) -> AuthPayload:
    token, record = await accounts.issue_token(
        user, TokenKind.SESSION, lifetime=timedelta(days=info.context.settings.session_days)
    )
    record.user = user
    info.context.token = record
    return AuthPayload(token=token, expires_at=record.expires_at, me=Me(user=user))


async def register(info: Info, input: RegisterInput) -> bool:
    """Always true: the answer for a known address is the answer for a new one."""
    throttle = info.context.throttle
    await throttle.check("register:address", info.context.client_address)
    email, _ = accounts.check_registration(
        input.email, input.password, input.display_name, input.locale
    )
    await throttle.check("register:email", email)  # bounds the mail one address receives
    await accounts.sign_up(
        input.email,
        input.password,
        input.display_name,
        input.locale,
        info.context.settings.public_base_url,
    )
    return True


async def verify_email(info: Info, token: str) -> AuthPayload:
    await info.context.throttle.check("login:address", info.context.client_address)
    user = await accounts.verify_email(token)
    return await _session(info, user)


async def login(info: Info, email: str, password: str) -> AuthPayload:
    throttle = info.context.throttle
    await throttle.check("login:address", info.context.client_address)
    await throttle.check("login:account", email.strip().lower())
    user = await accounts.authenticate(email, password)
    return await _session(info, user)


async def logout(info: Info) -> bool:
    user = info.context.require(Scope.READ)
    token = info.context.token
    assert token is not None
    await accounts.revoke_token(user, token.id)
    return True


def me(info: Info) -> Me | None:
    user = info.context.user
    return Me(user=user) if user else None  # type: ignore[arg-type]


async def change_password(info: Info, current_password: str, new_password: str) -> bool:
    user = info.context.require(Scope.WRITE)
    token = info.context.token
    await accounts.change_password(
        user, current_password, new_password, keep_token_id=token.id if token else None
    )
    return True


async def request_password_reset(info: Info, email: str) -> bool:
    await info.context.throttle.check("login:address", info.context.client_address)
    await accounts.request_password_reset(email, info.context.settings.public_base_url)
    return True


async def reset_password(info: Info, token: str, new_password: str) -> bool:
    await info.context.throttle.check("login:address", info.context.client_address)
    await accounts.reset_password(token, new_password)
    return True


async def my_api_tokens(info: Info) -> list[ApiToken]:
    user = info.context.require(Scope.READ)
    return await accounts.AccessToken.filter(  # type: ignore[return-value]
        user_id=user.id, kind=TokenKind.API
    ).order_by("-created_at")


async def create_api_token(info: Info, input: ApiTokenInput) -> NewApiToken:
    user = info.context.require(Scope.WRITE)
    if info.context.token and info.context.token.kind == TokenKind.API:
        raise BadInput("Create API tokens from a signed-in session, not with another token.")
    name = input.name.strip()
    if not 1 <= len(name) <= 100:
        raise BadInput("Name the token in 1 to 100 characters.", field="name")
    if not input.scopes:
        raise BadInput("Give the token at least one scope.", field="scopes")
    days = input.expires_in_days
    if days is not None and not 1 <= days <= 366:
        raise BadInput("Tokens expire after 1 to 366 days, or never.", field="expiresInDays")
    token, record = await accounts.issue_token(
        user,
        TokenKind.API,
        lifetime=timedelta(days=days) if days else None,
        name=name,
        scopes=sorted({s.value for s in input.scopes}),
    )
    return NewApiToken(token=token, api_token=record)  # type: ignore[arg-type]


async def revoke_api_token(info: Info, id: relay.GlobalID) -> ApiToken:
    user = info.context.require(Scope.WRITE)
    return await accounts.revoke_token(user, db_id(id, "ApiToken"))  # type: ignore[return-value]
