"""One certificate to PDF bytes: the one-page layout (certificates.rendering), or the
long one for a certificate with a certified text such as a Zeugnis
(certificates.rendering_long, which builds on the first)."""

from django.utils import translation

from certificates.rendering import CertificatePdfData, _render, fonts_register
from certificates.rendering_long import long_pdf_render


def certificate_pdf_render(*, data: CertificatePdfData) -> bytes:
    """Render one certificate to PDF bytes."""
    fonts_register()
    with translation.override(data.language):
        if data.certified_text:
            return long_pdf_render(data)
        return _render(data)
