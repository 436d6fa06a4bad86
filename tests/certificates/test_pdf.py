import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
import segno
import zxingcpp
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from certificates.codes import code_display, code_generate
from certificates.pdf import certificate_pdf_render
from certificates.rendering import (
    QR_SIZE,
    CertificatePdfData,
    Signatory,
)
from certificates.services import certificate_request
from certificates.tasks import certificate_render_task
from tests.factories import make_image, snapshot

NAMES = "Ağca Łukasz-Ștefănescu Éloïse Größe"


def render(**overrides) -> tuple[bytes, CertificatePdfData]:
    code = code_generate()
    values = {"code": code,
              "verification_url": f"http://testserver/nachweis/{code_display(code)}/",
              "recipient_name": NAMES, "title": "Grundlagen der Informationssicherheit",
              "completed_on": date(2026, 3, 2), "hours": Decimal("6"),
              "issuer_name": "Thüringer Landesrechenzentrum",
              "signatories": (Signatory("Dr. Jörg Weiß", "Präsident"),)}
    values.update(overrides)
    data = CertificatePdfData(**values)
    return certificate_pdf_render(data=data), data


def qr_cells(page, reader) -> set[tuple[int, int]] | None:
    """Rebuild the QR matrix from the filled rectangles drawn inside the QR box."""
    rects = [[float(v) for v in operands] for operands, operator
             in ContentStream(page.get_contents(), reader).operations if operator == b"re"]
    size = QR_SIZE
    box = next(r for r in rects if abs(r[2] - size) < 0.01 and abs(r[3] - size) < 0.01)
    x0, y0 = box[0], box[1]
    inside = [r for r in rects if r is not box and x0 - 0.01 <= r[0] <= x0 + size
              and y0 - 0.01 <= r[1] <= y0 + size and r[3] < size / 10]
    module = inside[0][3]
    count = round(size / module)
    cells = set()
    for x, y, w, _h in inside:
        row = count - 1 - round((y - y0) / module)
        first = round((x - x0) / module)
        for col in range(first, first + round(w / module)):
            cells.add((row - 2, col - 2))
    return cells


def test_text_keeps_every_diacritic_and_names_code_and_address():
    pdf, data = render()
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert NAMES in text
    assert code_display(data.code) in text
    assert data.verification_url in text
    assert "Grundlagen der Informationssicherheit" in text
    assert "2. März 2026" in text  # German date from the certificate's language
    assert "6 Stunden" in text


def test_fonts_are_embedded_so_names_print_anywhere():
    pdf, _data = render()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [font.get_object() for font in fonts.values()]
    assert embedded
    for font in embedded:
        descriptor = font.get("/FontDescriptor") or \
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()
        assert "DejaVuSans" in str(font["/BaseFont"])


def test_metadata_names_title_author_and_subject():
    pdf, data = render()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta.title == f"Zertifikat: Grundlagen der Informationssicherheit – {NAMES}"
    assert meta.author == "Thüringer Landesrechenzentrum"
    assert code_display(data.code) in meta.subject and data.verification_url in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / mm), round(height / mm)) == (210, 297)


def test_qr_code_is_drawn_as_vectors_and_encodes_the_verification_address():
    pdf, data = render()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert "/XObject" not in page["/Resources"]  # no raster image: the QR code is a path
    expected = {(r, c) for r, row in enumerate(segno.make(data.verification_url, error="m",
                                                           micro=False).matrix)
                for c, dark in enumerate(row) if dark}
    assert qr_cells(page, reader) == expected


def qr_decode(pdf: bytes) -> list[str]:
    """Rasterise the first page as a phone camera would see it and read every QR code."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=150 / 72).to_pil()  # 150 dpi
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)
            if barcode.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_printed_qr_code_decodes_to_the_verification_address(language):
    pdf, data = render(language=language)
    assert qr_decode(pdf) == [data.verification_url]


@pytest.mark.django_db
def test_the_issued_pdf_qr_code_leads_to_its_own_verification_page(issued, client):
    with issued.pdf.open("rb") as handle:
        (url,) = qr_decode(handle.read())
    assert url == issued.verification_url
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Ayşe Öztürk" in response.content.decode()


def test_english_certificates_read_in_english():
    pdf, _data = render(language="en", valid_until=date(2028, 3, 31))
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "awarded to" in text and "Valid until: 31 March 2028" in text
    assert "Workload: 6 hours." in text


@pytest.mark.django_db
def test_template_logo_signatures_and_body_appear_in_the_issued_pdf(learner, template,
                                                                    enqueued):
    template.logo = make_image("logo", "darkblue", (300, 100))
    template.signatory_1_signature = make_image("unterschrift", "black", (200, 60))
    template.signatory_2_name, template.signatory_2_function = "Maria Şahin", "Kursleitung"
    template.body = "{name} hat „{course}“ am {date} mit dem Ergebnis {result} beendet."
    template.save()
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:3", snapshot=snapshot(),
                                      template=template)
    certificate_render_task(certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    page = reader.pages[0]
    assert len(page["/Resources"]["/XObject"]) == 2  # logo and signature image
    text = page.extract_text()
    for expected in ("Ayşe Öztürk hat „Datenschutz im Büro“ am 2. März 2026 mit dem",
                     "Ergebnis bestanden beendet.", "Dr. Jörg Weiß", "Referatsleitung",
                     "Maria Şahin", "Kursleitung", "Zertifikat",
                     f"Ausgestellt am: {certificate.issued_at.astimezone().date():%-d}."):
        assert expected in text


@pytest.mark.django_db
def test_admin_preview_of_a_template_is_a_sample_pdf(template, rf):
    response = template.serve_preview(rf.get("/"), "")
    assert response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Zeynep Yılmaz-Müller" in text and template.issuer_name in text


@pytest.mark.django_db
def test_signed_pdfs_validate_with_pyhanko(issued, learner, template, enqueued, settings,
                                           tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from certificates import signing

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testsiegel Thüringen")])
    now = datetime.datetime.now(tz=datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.CERTIFICATE_SIGNING_KEY = str(key_path)
    settings.CERTIFICATE_SIGNING_CERT = str(cert_path)

    assert issued.signed is False  # issued before signing was configured
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:signed", snapshot=snapshot(),
                                      template=template)
    certificate_render_task(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.signed is True
    with certificate.pdf.open("rb") as handle:
        content = handle.read()
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
    # pyHanko's synchronous API calls asyncio.run(); when the browser tests share this
    # process, Playwright's event loop is running here, so validate in a helper thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        status = pool.submit(validate_pdf_signature, signature, context).result()
    assert status.intact and status.valid and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == "Testsiegel Thüringen"
    assert NAMES not in content.decode("latin-1")  # sanity: it is this certificate
    assert signing.signer_get() is signing.signer_get()  # loaded once per process
