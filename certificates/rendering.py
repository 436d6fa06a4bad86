"""The certificate PDF: reportlab on A4, embedded DejaVu Sans, a segno QR code as vectors.

The one-page layout. `certificates.pdf.certificate_pdf_render(data=...)` takes plain values;
this module imports nothing of the app but `codes` (no models, no services), so the job,
the admin preview and the benchmark share it;
`certificates.models` turn a certificate or a template into `CertificatePdfData`. Fonts
are vendored in certificates/fonts/ so no system package is needed; DejaVu covers German
and the other Latin-script names (ğ ł ș é …).
"""

import functools
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import segno
from django.conf import settings
from django.utils import formats, translation
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from certificates.codes import code_display

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
QR_SIZE = 32 * mm
MARGIN = 20 * mm

DEFAULT_BODY = {
    ("course", "de"): "{name} hat den Kurs „{course}“ (Version {version}) am {date} "
                      "erfolgreich abgeschlossen. Umfang: {duration}. {result}",
    ("course", "en"): "{name} successfully completed the course “{course}” (version "
                      "{version}) on {date}. Workload: {duration}. {result}",
    ("volunteer_service", "de"): "{name} hat den Dienst „{course}“ bis zum {date} geleistet. "
                                 "Umfang: {duration}. {result}",
    ("volunteer_service", "en"): "{name} completed the service “{course}” until {date}. "
                                 "Workload: {duration}. {result}",
    ("zeugnis", "de"): "{name}: {course}. {result}",
    ("zeugnis", "en"): "{name}: {course}. {result}",
}
# Template bodies written as "{hours} Stunden" read "1 Stunden" for one hour: such a
# phrase is printed with the plural rule and in minutes below one hour instead.
_HOURS_PHRASES = ("{hours} Stunden", "{hours} Stunde", "{hours} Std.", "{hours} hours",
                  "{hours} hour")
# Singular and plural of the workload units per certificate language (German and English
# share the rule: singular for exactly one, plural for everything else, 1,5 included).
DURATION_UNITS = {
    "de": {"hour": ("Stunde", "Stunden"), "minute": ("Minute", "Minuten")},
    "en": {"hour": ("hour", "hours"), "minute": ("minute", "minutes")},
}
# Printed labels are part of the document of record, so they live here per language
# rather than in the interface's translation catalogue.
LABELS = {
    "de": {"awarded_to": "verliehen an", "completed_on": "Abgeschlossen am",
           "issued_on": "Ausgestellt am", "valid_until": "Gültig bis", "version": "Fassung",
           "verify": "Echtheit prüfen (auch über den QR-Code rechts):",
           "qr_alt": "QR-Code mit der Prüfadresse {url}", "date_format": "j. F Y",
           "subject": "Nachweis {code}, prüfbar unter {url}"},
    "en": {"awarded_to": "awarded to", "completed_on": "Completed on",
           "issued_on": "Issued on", "valid_until": "Valid until", "version": "Version",
           "verify": "Verify this certificate (also by the QR code on the right):",
           "qr_alt": "QR code with the verification address {url}", "date_format": "j F Y",
           "subject": "Certificate {code}, verifiable at {url}"},
}
# How the holder's identity was established (accounts' identity source), as printed and
# as the verification page says it: part of the document of record like the labels.
IDENTITY_STATEMENTS = {
    "de": {"staff_sso": "Identität bestätigt über Dienstkonto (Single Sign-on)",
           "staff_roster": "Identität bestätigt über Dienstkonto (Personalliste der Verwaltung)",
           "admin_created": "Konto von der Verwaltung angelegt",
           "self_registered": "selbst registriert, E-Mail-Adresse bestätigt"},
    "en": {"staff_sso": "Identity confirmed through a staff account (single sign-on)",
           "staff_roster": "Identity confirmed through a staff account (the administration's "
                           "staff roster)",
           "admin_created": "Account created by the administration",
           "self_registered": "Self-registered, email address confirmed"},
}


def identity_statement(identity_basis: str, language: str) -> str:
    """The sentence for an identity source in a certificate language; "" when unknown."""
    statements = IDENTITY_STATEMENTS.get(language[:2], IDENTITY_STATEMENTS["de"])
    return statements.get(identity_basis, "")


DEFAULT_TITLE = {("course", "de"): "Zertifikat", ("course", "en"): "Certificate",
                 ("volunteer_service", "de"): "Bescheinigung",
                 ("volunteer_service", "en"): "Certificate of service",
                 ("zeugnis", "de"): "Zeugnis", ("zeugnis", "en"): "Reference"}


@dataclass(frozen=True)
class Signatory:
    name: str
    function: str = ""
    image_path: str | None = None


@dataclass(frozen=True)
class CertificatePdfData:
    """Everything printed on one certificate, as plain values."""

    code: str
    verification_url: str
    recipient_name: str
    title: str
    kind: str = "course"
    language: str = "de"
    heading: str = ""
    body: str = ""
    content_version: str = ""
    completed_on: date | None = None
    issued_on: date | None = None
    valid_until: date | None = None
    hours: Decimal | None = None
    result: str = ""
    issuer_name: str = ""
    accent_colour: str = "#0b5394"
    logo_path: str | None = None
    signatories: tuple[Signatory, ...] = field(default_factory=tuple)
    version: int = 1
    identity_basis: str = ""  # accounts' identity source at the request ("" = not recorded)
    certified_text: str = ""  # a long text (a Zeugnis): certificates.rendering_long


@functools.cache
def fonts_register() -> None:
    """Register the embedded fonts once per process."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


@functools.lru_cache(maxsize=32)
def _image(path: str) -> ImageReader:
    # Logos and signatures repeat on every certificate of a template: decode them once.
    return ImageReader(path)


def _format_date(value: date | None) -> str:
    # Called inside translation.override(language): month names follow the certificate.
    language = translation.get_language() or "de"
    fmt = LABELS.get(language[:2], LABELS["de"])["date_format"]
    return formats.date_format(value, fmt) if value else ""


def _format_hours(value: Decimal | None) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    return formats.number_format(value.normalize() if value == value.to_integral() else value)


def duration_phrase(value: Decimal | None, language: str = "de") -> str:
    """The workload with its unit: "1 Stunde", "1,5 Stunden", below one hour "45 Minuten".

    Numbers follow the active locale (call inside translation.override for the comma).
    """
    if value is None:
        return ""
    units = DURATION_UNITS.get((language or "de")[:2], DURATION_UNITS["de"])
    value = Decimal(value)
    if 0 < value < 1:
        minutes = int((value * 60).to_integral_value())
        return f"{minutes} {units['minute'][0 if minutes == 1 else 1]}"
    return f"{_format_hours(value)} {units['hour'][0 if value == 1 else 1]}"


def body_text(data: CertificatePdfData) -> str:
    """The body with placeholders filled; call inside translation.override(data.language)."""
    template = data.body or DEFAULT_BODY.get((data.kind, data.language),
                                             DEFAULT_BODY[("course", "de")])
    for phrase in _HOURS_PHRASES:
        template = template.replace(phrase, "{duration}")
    if data.hours is None:
        # The standard texts name the workload; drop that sentence when there is none.
        for sentence in ("Umfang: {duration}. ", "Workload: {duration}. "):
            template = template.replace(sentence, "")
    values = {"name": data.recipient_name, "course": data.title,
              "date": _format_date(data.completed_on), "hours": _format_hours(data.hours),
              "duration": duration_phrase(data.hours, data.language),
              "version": data.content_version or "1", "result": data.result,
              "issuer": data.issuer_name, "code": code_display(data.code)}
    return template.format_map(values).strip()


def qr_draw(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as one filled vector path (one rectangle per horizontal run)."""
    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    border = 2
    count = len(matrix) + 2 * border
    module = size / count
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        col = 0
        while col < len(row):
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                path.rect(x + (start + border) * module, top, (col - start) * module, module)
            else:
                col += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


