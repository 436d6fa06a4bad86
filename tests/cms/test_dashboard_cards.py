"""The course cards of "Mein Bereich" link each learner to their own next lesson, in their
language, and show a changed course at once although its address comes from the page cache.

Sessions: a logged-in page reads its session from the database (core.sessions), so a session
ended or expired anywhere is over at once.
"""

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page

from accounts.models import User
from courses.dataset import build_courses
from courses.learning.services import lesson_view_record
from courses.models import CoursePage, Enrolment, EnrolmentStatus, LessonPage
from tests.factories import catalogue_site

pytestmark = pytest.mark.django_db
CARD_LINKS = re.compile(r'<li class="kern-card" data-course="(\d+)".*?</li>', re.S)


@pytest.fixture
def course() -> CoursePage:
    """A site whose catalogue (/kurse/) holds two courses of three lessons."""
    index = catalogue_site()
    build_courses(index=index, courses=2, lessons_per_course=3, prefix="karte")
    return CoursePage.objects.get(slug="karte-0")


def lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def learner(email: str, course: CoursePage) -> tuple[Client, Enrolment]:
    user = User.objects.create_user(email=email, password="Geheim-12345")
    enrolment = Enrolment.objects.create(learner=user, course=course, course_title=course.title,
                                         status=EnrolmentStatus.ACTIVE)
    client = Client()
    client.force_login(user)
    return client, enrolment


def card(client: Client, course: CoursePage, *, path: str = "/en/mein-bereich/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    cards = {match.group(1): match.group(0)
             for match in CARD_LINKS.finditer(response.content.decode())}
    return cards[str(course.pk)]


def url(page: Page, language: str) -> str:
    with translation.override(language):
        return page.url


def test_each_learner_is_led_to_their_own_next_lesson(course):
    first, second, third = lessons(course)
    anna, annas = learner("anna@example.org", course)
    ben, _bens = learner("ben@example.org", course)
    assert f'href="{url(first, "en")}"' in card(anna, course)  # warms the cache
    lesson_view_record(enrolment=annas, lesson=first)
    annas_card, bens_card = card(anna, course), card(ben, course)
    assert f'href="{url(second, "en")}"' in annas_card and "Continue learning" in annas_card
    assert "33 % done" in annas_card
    assert f'href="{url(first, "en")}"' in bens_card and "Start the course" in bens_card
    assert "0 % done" in bens_card
    lesson_view_record(enrolment=annas, lesson=second)
    assert f'href="{url(third, "en")}"' in card(anna, course)


def test_each_language_has_its_own_addresses(course):
    first = lessons(course)[0]
    client, _enrolment = learner("anna@example.org", course)
    english = card(client, course)
    german = card(client, course, path="/mein-bereich/")
    assert url(course, "en").startswith("/en/") and not url(course, "de").startswith("/en/")
    assert f'href="{url(course, "en")}"' in english
    assert f'href="{url(first, "en")}"' in english
    assert f'href="{url(course, "de")}"' in german and "/en/" not in german
    assert f'href="{url(first, "de")}"' in german
    assert f'href="{url(course, "en")}"' in card(client, course)


def test_a_renamed_or_unpublished_course_shows_at_once(course):
    first = lessons(course)[0]
    client, _enrolment = learner("anna@example.org", course)
    old_course_url, old_lesson_url = url(course, "en"), url(first, "en")
    assert f'href="{old_course_url}"' in card(client, course)
    course.slug = "umbenannt"
    course.save_revision().publish()
    course.refresh_from_db()
    first.refresh_from_db()
    renamed = card(client, course)
    assert "/umbenannt/" in url(course, "en") and f'href="{url(course, "en")}"' in renamed
    assert f'href="{url(first, "en")}"' in renamed
    assert f'href="{old_course_url}"' not in renamed
    assert f'href="{old_lesson_url}"' not in renamed
    assert "not available at the moment" not in renamed
    course.unpublish()
    unpublished = card(client, course)
    assert "This course is not available at the moment." in unpublished
    assert "course-card__resume" not in unpublished


def test_a_deleted_lesson_is_no_longer_where_learning_continues(course):
    first, second, _third = lessons(course)
    client, _enrolment = learner("anna@example.org", course)
    assert f'href="{url(first, "en")}"' in card(client, course)
    first_url = url(first, "en")
    first.delete()
    after = card(client, course)
    assert f'href="{first_url}"' not in after and f'href="{url(second, "en")}"' in after


def test_a_session_ended_or_expired_elsewhere_is_over_at_once(course):
    client, _enrolment = learner("anna@example.org", course)
    assert "Log out" in client.get("/en/kurse/").content.decode()
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/en/mein-bereich/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    client, _enrolment = learner("ben@example.org", CoursePage.objects.get(slug="karte-1"))
    assert client.get("/en/mein-bereich/").status_code == 200
    Session.objects.all().delete()
    response = client.get("/en/mein-bereich/")
    assert response.status_code == 302
    assert "Log out" not in client.get("/en/kurse/").content.decode()
