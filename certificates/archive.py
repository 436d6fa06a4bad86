"""The PDFs of a bulk issuance as one ZIP file (the batch's download in the admin)."""

import zipfile
from typing import BinaryIO

from certificates.models import CertificateBatch, CertificateStatus


def certificate_batch_zip_write(*, batch: CertificateBatch, target: BinaryIO) -> int:
    """Write the PDFs of the batch's issued certificates into a ZIP; returns how many."""
    written = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        issued = batch.certificates.filter(status=CertificateStatus.ISSUED).exclude(pdf="")
        for certificate in issued.order_by("recipient_name", "pk"):
            safe_name = "".join(char if char.isalnum() else "_"
                                for char in certificate.recipient_name)[:60]
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{safe_name}-{certificate.code_display}.pdf", pdf.read())
            written += 1
    return written
