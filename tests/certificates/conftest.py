
import pytest
from django.core.cache import cache

from accounts.models import User
from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue, certificate_request
from tests.factories import snapshot


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enqueued(jobs_queued):
    """Record the jobs handed to django-q2 instead of queueing them."""
    return jobs_queued


@pytest.fixture
def learner(db):
    return User.objects.create_user(email="ayse@example.org", password="x",
                                    first_name="Ayşe", last_name="Öztürk")


@pytest.fixture
def other_learner(db):
    return User.objects.create_user(email="other@example.org", password="x",
                                    first_name="Otto", last_name="Anders")


@pytest.fixture
def template(db):
    return CertificateTemplate.objects.create(
        name="Kurszertifikat", kind="course", language="de", title="Zertifikat",
        issuer_name="Thüringer Ministerium für Digitales und Infrastruktur",
        accent_colour="#0b5394", signatory_1_name="Dr. Jörg Weiß",
        signatory_1_function="Referatsleitung")


@pytest.fixture
def issued(learner, template, enqueued, django_capture_on_commit_callbacks) -> Certificate:
    """An issued certificate of the learner, rendered by the real job code."""
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_request(recipient=learner, kind="course",
                                          achievement_key="course:1", snapshot=snapshot(),
                                          template=template)
    certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate
