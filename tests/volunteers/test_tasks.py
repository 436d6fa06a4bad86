import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from tests.factories import complete_draft, role_user
from volunteers.models import Application, ApplicationStatus
from volunteers.services import application_submit, application_transition
from volunteers.tasks import application_event_email_task, offers_expire_task

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def test_expiry_job_expires_overdue_offers_moves_the_list_and_is_harmless_twice(
        year, applicant, coordinator, placements):
    single = placements[1]
    first = complete_draft(applicant, year, [single])
    waiting = complete_draft(role_user("w@example.org", first_name="W", last_name="X"), year,
                             [single])
    for application in (first, waiting):
        application_submit(application=application, actor=application.applicant)
        application_transition(application=application, to_status=S.IN_REVIEW,
                               actor=coordinator)
    application_transition(application=first, to_status=S.OFFERED, actor=coordinator,
                           placement=single)
    application_transition(application=waiting, to_status=S.WAITING_LIST, actor=coordinator,
                           placement=single)
    assert offers_expire_task() == 0  # nothing overdue yet
    Application.objects.filter(pk=first.pk).update(
        offer_deadline=timezone.now() - datetime.timedelta(hours=1))

    assert offers_expire_task() == 1
    assert offers_expire_task() == 0
    first.refresh_from_db()
    waiting.refresh_from_db()
    single.refresh_from_db()
    assert first.status == S.EXPIRED and first.events.filter(to_status=S.EXPIRED).count() == 1
    assert waiting.status == S.OFFERED
    assert single.seats_taken == 0


def test_email_job_sends_once_and_ignores_missing_events(draft, applicant):
    application_submit(application=draft, actor=applicant)
    event = draft.events.get()
    application_event_email_task(event.pk)
    application_event_email_task(event.pk)
    application_event_email_task(987654)
    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert event.email_sent_at is not None


def test_schedule_command_creates_one_schedule(db):
    call_command("volunteers_schedule")
    call_command("volunteers_schedule", "--minutes", "5")
    schedule = Schedule.objects.get(func="volunteers.tasks.offers_expire_task")
    assert schedule.minutes == 5 and schedule.repeats == -1
