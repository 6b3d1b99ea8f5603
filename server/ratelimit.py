"""Throttles for the endpoints people guess passwords against (the `limits` library).

Counters live in memory for a single process and in Redis when REDIS_URL is set, so several
processes behind a load balancer share one budget per address and per account.
"""

from __future__ import annotations

import hashlib

from limits import parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from models.errors import RateLimited
from server.settings import Settings


class Throttle:
    def __init__(self, settings: Settings) -> None:
        if settings.redis_url:
            uri = "async+" + settings.redis_url
            storage = storage_from_string(uri, implementation="redispy")
        else:
            storage = storage_from_string("async+memory://")
        self._limiter = MovingWindowRateLimiter(storage)
        self._rules = {
            "login:address": parse(settings.login_limit_per_address),
            "login:account": parse(settings.login_limit_per_account),
            "register:address": parse(settings.register_limit_per_address),
            "register:email": parse(settings.register_limit_per_email),
            "invite:inviter": parse(settings.invitation_limit_per_inviter),
        }
        # A WebSocket lives in one process, so its budget needs no shared storage.
        self._local = MovingWindowRateLimiter(storage_from_string("async+memory://"))
        self._connection_rules = {
            "messages": parse(settings.message_limit_per_connection),
            "signals": parse(settings.signal_limit_per_connection),
        }

    async def check(self, rule: str, key: str) -> None:
        """Count one attempt; refuse with RATE_LIMITED once the budget is spent."""
        if not await self._limiter.hit(self._rules[rule], rule, bounded_key(key)):
            raise RateLimited("Too many attempts. Wait a minute and try again.")

    async def check_connection(self, rule: str, connection: str) -> None:
        """Count one chat message or signal from a connection; refuse once it floods."""
        if not await self._local.hit(self._connection_rules[rule], rule, connection):
            raise RateLimited(f"Too many {rule} from this connection. Slow down.")


def bounded_key(key: str) -> str:
    """What a counter is stored under: short keys as they are (readable in Redis), long
    ones (an email is client input) by digest, so no client decides how much we store."""
    if len(key) <= 64:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return "sha256:" + digest
