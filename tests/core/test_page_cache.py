"""The page cache never serves one person's page to another, and forgets what changed.

Every dimension a page depends on is checked against a warm cache: the person, the
language, the page's revision (publish, unpublish, move, delete), the enrolment, the
permissions, the CSRF token of a form and the messages of a session.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from accounts.models import User
from courses.dataset import build_courses
from courses.models import CourseIndexPage, CoursePage, Enrolment, EnrolmentStatus, LessonPage
from tests.factories import catalogue_site

pytestmark = pytest.mark.django_db
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def catalogue() -> CourseIndexPage:
    """A site whose home holds the catalogue (/kurse/) with two courses of two lessons."""
    index = catalogue_site()
    build_courses(index=index, courses=2, lessons_per_course=2, prefix="cache")
    return index


@pytest.fixture
def course(catalogue) -> CoursePage:
    return CoursePage.objects.get(slug="cache-0")


def person(email: str) -> User:
    return User.objects.create_user(email=email, password="Geheim-12345")


def enrol(user: User, course: CoursePage) -> Enrolment:
    return Enrolment.objects.create(learner=user, course=course, course_title=course.title,
                                    status=EnrolmentStatus.ACTIVE)


def en(page) -> str:
    """The English address of a page (tests read the English texts)."""
    with translation.override("de"):
        return "/en" + page.url


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_get_the_page_from_the_cache(client, catalogue, course,
                                                        django_assert_max_num_queries):
    html(client.get("/kurse/"))  # the very first page creates the site's navigation settings
    first = html(client.get("/kurse/"))
    with django_assert_max_num_queries(2):
        second = html(client.get("/kurse/"))
    assert second == first and "Messkurs cache 0" in second
    html(client.get(course.url))
    with django_assert_max_num_queries(2):
        assert "Messkurs cache 0" in html(client.get(course.url))


def test_each_language_has_its_own_page(client, catalogue):
    german, english = html(client.get("/kurse/")), html(client.get("/en/kurse/"))
    assert 'lang="de"' in german and "Kurse durchsuchen" in german
    assert 'lang="en"' in english and "Search courses" in english
    assert 'lang="de"' in html(client.get("/kurse/"))
    assert "Search courses" in html(client.get("/en/kurse/"))


def test_a_person_never_gets_the_visitors_page_nor_another_persons(client, course):
    anna, ben = person("anna@example.org"), person("ben@example.org")
    enrol(anna, course)
    assert "Log in to enrol" in html(client.get(en(course)))  # the visitors' page, cached
    client.force_login(anna)
    annas = html(client.get(en(course)))
    assert "Withdraw from the course" in annas and "Log in to enrol" not in annas
    client.force_login(ben)
    bens = html(client.get(en(course)))
    assert "Enrol now" in bens and "Withdraw from the course" not in bens
    assert "Log out" in bens
    client.logout()
    visitors = html(client.get(en(course)))
    assert "Log in to enrol" in visitors and "Withdraw" not in visitors
    assert "Log out" not in visitors


def test_the_catalogue_shows_each_learner_their_own_status(client, catalogue, course):
    anna, ben = person("anna@example.org"), person("ben@example.org")
    enrol(anna, course)
    assert "In progress" not in html(client.get("/en/kurse/"))
    client.force_login(anna)
    assert "In progress" in html(client.get("/en/kurse/"))
    client.force_login(ben)
    assert "In progress" not in html(client.get("/en/kurse/"))


def test_publishing_a_new_revision_shows_it_at_once(client, course):
    assert "Messkurs cache 0" in html(client.get(course.url))
    assert "Messkurs cache 0" in html(client.get("/kurse/"))
    course.title = "Neuer Titel des Kurses"
    course.save_revision().publish()
    assert "Neuer Titel des Kurses" in html(client.get(course.url))
    assert "Neuer Titel des Kurses" in html(client.get("/kurse/"))


def test_unpublished_moved_and_deleted_pages_are_gone_at_once(client, catalogue, course):
    other = CoursePage.objects.get(slug="cache-1")
    lesson = LessonPage.objects.child_of(other).first()
    for url in (course.url, other.url, "/kurse/"):
        html(client.get(url))
    course.unpublish()
    assert client.get(course.url).status_code == 404
    assert "Messkurs cache 0" not in html(client.get("/kurse/"))
    old_url = lesson.url
    lesson.move(LessonPage.objects.child_of(other).last(), pos="right")
    other.specific.delete()
    assert client.get(other.url).status_code == 404
    assert client.get(old_url).status_code == 404
    assert "Messkurs cache 1" not in html(client.get("/kurse/"))


def test_a_new_enrolment_shows_at_once(client, course):
    anna = person("anna@example.org")
    client.force_login(anna)
    assert "Enrol now" in html(client.get(en(course)))
    client.post(f"/en/lernen/einschreiben/{course.pk}/")
    page = html(client.get(en(course)))
    assert "Withdraw from the course" in page and "Enrol now" not in page


def test_a_view_restriction_is_heeded_on_a_warm_cache(client, course):
    html(client.get(course.url))
    PageViewRestriction.objects.create(page=course, restriction_type="login")
    response = client.get(course.url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_only_people_who_may_use_the_admin_see_the_user_bar(client, course):
    learner = person("anna@example.org")
    editor = person("editor@example.org")
    group = Group.objects.create(name="Redaktion im Test")
    group.permissions.add(*Permission.objects.filter(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(learner)
    assert "wagtail-userbar" not in html(client.get(course.url))
    client.force_login(editor)
    assert "wagtail-userbar" in html(client.get(course.url))
    client.logout()
    assert "wagtail-userbar" not in html(client.get(course.url))


def test_a_form_carries_the_token_of_its_own_session(course):
    """Two people, and two visitors of a password-protected page, each get their own
    CSRF token: a page with a token is never kept for someone else."""
    anna, ben = person("anna@example.org"), person("ben@example.org")
    tokens = []
    for user in (anna, ben):
        browser = Client()
        browser.force_login(user)
        page = html(browser.get(course.url))
        tokens.append(CSRF_INPUT.search(page).group(1))
    assert tokens[0] != tokens[1]
    PageViewRestriction.objects.create(page=course, restriction_type="password",
                                       password="geheim")
    forms = []
    for _visitor in range(2):
        browser = Client()
        page = html(browser.get(course.url))
        forms.append(CSRF_INPUT.search(page).group(1))
        assert browser.cookies["csrftoken"].value
    assert forms[0] != forms[1]


def test_a_message_is_shown_once_and_only_to_its_session(client, course):
    anna = person("anna@example.org")
    client.force_login(anna)
    html(client.get(en(course)))
    response = client.post(f"/en/lernen/einschreiben/{course.pk}/")
    assert "You are enrolled" in html(client.get(response["Location"]))
    assert "You are enrolled" not in html(client.get(en(course)))
    assert "You are enrolled" not in html(Client().get(en(course)))


# --- pieces of pages rendered once for everyone ({% shared %}) ------------------------------

def test_a_lesson_shows_each_learner_their_own_progress_around_the_shared_body(course):
    lesson = LessonPage.objects.child_of(course).first()
    anna, ben = person("anna@example.org"), person("ben@example.org")
    enrol(anna, course)
    enrol(ben, course)
    annas, bens = Client(), Client()
    annas.force_login(anna)
    bens.force_login(ben)
    html(annas.get(en(lesson)))  # the body is cached now
    annas.post(f"/en/lernen/lektion/{lesson.pk}/gelesen/", {"next": en(lesson)})
    annas_page, bens_page = html(annas.get(en(lesson))), html(bens.get(en(lesson)))
    assert "Mark as read and continue" not in annas_page
    assert "Mark as read and continue" in bens_page
    assert "1 of 2 required lessons done" in annas_page
    assert "0 of 2 required lessons done" in bens_page
    assert lesson.title in annas_page and lesson.title in bens_page
    assert CSRF_INPUT.search(bens_page).group(1) != CSRF_INPUT.search(annas_page).group(1)


def test_the_course_page_has_its_shared_part_in_each_language(client, course):
    german_url = en(course).removeprefix("/en")
    german, english = html(client.get(german_url)), html(client.get(en(course)))
    client.force_login(person("anna@example.org"))
    assert "Inhaltsversion" in html(client.get(german_url)) and "Inhaltsversion" in german
    page = html(client.get(en(course)))
    assert "Content version" in page and "Content version" in english
    assert "Inhaltsversion" not in page


def test_an_editors_preview_never_reaches_the_visitors(client, course):
    """A draft shown in the admin's preview is neither kept for the live page nor kept
    from showing the published text afterwards."""
    client.force_login(person("anna@example.org"))
    assert "Messkurs cache 0" in html(client.get(course.url))
    draft = CoursePage.objects.get(pk=course.pk)
    draft.title = "Entwurf, noch nicht veröffentlicht"
    draft.teaser = "Ein Entwurf"
    preview = draft.make_preview_request()
    assert "Ein Entwurf" in preview.content.decode()
    for browser in (client, Client()):
        page = html(browser.get(course.url))
        assert "Ein Entwurf" not in page and "Messkurs cache 0" in page


def test_the_catalogue_cards_mark_mandatory_courses_for_everyone_and_status_per_person(
        client, catalogue, course):
    course.is_mandatory = True
    course.save_revision().publish()
    anna, ben = person("anna@example.org"), person("ben@example.org")
    enrol(anna, course)
    client.force_login(anna)
    annas = html(client.get("/en/kurse/"))
    client.force_login(ben)
    bens = html(client.get("/en/kurse/"))
    assert annas.count("Mandatory") == bens.count("Mandatory") >= 1
    assert "In progress" in annas and "In progress" not in bens


def test_a_logged_in_learner_sees_a_new_revision_of_the_shared_pieces_at_once(client, course):
    lesson = LessonPage.objects.child_of(course).first()
    client.force_login(person("anna@example.org"))
    enrol(User.objects.get(email="anna@example.org"), course)
    for url in (course.url, "/kurse/", lesson.url):
        assert "Messkurs cache 0" in html(client.get(url))
    course.title = "Neuer Titel des Kurses"
    course.save_revision().publish()
    lesson.title = "Neuer Titel der Lektion"
    lesson.save_revision().publish()
    for url in (course.url, "/kurse/", lesson.url):
        page = html(client.get(url))
        assert "Neuer Titel des Kurses" in page and "Messkurs cache 0" not in page
    assert "Neuer Titel der Lektion" in html(client.get(course.url))
