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

from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry import relay

from models.accounts import User
from models.errors import RajutError
from models.knowledge_files import Target, file_path, store_file, visible_resource
from models.organisations import FocusArea
from server.downloads import error, global_key, incoming_file, refused, stored_file
from server.settings import Settings


async def upload(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    received = await incoming_file(request)
    if isinstance(received, Response):
        return received
    record, data = received
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
            data,
            params.get("filename", ""),
            params.get("title", "")[:1000],
            settings.upload_path,
        )
    except RajutError as exc:
        return refused(exc)
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


async def _resource_file(user: User | None, key: int, upload_dir: Path) -> tuple[Path, str, str]:
    resource = await visible_resource(user, key)
    return file_path(resource, upload_dir), resource.filename, resource.content_type


async def download(request: Request) -> Response:
    return await stored_file(request, "Resource", _resource_file)
