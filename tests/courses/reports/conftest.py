"""A small organisation with assigned courses in every compliance state.

    Freistaat Thüringen (land)
    ├── Ministerium A (ressort)          anna: completed v2, bernd: overdue
    │   └── Referat A1 (behoerde)        clara: in progress, dora: completed v1 (expired)
    └── Landratsamt B (behoerde)         emil: not started, "=cmd" (a formula-like name)
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from courses.assignments.models import Completion, PersonAssignment
from courses.catalogue.models import CourseIndexPage, CoursePage
from tests.factories import role_user

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def moment(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def course(db) -> CoursePage:
    index = CourseIndexPage.objects.first()
    if index is None:
        parent = Page.objects.filter(depth=2).first()
        index = parent.add_child(instance=CourseIndexPage(title="Kurse", slug="kurse-test"))
    course = index.add_child(instance=CoursePage(
        title="KI-Dienstanweisung", slug="ki-dienstanweisung-test", teaser="Pflicht.",
        content_version="2"))
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def assign(person, course, *, state: str, version: str = "2", mandatory: bool = True):
    """A current PersonAssignment in the given state (as the services would leave it)."""
    values = {"due_date": days(30)}
    if state == "completed":
        values.update(started_at=moment(-10), completed_at=moment(-5),
                      completed_version=version, valid_until=days(700))
    elif state == "expired":
        values.update(started_at=moment(-800), completed_at=moment(-760),
                      completed_version=version, valid_until=days(-30))
    elif state == "overdue":
        values.update(due_date=days(-12), started_at=moment(-20))
    elif state == "in_progress":
        values.update(started_at=moment(-2))
    row = PersonAssignment.objects.create(user=person, course=course,
                                          course_title=course.title, mandatory=mandatory,
                                          **values)
    if row.completed_at:
        Completion.objects.create(learner=person, course=course, course_title=course.title,
                                  content_version=version, completed_at=row.completed_at,
                                  valid_until=row.valid_until)
    return row


@pytest.fixture
def world(course):
    land = org_unit_ensure(code="th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    ministry = org_unit_ensure(code="th-a", name="Ministerium A", kind=OrgUnitKind.RESSORT,
                               parent=land)
    office = org_unit_ensure(code="th-a1", name="Referat A1", kind=OrgUnitKind.BEHOERDE,
                             parent=ministry)
    district = org_unit_ensure(code="th-b", name="Landratsamt B", kind=OrgUnitKind.BEHOERDE,
                               parent=land)
    people = {}
    for key, unit, state, version in (
            ("anna", ministry, "completed", "2"), ("bernd", ministry, "overdue", ""),
            ("clara", office, "in_progress", ""), ("dora", office, "expired", "1"),
            ("emil", district, "not_started", ""), ("=cmd", district, "not_started", "")):
        person = role_user(f"{key.strip('=')}@example.org", Role.LEARNER,
                           first_name=key.title(), last_name="Muster", home_unit=unit)
        assign(person, course, state=state, version=version)
        people[key] = person
    coordinator = role_user("koordination-a@example.org", Role.COORDINATOR)
    coordinator.scope_units.add(ministry)
    return {"land": land, "ministry": ministry, "office": office, "district": district,
            "people": people, "coordinator": coordinator, "course": course,
            "all": role_user("koordination@example.org", Role.COORDINATOR)}
