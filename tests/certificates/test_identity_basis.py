"""Certificates say how the holder's identity was established, as it was at the request."""

import io

import pypdf
import pytest

from accounts.models import IdentitySource
from certificates.models import CertificateStatus
from certificates.services import certificate_request
from certificates.tasks import certificate_render_task
from tests.factories import snapshot

pytestmark = pytest.mark.django_db


def issue(learner, template, key="course:identity"):
    certificate = certificate_request(recipient=learner, kind="course", achievement_key=key,
                                      snapshot=snapshot(), template=template)
    certificate_render_task(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED
    return certificate


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()


def test_single_sign_on_holder_is_printed_and_shown(client, learner, template, enqueued):
    learner.identity_source = IdentitySource.STAFF_SSO
    learner.save()
    certificate = issue(learner, template)
    # Snapshot: a later change of the account does not change the certificate.
    learner.identity_source = IdentitySource.SELF_REGISTERED
    learner.save()
    assert certificate.identity_basis == "staff_sso"
    assert "Identität bestätigt über Dienstkonto (Single Sign-on)" in " ".join(
        pdf_text(certificate).split())
    german = client.get(f"/nachweis/{certificate.code_display}/").content.decode()
    assert "Identität bestätigt über Dienstkonto (Single Sign-on)" in german
    english = client.get(f"/en/nachweis/{certificate.code_display}/").content.decode()
    assert "Identity of the holder" in english
    assert "Identity confirmed through a staff account (single sign-on)" in english


def test_self_registered_holder_is_said_so(client, learner, template, enqueued):
    learner.identity_source = IdentitySource.SELF_REGISTERED
    learner.save()
    certificate = issue(learner, template)
    assert "selbst registriert, E-Mail-Adresse bestätigt" in " ".join(
        pdf_text(certificate).split())
    english = client.get(f"/en/nachweis/{certificate.code_display}/").content.decode()
    assert "Self-registered, email address confirmed" in english


def test_certificates_from_before_say_nothing(client, learner, template, enqueued):
    certificate = issue(learner, template)
    type(certificate).objects.filter(pk=certificate.pk).update(identity_basis="")
    english = client.get(f"/en/nachweis/{certificate.code_display}/").content.decode()
    assert "Identity of the holder" not in english
