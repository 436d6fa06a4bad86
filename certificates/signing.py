"""Optional PAdES signing with pyHanko.

Configured by two settings holding file paths (PEM or DER): CERTIFICATE_SIGNING_KEY and
CERTIFICATE_SIGNING_CERT, plus CERTIFICATE_SIGNING_KEY_PASSPHRASE if the key is encrypted.
Without them, certificates are issued unsigned. The signer is loaded once per process:
loading the key per document costs an order of magnitude more than signing.
"""

import asyncio
import functools
import io
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from certificates.exceptions import SigningNotConfigured


def signing_configured() -> bool:
    return bool(getattr(settings, "CERTIFICATE_SIGNING_KEY", None)
                and getattr(settings, "CERTIFICATE_SIGNING_CERT", None))


def _key_caching_signer_class():
    # late import: pyHanko takes about a quarter of a second to load and is needed only
    # when signing is configured; every process (web, tests) would pay for it otherwise.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from pyhanko.sign import signers
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeyCachingSigner(signers.SimpleSigner):
        """SimpleSigner parses (and for RSA validates) the private key on every signature,
        which costs far more than signing; this one parses it once."""

        @functools.cached_property
        def private_key(self):
            return serialization.load_der_private_key(self.signing_key.dump(), password=None)

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algorithm = mechanism.signature_algo
            except ValueError:
                algorithm = mechanism["algorithm"].native
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            if algorithm == "rsassa_pkcs1v15":
                return self.private_key.sign(data, padding.PKCS1v15(), hash_algo)
            if algorithm == "ecdsa":
                return self.private_key.sign(data, ec.ECDSA(hash_algo))
            return super().sign_raw(data, digest_algorithm)

    return KeyCachingSigner


@functools.cache
def _signer(key_path: str, cert_path: str, passphrase: bytes | None):
    # late import: see _key_caching_signer_class
    from pyhanko.sign import signers

    loaded = signers.SimpleSigner.load(key_path, cert_path, key_passphrase=passphrase)
    if loaded is None:
        raise SigningNotConfigured(f"Could not load the signing key {key_path}.")
    return _key_caching_signer_class()(
        signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry, signature_mechanism=loaded.signature_mechanism)


def signer_get():
    """The process-wide signer for the configured key, or SigningNotConfigured."""
    if not signing_configured():
        raise SigningNotConfigured("CERTIFICATE_SIGNING_KEY and _CERT are not set.")
    passphrase = getattr(settings, "CERTIFICATE_SIGNING_KEY_PASSPHRASE", None)
    return _signer(str(settings.CERTIFICATE_SIGNING_KEY), str(settings.CERTIFICATE_SIGNING_CERT),
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
    # late import: see _key_caching_signer_class
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None)
    output = signers.sign_pdf(writer, metadata, signer=signer_get())
    return output.getvalue()
