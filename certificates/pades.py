"""PAdES signing with pyHanko: the heavy half of `certificates.signing`.

Loaded only when a certificate is signed (pyHanko takes about a quarter of a second to
import), so processes that never sign never pay for it.
"""

import functools
import io

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from certificates.exceptions import SigningNotConfigured


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


@functools.cache
def signer_load(key_path: str, cert_path: str, passphrase: bytes | None) -> KeyCachingSigner:
    """The signer for this key and certificate, loaded once per process."""
    loaded = signers.SimpleSigner.load(key_path, cert_path, key_passphrase=passphrase)
    if loaded is None:
        raise SigningNotConfigured(f"Could not load the signing key {key_path}.")
    return KeyCachingSigner(
        signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry, signature_mechanism=loaded.signature_mechanism)


def pdf_sign_with(pdf: bytes, *, signer: KeyCachingSigner, reason: str, location: str
                  ) -> bytes:
    """The PDF with a PAdES baseline signature added as an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None)
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()
