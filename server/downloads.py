"""What the plain-HTTP routes beside /graphql share: the same bearer token, JSON errors
with the API's codes, and global IDs in paths."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from strawberry import relay

from models.accounts import AccessToken, resolve_token

STATUS = {
    "BAD_USER_INPUT": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
}


def error(code: str, message: str, status: int | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status or STATUS[code])


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
