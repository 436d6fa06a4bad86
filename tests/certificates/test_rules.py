"""The certificate rules at their boundaries: each test names the edge it holds."""

import io
import itertools

import pypdf
import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from accounts.audit import CERTIFICATE_REVOKE
from certificates.exceptions import CertificateError, InvalidTransition, ReasonRequired
from certificates.models import (
    CERTIFICATE_STATES,
    Certificate,
    CertificateKind,
    CertificateStatus,
)
from certificates.services import certificate_request, certificate_revoke, certificate_transition
from certificates.tasks import certificate_render_task
from core.errors import DomainError
from core.state import InvalidTransition as KernelInvalidTransition
from tests.factories import snapshot

S = CertificateStatus
MOVES = {(S.QUEUED, S.ISSUED), (S.QUEUED, S.FAILED), (S.QUEUED, S.SUPERSEDED),
         (S.FAILED, S.QUEUED), (S.FAILED, S.ISSUED), (S.FAILED, S.FAILED),
         (S.FAILED, S.SUPERSEDED), (S.ISSUED, S.REVOKED), (S.ISSUED, S.SUPERSEDED)}


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()


@pytest.mark.django_db
def test_pdf_rendered_after_the_account_was_renamed_prints_the_snapshot_name(
        learner, template, enqueued):
    # Boundary: the job renders *after* the rename, so a PDF built from the account's
    # current name (instead of the snapshot taken at the request) would show the new one.
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:rename",
                                      snapshot=snapshot(name=learner.get_full_name()),
                                      template=template)
    learner.first_name, learner.last_name = "Friederike", "Umbenannt"
    learner.save()

    certificate_render_task(certificate.pk)

    certificate.refresh_from_db()
    assert certificate.status == S.ISSUED
    text = pdf_text(certificate)
    assert "Ayşe Öztürk" in text
    assert "Friederike" not in text and "Umbenannt" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_revocation_with_an_empty_or_blank_reason_is_refused_and_changes_nothing(
        issued, other_learner, reason):
    with pytest.raises(ReasonRequired) as raised, translation.override("en"):
        certificate_revoke(certificate=issued, actor=other_learner, reason=reason)
    with translation.override("en"):
        assert str(raised.value.message) == "Please give a reason for the revocation."
    assert isinstance(raised.value, DomainError)
    issued.refresh_from_db()
    assert issued.status == S.ISSUED and issued.revoked_at is None
    assert issued.revoked_reason == ""
    assert not issued.events.filter(to_status=S.REVOKED).exists()
    assert not ModelLogEntry.objects.filter(action=CERTIFICATE_REVOKE).exists()


@pytest.mark.django_db
def test_a_one_character_reason_is_enough_to_revoke(issued):
    # The other side of the boundary: any non-blank reason is accepted and kept as given.
    certificate_revoke(certificate=issued, actor=None, reason=" x ")
    issued.refresh_from_db()
    assert issued.status == S.REVOKED and issued.revoked_reason == "x"


def test_only_the_listed_moves_exist_and_revoked_and_superseded_are_final():
    allowed = {(source, target) for source, target in itertools.product(S.values, repeat=2)
               if CERTIFICATE_STATES.allowed(source, target)}
    assert allowed == MOVES
    assert CERTIFICATE_STATES.targets(S.REVOKED) == []
    assert CERTIFICATE_STATES.targets(S.SUPERSEDED) == []


@pytest.mark.django_db
def test_every_move_outside_the_table_raises_and_leaves_status_and_history_alone(issued):
    refused = [pair for pair in itertools.product(S.values, repeat=2) if pair not in MOVES]
    assert len(refused) == 16
    for from_status, to_status in refused:
        # Any status is reachable for the test without breaking a database constraint:
        # the row has a hash (issued) and a revocation date and reason (revoked).
        Certificate.objects.filter(pk=issued.pk).update(
            status=from_status, revoked_at=timezone.now(), revoked_reason="Test")
        certificate = Certificate.objects.get(pk=issued.pk)
        events_before = certificate.events.count()
        with pytest.raises(InvalidTransition) as raised:
            certificate_transition(certificate=certificate, to_status=to_status)
        error = raised.value
        assert isinstance(error, KernelInvalidTransition) and isinstance(error,
                                                                         CertificateError)
        assert (error.from_status, error.to_status) == (from_status, to_status)
        certificate.refresh_from_db()
        assert certificate.status == from_status, (from_status, to_status)
        assert certificate.events.count() == events_before


@pytest.mark.django_db
def test_the_volunteer_service_kind_goes_through_the_same_entry_point(learner, enqueued):
    # The Bescheinigung will come from volunteers with its own snapshot; the entry point
    # needs nothing but a kind and the snapshot (no template of that kind exists here).
    certificate = certificate_request(
        recipient=learner, kind=CertificateKind.VOLUNTEER_SERVICE,
        achievement_key="service:1",
        snapshot=snapshot(title="Freiwilliges Digitales Jahr", result=""))
    certificate_render_task(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == S.ISSUED and certificate.kind == "volunteer_service"
    text = pdf_text(certificate)
    assert "Bescheinigung" in text
    assert "hat den Dienst „Freiwilliges Digitales Jahr“" in text


@pytest.mark.django_db
def test_verification_address_follows_the_configured_site_address(issued, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://lernen.example/"
    expected = f"https://lernen.example/nachweis/{issued.code_display}/"
    assert issued.verification_url == expected
    assert issued.pdf_data().verification_url == expected
