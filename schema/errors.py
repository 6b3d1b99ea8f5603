"""Every error a client sees has a stable ``extensions.code``; internals never leak.

Domain errors keep their message and code (and the input ``field`` at fault). Anything else
that escapes a resolver is a bug: the client gets "Unexpected error." and a request id that
matches the server log line with the traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.relay.types import GlobalIDValueError

from models.errors import RajutError
from resolvers.loaders import Loaders

log = logging.getLogger("rajut.errors")

LOGGED_MESSAGE_CHARS = 300  # of each exception's message: it may quote client input
LOGGED_TRACEBACK_CHARS = 8000


def bounded_report(error: BaseException) -> str:
    """An exception for the log with every message cut short: a crash on a 5 MiB value
    must not write the value into the log (once per frame of a chained traceback).
    The frames show code, not values, so they are kept whole up to a generous cap."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < 5:
        seen.add(id(current))
        message = str(current)
        if len(message) > LOGGED_MESSAGE_CHARS:
            message = f"{message[:LOGGED_MESSAGE_CHARS]}… ({len(message)} characters)"
        frames = "".join(traceback.format_tb(current.__traceback__))
        lines.append(f"{frames[-LOGGED_TRACEBACK_CHARS:]}{type(current).__name__}: {message!r}")
        current = current.__cause__ or current.__context__
    return "\n-- caused by --\n".join(lines)


def _coded(error: GraphQLError, message: str, extensions: dict) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


# Strawberry raises this while resolving `node(id:)` for an ID that names no Node type (a
# Notification, or no type at all): the client's mistake, not a crash
CLIENT_ERRORS = (RajutError, GraphQLError, GlobalIDValueError)


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, CLIENT_ERRORS)


class CodedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        request_id = getattr(self.execution_context.context, "request_id", None)
        return [self._code(error, request_id) for error in errors]

    def _code(self, error: GraphQLError, request_id: str | None) -> GraphQLError:
        original = error.original_error
        if isinstance(original, RajutError):
            ext = {"code": original.code}
            if original.field:
                ext["field"] = original.field
            return _coded(error, original.message, ext)
        if isinstance(original, GlobalIDValueError):
            return _coded(
                error,
                "That ID does not name an object of this API.",
                {"code": "BAD_USER_INPUT", "field": "id"},
            )
        if is_unexpected(error):
            log.error(
                "unexpected error [request %s] at %s\n%s",
                request_id,
                error.path,
                bounded_report(original),  # type: ignore[arg-type]
            )
            return _coded(
                error,
                self.error_message,
                {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
            )
        ext = dict(error.extensions or {})
        if "code" not in ext:
            # Values refused while executing (a malformed ID) or while coercing variables are
            # bad input; errors about the document itself mean the query is malformed.
            bad_input = error.path is not None or error.message.startswith("Variable ")
            ext["code"] = "BAD_USER_INPUT" if bad_input else "GRAPHQL_VALIDATION_FAILED"
        return _coded(error, error.message, ext)


class FreshLoaders(SchemaExtension):
    """A DataLoader caches for its lifetime; give every operation its own so WebSocket
    connections (one context for hours) never see stale rows."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if context is not None and hasattr(context, "loaders"):
            context.loaders = Loaders()
        yield
