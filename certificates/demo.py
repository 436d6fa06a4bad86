"""Demo certificates for `seed_demo`: one template per kind and an issued certificate for
the demo learner. Safe to repeat. Call `seed_certificates()` after the demo users exist."""

from datetime import date
from decimal import Decimal

from accounts.models import User
from certificates.models import Certificate, CertificateTemplate
from certificates.services import AchievementSnapshot, certificate_issue, certificate_request

ISSUER = "Thüringer Ministerium für Digitales und Infrastruktur"


def seed_certificate_templates() -> dict[str, CertificateTemplate]:
    templates = {}
    for kind, name, title in (("course", "Kurszertifikat (Demo)", "Zertifikat"),
                              ("volunteer_service", "Bescheinigung Freiwilliges Digitales Jahr (Demo)",
                               "Bescheinigung")):
        templates[kind], _created = CertificateTemplate.objects.get_or_create(
            name=name, defaults={"kind": kind, "title": title, "issuer_name": ISSUER,
                                 "signatory_1_name": "Aylin Demir",
                                 "signatory_1_function": "Koordination"})
    return templates


def seed_certificates() -> list[Certificate]:
    """Issue (synchronously, no worker needed) the demo learner's certificate."""
    templates = seed_certificate_templates()
    learner = User.objects.filter(email="lernende@demo.example").first()
    if learner is None:
        return []
    certificate = certificate_request(
        recipient=learner, kind="course", achievement_key="demo:datenschutz-grundlagen",
        template=templates["course"],
        snapshot=AchievementSnapshot(recipient_name=learner.get_full_name(),
                                     title="Datenschutz-Grundlagen für die Verwaltung",
                                     completed_on=date(2026, 2, 16), content_version="2026.1",
                                     hours=Decimal("3"), result="bestanden"))
    certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return [certificate]
