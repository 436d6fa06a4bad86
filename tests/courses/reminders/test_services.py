"""The daily reminder run: each mail once, mandatory mail always, optional mail by choice;
a run killed half-way sends the rest next time; texts editable, in the right language."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from courses.assignments.models import PersonAssignment
from courses.models import CoursePage
from courses.reminders.models import MailText, ReminderSent
from courses.reminders.services import mail_preference_set, mail_send, reminders_run
from courses.reminders.tasks import (
    DAILY_SCHEDULE_NAME,
    daily_schedule_ensure,
    mails_send_task,
    reminders_daily_task,
)

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 5, 15)


@pytest.fixture
def course(demo):
    # A clean slate: the demo's assigned courses and its recorded (never sent) mails
    # would be reminded and sent here too.
    PersonAssignment.objects.all().delete()
    ReminderSent.objects.all().delete()
    return CoursePage.objects.get(slug="e-akte")


@pytest.fixture
def learner(demo):
    return User.objects.get(email="lernende@demo.example")


@pytest.fixture
def supervisor(demo):
    return User.objects.get(email="vorgesetzte@demo.example")


def assign(user, course, *, mandatory=True, due=DUE, **facts):
    return PersonAssignment.objects.create(user=user, course=course, course_title=course.title,
                                           mandatory=mandatory, due_date=due, **facts)


def mails_about(mailoutbox, course, to=None):
    return [mail for mail in mailoutbox if course.title in mail.subject + mail.body
            and (to is None or mail.to == [to.email])]


def run(capture, day):
    with capture(execute=True):
        return reminders_run(today=day)


def test_each_reminder_goes_out_once_however_often_the_job_runs(
        course, learner, supervisor, jobs_inline, mailoutbox,
        django_capture_on_commit_callbacks):
    assign(learner, course)
    days = {DUE - datetime.timedelta(days=7): "due_soon", DUE: "due_today",
            DUE + datetime.timedelta(days=1): "overdue"}
    for day, kind in days.items():
        for _twice in range(2):
            run(django_capture_on_commit_callbacks, day)
        assert ReminderSent.objects.filter(kind=kind, recipient=learner).count() == 1
    assert len(mails_about(mailoutbox, course, learner)) == 3
    assert not mails_about(mailoutbox, course, supervisor)

    # 14 days overdue: the supervisor is told, once; the learner not again.
    for _twice in range(2):
        run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=14))
    to_supervisor = mails_about(mailoutbox, course, supervisor)
    assert len(to_supervisor) == 1
    assert "Jonas Wagner" in to_supervisor[0].subject
    assert "14" in to_supervisor[0].body and "/mein-bereich/team/" in to_supervisor[0].body
    assert len(mails_about(mailoutbox, course, learner)) == 3


def test_german_by_default_with_the_date_in_german(course, learner, jobs_inline, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    assign(learner, course)
    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=1))
    [mail] = mails_about(mailoutbox, course, learner)
    assert mail.subject.startswith("Überfällig")
    assert "15. Mai 2026" in mail.body
    assert "http" in mail.body and "/mein-bereich/" in mail.body


def test_completed_training_reminds_nobody_until_it_is_about_to_expire(
        course, learner, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    expiry = DUE + datetime.timedelta(days=365)
    assign(learner, course, completed_at=timezone.now() - datetime.timedelta(days=30),
           completed_version="1.0", valid_until=expiry)
    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=20))
    assert not mails_about(mailoutbox, course)

    for _twice in range(2):
        run(django_capture_on_commit_callbacks, expiry - datetime.timedelta(days=30))
    [mail] = mails_about(mailoutbox, course, learner)
    assert ReminderSent.objects.get(recipient=learner, key__contains=f":{course.pk}:").kind \
        == "expiry_soon"


def test_optional_reminders_can_be_switched_off_mandatory_ones_cannot(
        course, learner, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    other = CoursePage.objects.get(slug="barrierefreie-dokumente")
    assign(learner, course, mandatory=True)
    assign(learner, other, mandatory=False)
    mail_preference_set(user=learner, optional_reminders=False)

    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=1))
    assert len(mails_about(mailoutbox, course, learner)) == 1
    assert not mails_about(mailoutbox, other, learner)

    # Switched on again: the next run sends the optional one.
    mail_preference_set(user=learner, optional_reminders=True)
    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=2))
    assert len(mails_about(mailoutbox, other, learner)) == 1
    assert len(mails_about(mailoutbox, course, learner)) == 1


def test_a_run_killed_before_sending_sends_the_rest_next_time_and_nothing_twice(
        course, learner, supervisor, jobs_queued, mailoutbox, monkeypatch,
        django_capture_on_commit_callbacks):
    assign(learner, course)
    assign(supervisor, course)
    # The first run records both mails, but the worker dies before the send job runs.
    run(django_capture_on_commit_callbacks, DUE)
    recorded = list(ReminderSent.objects.filter(kind="due_today").order_by("pk"))
    assert len(recorded) == 2 and not mailoutbox
    # One of them did go out before the worker died.
    assert mail_send(reminder_id=recorded[0].pk)
    assert len(mailoutbox) == 1

    # The next run (the send job runs this time) sends only the missing one.
    calls = []
    monkeypatch.setattr("django_q.tasks.async_task",
                        lambda func, *args, **kwargs: calls.append(args)
                        or mails_send_task(*args))
    run(django_capture_on_commit_callbacks, DUE)
    assert len(mailoutbox) == 2
    assert {mail.to[0] for mail in mailoutbox} == {learner.email, supervisor.email}
    assert ReminderSent.objects.filter(kind="due_today", sent_at__isnull=True).count() == 0
    run(django_capture_on_commit_callbacks, DUE)
    assert len(mailoutbox) == 2


def test_a_failed_send_gives_the_mail_back_for_the_next_try(
        course, learner, jobs_queued, mailoutbox, monkeypatch,
        django_capture_on_commit_callbacks):
    assign(learner, course)
    run(django_capture_on_commit_callbacks, DUE)
    row = ReminderSent.objects.get(kind="due_today", recipient=learner)

    def broken(*args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr("courses.reminders.services.send_mail", broken)
    with pytest.raises(OSError):
        mails_send_task([row.pk])
    row.refresh_from_db()
    assert row.sent_at is None

    monkeypatch.undo()
    assert mails_send_task([row.pk]) == 1
    assert mails_send_task([row.pk]) == 0
    assert len(mailoutbox) == 1


def test_texts_edited_in_the_admin_are_used(course, learner, jobs_inline, mailoutbox,
                                            django_capture_on_commit_callbacks):
    MailText.objects.filter(key="overdue").update(
        subject_de="Bitte nachholen: {course}", body_de="Hallo {name}, fällig war {due_date}.")
    assign(learner, course)
    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=3))
    [mail] = mails_about(mailoutbox, course, learner)
    assert mail.subject == f"Bitte nachholen: {course.title}"
    assert mail.body == "Hallo Jonas Wagner, fällig war 15. Mai 2026."


def test_every_mail_kind_has_a_seeded_text_in_both_languages(db):
    from courses.reminders.defaults import MailKind

    texts = {text.key: text for text in MailText.objects.all()}
    assert set(texts) == set(MailKind.values)
    for text in texts.values():
        assert text.subject_de and text.body_de and text.subject_en and text.body_en


def test_unpublished_courses_and_ended_rows_remind_nobody(
        course, learner, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    other = CoursePage.objects.get(slug="barrierefreie-dokumente")
    assign(learner, course, ended_at=timezone.now())
    assign(learner, other)
    other.unpublish()
    run(django_capture_on_commit_callbacks, DUE + datetime.timedelta(days=1))
    assert not mails_about(mailoutbox, course) and not mails_about(mailoutbox, other)


def test_the_daily_task_escalates_and_reminds(course, learner, jobs_inline, mailoutbox,
                                              django_capture_on_commit_callbacks):
    assign(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_daily_task(today=DUE.isoformat())
    assert result["recorded"] >= 1 and result["escalated"] == 0
    assert mails_about(mailoutbox, course, learner)


def test_the_daily_schedule_exists_once(db):
    from django_q.models import Schedule

    assert Schedule.objects.filter(name=DAILY_SCHEDULE_NAME).count() == 1  # by migrate
    first = daily_schedule_ensure()
    again = daily_schedule_ensure()
    assert first.pk == again.pk
    assert Schedule.objects.filter(name=DAILY_SCHEDULE_NAME).count() == 1
    assert again.schedule_type == Schedule.DAILY and again.repeats == -1
    assert again.func == "courses.reminders.tasks.reminders_daily_task"
