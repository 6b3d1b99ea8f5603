"""Uploading and downloading the knowledge repository's files over plain HTTP.

GraphQL carries no files, so uploads are ``POST /knowledge/uploads`` with the file as the
raw request body (any Content-Type; the type is read from the content) and where it goes in
the query string: ``articleId`` (a global ID), or ``organisationId`` and ``focusArea`` (a
slug); optional ``filename`` and ``title``. A body over UPLOAD_MAX_BYTES is refused with 413
before it is stored, whether or not it announced its length. Downloads are
``GET /knowledge/files/{resourceId}``: the reader must be allowed to see the article (a
public one needs no token), and the answer is an attachment of the type found at upload,
with ``nosniff`` and a sandboxing CSP so no browser runs what it holds.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from strawberry import relay

from models.accounts import Scope
from models.errors import RajutError
from models.knowledge_files import Target, file_path, store_file, visible_resource
from models.organisations import FocusArea
from server.downloads import bearer, error, global_key
from server.settings import Settings


async def upload(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    record, _ = await bearer(request)
    if record is None:
        return error("UNAUTHENTICATED", "Sign in first (Authorization: Bearer …).")
    if not record.grants(Scope.WRITE):
        return error("FORBIDDEN", "This token lacks the 'write' scope.")
    limit = settings.upload_max_bytes
    too_big = f"Files may be at most {limit} bytes."
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > limit):
        return error("PAYLOAD_TOO_LARGE", too_big, 413)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            return error("PAYLOAD_TOO_LARGE", too_big, 413)
    params = request.query_params
    article_id = global_key(params.get("articleId"), "Article")
    organisation_id = global_key(params.get("organisationId"), "Organisation")
    if -1 in (article_id, organisation_id):
        return error("BAD_USER_INPUT", "Use the IDs the API returns.")
    area_id = None
    if organisation_id is not None:
        slug = params.get("focusArea", "")[:60]
        area = await FocusArea.get_or_none(organisation_id=organisation_id, slug=slug)
        if area is None:
            return error("NOT_FOUND", "No such focus area.")
        area_id = area.id
    try:
        resource = await store_file(
            record.user,
            Target(article_id=article_id, focus_area_id=area_id),
            bytes(data),
            params.get("filename", ""),
            params.get("title", "")[:1000],
            settings.upload_path,
        )
    except RajutError as exc:
        status = 415 if exc.code == "BAD_USER_INPUT" and exc.field == "file" else None
        return error(exc.code, exc.message, status)
    gid = str(relay.GlobalID("Resource", str(resource.id)))
    return JSONResponse(
        {
            "id": gid,
            "title": resource.title,
            "filename": resource.filename,
            "contentType": resource.content_type,
            "size": resource.size,
            "downloadPath": f"/knowledge/files/{gid}",
        },
        status_code=201,
    )


async def download(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    record, rejected = await bearer(request)
    if rejected:
        return error("UNAUTHENTICATED", "Your token is invalid, expired or revoked.")
    if record is not None and not record.grants(Scope.READ):
        return error("FORBIDDEN", "This token lacks the 'read' scope.")
    key = global_key(request.path_params["id"], "Resource")
    missing = error("NOT_FOUND", "No such file.")
    if key is None or key == -1:
        return missing
    try:
        resource = await visible_resource(record.user if record else None, key)
        path = file_path(resource, settings.upload_path)
    except RajutError:
        return missing
    if not path.is_file():
        return missing
    ascii_name = resource.filename.encode("ascii", "replace").decode().replace('"', "_")
    return FileResponse(
        path,
        media_type=resource.content_type,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''"
                f"{quote(resource.filename)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )
