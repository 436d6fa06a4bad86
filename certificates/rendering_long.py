"""A certificate with a long certified text (a Zeugnis): reportlab paragraphs across pages.

Same look as the one-page certificate (certificates.rendering): accent band, issuer and
logo on every page; heading, name and title on the first; the text flows over as many
pages as it needs; dates and signatories follow it; the verification address and the QR
code stand at the foot of every page, with "page n of m".

The text is plain: paragraphs separated by an empty line, a line starting with "## " is a
subheading. Everything is escaped; no markup of the author's reaches reportlab.
"""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from certificates.codes import code_display
from certificates.rendering import (
    DEFAULT_TITLE,
    FONT,
    FONT_BOLD,
    LABELS,
    MARGIN,
    QR_SIZE,
    TEXT_LEFT,
    TEXT_RIGHT,
    CertificatePdfData,
    _format_date,
    _image,
    identity_statement,
    qr_draw,
)

PAGE_LABEL = {"de": "Seite {page} von {pages}", "en": "Page {page} of {pages}"}
FOOT_SMALL_QR = 22 * mm


def text_blocks(text: str) -> list[tuple[str, str]]:
    """("heading" | "paragraph", text) for each block of the plain text."""
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append(("heading", lines[0][3:].strip()))
            lines = lines[1:]
        if lines:
            blocks.append(("paragraph", "\n".join(lines)))
    return blocks


def _numbered_canvas(language: str):
    """A canvas that writes "page n of m" on every page once it knows their count."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            label = PAGE_LABEL.get(language, PAGE_LABEL["de"])
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 8)
                self.setFillColor(colors.black)
                self.drawString(TEXT_LEFT, 14 * mm, label.format(page=self.getPageNumber(),
                                                                 pages=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _draw_page(canvas: Canvas, data: CertificatePdfData, labels: dict[str, str], accent
               ) -> None:
    """Frame, issuer and logo, and the foot with the QR code: on every page."""
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(accent)
    canvas.rect(0, height - 12 * mm, width, 12 * mm, stroke=0, fill=1)
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.8)
    canvas.rect(MARGIN / 2, MARGIN / 2, width - MARGIN, height - MARGIN - 12 * mm, stroke=1,
                fill=0)
    top = height - 22 * mm
    if data.logo_path:
        logo = _image(data.logo_path)
        logo_w, logo_h = logo.getSize()
        box_w = min(50 * mm, 16 * mm * logo_w / logo_h)
        canvas.drawImage(logo, MARGIN, top - box_w * logo_h / logo_w, width=box_w,
                         height=box_w * logo_h / logo_w, mask="auto")
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.setFont(FONT, 9)
    canvas.drawRightString(TEXT_RIGHT, top - 4 * mm, data.issuer_name)
    # the foot: QR code, code, address, page n of m
    qr_x, qr_y = TEXT_RIGHT - FOOT_SMALL_QR, 14 * mm
    qr_draw(canvas, data.verification_url, qr_x, qr_y, FOOT_SMALL_QR)
    canvas.linkURL(data.verification_url, (qr_x, qr_y, qr_x + FOOT_SMALL_QR,
                                           qr_y + FOOT_SMALL_QR), thickness=0,
                   Contents=PDFString(labels["qr_alt"].format(url=data.verification_url)))
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT_BOLD, 8)
    canvas.drawString(TEXT_LEFT, 26 * mm, code_display(data.code))
    canvas.setFont(FONT, 8)
    canvas.drawString(TEXT_LEFT, 22 * mm, labels["verify"])
    canvas.drawString(TEXT_LEFT, 18 * mm, data.verification_url)
    canvas.restoreState()


def long_pdf_render(data: CertificatePdfData) -> bytes:
    """Render a certificate with a long text; call inside translation.override(language)
    after rendering.fonts_register()."""
    labels = LABELS.get(data.language, LABELS["de"])
    heading = data.heading or DEFAULT_TITLE.get((data.kind, data.language), "Certificate")
    accent = colors.HexColor(data.accent_colour or "#0b5394")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=34 * mm,
        bottomMargin=14 * mm + QR_SIZE, title=f"{heading}: {data.title} – {data.recipient_name}",
        author=data.issuer_name, creator=settings.WAGTAIL_SITE_NAME, lang=data.language,
        subject=labels["subject"].format(code=code_display(data.code),
                                         url=data.verification_url),
        displayDocTitle=1, pageCompression=1)
    centred = {"fontName": FONT, "alignment": TA_CENTER}
    styles = {
        "heading": ParagraphStyle("h", fontName=FONT_BOLD, fontSize=26, leading=32,
                                  alignment=TA_CENTER, textColor=accent, spaceAfter=6 * mm),
        "name": ParagraphStyle("n", fontName=FONT_BOLD, fontSize=18, leading=23,
                               alignment=TA_CENTER, spaceAfter=2 * mm),
        "title": ParagraphStyle("t", fontSize=12, leading=16, textColor=accent,
                                spaceAfter=2 * mm, **centred),
        "result": ParagraphStyle("r", fontSize=10.5, leading=14, spaceAfter=8 * mm, **centred),
        "subheading": ParagraphStyle("s", fontName=FONT_BOLD, fontSize=12, leading=16,
                                     spaceBefore=3 * mm, spaceAfter=1.5 * mm, textColor=accent,
                                     keepWithNext=1),  # never alone at a page's foot
        "paragraph": ParagraphStyle("p", fontName=FONT, fontSize=10.5, leading=15,
                                    spaceAfter=3 * mm),
        "facts": ParagraphStyle("f", fontName=FONT, fontSize=9.5, leading=13,
                                textColor=colors.HexColor("#333333")),
    }

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), styles[style])

    story = [para(heading, "heading"), para(data.recipient_name, "name"),
             para(data.title, "title")]
    if data.result:
        story.append(para(data.result, "result"))
    blocks = text_blocks(data.certified_text)
    for kind, text in blocks:
        story.append(para(text, "subheading" if kind == "heading" else "paragraph"))
    facts = [f"{labels['issued_on']}: {_format_date(data.issued_on)}"]
    if data.version > 1:
        facts.append(f"{labels['version']}: {data.version}")
    identity = identity_statement(data.identity_basis, data.language)
    closing = [Spacer(1, 6 * mm), para("   ·   ".join(facts), "facts")]
    if identity:
        closing.append(para(identity, "facts"))
    for signatory in data.signatories[:2]:
        closing += [Spacer(1, 12 * mm), para("_" * 32, "facts"),
                    para(signatory.name, "facts"), para(signatory.function, "facts")]
    story.append(KeepTogether(closing))
    def on_page(canvas, _document):
        _draw_page(canvas, data, labels, accent)

    document.build(story, onFirstPage=on_page, onLaterPages=on_page,
                   canvasmaker=_numbered_canvas(data.language))
    return buffer.getvalue()
