"""A request id on every request and log line, returned as X-Request-ID.

Masked errors show the id to the client so a report can be matched to the traceback.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_SAFE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        offered = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = offered if _SAFE.match(offered) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        request_id_var.set(request_id)
        if scope["type"] == "websocket":  # no response headers; one less layer per message
            await self.app(scope, receive, send)
            return

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


MAX_LOG_MESSAGE_CHARS = 10_000


class RequestIdFilter(logging.Filter):
    """Adds the request id, and cuts every message short: access logs quote the URL (a GET
    query string is client input) and libraries quote values in their messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        message = record.getMessage()
        if len(message) > MAX_LOG_MESSAGE_CHARS:
            record.msg = f"{message[:MAX_LOG_MESSAGE_CHARS]}… ({len(message)} characters)"
            record.args = None
        return True
