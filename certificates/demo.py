"""Demo certificates for `seed_demo`: one template per kind, and the certificates of the demo
learners' completed courses issued at once. Safe to repeat."""

from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue

ISSUER = "Thüringer Ministerium für Digitales und Infrastruktur"


def seed_certificate_templates() -> dict[str, CertificateTemplate]:
    templates = {}
    for kind, name, title in (("course", "Kurszertifikat (Demo)", "Zertifikat"),
                              ("volunteer_service",
                               "Bescheinigung Freiwilliges Digitales Jahr (Demo)",
                               "Bescheinigung")):
        templates[kind], _created = CertificateTemplate.objects.get_or_create(
            name=name, defaults={"kind": kind, "title": title, "issuer_name": ISSUER,
                                 "signatory_1_name": "Aylin Demir",
                                 "signatory_1_function": "Koordination"})
    return templates


def seed_certificates() -> list[Certificate]:
    """Issue at once (no worker needed) the certificates the demo's completions requested.

    Safe to repeat: issuing an issued certificate does nothing.
    """
    seed_certificate_templates()
    issued = []
    for certificate in Certificate.objects.filter(recipient__email__endswith="@demo.example",
                                                  status="queued"):
        certificate_issue(certificate_id=certificate.pk)
        certificate.refresh_from_db()
        issued.append(certificate)
    return issued
