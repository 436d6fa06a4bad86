"""Optional PAdES signing with pyHanko.

Configured by two settings holding file paths (PEM or DER): CERTIFICATE_SIGNING_KEY and
CERTIFICATE_SIGNING_CERT, plus CERTIFICATE_SIGNING_KEY_PASSPHRASE if the key is encrypted.
Without them, certificates are issued unsigned. The signer is loaded once per process:
loading the key per document costs an order of magnitude more than signing. The pyHanko
half lives in `certificates.pades`, imported only when something is signed.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from certificates.exceptions import SigningNotConfigured


def signing_configured() -> bool:
    return bool(getattr(settings, "CERTIFICATE_SIGNING_KEY", None)
                and getattr(settings, "CERTIFICATE_SIGNING_CERT", None))


def signer_get():
    """The process-wide signer for the configured key, or SigningNotConfigured."""
    if not signing_configured():
        raise SigningNotConfigured("CERTIFICATE_SIGNING_KEY and _CERT are not set.")
    from certificates import pades  # late import: pyHanko is heavy, needed only to sign

    passphrase = getattr(settings, "CERTIFICATE_SIGNING_KEY_PASSPHRASE", None)
    return pades.signer_load(
        str(settings.CERTIFICATE_SIGNING_KEY), str(settings.CERTIFICATE_SIGNING_CERT),
        passphrase.encode() if isinstance(passphrase, str) else passphrase)


def pdf_sign(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """Return the PDF with a PAdES baseline signature added as an incremental update."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _pdf_sign(pdf, reason=reason, location=location)
    # pyHanko's synchronous API calls asyncio.run(), which refuses to start inside a running
    # event loop (async code, or Playwright in the test process): sign in a helper thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_pdf_sign, pdf, reason=reason, location=location).result()


def _pdf_sign(pdf: bytes, *, reason: str, location: str) -> bytes:
    from certificates import pades  # late import: pyHanko is heavy, needed only to sign

    return pades.pdf_sign_with(pdf, signer=signer_get(), reason=reason, location=location)
