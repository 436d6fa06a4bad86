"""The signature sheet of a session as a PDF (reportlab), German, for printing.

A4 landscape: the course, the session's days with their times, the place, the trainer;
then one row per participant (number, name, unit) with a signature box for every day.
The table's heading repeats on every page, each page says "Seite n von m".
"""

import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from certificates.rendering import FONT, FONT_BOLD, fonts_register
from courses.seminars.attendance.selectors import ParticipantRow
from courses.seminars.models import Session, SessionDay

PAGE = landscape(A4)
MARGIN = 15 * mm
WEEKDAYS_DE = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
ROW_HEIGHT = 13 * mm  # room for a signature


def day_label_de(day: SessionDay) -> str:
    return (f"{WEEKDAYS_DE[day.date.weekday()]}, {day.date:%d.%m.%Y}, "
            f"{day.starts_at:%H:%M}–{day.ends_at:%H:%M} Uhr")


def place_de(session: Session) -> str:
    parts = [part for part in (session.address.replace("\n", ", ").strip(), session.room)
             if part]
    if session.online_url:
        parts.append(f"online: {session.online_url}")
    return ", ".join(parts) or "—"


def sheet_filename(session: Session) -> str:
    start = timezone.localtime(session.starts_at)
    return f"unterschriftenliste-{session.course.slug}-{start:%Y-%m-%d}-{session.pk}.pdf"


def signature_sheet_pdf(*, session: Session, days: list[SessionDay],
                        rows: list[ParticipantRow]) -> bytes:
    """Render the sheet; built twice so that every page can name the page count."""
    fonts_register()
    first = _build(session=session, days=days, rows=rows, pages=None)
    return _build(session=session, days=days, rows=rows, pages=first[1])[0]


def _build(*, session, days, rows, pages) -> tuple[bytes, int]:
    output = io.BytesIO()
    title = f"Unterschriftenliste: {session.display_title}"
    document = SimpleDocTemplate(
        output, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, title=title, author="Digitalkompetenz Thüringen",
        subject=f"Teilnahme am Termin vom {day_label_de(days[0]) if days else ''}",
        lang="de-DE")
    heading = ParagraphStyle("heading", fontName=FONT_BOLD, fontSize=16, leading=20,
                             spaceAfter=3 * mm)
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)
    cell_bold = ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD)
    facts = [
        ("Kurs", session.course.title),
        ("Termin", "; ".join(day_label_de(day) for day in days) or "—"),
        ("Ort", place_de(session)),
        ("Trainer/in", session.trainer_display or "—"),
        ("Teilnehmende", str(len(rows))),
    ]
    story = [Paragraph(escape(title), heading)]
    for label, value in facts:
        story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", body))
    story.append(Paragraph("Mit meiner Unterschrift bestätige ich meine Teilnahme am "
                           "jeweiligen Tag.", body))
    story.append(Spacer(1, 4 * mm))
    header = ["Nr.", "Name", "Organisationseinheit"] + [
        f"Unterschrift {WEEKDAYS_DE[day.date.weekday()]}, {day.date:%d.%m.%Y}"
        for day in days]
    table_rows = [[Paragraph(escape(text), cell_bold) for text in header]]
    for number, row in enumerate(rows, start=1):
        table_rows.append([Paragraph(str(number), cell), Paragraph(escape(row.name), cell),
                           Paragraph(escape(row.unit or "—"), cell)] + ["" for _day in days])
    if len(table_rows) == 1:
        story.append(Paragraph("Für diesen Termin ist niemand gebucht.", body))
    else:
        width = PAGE[0] - 2 * MARGIN
        fixed = [10 * mm, 60 * mm, 55 * mm]
        day_width = (width - sum(fixed)) / max(len(days), 1)
        table = LongTable(table_rows, colWidths=fixed + [day_width] * len(days),
                          rowHeights=[None] + [ROW_HEIGHT] * len(rows), repeatRows=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ]))
        story.append(table)
    created = formats.date_format(timezone.localtime(), "d.m.Y H:i")

    def page_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN, MARGIN - 2 * mm,
                          f"{session.course.title} · erstellt {created} Uhr")
        label = f"Seite {doc.page} von {pages}" if pages else f"Seite {doc.page}"
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN - 2 * mm, label)
        canvas.restoreState()

    document.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return output.getvalue(), document.page
