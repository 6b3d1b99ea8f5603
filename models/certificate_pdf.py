"""A certificate as a one-page PDF: both languages, the code, and a QR code to its
verification page.

reportlab draws it without any system library; the QR code is segno's module matrix drawn
as vector squares, so it stays sharp at any print size. The text is set in Bitstream Vera,
which ships inside reportlab and is embedded in the file (names in Latin scripts, accents
included, print as typed; other scripts would need another font). Rendering is CPU work of
some tens of milliseconds: callers run :func:`render` in a thread, off the event loop.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import reportlab
import segno
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from models.certificates import Certificate, shown_code, wording

FONTS = Path(reportlab.__file__).parent / "fonts"
INK = HexColor("#1f2933")
ACCENT = HexColor("#0f766e")
MUTED = HexColor("#52606d")


@cache
def _fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont("Vera", str(FONTS / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONTS / "VeraBd.ttf")))
    return "Vera", "Vera-Bold"


def _centred(canvas: Canvas, text: str, top: float, font: str, size: float, width: float) -> float:
    """Centred lines wrapped to ``width``, hanging from ``top``; returns the y below them."""
    for line in simpleSplit(text, font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(A4[1] / 2, top - size, line)
        top -= size * 1.35
    return top


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float, ink: Color) -> None:
    """The QR code of ``url`` with its quiet zone, ``size`` points wide, bottom-left at x, y."""
    matrix = [list(row) for row in segno.make(url, error="m", micro=False).matrix]
    quiet = 4
    cell = size / (len(matrix) + 2 * quiet)
    canvas.setFillColor(ink)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + (c + quiet) * cell,
                    y + size - (r + quiet + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def render(certificate: Certificate, url: str) -> bytes:
    """The certificate's PDF; ``url`` is its verification page (in the QR code too)."""
    regular, bold = _fonts()
    width, height = landscape(A4)
    out = io.BytesIO()
    words = wording(certificate)
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"{words.title[1]}: {certificate.recipient_name}")
    canvas.setAuthor(certificate.organisation_name)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(28, 28, width - 56, height - 56)
    canvas.setFillColor(MUTED)
    y = _centred(canvas, certificate.organisation_name, height - 66, regular, 14, width - 160)
    canvas.setFillColor(ACCENT)
    y = _centred(canvas, words.title[0].upper(), y - 14, bold, 26, width - 160)
    y = _centred(canvas, words.title[1], y, regular, 16, width - 160)
    canvas.setFillColor(MUTED)
    y = _centred(canvas, "Diberikan kepada / Awarded to", y - 16, regular, 12, width - 160)
    canvas.setFillColor(INK)
    y = _centred(canvas, certificate.recipient_name, y - 8, bold, 30, width - 160)
    y = _centred(canvas, words.body[0], y - 10, regular, 13, width - 200)
    canvas.setFillColor(MUTED)
    y = _centred(canvas, words.body[1], y - 2, regular, 12, width - 200)
    if words.skills:  # Vera has no arrow glyph
        canvas.setFillColor(INK)
        y = _centred(canvas, words.skills[0].replace("→", "->"), y - 10, regular, 11, width - 220)
        canvas.setFillColor(MUTED)
        _centred(canvas, words.skills[1].replace("→", "->"), y, regular, 10, width - 220)
    issued = certificate.issued_at.strftime("%d.%m.%Y")
    canvas.setFillColor(INK)
    canvas.setFont(regular, 10)
    canvas.drawString(60, 96, f"Diterbitkan / Issued: {issued}")
    canvas.drawString(
        60, 80, f"Kode verifikasi / Verification code: {shown_code(certificate.code)}"
    )
    canvas.setFillColor(MUTED)
    canvas.setFont(regular, 8)
    canvas.drawString(60, 64, f"Periksa keaslian / Verify: {url}")
    _qr(canvas, url, width - 60 - 96, 50, 96, INK)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
