"""Members' data rights: exportMyData and deleteMyAccount (rules in models/privacy.py).

Both need a signed-in session: a third-party API token may neither carry off everything a
member has nor close their account.
"""

from __future__ import annotations

from typing import Any

from models import privacy
from models.accounts import Scope, TokenKind, User
from models.errors import Forbidden
from models.requests import MatchEventKind
from resolvers.context import Context
from resolvers.requests import announce


def _session_user(context: Context, scope: Scope, what: str) -> User:
    user = context.require(scope)
    if context.token is not None and context.token.kind != TokenKind.SESSION:
        raise Forbidden(f"{what} from a signed-in session, not with an API token.")
    return user


async def export_my_data(context: Context) -> Any:
    user = _session_user(context, Scope.READ, "Download your data")
    return await privacy.export_of(user)


async def delete_my_account(context: Context, password: str) -> bool:
    user = _session_user(context, Scope.WRITE, "Delete your account")
    # a password check: it spends the account's login budget, so a stolen session cannot
    # use it to guess the password faster than signing in could
    await context.throttle.check("login:account", user.email)
    sent, received = await privacy.delete_account(user, password)
    for request in sent:
        await announce(
            [request.mentor_id], MatchEventKind.REQUEST_WITHDRAWN, request.programme_id, request.id
        )
    for request in received:
        await announce(
            [request.mentee_id], MatchEventKind.REQUEST_DECLINED, request.programme_id, request.id
        )
    return True
