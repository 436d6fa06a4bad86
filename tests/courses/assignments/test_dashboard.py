"""What a learner notices: assigned and mandatory courses first on "Mein Bereich" with the
due date and the state, an alert when something is overdue, earlier completions kept; the
catalogue card says "Mandatory for you until …"; query counts stay constant."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from courses.assignments.models import Completion, PersonAssignment
from courses.assignments.services import assignment_create
from courses.dataset import build_courses, build_learners, build_progress
from courses.learning.selectors import dashboard_courses
from courses.models import CourseIndexPage, CoursePage, Enrolment
from courses.rules import ComplianceState, DueMode
from courses.services import enrolment_create

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def anna_assigned(staff, coordinator, ki_course, jobs_inline,
                  django_capture_on_commit_callbacks):
    anna = staff["anna"]
    privacy = CoursePage.objects.get(slug="datenschutz-grundlagen")
    enrolment_create(learner=anna, course=privacy)  # self-enrolled, not assigned
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(actor=coordinator, course=ki_course, target_kind="person",
                          person=anna, due_mode=DueMode.FIXED,
                          due_date=TODAY + timedelta(days=10))
    return anna


def test_assigned_mandatory_courses_come_first_with_due_date_and_state(anna_assigned,
                                                                       ki_course):
    courses = dashboard_courses(user=anna_assigned)
    first, second = courses["in_progress"]
    assert first["enrolment"].course_id == ki_course.pk
    assert first["assignment"].mandatory
    assert first["due_date"] == TODAY + timedelta(days=10)
    assert first["assignment"].state == ComplianceState.NOT_STARTED
    assert second["assignment"] is None
    assert courses["overdue_count"] == 0


def test_an_overdue_course_shows_an_alert_and_its_badge(client, anna_assigned, ki_course):
    PersonAssignment.objects.filter(user=anna_assigned).update(
        due_date=TODAY - timedelta(days=1))
    client.force_login(anna_assigned)
    body = client.get("/en/mein-bereich/").content.decode()
    assert 'class="kern-alert kern-alert--danger"' in body
    assert "1 assigned course is overdue" in body or "One assigned course is overdue" in body
    assert f'data-course="{ki_course.pk}" data-state="overdue"' in body
    assert body.index(f'data-course="{ki_course.pk}"') < body.index("Datenschutz")


def test_the_catalogue_card_says_mandatory_for_you_until(client, anna_assigned, ki_course,
                                                         staff):
    client.force_login(anna_assigned)
    body = client.get("/en" + CourseIndexPage.objects.get().url).content.decode()
    with translation.override("en"):
        date_text = formats.date_format(TODAY + timedelta(days=10), "DATE_FORMAT")
    assert f"Mandatory for you until {date_text}" in body
    client.force_login(staff["ben"])
    body = client.get("/en" + CourseIndexPage.objects.get().url).content.decode()
    assert "Mandatory for you until" not in body


def test_earlier_completions_stay_visible(client, anna_assigned, ki_course):
    enrolment = Enrolment.objects.get(learner=anna_assigned, course=ki_course)
    Completion.objects.create(learner=anna_assigned, course=ki_course,
                              course_title=ki_course.title, content_version="2024.1",
                              completed_at=timezone.now() - timedelta(days=800),
                              valid_until=TODAY - timedelta(days=70), enrolment=enrolment)
    client.force_login(anna_assigned)
    body = client.get("/en/mein-bereich/").content.decode()
    assert 'data-list="earlier-completions"' in body
    assert "content version 2024.1" in body


def queries_for(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_queries(client, index, coordinator, scale: int) -> dict[str, int]:
    courses = build_courses(index=index, courses=2 * scale, lessons_per_course=2,
                            prefix=f"a{scale}")
    learners = build_learners(count=2, prefix=f"a{scale}")
    build_progress(learners=learners, courses=courses, enrolments_per_learner=scale)
    learner = learners[0]
    for course in courses:
        PersonAssignment.objects.create(user=learner, course=course, course_title=course.title,
                                        mandatory=True, due_date=TODAY + timedelta(days=5))
        Completion.objects.create(learner=learner, course=course, course_title=course.title,
                                  content_version="1", completed_at=timezone.now())
    client.force_login(learner)
    return {"catalogue": queries_for(client, index.url),
            "dashboard": queries_for(client, "/mein-bereich/")}


def test_queries_stay_constant_with_more_assigned_courses(client, demo, coordinator):
    index = CourseIndexPage.objects.get()
    small = page_queries(client, index, coordinator, 1)
    large = page_queries(client, index, coordinator, 6)
    assert small == large, f"small: {small}; larger: {large}"
