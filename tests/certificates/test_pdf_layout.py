"""The certificate PDF reads well: nothing runs across the frame, workloads in plural
rules and minutes, title and language for assistive technology, the QR code described."""

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.utils import translation
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics

from certificates.codes import code_display, code_generate
from certificates.pdf import certificate_pdf_render
from certificates.rendering import (
    FONT,
    FONT_BOLD,
    MARGIN,
    CertificatePdfData,
    Signatory,
    duration_phrase,
    fonts_register,
)

FRAME_LEFT, FRAME_RIGHT = MARGIN / 2, A4[0] - MARGIN / 2


def render(**overrides) -> tuple[bytes, CertificatePdfData]:
    code = code_generate()
    values = {"code": code,
              "verification_url": f"http://testserver/nachweis/{code_display(code)}/",
              "recipient_name": "Zeynep Yılmaz-Müller", "title": "Datenschutz im Büro",
              "completed_on": date(2026, 9, 30), "issued_on": date(2026, 12, 31),
              "hours": Decimal("6"), "issuer_name": "Thüringer Landesrechenzentrum",
              "signatories": (Signatory("Dr. Jörg Weiß", "Präsident"),)}
    values.update(overrides)
    data = CertificatePdfData(**values)
    return certificate_pdf_render(data=data), data


def drawn_lines(pdf: bytes) -> list[tuple[str, float, float]]:
    """Every text run on the page: text, left edge and right edge in points."""
    fonts_register()
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        scale = (tm[0] * cm[0]) or 1
        size = font_size * scale
        x = tm[4] * cm[0] + cm[4]
        name = FONT_BOLD if font_dict and "Bold" in str(font_dict.get("/BaseFont")) else FONT
        runs.append((text.strip("\n"), x, x + pdfmetrics.stringWidth(text.strip("\n"), name,
                                                                     size)))

    page.extract_text(visitor_text=visit)
    return runs


LONG = {
    "recipient_name": "Maximiliane Theodora Friederike von Hohenzollern-Sigmaringen-Wettin",
    "title": "Informationssicherheit, Datenschutz und künstliche Intelligenz in der "
          "öffentlichen Verwaltung des Freistaats Thüringen – Aufbaukurs für Fortgeschrittene",
    "valid_until": date(2028, 9, 30), "version": 12,
    "issuer_name": "Thüringer Ministerium für Digitales und Infrastruktur, Referat 42",
    "signatories": (Signatory("Prof. Dr. Dr. h. c. Maximiliane Hohenzollern-Sigmaringen",
                           "Leiterin der Abteilung Digitalisierung und Verwaltungsmodernisierung"),
                 Signatory("Dr. Jörg Weiß", "Präsident")),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_line_stays_inside_the_frame_even_with_long_dates_and_names(language):
    pdf, data = render(language=language, **LONG)
    runs = drawn_lines(pdf)
    text = " ".join(run[0] for run in runs)
    assert "30. September 2028" in text or "30 September 2028" in text
    assert len(runs) > 10
    for run_text, left, right in runs:
        assert left >= FRAME_LEFT and right <= FRAME_RIGHT, (run_text, left, right)


def test_the_date_line_wraps_between_facts_rather_than_inside_one():
    pdf, _data = render(**LONG)
    page_text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for fact in ("Abgeschlossen am: 30. September 2026", "Ausgestellt am: 31. Dezember 2026",
                 "Gültig bis: 30. September 2028", "Fassung: 12"):
        assert fact in page_text


@pytest.mark.parametrize(("hours", "german", "english"), [
    ("0.5", "30 Minuten", "30 minutes"),
    ("0.75", "45 Minuten", "45 minutes"),
    ("1", "1 Stunde", "1 hour"),
    ("1.5", "1,5 Stunden", "1.5 hours"),
    ("2", "2 Stunden", "2 hours"),
])
def test_workload_uses_plural_rules_and_minutes_below_one_hour(hours, german, english):
    with translation.override("de"):
        assert duration_phrase(Decimal(hours), "de") == german
    with translation.override("en"):
        assert duration_phrase(Decimal(hours), "en") == english


@pytest.mark.parametrize(("hours", "expected"), [("1", "Umfang: 1 Stunde."),
                                                  ("0.8", "Umfang: 48 Minuten.")])
def test_the_printed_workload_reads_naturally(hours, expected):
    pdf, _data = render(hours=Decimal(hours))
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert expected in text
    assert "1 Stunden" not in text and "0,8 Stunden" not in text


def test_a_template_body_written_with_hours_stunden_follows_the_plural_rule():
    pdf, _data = render(hours=Decimal("1"), body="{name}: {course}, {hours} Stunden.")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Datenschutz im Büro, 1 Stunde." in text


def test_pdf_names_language_title_and_shows_the_title_and_describes_the_qr_code():
    pdf, data = render(language="en")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith("Certificate: Datenschutz im Büro")
    assert reader.metadata.author == "Thüringer Landesrechenzentrum"
    links = [annot.get_object() for annot in reader.pages[0]["/Annots"]]
    qr_link = next(link for link in links if "QR code" in link["/Contents"])
    assert qr_link["/A"]["/URI"] == data.verification_url
    assert data.verification_url in qr_link["/Contents"]
    assert data.verification_url in reader.pages[0].extract_text()
