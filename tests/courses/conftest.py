import uuid

import pytest

from accounts.models import User
from courses.models import CoursePage, LessonPage


@pytest.fixture
def learner(demo):
    # A learner with no enrolments yet (the demo learner already has some).
    return User.objects.get(email="vorgesetzte@demo.example")


@pytest.fixture
def ki_course(demo) -> CoursePage:
    return CoursePage.objects.get(slug="ki-dienstanweisung")


@pytest.fixture
def ki_lessons(ki_course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(ki_course).order_by("path"))


@pytest.fixture
def token():
    return lambda: uuid.uuid4()
