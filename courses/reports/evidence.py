"""The AI-Act evidence report as files: CSV (as German Excel reads it), XLSX and a PDF for
the authority's files. Plain data in (`courses.reports.selectors.EvidenceReport`), bytes
out, so the admin view and `manage.py compliance_report` write the same files.

Spreadsheet cells pass through core.exports.cell_neutralise (no formulas from names);
timestamps are Berlin wall-clock time. The PDF is a document of record in German (its
labels live here, like the certificates' printed labels), with the date of the report, the
unit, the course, the content versions covered and page numbers.
"""

import csv
import datetime
import io
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from certificates.rendering import FONT, FONT_BOLD, fonts_register
from core.exports import BOM, cell_neutralise, export_time
from courses.reports.selectors import EvidenceReport
from courses.rules import ComplianceState

CS = ComplianceState
FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
STATE_DE = {CS.COMPLETED: "abgeschlossen", CS.IN_PROGRESS: "begonnen",
            CS.NOT_STARTED: "nicht begonnen", CS.OVERDUE: "überfällig",
            CS.EXPIRED: "abgelaufen"}


def evidence_filename(report: EvidenceReport, export_format: str) -> str:
    """E.g. nachweis-ki-dienstanweisung-th-tmik-2026-12-01.pdf (ASCII only)."""
    parts = ["nachweis", report.course_slug or "kurs", report.unit_code or "alle",
             report.today.isoformat()]
    return "-".join(part for part in parts if part) + "." + export_format


def evidence_render(report: EvidenceReport, export_format: str) -> bytes:
    if export_format == "csv":
        return evidence_csv(report)
    if export_format == "xlsx":
        return evidence_xlsx(report)
    if export_format == "pdf":
        return evidence_pdf(report)
    raise ValueError(export_format)


def _headings() -> list[str]:
    return [_("Name"), _("Email address"), _("Organisation unit"), _("Status"),
            _("Mandatory"), _("Due on"), _("Completed at"), _("Content version"),
            _("Valid until")]


def _cells(report: EvidenceReport) -> list[list]:
    """Each person as spreadsheet cells: dates as dates, times in Berlin time."""
    rows = []
    for row in report.rows:
        rows.append([row.person_name, row.person_email, row.unit_name,
                     str(CS(row.state).label), _("Yes") if row.mandatory else _("No"),
                     row.due_date, export_time(row.completed_at) if row.completed_at else None,
                     row.completed_version if row.completed_at else "", row.valid_until])
    return rows


def _preamble(report: EvidenceReport) -> list[list[str]]:
    return [[_("Evidence of training")],
            [_("Course"), report.course_title],
            [_("Organisation unit"), report.unit_name or _("All units")],
            [_("Report date"), report.today.isoformat()],
            [_("Content versions covered"), ", ".join(report.versions) or "—"],
            []]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def evidence_csv(report: EvidenceReport) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark: German Excel opens it as it is."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    for line in [*_preamble(report), _headings(), *_cells(report)]:
        writer.writerow([cell_neutralise(_text(cell)) for cell in line])
    return (BOM + output.getvalue()).encode("utf-8")


def evidence_xlsx(report: EvidenceReport) -> bytes:
    # late import: openpyxl is only needed when a workbook is written
    from openpyxl import Workbook

    workbook = Workbook(write_only=True, iso_dates=True)
    sheet = workbook.create_sheet(title=_("Evidence")[:31])
    for line in _preamble(report):
        sheet.append([cell_neutralise(cell) for cell in line])
    sheet.append(_headings())
    for line in _cells(report):
        sheet.append([cell_neutralise(cell) for cell in line])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- PDF -------------------------------------------------------------------------------

PAGE = landscape(A4)
MARGIN = 15 * mm
COLUMNS_DE = ["Name", "E-Mail", "Organisationseinheit", "Status", "Fällig am",
              "Abgeschlossen am", "Fassung", "Gültig bis"]
COLUMN_WIDTHS = [50 * mm, 52 * mm, 48 * mm, 26 * mm, 22 * mm, 30 * mm, 20 * mm, 19 * mm]


def _date_de(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime.datetime):
        return formats.date_format(export_time(value), "d.m.Y H:i")
    return formats.date_format(value, "d.m.Y")


def evidence_pdf(report: EvidenceReport) -> bytes:
    """A4 landscape: heading, the facts of the report, a summary and one row per person;
    the table's heading repeats on every page, each page carries its number."""
    fonts_register()
    output = io.BytesIO()
    title = f"Schulungsnachweis: {report.course_title}"
    document = SimpleDocTemplate(
        output, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, title=title, author="Digitalkompetenz Thüringen",
        subject=f"Nachweis nach Art. 4 KI-Verordnung, {report.unit_name or 'alle Einheiten'}",
        lang="de-DE")
    heading = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=16, leading=20,
                             spaceAfter=4 * mm)
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
    cell_bold = ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD)
    counts = report.counts
    facts = [
        ("Kurs", f"{report.course_title} (aktuelle Fassung {report.course_version or '—'})"),
        ("Organisationseinheit", (f"{report.unit_name} ({report.unit_code}) mit allen "
                                  "untergeordneten Einheiten") if report.unit_name
         else "alle Einheiten"),
        ("Stand", f"{_date_de(report.today)}, erstellt {_date_de(report.created_at)}"),
        ("Erfasste Fassungen", ", ".join(report.versions) or "keine Abschlüsse"),
        ("Übersicht", f"{counts.total} zugewiesen: {counts.completed} abgeschlossen "
                      f"({counts.rate:.1f} %), {counts.in_progress} begonnen, "
                      f"{counts.not_started} nicht begonnen, {counts.overdue} überfällig, "
                      f"{counts.expired} abgelaufen"),
    ]
    story = [Paragraph(escape(title), heading)]
    for label, value in facts:
        story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", body))
    story.append(Paragraph(
        "Als abgeschlossen zählt nur ein gültiger Abschluss (nicht abgelaufen und, wenn eine "
        "neue Fassung verlangt wurde, nach deren Einführung).", body))
    story.append(Spacer(1, 5 * mm))
    table_rows = [[Paragraph(escape(label), cell_bold) for label in COLUMNS_DE]]
    for row in report.rows:
        completed = row.completed_at is not None
        table_rows.append([Paragraph(escape(text), cell) for text in (
            row.person_name, row.person_email, row.unit_name or "—",
            STATE_DE.get(row.state, row.state), _date_de(row.due_date),
            _date_de(row.completed_at), (row.completed_version or "—") if completed else "—",
            _date_de(row.valid_until) if completed else "—")])
    if len(table_rows) == 1:
        story.append(Paragraph("Niemandem in dieser Einheit ist der Kurs zugewiesen.", body))
    else:
        table = LongTable(table_rows, colWidths=COLUMN_WIDTHS, repeatRows=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ]))
        story.append(table)

    def page_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN, MARGIN - 2 * mm,
                          f"{report.course_title} · {report.unit_name or 'alle Einheiten'} · "
                          f"Stand {_date_de(report.today)}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 2 * mm, f"Seite {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return output.getvalue()
