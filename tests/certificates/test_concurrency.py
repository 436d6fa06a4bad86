"""Two workers at once: real threads with their own database connections, real commits.

Runs on SQLite (IMMEDIATE transactions) and PostgreSQL (row locks, unique index) alike.
"""

import hashlib
import threading
import types

import pytest
from django.core import mail
from django.db import connection, transaction

from certificates import services
from certificates.models import Certificate, CertificateEvent, CertificateStatus
from certificates.services import certificate_request
from certificates.tasks import certificate_render_task
from tests.factories import snapshot

S = CertificateStatus
# serialized_rollback: flush without post_migrate, so the browser tests find the data intact.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(target, *args, count: int = 2) -> list:
    """Start `count` threads that call target(*args) at the same moment; return results."""
    barrier = threading.Barrier(count, timeout=30)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = target(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test, which fails on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    errors = [result for result in results if isinstance(result, BaseException)]
    assert errors == []
    return results


def test_two_workers_running_the_job_at_once_issue_one_pdf_and_one_mail(
        learner, template, enqueued, monkeypatch):
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:race", snapshot=snapshot(),
                                      template=template)
    renders = []
    real_render = services.certificate_pdf_render

    def slow_render(**kwargs):
        # Hold each worker inside its render long enough for the other to arrive.
        renders.append(threading.get_ident())
        threading.Event().wait(0.3)
        return real_render(**kwargs)

    monkeypatch.setattr(services, "certificate_pdf_render", slow_render)
    run_together(certificate_render_task, certificate.pk)

    certificate.refresh_from_db()
    assert Certificate.objects.filter(achievement_key="course:race").count() == 1
    assert certificate.status == S.ISSUED and certificate.attempts == 1
    assert list(CertificateEvent.objects.filter(certificate=certificate)
                .values_list("to_status", flat=True)) == [S.QUEUED, S.ISSUED]
    with certificate.pdf.open("rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == certificate.pdf_sha256
    assert len(mail.outbox) == 1
    assert 1 <= len(renders) <= 2  # a loser may render, but never stores or mails


def test_two_requests_racing_past_the_check_give_one_certificate_and_one_job(
        learner, template, enqueued, monkeypatch):
    # Both requests find no certificate, then both try to insert one: the database
    # constraint lets one win and the loser returns the winner's certificate.
    barrier = threading.Barrier(2, timeout=30)

    def atomic_after_both_checked(*args, **kwargs):
        barrier.wait()
        return transaction.atomic(*args, **kwargs)

    monkeypatch.setattr(services, "transaction", types.SimpleNamespace(
        atomic=atomic_after_both_checked, on_commit=transaction.on_commit))

    def request():
        return certificate_request(recipient=learner, kind="course",
                                   achievement_key="course:race", snapshot=snapshot(),
                                   template=template).pk

    first, second = run_together(request)
    assert first == second
    assert Certificate.objects.filter(recipient=learner).count() == 1
    assert enqueued == [("certificates.tasks.certificate_render_task", (first,))]
