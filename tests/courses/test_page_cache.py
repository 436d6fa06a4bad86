"""SQL queries per page with the page cache warm: few, and the same however much data.

A logged-in learner's catalogue, course page, lesson page and "Mein Bereich" need at most
8 queries, an anonymous visitor's catalogue and course page at most 2 (a cache hit), with a
small data set and with one five times larger.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.dataset import build_courses, build_learners, build_progress
from courses.models import CourseIndexPage, Enrolment, LessonPage
from tests.factories import catalogue_site

pytestmark = pytest.mark.django_db
LOGGED_IN_MAX, ANONYMOUS_MAX = 8, 2


@pytest.fixture
def index() -> CourseIndexPage:
    return catalogue_site()


def queries_for(client, url: str) -> int:
    client.get(url)  # the first requests fill the cache, as on a running server
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_queries(index, scale: int) -> dict[str, int]:
    courses = build_courses(index=index, courses=3 * scale, lessons_per_course=2 * scale,
                            prefix=f"s{scale}")
    learners = build_learners(count=3 * scale, prefix=f"s{scale}")
    build_progress(learners=learners, courses=courses, enrolments_per_learner=2 * scale)
    enrolment = Enrolment.objects.filter(learner=learners[0]).first()
    lesson = LessonPage.objects.child_of(enrolment.course).last()
    learner, visitor = Client(), Client()
    learner.force_login(learners[0])
    return {
        "catalogue": queries_for(learner, index.url),
        "course page": queries_for(learner, enrolment.course.url),
        "lesson page": queries_for(learner, lesson.url),
        "Mein Bereich": queries_for(learner, "/mein-bereich/"),
        "catalogue, anonymous": queries_for(visitor, index.url),
        "course page, anonymous": queries_for(visitor, enrolment.course.url),
    }


def test_pages_need_few_queries_however_large_the_data(index):
    small = page_queries(index, 1)
    large = page_queries(index, 5)
    assert small == large, f"small data set: {small}; five times larger: {large}"
    for name, count in large.items():
        limit = ANONYMOUS_MAX if name.endswith("anonymous") else LOGGED_IN_MAX
        assert count <= limit, f"{name}: {count} queries"
