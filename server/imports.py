"""Participant files over plain HTTP: uploading a registration form's CSV for import, and
downloading a programme's export. Both take the bearer token of /graphql
(server/downloads.py).

``POST /imports?programmeId=<Programme ID>&filename=<name>`` takes the CSV as the raw body
(at most IMPORT_MAX_BYTES; the body-limit middleware answers 413 beyond it) and answers
201 with the staged import: its ID (for ``dryRunImport``, ``commitImport`` and
``importProgress``), the columns and the guessed mapping. A file Rajut cannot read is 400.

``GET /exports/programmes/<Programme ID>.json`` is the whole export;
``GET /exports/programmes/<Programme ID>/<table>.csv`` one table of it (participants,
invitations, relationships, sessions, feedback). Both are for the programme's coordinators.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry import relay

from models.accounts import Scope
from models.errors import RajutError
from models.exports import TABLES, programme_export, table_csv
from models.imports import stage
from server.downloads import error, global_key, signed_in

DOWNLOAD_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


async def upload(request: Request) -> Response:
    record = await signed_in(request, Scope.WRITE)
    if isinstance(record, Response):
        return record
    programme_id = global_key(request.query_params.get("programmeId"), "Programme")
    if programme_id is None or programme_id == -1:
        return error("BAD_USER_INPUT", "Name the programme: ?programmeId=<Programme ID>.")
    data = await request.body()  # bounded by the body-limit middleware
    try:
        batch = await stage(
            record.user, programme_id, data, request.query_params.get("filename", "")[:1000]
        )
    except RajutError as exc:
        return error(exc.code, exc.message)
    mapping = batch.field_mapping
    return JSONResponse(
        {
            "id": str(relay.GlobalID("ImportBatch", str(batch.id))),
            "filename": batch.filename,
            "rowCount": batch.row_count,
            "delimiter": batch.delimiter,
            "columns": [
                {"column": c, "field": mapping[c].name if c in mapping else None}
                for c in batch.columns
                if c
            ],
        },
        status_code=201,
    )


async def _export(request: Request) -> dict[str, Any] | Response:
    record = await signed_in(request, Scope.READ)
    if isinstance(record, Response):
        return record
    programme_id = global_key(request.path_params["id"], "Programme")
    if programme_id is None or programme_id == -1:
        return error("NOT_FOUND", "No such programme.")
    try:
        return await programme_export(record.user, programme_id)
    except RajutError as exc:
        return error(exc.code, exc.message)


def _attachment(body: str, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            **DOWNLOAD_HEADERS,
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


async def export_json(request: Request) -> Response:
    document = await _export(request)
    if isinstance(document, Response):
        return document
    body = await asyncio.to_thread(json.dumps, document, ensure_ascii=False)
    slug = document["programme"]["slug"]
    return _attachment(body, "application/json", f"rajut-{slug}.json")


async def export_csv(request: Request) -> Response:
    table = request.path_params["table"]
    if table not in TABLES:
        return error("NOT_FOUND", f"Tables: {', '.join(TABLES)}.")
    document = await _export(request)
    if isinstance(document, Response):
        return document
    body = await asyncio.to_thread(table_csv, document, table)
    slug = document["programme"]["slug"]
    return _attachment(body, "text/csv; charset=utf-8", f"rajut-{slug}-{table}.csv")
