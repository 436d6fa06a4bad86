"""Completions are kept as history; recertification reassigns once, before expiry; a new
content version asks the holders of older versions to complete the course again."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from certificates.models import Certificate
from courses.assignments.models import Completion, PersonAssignment
from courses.assignments.selectors import assignments_for_user, completion_history
from courses.assignments.services import assignment_create, recertification_run
from courses.models import Enrolment, EnrolmentStatus, LessonProgress
from courses.quizzes.services import quiz_attempt_submit
from courses.reminders.models import ReminderSent
from courses.rules import ComplianceState, DueMode, add_months
from courses.services import lesson_view_record
from tests.factories import answers_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CS = ComplianceState


@pytest.fixture
def assigned(staff, coordinator, ki_course, jobs_inline, django_capture_on_commit_callbacks):
    ki_course.validity_months = 12
    ki_course.save()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(actor=coordinator, course=ki_course, target_kind="person",
                          person=staff["anna"], due_mode=DueMode.FIXED,
                          due_date=TODAY + timedelta(days=30))
    return PersonAssignment.objects.get(user=staff["anna"], course=ki_course)


def complete(enrolment, lessons, capture):
    with capture(execute=True):
        for lesson in lessons[:-1]:
            lesson_view_record(enrolment=enrolment, lesson=lesson)
        quiz_attempt_submit(enrolment=enrolment, lesson=lessons[-1],
                            quiz_block_id=str(lessons[-1].quiz_block().id),
                            answers=answers_for(lessons[-1]), submission_token=uuid.uuid4())
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_completing_an_assigned_course_turns_it_green_and_is_kept_in_history(
        assigned, staff, ki_course, ki_lessons, django_capture_on_commit_callbacks):
    anna = staff["anna"]
    enrolment = assigned.enrolment
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0])
    assert assignments_for_user(anna)[ki_course.pk].state == CS.IN_PROGRESS
    complete(enrolment, ki_lessons, django_capture_on_commit_callbacks)
    row = assignments_for_user(anna)[ki_course.pk]
    assert row.state == CS.COMPLETED
    assert row.completed_version == ki_course.content_version
    assert row.valid_until == add_months(TODAY, 12)
    [completion] = completion_history(user=anna)
    assert (completion.content_version, completion.valid_until) == \
        (ki_course.content_version, add_months(TODAY, 12))


def test_recertification_reassigns_once_before_expiry_and_a_new_completion_earns_a_new_certificate(
        assigned, staff, ki_course, ki_lessons, django_capture_on_commit_callbacks, mailoutbox,
        jobs_inline):
    anna = staff["anna"]
    complete(assigned.enrolment, ki_lessons, django_capture_on_commit_callbacks)
    expiry = add_months(TODAY, 12)
    mails_before = len(mailoutbox)  # the certificate's mail
    # (the demo's own expiring completion is reassigned by the same runs)
    assert assigned.pk not in recertification_run(today=expiry - timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        assert assigned.pk in recertification_run(today=expiry - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert recertification_run(today=expiry - timedelta(days=29)) == []
    assert ReminderSent.objects.filter(recipient=anna, kind="recertification_due").count() == 1
    assert [m.to for m in mailoutbox[mails_before:]].count([anna.email]) == 1
    row = PersonAssignment.objects.get(pk=assigned.pk)
    assert row.due_date == expiry
    enrolment = Enrolment.objects.get(pk=assigned.enrolment_id)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()
    # still valid until the expiry day, overdue the day after
    assert assignments_for_user(anna, today=expiry)[ki_course.pk].state == CS.COMPLETED
    assert assignments_for_user(anna, today=expiry + timedelta(days=1))[ki_course.pk].state \
        == CS.OVERDUE
    # taking the course again: a second completion and a second certificate
    complete(enrolment, ki_lessons, django_capture_on_commit_callbacks)
    assert Completion.objects.filter(learner=anna, course=ki_course).count() == 2
    assert Certificate.objects.filter(recipient=anna).count() == 2
    assert assignments_for_user(anna)[ki_course.pk].state == CS.COMPLETED


def test_a_raised_content_version_reassigns_the_holders_of_the_older_one(
        assigned, staff, ki_course, ki_lessons, django_capture_on_commit_callbacks, jobs_inline):
    anna = staff["anna"]
    complete(assigned.enrolment, ki_lessons, django_capture_on_commit_callbacks)
    ki_course.content_version = "2027.1"
    ki_course.reassign_on_new_version = True
    ki_course.reassign_due_days = 45
    with django_capture_on_commit_callbacks(execute=True):
        ki_course.save_revision().publish()
    row = PersonAssignment.objects.get(pk=assigned.pk)
    assert row.required_since is not None and row.due_date == TODAY + timedelta(days=45)
    assert assignments_for_user(anna)[ki_course.pk].state == CS.EXPIRED
    assert Enrolment.objects.get(pk=assigned.enrolment_id).status == EnrolmentStatus.ACTIVE
    # publishing again asks nobody twice
    since = row.required_since
    with django_capture_on_commit_callbacks(execute=True):
        ki_course.save_revision().publish()
    assert PersonAssignment.objects.get(pk=assigned.pk).required_since == since
    # completing the new version counts
    complete(Enrolment.objects.get(pk=assigned.enrolment_id), ki_lessons,
             django_capture_on_commit_callbacks)
    row = assignments_for_user(anna)[ki_course.pk]
    assert (row.state, row.completed_version) == (CS.COMPLETED, "2027.1")


def test_without_the_reassign_flag_a_new_version_changes_nothing(
        assigned, ki_course, ki_lessons, django_capture_on_commit_callbacks, jobs_inline):
    complete(assigned.enrolment, ki_lessons, django_capture_on_commit_callbacks)
    ki_course.content_version = "2027.1"
    with django_capture_on_commit_callbacks(execute=True):
        ki_course.save_revision().publish()
    assert PersonAssignment.objects.get(pk=assigned.pk).required_since is None


def test_the_certificate_carries_the_validity_and_shows_expired_after_it(
        assigned, staff, ki_course, ki_lessons, django_capture_on_commit_callbacks, client,
        jobs_inline):
    from django.urls import reverse

    complete(assigned.enrolment, ki_lessons, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(recipient=staff["anna"])
    assert certificate.valid_until == add_months(TODAY, 12)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=TODAY - timedelta(days=1))
    certificate.refresh_from_db()
    assert certificate.verification_state == "expired"
    with translation.override("en"):
        url = reverse("certificates:detail", args=[certificate.code_display])
    body = client.get(url).content.decode()
    assert "This certificate has expired." in body
