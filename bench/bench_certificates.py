"""Certificate PDF rendering speed: ms per page in one process, and the floor across cores.

    .venv/bin/python bench/bench_certificates.py [N] [--sign]

Renders N certificates (default 500) with the real renderer (embedded fonts, QR code as
vectors, a logo and a signature image), optionally PAdES-signed with a throwaway key, and
prints milliseconds per page, pages per second, the median PDF size, and the same for one
process per core. Needs no database. Not a test.
"""

import io
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from PIL import Image  # noqa: E402

from certificates.codes import code_display, code_generate  # noqa: E402
from certificates.pdf import certificate_pdf_render  # noqa: E402
from certificates.rendering import CertificatePdfData, Signatory  # noqa: E402

WORKDIR = Path(tempfile.mkdtemp(prefix="bench-certificates-"))


def _image(name: str, size: tuple[int, int], colour: str) -> str:
    path = WORKDIR / f"{name}.jpg"
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85)
    return str(path)


LOGO = _image("logo", (600, 200), "navy")
SIGNATURE = _image("signature", (400, 120), "black")


def sample(index: int) -> CertificatePdfData:
    code = code_generate()
    return CertificatePdfData(
        code=code, verification_url=f"https://lernen.example/nachweis/{code_display(code)}/",
        recipient_name=f"Ağca Łukasz-Ștefănescu Éloïse {index}",
        title="Grundlagen der Informationssicherheit in der Landesverwaltung",
        completed_on=date(2026, 3, 2), hours=Decimal("6.5"), content_version="2026.1",
        issuer_name="Thüringer Landesrechenzentrum", logo_path=LOGO,
        signatories=(Signatory("Dr. Jörg Weiß", "Präsident", SIGNATURE),
                     Signatory("Maria Şahin", "Kursleitung")))


def _signer_setup() -> None:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from django.conf import settings
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench")])
    now = datetime.datetime.now(tz=datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (WORKDIR / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (WORKDIR / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.CERTIFICATE_SIGNING_KEY = str(WORKDIR / "key.pem")
    settings.CERTIFICATE_SIGNING_CERT = str(WORKDIR / "cert.pem")


def run(count: int, sign: bool) -> list[int]:
    from certificates.signing import pdf_sign

    if sign:
        _signer_setup()
    certificate_pdf_render(data=sample(0))  # fonts and images loaded once, as in a worker
    sizes = []
    for index in range(count):
        pdf = certificate_pdf_render(data=sample(index))
        if sign:
            pdf = pdf_sign(pdf)
        sizes.append(len(pdf))
    return sizes


def _worker(args: tuple[int, bool]) -> list[int]:
    return run(*args)


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    count = int(args[0]) if args else 500
    sign = "--sign" in sys.argv
    label = "signed" if sign else "unsigned"

    started = time.perf_counter()
    sizes = run(count, sign)
    elapsed = time.perf_counter() - started
    print(f"one process, {label}: {count} PDFs in {elapsed:.2f} s = "
          f"{1000 * elapsed / count:.1f} ms/page, {count / elapsed:.0f} pages/s, "
          f"median size {statistics.median(sizes) / 1024:.1f} KiB")

    cores = os.cpu_count() or 1
    per_core = max(count // cores, 1)
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        results = pool.map(_worker, [(per_core, sign)] * cores)
    elapsed = time.perf_counter() - started
    total = sum(len(result) for result in results)
    print(f"{cores} processes, {label}: {total} PDFs in {elapsed:.2f} s = "
          f"{total / elapsed:.0f} pages/s (floor for the full job path)")
    sample_pdf = io.BytesIO(certificate_pdf_render(data=sample(1)))
    print(f"sample PDF: {len(sample_pdf.getvalue())} bytes")


if __name__ == "__main__":
    main()
