"""Finding 14: uploaded documents never keep a dangerous name or double as web pages.

Stored under a generated name; offered under the uploader's base name with the extension
of the type detected from the content, as an attachment with that type and `nosniff`. A
PDF or image that also carries HTML markup near its start (a polyglot) is refused.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core.files import HTML_SCAN_BYTES, safe_download_name
from tests.factories import PDF, png_bytes
from volunteers.models import ApplicationDocument

pytestmark = pytest.mark.django_db


def documents_url() -> str:
    with translation.override("en"):
        return reverse("volunteers:step", args=["documents"])


def upload(client, name, content, kind="cv"):
    return client.post(documents_url(), {
        "kind": kind, "file": SimpleUploadedFile(name, content, content_type="application/hta")})


def test_hta_name_with_pdf_content_is_stored_and_offered_as_a_pdf_attachment(
        client, draft, applicant):
    client.force_login(applicant)

    response = upload(client, "Lebenslauf.hta", PDF)

    assert response.status_code == 302
    document = draft.documents.latest("pk")
    assert not document.file.name.endswith(".hta") and "Lebenslauf" not in document.file.name
    assert document.file.name.endswith(".pdf")
    assert document.download_name == "Lebenslauf.pdf"
    download = client.get(reverse("volunteers:document", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Lebenslauf.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b" " * 900 + b"<SCRIPT src=//evil.example/x.js>",
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<!DOCTYPE html><p>hi",
    png_bytes()[:16] + b"<svg onload=alert(1)>",
], ids=["pdf-html", "pdf-script-upper-case", "jpeg-doctype", "png-svg"])
def test_html_polyglots_are_refused_with_a_clear_message(client, draft, applicant, content):
    client.force_login(applicant)

    response = upload(client, "lebenslauf.pdf", content)

    assert response.status_code == 400
    assert "web page code (HTML)" in response.content.decode()
    assert draft.documents.count() == 1  # only the one from the fixture


def test_plain_documents_still_pass_and_markup_beyond_the_scanned_start_is_tolerated(
        client, draft, applicant):
    client.force_login(applicant)
    assert upload(client, "foto.jpg", png_bytes(), kind="other").status_code == 302
    late = PDF + b"%" * HTML_SCAN_BYTES + b"<html>"  # not where any browser sniffs
    assert upload(client, "bewerbung.pdf", late).status_code == 302
    names = sorted(d.download_name for d in draft.documents.all())
    assert names == ["bewerbung.pdf", "foto.png", "lebenslauf.pdf"]


def test_documents_stored_before_the_rule_are_offered_under_a_safe_name(
        client, draft, applicant):
    document = draft.documents.get()
    ApplicationDocument.objects.filter(pk=document.pk).update(original_name="Lebenslauf.hta")
    client.force_login(applicant)
    download = client.get(reverse("volunteers:document", args=[document.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="Lebenslauf.pdf"'
    ApplicationDocument.objects.filter(pk=document.pk).update(content_type="text/html")
    download = client.get(reverse("volunteers:document", args=[document.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == 'attachment; filename="Lebenslauf.bin"'


@pytest.mark.parametrize(("name", "expected"), [
    ("Lebenslauf.hta", "Lebenslauf.pdf"),
    ("C:\\Users\\lea\\Zeugnis 2024.pdf.hta", "Zeugnis 2024_pdf.pdf"),
    ("../../etc/passwd", "passwd.pdf"),
    ('Über mich "x";.exe', "Über mich _x.pdf"),
    ("a\r\nb.pdf", "a_b.pdf"),
    (".hta", "document.pdf"),
    ("", "document.pdf"),
])
def test_download_names_are_sanitised_with_the_detected_extension(name, expected):
    assert safe_download_name(name, "application/pdf") == expected
