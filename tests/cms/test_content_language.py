"""On /en/, editorial content that exists only in German carries lang="de", so screen
readers read it with a German voice; English texts, where editors filled them in, are shown
instead and carry no such mark."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

TAG = Template("{% load content_language %}<p{% german_only english %}>x</p>")


def _render(language: str, **context) -> str:
    with translation.override(language):
        return TAG.render(Context(context))


def test_german_text_is_marked_only_outside_the_german_interface():
    assert _render("de") == "<p>x</p>"
    assert _render("en") == '<p lang="de">x</p>'


def test_a_filled_in_english_text_is_not_marked():
    assert _render("en", english="Welcome") == "<p>x</p>"
    assert _render("en", english="") == '<p lang="de">x</p>'


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_english_catalogue_marks_its_german_intro_and_course_cards(client, demo):
    html = _html(client, "/en/kurse/")
    assert re.search(r'<h1 class="kern-heading-x-large" lang="de">', html)
    assert re.search(r'href="/en/kurse/ki-dienstanweisung/" lang="de">', html)


@pytest.mark.django_db
def test_english_programme_page_marks_its_german_intro_and_placements(client, demo):
    html = _html(client, "/en/freiwilliges-digitales-jahr/")
    assert re.search(r'<h1 class="kern-heading-x-large" lang="de">', html)
    assert 'href="/en/freiwilliges-digitales-jahr/stelle/digitale-stadt-jena/" lang="de">' in html


@pytest.mark.django_db
def test_english_footer_text_is_marked_german(client, demo):
    html = _html(client, "/en/")
    assert re.search(r'class="kern-body kern-body--small site-footer__text" lang="de"', html)


@pytest.mark.django_db
def test_english_home_cards_are_marked_unless_translated(client, demo):
    from wagtail.models import Page

    html = _html(client, "/en/")
    cards = re.findall(r'<a class="kern-link kern-link--stretched" href="([^"]+)"( lang="de")?>',
                       html)
    assert cards
    for url, mark in cards:
        page = Page.objects.get(url_path__endswith=url.removeprefix("/en")).specific
        assert bool(mark) == (not getattr(page, "title_en", "")), url


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/kurse/", "/freiwilliges-digitales-jahr/",
                                 "/kurse/ki-dienstanweisung/"])
def test_german_pages_carry_no_extra_language_marks(client, demo, url):
    assert _html(client, url).count('lang="de"') == 1  # only <html lang="de">


@pytest.mark.django_db
def test_english_lesson_marks_its_german_title_and_text(client, demo):
    from accounts.models import User
    from courses.models import LessonPage

    client.force_login(User.objects.get(email="lernende@demo.example"))
    lesson = LessonPage.objects.get(slug="was-ist-generative-ki")
    page = _html(client, "/en" + lesson.url)
    assert re.search(r'<h1 class="kern-heading-x-large" lang="de">', page)


@pytest.mark.django_db
def test_the_window_title_is_the_pages_title_in_the_interface_language(client, demo):
    from cms.models import ContentPage

    page = ContentPage.objects.exclude(title_en="").first()
    url = page.url  # in German: a request leaves its language active in the test
    title = re.compile(r"<title>(.*?) – ")
    assert title.search(_html(client, "/en" + url))[1] == page.title_en
    assert title.search(_html(client, url))[1] == page.title
    assert title.search(_html(client, "/en/kurse/"))[1] == "Kurse"  # no English title
