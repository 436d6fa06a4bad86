"""Attendance as a completion requirement: the pure rule, and the course completing (with
its certificate) when the online part and the session are both done."""

import datetime

import pytest
from django.utils import translation

from certificates.models import Certificate
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment
from courses.learning.services import enrolment_create, lesson_view_record
from courses.rules import EnrolmentStatus, LessonRequirement, course_complete
from courses.seminars.attendance.rules import AttendanceStatus, attended_every_day
from courses.seminars.attendance.services import attendance_record
from tests.courses.seminars.attendance_factories import (
    book,
    make_seminar_course,
    make_session,
    people,
    trainer_user,
)

P, A, E = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


# --- the pure rule -----------------------------------------------------------------------


def test_attended_means_present_on_every_day():
    assert attended_every_day(day_count=2, statuses=[P, P])
    assert not attended_every_day(day_count=2, statuses=[P])
    assert not attended_every_day(day_count=2, statuses=[P, E])
    assert not attended_every_day(day_count=1, statuses=[A])
    assert not attended_every_day(day_count=0, statuses=[])


def test_course_complete_without_attendance_requirement_is_unchanged():
    assert not course_complete(requirements=[], progress={})
    assert course_complete(requirements=[(1, LessonRequirement.OPTIONAL)], progress={})


def test_attendance_required_needs_attendance_and_every_lesson():
    requirements = [(1, LessonRequirement.OPTIONAL)]
    assert not course_complete(requirements=requirements, progress={},
                               attendance_required=True, attended=False)
    assert course_complete(requirements=requirements, progress={},
                           attendance_required=True, attended=True)


def test_a_seminar_only_course_completes_on_attendance_alone():
    assert course_complete(requirements=[], progress={}, attendance_required=True,
                           attended=True)
    assert not course_complete(requirements=[], progress={}, attendance_required=True,
                               attended=False)


# --- through the services ------------------------------------------------------------------


def after(session, hours=10):
    return session.starts_at + datetime.timedelta(hours=hours)


def mark_all(session, person, status, trainer, *, now=None):
    marks = {(day.pk, person.pk): status for day in session.days.all()}
    return attendance_record(session=session, actor=trainer, marks=marks,
                             now=now or session.ends_at + datetime.timedelta(hours=1))


@pytest.mark.django_db
def test_blended_course_completes_only_with_lessons_and_attendance(
        jobs_queued, django_capture_on_commit_callbacks):
    course, lessons = make_seminar_course(lessons=1)
    trainer = trainer_user()
    (learner,) = people(1)
    session = make_session(course, trainer=trainer, days=2)
    book(session, learner)
    enrolment = enrolment_create(learner=learner, course=course)
    mark_all(session, learner, P, trainer)  # the session first: online part still open
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(recipient=learner).exists()


@pytest.mark.django_db
def test_online_part_first_then_attendance_completes(jobs_queued):
    course, lessons = make_seminar_course(lessons=1)
    trainer = trainer_user()
    (learner,) = people(1)
    session = make_session(course, trainer=trainer)
    book(session, learner)
    enrolment = enrolment_create(learner=learner, course=course)
    lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE  # the session is still missing
    result = mark_all(session, learner, P, trainer)
    assert result.completed == 1
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(recipient=learner).count() == 1


@pytest.mark.django_db
def test_absent_or_excused_or_one_day_missing_does_not_complete(jobs_queued):
    course, _lessons = make_seminar_course()
    trainer = trainer_user()
    absent, excused, half = people(3)
    session = make_session(course, trainer=trainer, days=2)
    for person in (absent, excused, half):
        book(session, person)
    mark_all(session, absent, A, trainer)
    mark_all(session, excused, E, trainer)
    first_day = session.days.order_by("date").first()
    attendance_record(session=session, actor=trainer, marks={(first_day.pk, half.pk): P},
                      now=session.ends_at)
    assert not Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).exists()


@pytest.mark.django_db
def test_seminar_only_course_enrols_and_completes_on_attendance(jobs_queued):
    course, _lessons = make_seminar_course()
    trainer = trainer_user()
    (learner,) = people(1)
    session = make_session(course, trainer=trainer)
    book(session, learner)  # booked without enrolling first
    mark_all(session, learner, P, trainer)
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(recipient=learner).exists()


@pytest.mark.django_db
def test_course_without_the_requirement_ignores_attendance(jobs_queued):
    course, lessons = make_seminar_course(lessons=1, requires_attendance=False)
    (learner,) = people(1)
    enrolment = enrolment_create(learner=learner, course=course)
    lesson_view_record(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_the_requirement_sits_in_the_enrolment_and_completion_panel():
    with translation.override("en"):
        panel = next(p for p in CoursePage.content_panels
                     if str(getattr(p, "heading", "")) == "Enrolment and completion")
    assert "requires_attendance" in [child.field_name for child in panel.children]
