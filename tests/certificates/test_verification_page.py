"""What a person checking a certificate sees first: a changed file, a typo in the code."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates.codes import ALPHABET


def pdf_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_a_changed_pdf_is_the_first_thing_seen_and_replaces_the_valid_box(client, issued):
    url = f"/en/nachweis/{issued.code_display}/"
    altered = pdf_bytes(issued) + b"\n%changed"
    response = client.post(url, {"pdf": SimpleUploadedFile("n.pdf", altered)})
    html = response.content.decode()
    main = html[html.index("<main"):]
    mismatch = main.index("The uploaded file is not the issued certificate.")
    assert mismatch < main.index('id="certificate-heading"')
    assert mismatch < main.index('id="compare-heading"')
    assert "This certificate is valid." not in html
    first_alert = re.search(r'class="kern-alert ([^"]*)"', main).group(1)
    assert first_alert == "kern-alert--danger"


@pytest.mark.django_db
def test_an_identical_pdf_keeps_the_valid_box_on_top(client, issued):
    url = f"/en/nachweis/{issued.code_display}/"
    response = client.post(url, {"pdf": SimpleUploadedFile("n.pdf", pdf_bytes(issued))})
    html = response.content.decode()
    assert html.index("This certificate is valid.") < html.index('id="certificate-heading"')
    assert "The file is identical to the issued certificate." in html
    assert "The uploaded file is not the issued certificate." not in html


@pytest.mark.django_db
@pytest.mark.parametrize("position", [0, 7, 15])
def test_a_typo_anywhere_says_typo_without_guessing_where(client, issued, position):
    code = issued.code
    replacement = next(char for char in ALPHABET if char != code[position])
    wrong = code[:position] + replacement + code[position + 1:]
    for response in (client.get("/en/nachweis/", {"code": wrong}),
                     client.get(f"/en/nachweis/{wrong}/")):
        html = response.content.decode()
        assert "This code contains a typo." in html
        assert "last character" not in html
        assert "Ayşe" not in html
