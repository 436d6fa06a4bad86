"""The number of SQL queries per page does not grow with the amount of data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.dataset import build_courses, build_learners, build_progress
from courses.models import CourseIndexPage, Enrolment, LessonPage

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # warm caches (site root, content types) like a running server
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_queries(client, index, scale: int) -> dict[str, int]:
    courses = build_courses(index=index, courses=2 * scale, lessons_per_course=2 * scale,
                            prefix=f"s{scale}")
    learners = build_learners(count=2 * scale, prefix=f"s{scale}")
    build_progress(learners=learners, courses=courses, enrolments_per_learner=2 * scale)
    learner = learners[0]
    client.force_login(learner)
    enrolment = Enrolment.objects.filter(learner=learner).first()
    lesson = LessonPage.objects.child_of(enrolment.course).last()
    return {"catalogue": queries_for(client, index.url),
            "lesson": queries_for(client, lesson.url),
            "dashboard": queries_for(client, "/mein-bereich/")}


def test_queries_per_page_are_constant_in_data_size(client, demo):
    index = CourseIndexPage.objects.get()
    small = page_queries(client, index, 1)
    large = page_queries(client, index, 10)
    assert small == large, f"small data set: {small}; ten times larger: {large}"
