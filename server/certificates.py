"""Certificates over plain HTTP: the public verification page, and the PDF.

``GET /certificates/verify/{code}`` is for anyone holding a code (the QR code on the PDF
points here): a light page, no script, no other host, its one style block allowed by hash,
showing exactly what the certificate states, or that it was revoked, or that no such code
exists (404). ``…/{code}.json`` answers the same as JSON. ``GET /certificates/{id}.pdf``
needs the bearer token of the recipient or one of the programme's coordinators; the PDF
is drawn in a thread, off the event loop, and the thread imports the drawing libraries on
first use (reportlab and segno: a tenth of a second or more that no process start pays).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from html import escape
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from models.accounts import Scope
from models.certificates import (
    Certificate,
    CertificateKind,
    by_code,
    readable,
    shown_code,
    verify_url,
    wording,
)
from models.errors import RajutError
from server.downloads import bearer, error, global_key, refused
from server.settings import Settings

STYLE = (
    "body{font-family:system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1f2933}"
    "main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}"
    "h1{font-size:1.4rem;margin:.5rem 0}h1 span{display:block;font-weight:400;color:#52606d}"
    ".status{font-weight:700;padding:.6rem .8rem;border-radius:6px}"
    ".valid{background:#e3f9e5;color:#05400a}.revoked,.unknown{background:#ffe3e3;color:#610404}"
    "dt{font-weight:700;margin-top:.8rem}dd{margin:0}p.en{color:#52606d}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",  # a revocation shows at once
}


def _drawn(certificate: Certificate, url: str) -> bytes:
    """The PDF, in a thread (an import here runs in the thread too, not on the event loop)."""
    from models.certificate_pdf import render

    return render(certificate, url)


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d")


def statement(certificate: Certificate) -> dict[str, Any]:
    """What the certificate states, and whether it is in force: nothing more."""
    c, words = certificate, wording(certificate)
    stated: dict[str, Any] = {
        "status": "revoked" if c.revoked_at else "valid",
        "code": shown_code(c.code),
        "kind": c.kind.value,
        "title": {"id": words.title[0], "en": words.title[1]},
        "statement": {
            "id": f"{c.recipient_name} {words.body[0]}",
            "en": f"{c.recipient_name} {words.body[1]}",
        },
        "recipientName": c.recipient_name,
        "programme": c.programme_name,
        "organisation": c.organisation_name,
        "periodStart": _day(c.period_start),
        "periodEnd": _day(c.period_end),
        "sessionsHeld": c.sessions_held,
        "issuedAt": _day(c.issued_at),
        "revokedAt": _day(c.revoked_at) if c.revoked_at else None,
    }  # fmt: skip
    if c.kind == CertificateKind.SERVICE:
        stated["mentees"] = c.mentees
    else:
        stated["skills"] = [
            {"skill": s["skill"], "startLevel": s["from"], "endLevel": s["to"]} for s in c.skills
        ]
    return stated


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def _html(stated: dict[str, Any]) -> str:
    if stated["status"] == "valid":
        status = '<p class="status valid">✓ Sertifikat sah / Valid certificate</p>'
    else:
        day = escape(stated["revokedAt"])
        status = (
            f'<p class="status revoked">✗ Sertifikat ini dicabut pada {day} / '
            f"This certificate was revoked on {day}</p>"
        )
    rows = [
        ("Nama / Name", stated["recipientName"]),
        ("Program / Programme", stated["programme"]),
        ("Penerbit / Issuer", stated["organisation"]),
        ("Periode / Period", f"{stated['periodStart']} \u2013 {stated['periodEnd']}"),
        ("Sesi / Sessions", str(stated["sessionsHeld"])),
    ]
    if "mentees" in stated:
        rows.append(("Mentee / Mentees", str(stated["mentees"])))
    rows += [("Diterbitkan / Issued", stated["issuedAt"]), ("Kode / Code", stated["code"])]
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    if stated.get("skills"):
        items = "".join(
            f"<li>{escape(s['skill'])}: {s['startLevel']} → {s['endLevel']}</li>"
            for s in stated["skills"]
        )
        details += (
            f"<dt>Keterampilan yang berkembang / Skills developed</dt><dd><ul>{items}</ul></dd>"
        )
    title = stated["title"]
    return _page(
        f"{title['id']} / {title['en']}",
        f'{status}<h1>{escape(title["id"])}<span lang="en">{escape(title["en"])}</span></h1>'
        f"<p>{escape(stated['statement']['id'])}</p>"
        f'<p class="en" lang="en">{escape(stated["statement"]["en"])}</p><dl>{details}</dl>',
    )


UNKNOWN = _page(
    "Kode tidak dikenal / Unknown code",
    '<p class="status unknown">Tidak ada sertifikat dengan kode ini. / '
    "No certificate has this code.</p>"
    "<p>Periksa kode pada sertifikat, huruf demi huruf. / Check the code on the certificate, "
    "letter by letter.</p>",
)


async def verify_page(request: Request) -> Response:
    found = await by_code(request.path_params["code"])
    if found is None:
        return HTMLResponse(UNKNOWN, status_code=404, headers=HEADERS)
    return HTMLResponse(_html(statement(found)), headers=HEADERS)


async def verify_json(request: Request) -> Response:
    found = await by_code(request.path_params["code"])
    if found is None:
        return JSONResponse(
            {"status": "unknown", "code": "NOT_FOUND", "message": "No certificate has this code."},
            status_code=404,
            headers=HEADERS,
        )
    return JSONResponse(statement(found), headers=HEADERS)


async def pdf(request: Request) -> Response:
    """The certificate's PDF, for its recipient and the programme's coordinators."""
    record, rejected = await bearer(request)
    if record is None:
        message = "Your token is invalid, expired or revoked." if rejected else "Sign in first."
        return error("UNAUTHENTICATED", message)
    if not record.grants(Scope.READ):
        return error("FORBIDDEN", "This token lacks the 'read' scope.")
    key = global_key(request.path_params["id"], "Certificate")
    if key is None or key == -1:
        return error("NOT_FOUND", "No such certificate.")
    try:
        found = await readable(record.user, key)
    except RajutError as exc:
        return refused(exc)
    settings: Settings = request.app.state.settings
    body = await asyncio.to_thread(_drawn, found, verify_url(settings.public_base_url, found.code))
    name = f"sertifikat-{shown_code(found.code)}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
