"""The status email job talks to the mail server outside any database transaction, and a
failed send is sent again on retry, never twice after success."""

import pytest
from django.core import mail
from django.db import connection

from volunteers.models import ApplicationEvent
from volunteers.services import application_submit
from volunteers.tasks import application_event_email_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(draft, applicant) -> ApplicationEvent:
    application_submit(application=draft, actor=applicant)
    return draft.events.get()


def test_email_is_sent_outside_a_transaction_after_the_event_is_claimed(event, monkeypatch):
    depth = len(connection.atomic_blocks)  # the test's own transaction
    seen = []

    def send_mail(subject, body, sender, recipients):
        seen.append((len(connection.atomic_blocks),
                     ApplicationEvent.objects.get(pk=event.pk).email_sent_at is not None))

    monkeypatch.setattr("volunteers.tasks.send_mail", send_mail)
    application_event_email_task(event.pk)
    assert seen == [(depth, True)]  # no transaction of the job open; the row claimed
    event.refresh_from_db()
    assert event.email_sent_at is not None


def test_failed_send_gives_the_claim_back_and_the_retry_sends_once(event, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("volunteers.tasks.send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        application_event_email_task(event.pk)
    event.refresh_from_db()
    assert event.email_sent_at is None
    assert mail.outbox == []

    monkeypatch.undo()
    application_event_email_task(event.pk)  # the retry
    application_event_email_task(event.pk)  # and a stray second run
    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert event.email_sent_at is not None
