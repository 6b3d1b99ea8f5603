"""What the plain-HTTP routes beside /graphql share: the same bearer token, JSON errors
with the API's codes, and global IDs in paths."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from strawberry import relay

from models.accounts import AccessToken, Scope, User, resolve_token
from models.errors import RajutError

STATUS = {
    "BAD_USER_INPUT": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "RATE_LIMITED": 429,
}


def error(code: str, message: str, status: int | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status or STATUS[code])


def refused(exc: RajutError) -> JSONResponse:
    """A model's refusal as these routes answer it: its code and message, with the code's
    status (a file of a type not taken: 415 Unsupported Media Type)."""
    unsupported = exc.code == "BAD_USER_INPUT" and exc.field == "file"
    return error(exc.code, exc.message, 415 if unsupported else STATUS.get(exc.code, 400))


async def bearer(request: Request) -> tuple[AccessToken | None, bool]:
    """(token, rejected): no header is anonymous, a bad one is refused."""
    header = request.headers.get("authorization")
    if not header:
        return None, False
    scheme, _, token = header.partition(" ")
    record = await resolve_token(token.strip()) if scheme.lower() == "bearer" else None
    return record, record is None


def global_key(text: str | None, type_name: str) -> int | None:
    """The database id in a global ID of ``type_name``: None when absent, -1 when not one."""
    if not text:
        return None
    try:
        gid = relay.GlobalID.from_id(text[:200])
        key = int(gid.node_id)
    except (ValueError, TypeError, UnicodeError):
        return -1
    return key if gid.type_name == type_name and 0 < key < 2**31 else -1


async def reader(request: Request) -> AccessToken | Response | None:
    """The reader's token (None: anonymous), or the refusal of a bad or read-less one."""
    record, rejected = await bearer(request)
    if rejected:
        return error("UNAUTHENTICATED", "Your token is invalid, expired or revoked.")
    if record is not None and not record.grants(Scope.READ):
        return error("FORBIDDEN", "This token lacks the 'read' scope.")
    return record


async def signed_in(request: Request, scope: Scope) -> AccessToken | Response:
    """The token of someone signed in whose token grants ``scope``, or the refusal."""
    record, _ = await bearer(request)
    if record is None:
        return error("UNAUTHENTICATED", "Sign in first (Authorization: Bearer …).")
    if not record.grants(scope):
        return error("FORBIDDEN", f"This token lacks the {scope.value!r} scope.")
    return record


async def incoming_file(request: Request) -> tuple[AccessToken, bytes] | Response:
    """The uploader's token (signed in, with the write scope) and the raw body, or the
    refusal to send: 401/403, or 413 as soon as the body is known to exceed
    UPLOAD_MAX_BYTES (from its Content-Length, or while a chunked body streams)."""
    record = await signed_in(request, Scope.WRITE)
    if isinstance(record, Response):
        return record
    limit = request.app.state.settings.upload_max_bytes
    too_big = error("PAYLOAD_TOO_LARGE", f"Files may be at most {limit} bytes.", 413)
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > limit):
        return too_big
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            return too_big
    return record, bytes(data)


async def stored_file(
    request: Request,
    type_name: str,
    locate: Callable[[User | None, int, Path], Awaitable[tuple[Path, str, str]]],
) -> Response:
    """GET a kept upload by the global ID (of ``type_name``) in the path. ``locate`` gives
    (path, filename, content type) when the reader may have it and raises otherwise; a
    reader who may not is told there is no such file. The answer is an attachment no
    browser renders or runs."""
    record = await reader(request)
    if isinstance(record, Response):
        return record
    key = global_key(request.path_params["id"], type_name)
    missing = error("NOT_FOUND", "No such file.")
    if key is None or key == -1:
        return missing
    try:
        path, filename, content_type = await locate(
            record.user if record else None, key, request.app.state.settings.upload_path
        )
    except RajutError:
        return missing
    if not path.is_file():
        return missing
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
    return FileResponse(
        path,
        media_type=content_type,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )
