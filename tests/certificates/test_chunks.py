"""Bulk issuance renders in chunks: one job per 25 certificates, safe to run again."""

import hashlib
import math

import pytest
from django.core import mail
from django_q.models import Schedule

from certificates import services
from certificates.models import Certificate, CertificateStatus
from certificates.services import CertificateRequest, certificate_batch_issue, certificate_request
from certificates.tasks import certificate_render_chunk_task
from tests.factories import snapshot

S = CertificateStatus
CHUNK_TASK = "certificates.tasks.certificate_render_chunk_task"


def bulk(learner, template, count: int, *, start: int = 0):
    return certificate_batch_issue(requests=[
        CertificateRequest(recipient=learner, kind="course", achievement_key=f"course:{index}",
                           snapshot=snapshot(title=f"Kurs {index}"), template=template)
        for index in range(start, start + count)], actor=None, label="Kohorte")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 25, 26, 60])
def test_a_bulk_request_of_n_makes_one_job_per_25_certificates(
        count, learner, template, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = bulk(learner, template, count)
    assert len(enqueued) == math.ceil(count / 25)
    assert {task for task, _args in enqueued} == {CHUNK_TASK}
    chunks = [args[0] for _task, args in enqueued]
    assert all(len(chunk) <= 25 for chunk in chunks)
    ids = [pk for chunk in chunks for pk in chunk]
    assert sorted(ids) == sorted(batch.certificates.values_list("pk", flat=True))
    assert len(set(ids)) == count


@pytest.mark.django_db
def test_a_single_completion_stays_one_job_of_its_own(learner, template, enqueued,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_request(recipient=learner, kind="course",
                                          achievement_key="course:1", snapshot=snapshot(),
                                          template=template)
    assert enqueued == [("certificates.tasks.certificate_render_task", (certificate.pk,))]


@pytest.mark.django_db
def test_certificates_held_already_join_the_batch_without_a_new_job(
        learner, template, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bulk(learner, template, 3)
        again = bulk(learner, template, 4)  # three held, one new
    assert again.total == 4
    new = Certificate.objects.get(achievement_key="course:3")
    assert enqueued[-1] == (CHUNK_TASK, ([new.pk],))


class WorkerKilled(BaseException):
    """Stands for the worker process dying: nothing in the job can catch it."""


@pytest.mark.django_db
def test_a_chunk_run_again_after_its_worker_died_issues_nothing_twice(
        learner, template, enqueued, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bulk(learner, template, 5)
    (_task, (chunk,)), = enqueued
    render = services.certificate_pdf_render
    calls = []

    def dies_at_the_third(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise WorkerKilled
        return render(**kwargs)

    monkeypatch.setattr(services, "certificate_pdf_render", dies_at_the_third)
    with pytest.raises(WorkerKilled):
        certificate_render_chunk_task(chunk)
    first_two = {c.pk: (c.pdf.name, c.pdf_sha256)
                 for c in Certificate.objects.filter(status=S.ISSUED)}
    assert sorted(first_two) == chunk[:2]
    assert Certificate.objects.filter(status=S.QUEUED).count() == 3
    assert len(mail.outbox) == 2

    monkeypatch.setattr(services, "certificate_pdf_render", render)
    certificate_render_chunk_task(chunk)  # the broker hands the job out again
    certificate_render_chunk_task(chunk)  # and once more: still nothing twice

    assert len(mail.outbox) == 5
    assert sorted(message.to[0] for message in mail.outbox) == [learner.email] * 5
    for certificate in Certificate.objects.filter(pk__in=chunk):
        assert certificate.status == S.ISSUED and certificate.attempts == 1
        assert list(certificate.events.values_list("to_status", flat=True)) == [S.QUEUED,
                                                                               S.ISSUED]
        with certificate.pdf.open("rb") as pdf:
            content = pdf.read()
        assert content.startswith(b"%PDF-")
        assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256
        assert certificate.pdf_size == len(content)
        if certificate.pk in first_two:  # issued before the worker died: left as it was
            assert (certificate.pdf.name, certificate.pdf_sha256) == first_two[certificate.pk]


@pytest.mark.django_db
def test_one_failure_in_a_chunk_is_recorded_the_others_are_issued(
        learner, template, enqueued, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bulk(learner, template, 3)
    (_task, (chunk,)), = enqueued
    render = services.certificate_pdf_render
    broken = Certificate.objects.get(pk=chunk[1]).code

    def fails_for_one(*, data):
        if data.code == broken:
            raise OSError("disk full")
        return render(data=data)

    monkeypatch.setattr(services, "certificate_pdf_render", fails_for_one)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
        certificate_render_chunk_task(chunk)
    statuses = dict(Certificate.objects.filter(pk__in=chunk).values_list("pk", "status"))
    assert statuses == {chunk[0]: S.ISSUED, chunk[1]: S.FAILED, chunk[2]: S.ISSUED}
    assert Certificate.objects.get(pk=chunk[1]).last_error == "OSError: disk full"
    # the failed one is tried again on its own, later
    retry = Schedule.objects.get(func="certificates.tasks.certificate_render_task")
    assert retry.args == f"({chunk[1]},)"
    assert len(mail.outbox) == 2
