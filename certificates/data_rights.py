"""What certificates hold about a person, for their data export and account deletion.

Registered with accounts' data-rights registry in CertificatesConfig.ready(). Issued
certificates are never erased: anyone holding one must be able to verify it at
/nachweis/<code>/, so the snapshot (with the name printed on it) and its PDF stay.
"""

from django.utils.translation import gettext_lazy as _

from accounts.data_rights.registry import ErasureResult, ExportFile, ExportPart, Kept, rows
from certificates.models import Certificate, CertificateStatus


def _opener(certificate):
    return lambda: certificate.pdf.open("rb")


def certificates_export(user) -> ExportPart:
    certificates = Certificate.objects.filter(recipient=user).order_by("requested_at", "pk")
    data, files = [], []
    for certificate in certificates:
        row = rows([certificate], exclude=("recipient", "pdf", "last_error", "attempts"))[0]
        row["verification_url"] = certificate.verification_url
        if certificate.pdf and certificate.status != CertificateStatus.QUEUED:
            name = f"{certificate.code_display}-v{certificate.version}.pdf"
            row["pdf"] = f"files/certificates/{name}"
            files.append(ExportFile(name=name, open=_opener(certificate)))
        data.append(row)
    return ExportPart(data={"certificates": data}, files=files)


def certificates_keeps(user) -> list[Kept]:
    if not Certificate.objects.filter(recipient=user).exists():
        return []
    return [Kept(
            what=_("Your certificates (name on the certificate, achievement, date, "
                   "verification code) and their PDF files"),
            reason=_("Certificates that were issued stay verifiable for whoever holds "
                     "one; the name printed on a certificate is part of it."))]


def certificates_erase(user) -> ErasureResult:
    return ErasureResult(erased={}, kept=certificates_keeps(user))