# Everything printed stays inside the frame drawn at MARGIN / 2, with some air to it.
TEXT_LEFT, TEXT_RIGHT = MARGIN, A4[0] - MARGIN
TEXT_WIDTH = TEXT_RIGHT - TEXT_LEFT


def fitted_size(text: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """The largest font size up to `size` at which the line fits into `width`."""
    natural = pdfmetrics.stringWidth(text, font, size)
    if natural <= width:
        return size
    return max(smallest, size * width / natural)


def facts_lines(facts: list[str], font: str, size: float, width: float) -> list[str]:
    """Join the facts with a middle dot, starting a new line where the next one would
    overflow."""
    separator = "   ·   "
    lines: list[str] = []
    for fact in facts:
        joined = f"{lines[-1]}{separator}{fact}" if lines else fact
        if lines and pdfmetrics.stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        else:
            lines.append(fact)
    return lines


def _centred(canvas: Canvas, text: str, y: float, font: str, size: float) -> None:
    canvas.setFont(font, fitted_size(text, font, size, TEXT_WIDTH))
    canvas.drawCentredString(A4[0] / 2, y, text)




def _render(data: CertificatePdfData) -> bytes:
    labels = LABELS.get(data.language, LABELS["de"])
    heading = data.heading or DEFAULT_TITLE.get((data.kind, data.language), "Certificate")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, lang=data.language,
                    initialFontName=FONT, initialFontSize=12)
    canvas.setTitle(f"{heading}: {data.title} – {data.recipient_name}")
    canvas.setAuthor(data.issuer_name)
    canvas.setSubject(labels["subject"].format(code=code_display(data.code),
                                               url=data.verification_url))
    canvas.setCreator(settings.WAGTAIL_SITE_NAME)
    canvas.setKeywords([code_display(data.code), data.title])
    # Viewers show the title instead of the file name. reportlab writes no structure tree
    # (no tagged PDF/UA); the accessibility statement says so.
    canvas.setViewerPreference("DisplayDocTitle", "true")
    accent = colors.HexColor(data.accent_colour or "#0b5394")
    _draw_frame_and_issuer(canvas, data, accent)
    _draw_award(canvas, data, accent, heading, labels)
    _draw_signatories(canvas, data.signatories)
    _draw_verification(canvas, data, labels)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_frame_and_issuer(canvas: Canvas, data: CertificatePdfData, accent) -> None:
    """Accent band, frame, the logo top left and the issuer top right."""
    width, height = A4
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
        box_h = 22 * mm
        box_w = min(60 * mm, box_h * logo_w / logo_h)
        canvas.drawImage(logo, MARGIN, top - box_h, width=box_w, height=box_w * logo_h / logo_w,
                         mask="auto", preserveAspectRatio=True)
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.setFont(FONT, fitted_size(data.issuer_name, FONT, 10, TEXT_WIDTH / 2))
    canvas.drawRightString(TEXT_RIGHT, top - 6 * mm, data.issuer_name)


def _draw_award(canvas: Canvas, data: CertificatePdfData, accent, heading: str,
                labels: dict[str, str]) -> None:
    """Heading, the name as certified, the achievement, the body text and the dates."""
    width, height = A4
    canvas.setFillColor(accent)
    _centred(canvas, heading, height - 80 * mm, FONT_BOLD, 34)
    canvas.setFillColor(colors.black)
    _centred(canvas, labels["awarded_to"], height - 96 * mm, FONT, 12)
    _centred(canvas, data.recipient_name, height - 112 * mm, FONT_BOLD, 24)
    canvas.setStrokeColor(accent)
    canvas.line(width / 2 - 60 * mm, height - 116 * mm, width / 2 + 60 * mm, height - 116 * mm)

    frame_width = width - 2 * MARGIN - 20 * mm
    title_style = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=21,
                                 alignment=TA_CENTER, textColor=accent)
    title = Paragraph(escape(data.title), title_style)
    _w, title_h = title.wrap(frame_width, 40 * mm)
    title.drawOn(canvas, MARGIN + 10 * mm, height - 126 * mm - title_h)

    style = ParagraphStyle("body", fontName=FONT, fontSize=12.5, leading=18,
                           alignment=TA_CENTER)
    paragraph = Paragraph(escape(body_text(data)).replace("\n", "<br/>"), style)
    _w, para_h = paragraph.wrap(frame_width, 80 * mm)
    body_top = height - 134 * mm - title_h
    paragraph.drawOn(canvas, MARGIN + 10 * mm, body_top - para_h)

    facts = [(labels["completed_on"], _format_date(data.completed_on)),
             (labels["issued_on"], _format_date(data.issued_on))]
    if data.valid_until:
        facts.append((labels["valid_until"], _format_date(data.valid_until)))
    if data.version > 1:
        facts.append((labels["version"], str(data.version)))
    # The dates wrap between facts (never inside one) when they do not fit on one line.
    canvas.setFillColor(colors.HexColor("#333333"))
    y = body_top - para_h - 14 * mm
    for line in facts_lines([f"{label}: {value}" for label, value in facts if value],
                            FONT, 10, frame_width):
        _centred(canvas, line, y, FONT, 10)
        y -= 5 * mm
    identity = identity_statement(data.identity_basis, data.language)
    if identity:
        _centred(canvas, identity, y, FONT, 10)


