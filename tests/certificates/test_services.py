import zipfile
from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from certificates.exceptions import InvalidTransition, ReasonRequired
from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateEvent,
    CertificateStatus,
    CertificateTemplate,
)
from certificates.selectors import batch_progress, certificates_for_recipient
from certificates.services import (
    CertificateRequest,
    certificate_batch_issue,
    certificate_batch_zip_write,
    certificate_correct,
    certificate_issue,
    certificate_request,
    certificate_retry,
    certificate_revoke,
    certificate_transition,
)
from tests.factories import snapshot

S = CertificateStatus


@pytest.mark.django_db
def test_request_twice_gives_one_certificate_and_one_job(
        learner, template, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_request(recipient=learner, kind="course",
                                    achievement_key="course:7", snapshot=snapshot(),
                                    template=template)
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_request(recipient=learner, kind="course",
                                     achievement_key="course:7",
                                     snapshot=snapshot(name="Somebody Else"))
    assert first.pk == second.pk
    assert second.recipient_name == "Ayşe Öztürk"
    assert Certificate.objects.count() == 1
    assert enqueued == [("certificates.tasks.certificate_render_task", (first.pk,))]
    assert first.status == S.QUEUED
    assert first.issuer_name == template.issuer_name and first.language == "de"


@pytest.mark.django_db
def test_job_is_enqueued_only_after_commit(learner, template, enqueued,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate_request(recipient=learner, kind="course", achievement_key="course:7",
                            snapshot=snapshot(), template=template)
    assert enqueued == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_database_refuses_a_second_current_certificate_for_one_achievement(issued):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            recipient=issued.recipient, kind="course", achievement_key="course:1",
            recipient_name="X", title="Y", completed_on=date(2026, 1, 1), issuer_name="Z",
            code="0000000000000000")


@pytest.mark.django_db
def test_set_status_respects_the_transition_table(issued):
    with pytest.raises(InvalidTransition):
        certificate_transition(certificate=issued, to_status=S.QUEUED)
    with pytest.raises(InvalidTransition):
        certificate_transition(certificate=issued, to_status=S.FAILED)
    assert list(issued.events.values_list("from_status", "to_status")) == [
        ("", S.QUEUED), (S.QUEUED, S.ISSUED)]


@pytest.mark.django_db
def test_revocation_needs_a_reason_and_is_recorded_never_deleted(issued, other_learner):
    with pytest.raises(ReasonRequired):
        certificate_revoke(certificate=issued, actor=other_learner, reason="   ")
    certificate_revoke(certificate=issued, actor=other_learner, reason="Prüfung wiederholt")
    issued.refresh_from_db()
    assert issued.status == S.REVOKED and issued.revoked_at is not None
    event = issued.events.last()
    assert (event.actor, event.to_status, event.reason) == (other_learner, S.REVOKED,
                                                            "Prüfung wiederholt")
    with pytest.raises(InvalidTransition):
        certificate_revoke(certificate=issued, actor=other_learner, reason="again")
    with pytest.raises(ProtectedError):
        issued.delete()


@pytest.mark.django_db
def test_a_correction_is_a_new_version_and_the_old_one_shows_as_superseded(
        issued, other_learner, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corrected = certificate_correct(certificate=issued,
                                        snapshot=snapshot(name="Ayşe Öztürk-Yıldız"),
                                        actor=other_learner, reason="Name falsch")
    issued.refresh_from_db()
    assert issued.status == S.SUPERSEDED
    assert corrected.supersedes == issued and corrected.version == 2
    assert corrected.code != issued.code
    assert corrected.recipient_name == "Ayşe Öztürk-Yıldız"
    assert enqueued[-1] == ("certificates.tasks.certificate_render_task", (corrected.pk,))
    # asking again now returns the correction
    again = certificate_request(recipient=issued.recipient, kind="course",
                                achievement_key="course:1", snapshot=snapshot())
    assert again.pk == corrected.pk
    with pytest.raises(ReasonRequired):
        certificate_correct(certificate=corrected, snapshot=snapshot(), actor=None, reason="")


@pytest.mark.django_db
def test_snapshot_survives_renaming_the_person_and_editing_the_template(issued, template):
    pdf_before = issued.pdf.read()
    issued.pdf.close()
    issued.recipient.first_name, issued.recipient.last_name = "Anna", "Neu"
    issued.recipient.save()
    template.title, template.issuer_name = "Ganz anders", "Andere Behörde"
    template.save()
    issued.refresh_from_db()
    assert issued.recipient_name == "Ayşe Öztürk"
    assert issued.issuer_name == "Thüringer Ministerium für Digitales und Infrastruktur"
    certificate_issue(certificate_id=issued.pk)  # a late duplicate job changes nothing
    with issued.pdf.open("rb") as pdf:
        assert pdf.read() == pdf_before


@pytest.mark.django_db
def test_retry_requeues_only_failed_certificates(issued, learner, enqueued,
                                                django_capture_on_commit_callbacks):
    with pytest.raises(InvalidTransition):
        certificate_retry(certificate=issued, actor=None)
    failed = certificate_request(recipient=learner, kind="course", achievement_key="course:2",
                                 snapshot=snapshot())
    certificate_transition(certificate=failed, to_status=S.FAILED, reason="boom")
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_retry(certificate=failed, actor=learner)
    failed.refresh_from_db()
    assert failed.status == S.QUEUED and failed.attempts == 0
    assert enqueued == [("certificates.tasks.certificate_render_task", (failed.pk,))]


@pytest.mark.django_db
def test_bulk_issuance_shows_progress_and_zips_the_pdfs(learner, other_learner, template,
                                                        enqueued,
                                                        django_capture_on_commit_callbacks):
    requests = [CertificateRequest(recipient=user, kind="course", achievement_key="course:9",
                                   snapshot=snapshot(name=name), template=template)
                for user, name in ((learner, "Ayşe Öztürk"), (other_learner, "Otto Anders"))]
    with django_capture_on_commit_callbacks(execute=True):
        batch = certificate_batch_issue(requests=requests, actor=learner, label="Kohorte 1")
    assert batch.total == 2
    # one job renders the whole chunk (bulk issuance: up to 25 certificates per job)
    assert enqueued == [("certificates.tasks.certificate_render_chunk_task",
                         (sorted(batch.certificates.values_list("pk", flat=True)),))]
    progress = batch_progress(batch=batch)
    assert (progress.done, progress.failed, progress.remaining) == (0, 0, 2)
    first, second = batch.certificates.order_by("recipient_name")
    certificate_issue(certificate_id=first.pk)
    certificate_transition(certificate=second, to_status=S.FAILED, reason="boom")
    progress = batch_progress(batch=batch)
    assert (progress.done, progress.failed, progress.remaining) == (1, 1, 0)
    assert progress.finished
    target = BytesIO()
    assert certificate_batch_zip_write(batch=batch, target=target) == 1
    names = zipfile.ZipFile(target).namelist()
    assert names == [f"Ayşe_Öztürk-{first.code_display}.pdf"]
    # asking for the same batch again adds no certificates
    again = certificate_batch_issue(requests=requests, actor=learner, label="noch einmal")
    assert again.total == 2 and Certificate.objects.count() == 2
    assert CertificateBatch.objects.count() == 2


@pytest.mark.django_db
def test_templates_accept_only_known_placeholders(template):
    template.body = "{name} hat {course} am {date} abgeschlossen."
    template.full_clean()
    for body in ("{name.__class__}", "{unknown}", "{name!r}", "{date:%Y}", "{name"):
        template.body = body
        with pytest.raises(ValidationError):
            template.full_clean()


@pytest.mark.django_db
def test_selector_lists_the_own_current_certificates(issued, other_learner):
    assert list(certificates_for_recipient(user=issued.recipient)) == [issued]
    assert list(certificates_for_recipient(user=other_learner)) == []


@pytest.mark.django_db
def test_without_a_template_the_newest_of_the_kind_is_used(learner, enqueued):
    older = CertificateTemplate.objects.create(name="alt", kind="course", title="A",
                                               issuer_name="Alt")
    newer = CertificateTemplate.objects.create(name="neu", kind="course", title="B",
                                               issuer_name="Neu", language="en")
    certificate = certificate_request(recipient=learner, kind="course", achievement_key="c:1",
                                      snapshot=snapshot())
    assert certificate.template == newer != older
    assert certificate.language == "en" and certificate.issuer_name == "Neu"
    assert CertificateEvent.objects.filter(certificate=certificate).count() == 1
