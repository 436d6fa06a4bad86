import datetime
import hashlib

import pytest
from django.core import mail
from django_q.models import Schedule

from certificates.models import Certificate, CertificateStatus
from certificates.services import certificate_request
from certificates.tasks import certificate_render_task
from tests.factories import snapshot

S = CertificateStatus


@pytest.fixture
def queued(learner, template, enqueued):
    return certificate_request(recipient=learner, kind="course", achievement_key="course:1",
                               snapshot=snapshot(), template=template)


@pytest.mark.django_db
def test_running_the_job_twice_stores_one_pdf_records_its_hash_and_mails_once(queued):
    certificate_render_task(queued.pk)
    queued.refresh_from_db()
    first_name, first_hash = queued.pdf.name, queued.pdf_sha256
    certificate_render_task(queued.pk)
    queued.refresh_from_db()
    assert queued.status == S.ISSUED and queued.issued_at is not None
    assert queued.pdf.name == first_name == f"certificates/{queued.pk}-{queued.code}.pdf"
    with queued.pdf.open("rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == queued.pdf_sha256 == first_hash
    assert queued.pdf_size == len(content)
    assert queued.attempts == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert "Datenschutz im Büro" in message.subject
    assert f"http://testserver/nachweis/{queued.code_display}/" in message.body
    assert "http://testserver/nachweis/meine/" in message.body
    assert list(queued.events.values_list("to_status", flat=True)) == [S.QUEUED, S.ISSUED]


@pytest.mark.django_db
def test_an_english_template_sends_the_link_to_the_english_interface(queued, template):
    Certificate.objects.filter(pk=queued.pk).update(language="en")
    certificate_render_task(queued.pk)
    assert "http://testserver/en/nachweis/meine/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_failure_is_recorded_retried_finitely_and_raised(
        queued, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.CERTIFICATE_MAX_ATTEMPTS = 2

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("certificates.services.certificate_pdf_render", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
        certificate_render_task(queued.pk)
    queued.refresh_from_db()
    assert queued.status == S.FAILED and queued.attempts == 1
    assert queued.last_error == "OSError: disk full"
    # other apps keep their daily schedules; the retry is the only certificate one
    retry = Schedule.objects.get(func="certificates.tasks.certificate_render_task")
    assert retry.schedule_type == Schedule.ONCE
    assert retry.next_run > datetime.datetime.now(tz=datetime.UTC)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
        certificate_render_task(queued.pk)
    queued.refresh_from_db()
    assert queued.attempts == 2
    # the last attempt schedules no further one
    assert Schedule.objects.filter(func="certificates.tasks.certificate_render_task").count() == 1
    assert mail.outbox == []

    monkeypatch.undo()
    certificate_render_task(queued.pk)  # a coordinator's retry or a late schedule succeeds
    queued.refresh_from_db()
    assert queued.status == S.ISSUED and queued.last_error == ""
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_gone_certificate_is_ignored_quietly():
    assert certificate_render_task(987654) is None


@pytest.mark.django_db
def test_a_failed_email_is_sent_by_the_next_run_without_rendering_again(queued, monkeypatch):
    def mail_down(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("certificates.services.send_mail", mail_down)
    with pytest.raises(ConnectionError):
        certificate_render_task(queued.pk)
    queued.refresh_from_db()
    assert queued.status == S.ISSUED and queued.email_sent_at is None
    digest = queued.pdf_sha256
    monkeypatch.undo()
    certificate_render_task(queued.pk)
    queued.refresh_from_db()
    assert len(mail.outbox) == 1 and queued.email_sent_at is not None
    assert queued.pdf_sha256 == digest


@pytest.mark.django_db
def test_revoked_certificates_are_not_rendered_again(issued):
    from certificates.services import certificate_revoke

    certificate_revoke(certificate=issued, actor=None, reason="Fehler")
    certificate_render_task(issued.pk)
    issued.refresh_from_db()
    assert issued.status == S.REVOKED
