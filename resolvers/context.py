"""The per-request (or per-WebSocket) context every resolver receives."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket

from models.accounts import AccessToken, Scope, User
from models.errors import Forbidden, Unauthenticated
from realtime.multiplex import Addressing
from resolvers.loaders import Loaders
from server.ratelimit import Throttle
from server.settings import Settings


@dataclass
class Context:
    request: Request | WebSocket
    response: Any
    settings: Settings
    throttle: Throttle
    request_id: str
    token: AccessToken | None = None
    token_was_rejected: bool = False
    connection_params: dict[str, Any] | None = None
    loaders: Loaders = field(default_factory=Loaders)
    # one per WebSocket connection (get_context runs once per connection), one per HTTP request
    connection_id: str = field(default_factory=lambda: secrets.token_hex(8))
    # set in an execution shared by subscribers who may see different results
    # (realtime.multiplex): the resolver names who may see each result instead of filtering
    addressing: Addressing | None = None

    @property
    def user(self) -> User | None:
        return self.token.user if self.token else None

    @property
    def english(self) -> bool:
        """Answer in English: the viewer chose it (anyone else reads Bahasa Indonesia)."""
        user = self.user
        return user is not None and user.locale == "en"

    @property
    def client_address(self) -> str:
        return self.request.client.host if self.request.client else "unknown"

    async def limit(self, rule: str) -> None:
        """Count a chat message or a signal against this connection's budget.

        Over HTTP each request is its own connection, so the budget follows the token.
        """
        if isinstance(self.request, WebSocket):
            key = self.connection_id
        else:
            key = f"token:{self.token.pk}" if self.token else self.client_address
        await self.throttle.check_connection(rule, key)

    def require(self, scope: Scope) -> User:
        """The signed-in person, if their token grants ``scope``."""
        if self.token is None:
            if self.token_was_rejected:
                raise Unauthenticated("Your token is invalid, expired or revoked.")
            raise Unauthenticated("Sign in first.")
        if not self.token.grants(scope):
            raise Forbidden(f"This token lacks the {scope.value!r} scope.")
        return self.token.user
