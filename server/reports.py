"""Reports and receipts over plain HTTP: what GraphQL cannot carry (files).

- ``GET /reports/{programme ID}/{name}.{csv|json|pdf}``: ``name`` is ``metrics``
  (``?from=&to=``), ``monthly-progress`` (``?year=&month=``), ``quarterly-impact``
  (``?year=&quarter=``), ``season-evaluation`` (also ``.pdf``) or ``transparency``. The
  same bearer token as ``/graphql``; the published transparency report needs none.
- ``POST /expenses/receipts?expenseId=<Expense ID>&filename=…`` with the file as the body
  (JPEG, PNG or PDF, at most UPLOAD_MAX_BYTES) keeps a receipt with an expense;
  ``GET /expenses/receipts/{Expense ID}`` downloads it. Coordinators of the expense's
  programme only; anyone else finds nothing.

Errors are JSON ``{"code", "message"}``, as for the knowledge repository's files.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry import relay

from models.accounts import Scope
from models.errors import BadInput, RajutError
from models.expenses import attach_receipt, receipt_of
from models.programmes import coordinated_programme
from models.reports import (
    DOCUMENT_NAMES,
    Report,
    ReportKind,
    programme_report,
    transparency_report,
)
from server.downloads import (
    error,
    global_key,
    incoming_file,
    reader,
    refused,
    signed_in,
    stored_file,
)
from server.report_documents import to_csv, to_json, to_pdf
from server.settings import Settings

KINDS = {name: kind for kind, name in DOCUMENT_NAMES.items()}
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "pdf": "application/pdf"}


def _number(request: Request, name: str) -> int:
    text = request.query_params.get(name, "")[:12]
    if not text.isascii() or not text.isdigit():
        raise BadInput(f"Give {name} as a number.", field=name)
    return int(text)


def _day(request: Request, name: str) -> date:
    try:
        return date.fromisoformat(request.query_params.get(name, "")[:10])
    except ValueError:
        raise BadInput(f"Give {name} as a date (YYYY-MM-DD).", field=name) from None


def _period(request: Request, kind: ReportKind) -> tuple[Any, ...]:
    if kind == ReportKind.MONTHLY_PROGRESS:
        return _number(request, "year"), _number(request, "month")
    if kind == ReportKind.QUARTERLY_IMPACT:
        return _number(request, "year"), _number(request, "quarter")
    if kind == ReportKind.METRICS:
        return _day(request, "from"), _day(request, "to")
    return ()


async def _report(request: Request, kind: ReportKind, programme_id: int) -> Report | Response:
    if kind == ReportKind.TRANSPARENCY:
        record = await reader(request)  # public: a token is optional, but must be good
        if isinstance(record, Response):
            return record
        return await transparency_report(programme_id)
    record = await signed_in(request, Scope.READ)
    if isinstance(record, Response):
        return record
    await coordinated_programme(record.user, programme_id)  # who asks, before what they ask
    return await programme_report(record.user, programme_id, kind, _period(request, kind))


async def report_file(request: Request) -> Response:
    name, _, extension = request.path_params["document"].rpartition(".")
    kind = KINDS.get(name)
    programme_id = global_key(request.path_params["programme"], "Programme")
    if kind is None or extension not in MEDIA or programme_id in (None, -1):
        return error("NOT_FOUND", "No such report.")
    if extension == "pdf" and kind != ReportKind.SEASON_EVALUATION:
        return error("NOT_FOUND", "Only the season evaluation comes as a PDF.")
    try:
        report = await _report(request, kind, programme_id)  # type: ignore[arg-type]
    except RajutError as exc:
        return refused(exc)
    if isinstance(report, Response):
        return report
    gid = str(relay.GlobalID("Programme", str(report.programme_id)))
    filename = f"{name}-{report.start.isoformat()}-{report.end.isoformat()}.{extension}"
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "public, max-age=300"
        if kind == ReportKind.TRANSPARENCY
        else "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    if extension == "json":
        return JSONResponse(to_json(report, gid), headers=headers)
    render = to_csv if extension == "csv" else to_pdf
    body = await asyncio.to_thread(render, report)  # CPU work stays off the event loop
    return Response(body, media_type=MEDIA[extension], headers=headers)


async def upload_receipt(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    received = await incoming_file(request)
    if isinstance(received, Response):
        return received
    record, data = received
    key = global_key(request.query_params.get("expenseId"), "Expense")
    if key is None or key == -1:
        return error("BAD_USER_INPUT", "Name the expense: ?expenseId=<Expense ID>.")
    try:
        expense = await attach_receipt(
            record.user, key, data, request.query_params.get("filename", ""), settings.upload_path
        )
    except RajutError as exc:
        return refused(exc)
    gid = str(relay.GlobalID("Expense", str(expense.id)))
    return JSONResponse(
        {
            "expenseId": gid,
            "filename": expense.receipt_filename,
            "contentType": expense.receipt_content_type,
            "size": expense.receipt_size,
            "downloadPath": f"/expenses/receipts/{gid}",
        },
        status_code=201,
    )


async def download_receipt(request: Request) -> Response:
    return await stored_file(request, "Expense", receipt_of)
