"""Domain errors. Each carries a stable code that clients can branch on.

The GraphQL layer turns them into errors with ``extensions.code`` (and ``field`` when one
input is at fault); anything else that escapes is a bug and is masked.
"""

from __future__ import annotations


class RajutError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BadInput(RajutError):
    code = "BAD_USER_INPUT"


class Unauthenticated(RajutError):
    code = "UNAUTHENTICATED"


class Forbidden(RajutError):
    code = "FORBIDDEN"


class NotFound(RajutError):
    code = "NOT_FOUND"


class Conflict(RajutError):
    code = "CONFLICT"


class RateLimited(RajutError):
    code = "RATE_LIMITED"


class TooSlow(RajutError):
    """A live subscription fell further behind than its bounded queue allows and was ended.

    The client resubscribes (progress subscribers from their last ``seq``); see
    ``realtime.broker`` for the policy.
    """

    code = "SUBSCRIBER_TOO_SLOW"