def _draw_signatories(canvas: Canvas, signatories: tuple[Signatory, ...]) -> None:
    """Up to two signatories side by side above the footer."""
    sign_y = 72 * mm  # clear of the QR code in the lower right corner
    slot_w = 70 * mm
    for index, signatory in enumerate(list(signatories)[:2]):
        x = MARGIN + 5 * mm + index * (slot_w + 10 * mm)
        if signatory.image_path:
            image = _image(signatory.image_path)
            img_w, img_h = image.getSize()
            draw_h = 14 * mm
            draw_w = min(slot_w, draw_h * img_w / img_h)
            canvas.drawImage(image, x, sign_y + 2 * mm, width=draw_w,
                             height=draw_w * img_h / img_w, mask="auto")
        canvas.setStrokeColor(colors.black)
        canvas.line(x, sign_y, x + slot_w, sign_y)
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT_BOLD, fitted_size(signatory.name, FONT_BOLD, 10, slot_w))
        canvas.drawString(x, sign_y - 5 * mm, signatory.name)
        canvas.setFont(FONT, fitted_size(signatory.function, FONT, 9, slot_w))
        canvas.drawString(x, sign_y - 9.5 * mm, signatory.function)


def _draw_verification(canvas: Canvas, data: CertificatePdfData, labels: dict[str, str]
                       ) -> None:
    """The QR code, the code beneath it, and the address in words.

    The address is printed as text (the QR code's text alternative on paper) and both the
    QR code and the address are links whose annotation describes the QR code (/Contents,
    the alternate description of a non-text annotation).
    """
    width = A4[0]
    qr_x, qr_y = width - MARGIN - QR_SIZE, 22 * mm
    qr_draw(canvas, data.verification_url, qr_x, qr_y, QR_SIZE)
    alt = labels["qr_alt"].format(url=data.verification_url)
    canvas.linkURL(data.verification_url, (qr_x, qr_y, qr_x + QR_SIZE, qr_y + QR_SIZE),
                   thickness=0, Contents=PDFString(alt))
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawCentredString(qr_x + QR_SIZE / 2, qr_y - 4 * mm, code_display(data.code))
    text_width = qr_x - 5 * mm - TEXT_LEFT
    canvas.setFont(FONT, fitted_size(labels["verify"], FONT, 8, text_width))
    canvas.drawString(TEXT_LEFT, 20 * mm, labels["verify"])
    url_size = fitted_size(data.verification_url, FONT, 8, text_width)
    canvas.setFont(FONT, url_size)
    canvas.drawString(TEXT_LEFT, 16 * mm, data.verification_url)
    url_width = pdfmetrics.stringWidth(data.verification_url, FONT, url_size)
    canvas.linkURL(data.verification_url,
                   (TEXT_LEFT, 15 * mm, TEXT_LEFT + url_width, 16 * mm + url_size),
                   thickness=0, Contents=PDFString(data.verification_url))
