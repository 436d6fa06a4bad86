"""Each worker keeps its own copies of the page cache's entries (core.pagecache), and still
shows at once what another worker published, and nothing older than the shared cache would."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client

from accounts.models import User
from core import pagecache
from courses.dataset import build_courses
from courses.models import CoursePage, Enrolment, EnrolmentStatus, LessonPage
from tests.factories import catalogue_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def course() -> CoursePage:
    build_courses(index=catalogue_site(), courses=1, lessons_per_course=2, prefix="kopie")
    return CoursePage.objects.get(slug="kopie-0")


def published_elsewhere(page, title: str) -> None:
    """What this worker notices of a publish in another worker: the new row in the
    database, and the pages version raised in the shared cache."""
    type(page).objects.filter(pk=page.pk).update(title=title)  # no signal in this worker
    caches["pagecache"].incr(pagecache.VERSION_KEY)


def test_a_publish_in_another_worker_shows_at_once_on_every_page(course):
    lesson = LessonPage.objects.child_of(course).first()
    anna = User.objects.create_user(email="anna@example.org", password="Geheim-12345")
    Enrolment.objects.create(learner=anna, course=course, course_title=course.title,
                             status=EnrolmentStatus.ACTIVE)
    visitor, learner = Client(), Client()
    learner.force_login(anna)
    pages = [(visitor, "/kurse/"), (visitor, course.url), (learner, "/kurse/"),
             (learner, course.url), (learner, lesson.url)]
    for client, url in pages:
        assert "Messkurs kopie 0" in client.get(url).content.decode()
    CoursePage.objects.filter(pk=course.pk).update(title="Noch nicht bekannt")
    # Without a new version this worker answers from its copies (the test would not
    # notice a copy ignoring the version otherwise).
    assert "Messkurs kopie 0" in learner.get(course.url).content.decode()
    published_elsewhere(course, "Neu in einem anderen Prozess")
    for client, url in pages:
        page = client.get(url).content.decode()
        assert "Neu in einem anderen Prozess" in page and "Messkurs kopie 0" not in page


def test_a_copy_lives_no_longer_than_the_shared_entry():
    built = []

    def build():
        built.append(1)
        return {"built": len(built)}

    assert pagecache.page_data("probe", 1, build=build) == {"built": 1}
    assert pagecache.page_data("probe", 1, build=build) == {"built": 1}
    caches["default"].clear()  # the shared entry has expired
    later = pagecache.time.monotonic() + pagecache.SECONDS + 1
    with mock.patch.object(pagecache.time, "monotonic", return_value=later):
        assert pagecache.page_data("probe", 1, build=build) == {"built": 2}


def test_a_copy_is_read_without_asking_the_shared_cache(course):
    pagecache.page_data("probe", 2, build=lambda: ["eins"])
    with mock.patch.object(caches["default"], "get", side_effect=AssertionError):
        assert pagecache.page_data("probe", 2, build=lambda: ["zwei"]) == ["eins"]


def test_only_page_rows_raise_the_pages_version_and_other_rows_are_deleted_at_once(course):
    from django.db.models.deletion import Collector
    from django_q.models import OrmQ

    assert Collector(using="default").can_fast_delete(OrmQ.objects.all())
    before = pagecache.pages_version()
    OrmQ.objects.create(key="probe", payload="x")
    OrmQ.objects.all().delete()
    assert pagecache.pages_version() == before
    course.title = "Im Code geändert"
    course.save()  # a page row saved in code (the demo, an import): live at once
    assert pagecache.pages_version() != before
