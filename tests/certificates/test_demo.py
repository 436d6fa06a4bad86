import pytest
from django.core import mail

from certificates.demo import seed_certificates
from certificates.models import Certificate


@pytest.mark.django_db
def test_demo_learner_gets_one_issued_certificate_however_often_seeded(demo, jobs_queued):
    seed_certificates()
    seed_certificates()
    certificate = Certificate.objects.get(recipient__email="lernende@demo.example")
    assert certificate.status == "issued" and certificate.recipient_name == "Jonas Wagner"
    assert certificate.title == "Barrierefreie Dokumente erstellen"
    assert certificate.content_version == "2025.2"
    # The demo was seeded (and its one mail sent) before this test; seeding again sends none.
    assert mail.outbox == []
