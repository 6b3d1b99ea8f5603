"""A report as files: CSV and JSON for every report, PDF for the season evaluation.

Every file carries both languages: CSV and JSON give each label in Bahasa Indonesia and
English side by side, and the PDF prints "Indonesian / English". CSV cells that a
spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return; names and descriptions come from people) are prefixed with ``'``.
Rendering is CPU work, so callers run it in a thread (``asyncio.to_thread``); the PDF's
thread imports reportlab on first use, so no process start pays for it.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from xml.sax.saxutils import escape

from babel.numbers import format_currency

from models.figures import Figure, Unit
from models.metrics import SECTION_LABELS, labels
from models.reports import KIND_LABELS, Report, sections_of

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "report", "programme", "from", "to", "section", "section_id", "section_en", "key",
    "label_id", "label_en", "dimension", "member", "member_id", "member_en", "unit", "value",
    "currency", "people", "target", "suppressed",
]  # fmt: skip


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would take for a formula, defused; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _value(figure: Figure) -> Any:
    if figure.amount is not None:
        return str(figure.amount)
    if figure.value is None:
        return ""
    return int(figure.value) if figure.unit in (Unit.PEOPLE, Unit.COUNT) else figure.value


def _people(figure: Figure) -> Any:
    return "" if figure.people is None else figure.people


def to_csv(report: Report) -> str:
    names = labels()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for section, figures in sections_of(report):
        for figure in figures:
            label_id, label_en = names[figure.key]
            row = [
                report.kind.value, report.programme_name, report.start.isoformat(),
                report.end.isoformat(), section.value, *SECTION_LABELS[section], figure.key,
                label_id, label_en, figure.dimension, figure.member, figure.member_id,
                figure.member_en, figure.unit.value, _value(figure), figure.currency,
                _people(figure), "" if figure.target is None else figure.target,
                str(figure.suppressed).lower(),
            ]  # fmt: skip
            writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def to_json(report: Report, programme_gid: str) -> dict[str, Any]:
    names = labels()
    title_id, title_en = KIND_LABELS[report.kind]
    return {
        "format": "rajut-report/1",
        "kind": report.kind.value,
        "title": {"id": title_id, "en": title_en},
        "programme": {"id": programme_gid, "name": report.programme_name},
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "generatedAt": report.generated_at.isoformat(),
        "sections": [
            {
                "key": section.value,
                "title": dict(zip(("id", "en"), SECTION_LABELS[section], strict=True)),
                "figures": [
                    {
                        "key": f.key,
                        "label": dict(zip(("id", "en"), names[f.key], strict=True)),
                        "unit": f.unit.value,
                        "value": f.value,
                        "amount": None if f.amount is None else str(f.amount),
                        "currency": f.currency or None,
                        "people": f.people,
                        "dimension": f.dimension or None,
                        "member": f.member or None,
                        "memberLabel": {"id": f.member_id, "en": f.member_en}
                        if f.dimension
                        else None,
                        "target": f.target,
                        "suppressed": f.suppressed,
                    }
                    for f in figures
                ],
            }
            for section, figures in sections_of(report)
        ],
    }


# --- PDF ---------------------------------------------------------------------------------


def _shown(figure: Figure) -> str:
    if figure.suppressed:
        return "— (disembunyikan / withheld)"
    if figure.value is None:
        return "—"
    if figure.unit == Unit.MONEY and figure.amount is not None:
        return format_currency(figure.amount, figure.currency, locale="id_ID")
    if figure.unit == Unit.SHARE:
        return f"{figure.value * 100:.1f} %"
    if figure.unit in (Unit.MEAN, Unit.HOURS):
        return f"{figure.value:.2f}"
    return str(int(figure.value))


def _both(pair: tuple[str, str]) -> str:
    return pair[0] if pair[0] == pair[1] else f"{pair[0]} / {pair[1]}"


def to_pdf(report: Report) -> bytes:
    """A printable report for a board meeting, every heading and label in both languages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    names = labels()
    cell = styles["BodyText"]
    story: list[Any] = [
        Paragraph(escape(_both(KIND_LABELS[report.kind])), styles["Title"]),
        Paragraph(escape(report.programme_name), styles["Heading2"]),
        Paragraph(
            escape(
                f"Periode / Period: {report.start.isoformat()} s.d. / to {report.end.isoformat()}. "
                f"Dibuat / Generated: {report.generated_at:%Y-%m-%d %H:%M} UTC."
            ),
            cell,
        ),
        Spacer(1, 4 * mm),
    ]
    for section, figures in sections_of(report):
        story.append(Paragraph(escape(_both(SECTION_LABELS[section])), styles["Heading3"]))
        rows: list[list[Any]] = [["Ukuran / Measure", "Nilai / Value", "Orang / People"]]
        for figure in figures:
            label = _both(names[figure.key])
            if figure.dimension:
                label += f": {_both((figure.member_id, figure.member_en))}"
            rows.append(
                [
                    Paragraph(escape(label), cell),
                    Paragraph(escape(_shown(figure)), cell),
                    "" if figure.people is None else str(figure.people),
                ]
            )
        table = Table(rows, colWidths=[100 * mm, 50 * mm, 25 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [table, Spacer(1, 4 * mm)]
    out = io.BytesIO()
    title = _both(KIND_LABELS[report.kind])
    SimpleDocTemplate(out, pagesize=A4, title=title, author="Rajut").build(story)
    return out.getvalue()
