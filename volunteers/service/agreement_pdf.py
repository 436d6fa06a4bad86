"""The agreement (Vereinbarung) as a PDF: plain values in, PDF bytes out.

Uses reportlab with the certificates' embedded fonts. Everything the JFDG asks the
agreement to name is printed from the facts (never only from the editable text): the
volunteer with date of birth and address, Träger and Einsatzstelle, the service period and
the rules for ending early, that the JFDG applies, pocket money and benefits in kind, leave
days and, for part-time, the weekly hours. The template's text follows, then the English
translation for information, then a signature line per party.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from certificates.rendering import FONT, FONT_BOLD, fonts_register

JFDG_STATEMENT = ("Auf diese Vereinbarung findet das Gesetz zur Förderung von "
                  "Jugendfreiwilligendiensten (Jugendfreiwilligendienstegesetz – JFDG) "
                  "Anwendung. Der Dienst wird als Freiwilliges Soziales Jahr im Sinne des "
                  "§ 3 JFDG geleistet.")
JFDG_STATEMENT_EN = ("The Youth Voluntary Services Act (Jugendfreiwilligendienstegesetz – "
                     "JFDG) applies to this agreement. The service is a voluntary social year "
                     "within the meaning of section 3 JFDG.")


@dataclass(frozen=True)
class AgreementPdfData:
    """Everything printed on one agreement version, already formatted as text."""

    title_de: str
    title_en: str
    text_de: str
    text_en: str
    template_version: str
    number: int
    volunteer_name: str
    volunteer_birth: str
    volunteer_address: str
    traeger_name: str
    traeger_address: str
    host_name: str
    host_address: str
    host_contact: str
    placement_title: str
    period: str
    early_end: str
    hours: str
    pocket_money: str
    benefits_in_kind: str
    leave: str
    guardian_name: str = ""
    parties: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (role, name)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20,
                                spaceAfter=4 * mm, textColor=colors.HexColor("#0b5394")),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15,
                             spaceBefore=4 * mm, spaceAfter=2 * mm),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13,
                               spaceAfter=2 * mm),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10,
                                textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle("cell_bold", fontName=FONT_BOLD, fontSize=9, leading=12),
    }


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(escape(block.strip()).replace("\n", "<br/>"), style)
            for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def _facts(data: AgreementPdfData, styles) -> Table:
    rows = [
        ("Freiwillige/r", f"{data.volunteer_name}, geboren am {data.volunteer_birth}\n"
                          f"{data.volunteer_address}"),
    ]
    if data.guardian_name:
        rows.append(("Gesetzliche Vertretung", data.guardian_name))
    rows += [
        ("Träger", f"{data.traeger_name}\n{data.traeger_address}".strip()),
        ("Einsatzstelle", f"{data.host_name}\n{data.host_address}\n"
                          f"Anleitung/Ansprechperson: {data.host_contact}".strip()),
        ("Einsatzplatz", data.placement_title),
        ("Dienstzeit", data.period),
        ("Vorzeitige Beendigung", data.early_end),
        ("Wöchentliche Dienstzeit", data.hours),
        ("Taschengeld", data.pocket_money),
        ("Sachleistungen", data.benefits_in_kind or "keine"),
        ("Urlaub", data.leave),
        ("Rechtsgrundlage", JFDG_STATEMENT),
    ]
    table = Table([[Paragraph(escape(label), styles["cell_bold"]),
                    Paragraph(escape(value).replace("\n", "<br/>"), styles["cell"])]
                   for label, value in rows], colWidths=[45 * mm, 125 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _signatures(data: AgreementPdfData, styles) -> Table:
    cells = []
    for role, name in data.parties:
        cells.append([Spacer(1, 12 * mm),
                      Paragraph("Ort, Datum, Unterschrift", styles["small"]),
                      Paragraph(escape(f"{role}: {name}"), styles["cell"])])
    rows = [cells[index:index + 2] for index in range(0, len(cells), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[85 * mm, 85 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LINEABOVE", (0, 0), (-1, -1), 0, colors.white)]))
    return table


def agreement_pdf_render(*, data: AgreementPdfData) -> bytes:
    """Render one agreement version to PDF bytes."""
    fonts_register()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, lang="de",
                            title=f"{data.title_de} – {data.volunteer_name}",
                            author=data.traeger_name, creator=data.traeger_name,
                            subject=f"Fassung {data.template_version}, Version {data.number}")
    story = [Paragraph(escape(data.title_de), styles["title"]),
             Paragraph(escape(f"Vorlage {data.template_version} · Version {data.number}"),
                       styles["small"]),
             Spacer(1, 4 * mm), _facts(data, styles),
             Paragraph("Vereinbarung", styles["h2"]),
             *_paragraphs(data.text_de, styles["body"]),
             Paragraph("Unterschriften", styles["h2"]),
             KeepTogether([_signatures(data, styles)])]
    if data.text_en:
        story += [Paragraph(escape(f"{data.title_en} (English translation for information; "
                                   "the German text is binding)"), styles["h2"]),
                  Paragraph(escape(JFDG_STATEMENT_EN), styles["body"]),
                  *_paragraphs(data.text_en, styles["body"])]
    doc.build(story)
    return buffer.getvalue()
