"""Narrow screens and the site's small furniture, in Chromium.

At 390 px (a common phone) no page may scroll sideways: long German words in headings,
cards and labels wrap or hyphenate instead. The favicon is there, the accessibility
helper also catches `aria-describedby` ids that name nothing, and the quiz editor's
list inputs have names.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
# What sticks out, for the failure message: the innermost elements wider than their box.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  const sticking = [...document.querySelectorAll("body *")].filter(e =>
    e.getBoundingClientRect().right > limit + 0.5 || e.scrollWidth > e.clientWidth + 1);
  return sticking.filter(e => !sticking.some(inner => inner !== e && e.contains(inner)))
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}: ` +
              `${e.textContent.trim().slice(0, 40)}`).slice(0, 5);
}"""


# Words of the matched elements that the browser split across two lines.
SPLIT_WORDS = """selector => {
  const split = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.fixture
def site(live_server, seeded):
    seeded()
    return live_server.url


def assert_no_sideways_scrolling(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{page.url} is {width} px wide at {PHONE['width']} px: {page.evaluate(WIDEST)}")


def test_nothing_scrolls_sideways_on_a_phone(browser, site, assert_accessible):
    from accounts.models import User
    from courses.learning.services import enrolment_create
    from courses.models import LessonPage

    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalkompetenz Thüringen")
    assert_no_sideways_scrolling(page)
    assert page.evaluate(SPLIT_WORDS, "h1") == []
    assert_accessible(page)

    page.goto(site + "/freiwilliges-digitales-jahr/")
    expect(page.locator(".card-grid .kern-card").first).to_be_visible()
    assert_no_sideways_scrolling(page)
    assert_accessible(page)
    page.locator(".card-grid .kern-card a").first.click()
    expect(page.get_by_text("Digitaler Schwerpunkt")).to_be_visible()
    assert page.evaluate(SPLIT_WORDS, ".kern-description-list-item__key") == []
    assert_no_sideways_scrolling(page)

    learner = User.objects.get(email="lernende@demo.example")
    lesson = LessonPage.objects.get(slug="wissenstest-datenschutz")
    enrolment_create(learner=learner, course=lesson.course())
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("lernende@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    assert_no_sideways_scrolling(page)

    with translation.override("de"):  # the German page, whatever language the thread has
        lesson_url = lesson.url
    page.goto(site + lesson_url)
    expect(page.get_by_role("button", name="Antworten absenden")).to_be_visible()
    assert_no_sideways_scrolling(page)
    assert_accessible(page)
    context.close()


def test_placement_facts_keep_their_words_whole(page, site, assert_accessible):
    """The facts column beside a placement is narrow: its terms never break mid-word."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/freiwilliges-digitales-jahr/")
    page.locator(".card-grid .kern-card a").first.click()
    expect(page.get_by_text("Digitaler Schwerpunkt")).to_be_visible()
    assert page.evaluate(SPLIT_WORDS, ".kern-description-list-item__key") == []
    assert_accessible(page)


def test_the_site_has_a_favicon(page, site):
    page.goto(site + "/")
    icons = page.locator("link[rel=icon]")
    expect(icons).to_have_count(2)
    for href in [icons.nth(i).get_attribute("href") for i in range(2)]:
        response = page.request.get(site + href)
        assert response.ok and response.headers["content-type"].startswith("image/")
    # Browsers and other clients that ignore the link ask for /favicon.ico.
    response = page.request.get(site + "/favicon.ico")
    assert response.ok and response.headers["content-type"].startswith("image/")


def test_accessibility_check_fails_on_a_hint_nobody_hears(page, assert_accessible):
    """A field pointing `aria-describedby` at an id that does not exist fails the check."""
    page.set_content('<html lang="en"><head><title>Form</title></head><body><main>'
                     '<label for="code">Code</label>'
                     '<input id="code" aria-describedby="code_helptext">'
                     '<div id="code-hint">Twelve characters.</div></main></body></html>')
    with pytest.raises(AssertionError, match="aria-reference-missing"):
        assert_accessible(page)


def test_quiz_editor_names_every_accepted_answer_input(page, site):
    """A short-text question's accepted answers are list items without a visible label."""
    from courses.models import LessonPage

    lesson = LessonPage.objects.get(slug="abschlusstest")  # "Halluzination" and two more
    page.goto(site + f"/konto/anmelden/?next=/admin/pages/{lesson.pk}/edit/")
    page.get_by_label("E-Mail-Adresse").fill("redaktion@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    inputs = page.locator("input[name*=accepted_answers][name$=-value]")
    expect(inputs).to_have_count(3)
    named = page.get_by_role("textbox", name=re.compile("Accepted answer|Akzeptierte Antwort"))
    expect(named).to_have_count(3)
    expect(named.first).to_have_value("Halluzination")
