"""A certificate with a long certified text (a Zeugnis) flows across pages."""

import io

import pytest
from pypdf import PdfReader

from certificates.pdf import certificate_pdf_render
from certificates.rendering import CertificatePdfData
from certificates.rendering_long import text_blocks


def _data(text: str) -> CertificatePdfData:
    return CertificatePdfData(
        code="7KQ2M9XD4HRT0ZC8", verification_url="https://example.org/nachweis/7KQ2/",
        recipient_name="Anna Schmidt", title="Freiwilliges Digitales Jahr", kind="zeugnis",
        result="Dienstzeit: 1. September 2025 bis 31. August 2026", issuer_name="Träger",
        certified_text=text)


def test_blocks_are_paragraphs_and_subheadings():
    assert text_blocks("## Aufgaben\nErste Zeile\nzweite\n\n\nNoch ein Absatz") == [
        ("heading", "Aufgaben"), ("paragraph", "Erste Zeile\nzweite"),
        ("paragraph", "Noch ein Absatz")]


@pytest.mark.parametrize("repeat, pages", [(1, 1), (60, 3)])
def test_the_text_flows_over_pages_each_numbered_with_the_code(repeat, pages):
    sentence = "Sie hat die Website der Stadt betreut & <b>gepflegt</b>. "
    text = "## Aufgaben\n\n" + "\n\n".join([sentence * 8] * repeat) + "\n\n## Projekt\n\nEnde."
    reader = PdfReader(io.BytesIO(certificate_pdf_render(data=_data(text))))
    assert len(reader.pages) >= pages
    total = len(reader.pages)
    words = "".join(page.extract_text() for page in reader.pages)
    assert "<b>gepflegt</b>" in words  # printed as written, never as markup
    assert "Ende." in words and "Anna Schmidt" in words
    for number, page in enumerate(reader.pages, 1):
        assert f"Seite {number} von {total}" in page.extract_text()
        assert "7KQ2-M9XD-4HRT-0ZC8" in page.extract_text()


def test_without_a_long_text_the_certificate_stays_on_one_page():
    data = _data("")
    assert len(PdfReader(io.BytesIO(certificate_pdf_render(data=data))).pages) == 1
