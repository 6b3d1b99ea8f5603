"""A bound on every HTTP request body, enforced while it streams in, before anything parses it.

A 10 MB anonymous request once held the event loop for five seconds while its JSON was
parsed, and 5 MiB logins grew the process by a gigabyte. A declared ``Content-Length`` over
the limit is refused at once with 413; a body that grows past it while streaming (chunked
uploads) is cut off there, and the request is answered with 413 if nothing was sent yet.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """``max_bytes`` for every path, except the few in ``larger`` (file uploads) that take
    more; those endpoints stream to disk and keep their own limit."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, larger: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.max_bytes)
        too_large = PlainTextResponse(
            f"The request body is larger than {limit} bytes.", status_code=413
        )
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await too_large(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await too_large(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
