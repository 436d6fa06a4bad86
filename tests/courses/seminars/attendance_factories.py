"""Courses, sessions and bookings for the attendance tests (without the demo content)."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from courses.catalogue.models import CourseIndexPage, CoursePage, LessonPage
from courses.rules import LessonRequirement
from courses.seminars.models import Booking, Session
from courses.seminars.rules import BookingState
from courses.seminars.services import session_create
from tests.factories import role_user


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        parent = Page.objects.filter(depth=2).first()
        index = parent.add_child(instance=CourseIndexPage(title="Kurse", slug="kurse-test"))
    return index


def make_seminar_course(*, slug="workshop-test", title="KI-Werkstatt", lessons=0,
                        requires_attendance=True) -> tuple[CoursePage, list[LessonPage]]:
    """A published course that needs attendance, with `lessons` lessons to be viewed."""
    course = course_index().add_child(instance=CoursePage(
        title=title, slug=slug, teaser="Präsenztermin.",
        requires_attendance=requires_attendance))
    course.save_revision().publish()
    made = []
    for number in range(lessons):
        lesson = LessonPage(title=f"Lektion {number + 1}", slug=f"lektion-{number + 1}",
                            requirement=LessonRequirement.VIEWED,
                            body=[("paragraph", "<p>Text</p>")])
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        made.append(LessonPage.objects.get(pk=lesson.pk))
    return CoursePage.objects.get(pk=course.pk), made


def berlin(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def make_session(course, *, trainer=None, starts_at=None, days=1, seats=10, **fields
                 ) -> Session:
    """A session from 9:00 to 16:00 on `days` days (by default a week from now)."""
    if starts_at is None:
        soon = timezone.localdate() + datetime.timedelta(days=7)
        starts_at = berlin(soon.year, soon.month, soon.day, 9, 0)
    ends_at = timezone.localtime(starts_at).replace(hour=16) + datetime.timedelta(
        days=days - 1)
    return session_create(course=course, trainer=trainer, starts_at=starts_at,
                          ends_at=ends_at, seats=seats, address="Werner-Seelenbinder-Str. 8, "
                          "99096 Erfurt", room="Raum 2.14", **fields)


def book(session, person) -> Booking:
    return Booking.objects.create(session=session, person=person, state=BookingState.BOOKED)


def people(count=2, *, prefix="person"):
    unit = org_unit_ensure(code="th-test", name="Amt für Tests", kind=OrgUnitKind.LAND)
    return [role_user(f"{prefix}{n}@example.org", Role.LEARNER, first_name=f"Vorname{n}",
                      last_name=f"Nachname{n}", home_unit=unit) for n in range(1, count + 1)]


def trainer_user(email="trainerin@example.org"):
    return role_user(email, Role.TRAINER, first_name="Tina", last_name="Trainer")
