"""Sign-up, sign-in, sessions and personal API tokens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from strawberry import relay

from models import accounts
from models.accounts import Scope, TokenKind
from models.errors import BadInput
from resolvers.context import Context
from resolvers.ids import db_id


@dataclass
class SignedIn:
    """A new session: the token to send, when it expires, and whose it is."""

    token: str
    expires_at: datetime
    user: accounts.User


@dataclass
class NewToken:
    """A personal API token, shown in the clear this once."""

    token: str
    record: accounts.AccessToken


async def _session(context: Context, user: accounts.User) -> SignedIn:
    token, record = await accounts.issue_token(
        user, TokenKind.SESSION, lifetime=timedelta(days=context.settings.session_days)
    )
    record.user = user
    context.token = record
    return SignedIn(token=token, expires_at=record.expires_at, user=user)


async def register(
    context: Context, email: str, password: str, display_name: str, locale: str
) -> bool:
    """Always true: the answer for a known address is the answer for a new one."""
    throttle = context.throttle
    await throttle.check("register:address", context.client_address)
    address, _ = accounts.check_registration(email, password, display_name, locale)
    await throttle.check("register:email", address)  # bounds the mail one address receives
    await accounts.sign_up(
        email,
        password,
        display_name,
        locale,
        context.settings.public_base_url,
    )
    return True


async def verify_email(context: Context, token: str) -> SignedIn:
    await context.throttle.check("login:address", context.client_address)
    user = await accounts.verify_email(token)
    return await _session(context, user)


async def login(context: Context, email: str, password: str) -> SignedIn:
    throttle = context.throttle
    await throttle.check("login:address", context.client_address)
    await throttle.check("login:account", email.strip().lower())
    user = await accounts.authenticate(email, password)
    return await _session(context, user)


async def logout(context: Context) -> bool:
    user = context.require(Scope.READ)
    token = context.token
    assert token is not None
    await accounts.revoke_token(user, token.id)
    return True


def me(context: Context) -> accounts.User | None:
    return context.user


async def change_password(context: Context, current_password: str, new_password: str) -> bool:
    user = context.require(Scope.WRITE)
    token = context.token
    await accounts.change_password(
        user, current_password, new_password, keep_token_id=token.id if token else None
    )
    return True


async def set_locale(context: Context, locale: str) -> accounts.User:
    return await accounts.set_locale(context.require(Scope.WRITE), locale)


async def request_password_reset(context: Context, email: str) -> bool:
    await context.throttle.check("login:address", context.client_address)
    await accounts.request_password_reset(email, context.settings.public_base_url)
    return True


async def reset_password(context: Context, token: str, new_password: str) -> bool:
    await context.throttle.check("login:address", context.client_address)
    await accounts.reset_password(token, new_password)
    return True


async def my_api_tokens(context: Context) -> list[accounts.AccessToken]:
    user = context.require(Scope.READ)
    return await accounts.AccessToken.filter(user_id=user.id, kind=TokenKind.API).order_by(
        "-created_at"
    )


async def create_api_token(
    context: Context, name: str, scopes: Sequence[str], expires_in_days: int | None
) -> NewToken:
    user = context.require(Scope.WRITE)
    if context.token and context.token.kind == TokenKind.API:
        raise BadInput("Create API tokens from a signed-in session, not with another token.")
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise BadInput("Name the token in 1 to 100 characters.", field="name")
    if not scopes:
        raise BadInput("Give the token at least one scope.", field="scopes")
    days = expires_in_days
    if days is not None and not 1 <= days <= 366:
        raise BadInput("Tokens expire after 1 to 366 days, or never.", field="expiresInDays")
    token, record = await accounts.issue_token(
        user,
        TokenKind.API,
        lifetime=timedelta(days=days) if days else None,
        name=name,
        scopes=sorted(set(scopes)),
    )
    return NewToken(token=token, record=record)


async def revoke_api_token(context: Context, id: relay.GlobalID) -> accounts.AccessToken:
    user = context.require(Scope.WRITE)
    return await accounts.revoke_token(user, db_id(id, "ApiToken"))
