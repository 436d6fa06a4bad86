"""Optional PAdES signing with pyHanko.

Configured by two settings holding file paths (PEM or DER): CERTIFICATE_SIGNING_KEY and
CERTIFICATE_SIGNING_CERT, plus CERTIFICATE_SIGNING_KEY_PASSPHRASE if the key is encrypted.
Without them, certificates are issued unsigned. The signer is loaded once per process:
loading the key per document costs an order of magnitude more than signing.
"""

import functools
import io

from django.conf import settings

from certificates.exceptions import SigningNotConfigured


def signing_configured() -> bool:
    return bool(getattr(settings, "CERTIFICATE_SIGNING_KEY", None)
                and getattr(settings, "CERTIFICATE_SIGNING_CERT", None))


@functools.cache
def _signer(key_path: str, cert_path: str, passphrase: bytes | None):
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(key_path, cert_path, key_passphrase=passphrase)
    if signer is None:
        raise SigningNotConfigured(f"Could not load the signing key {key_path}.")
    return signer


def signer_get():
    """The process-wide signer for the configured key, or SigningNotConfigured."""
    if not signing_configured():
        raise SigningNotConfigured("CERTIFICATE_SIGNING_KEY and _CERT are not set.")
    passphrase = getattr(settings, "CERTIFICATE_SIGNING_KEY_PASSPHRASE", None)
    return _signer(str(settings.CERTIFICATE_SIGNING_KEY), str(settings.CERTIFICATE_SIGNING_CERT),
                   passphrase.encode() if isinstance(passphrase, str) else passphrase)


def pdf_sign(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """Return the PDF with a PAdES baseline signature added as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None)
    output = signers.sign_pdf(writer, metadata, signer=signer_get())
    return output.getvalue()
