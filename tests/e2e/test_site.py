"""The site shell in a real browser: navigation, language switch, keyboard, axe-core."""


import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, seeded):
    seeded()
    return live_server.url


def test_visitor_follows_the_navigation_and_switches_language(page, site, assert_accessible):
    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalkompetenz Thüringen")
    assert_accessible(page)

    nav = page.get_by_role("navigation", name="Hauptnavigation")
    for label, heading in [("Kurse", "Kurse"),
                           ("Freiwilliges Digitales Jahr", "Freiwilliges Digitales Jahr"),
                           ("Über die Plattform", "Über die Plattform")]:
        nav.get_by_role("link", name=label).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(nav.get_by_role("link", name=label)).to_have_attribute("aria-current", "page")
        assert_accessible(page)

    footer = page.get_by_role("contentinfo")
    for label in ["Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"]:
        footer.get_by_role("link", name=label).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(label)
        assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(site + "/en/barrierefreiheit/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    assert_accessible(page)

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Courses").click()
    expect(page).to_have_url(site + "/en/kurse/")
    assert_accessible(page)

    page.get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(site + "/kurse/")
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_keyboard_user_skips_to_content_and_logs_in(page, site, assert_accessible):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("link", name="Anmelden").click()
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("lernende@demo.example")
    page.get_by_label("Passwort").fill("falsch")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("korrekte E-Mail-Adresse")
    assert_accessible(page)

    page.get_by_label("Passwort").fill("Thueringen-Demo-2026")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    expect(page.get_by_text("Willkommen, Jonas Wagner.")).to_be_visible()
    assert_accessible(page)


def test_search_page_is_accessible_and_finds_pages(page, site, assert_accessible):
    page.goto(site + "/suche/")
    assert_accessible(page)
    page.get_by_label("Suchbegriff").fill("Barrierefreiheit")
    page.get_by_role("button", name="Suche").click()
    expect(page.get_by_role("link", name="Erklärung zur Barrierefreiheit").first).to_be_visible()
    assert_accessible(page)


def test_accessibility_check_reports_real_violations(page, axe_source):
    """The axe-core helper is not a rubber stamp: a broken page fails it."""
    from tests.utils import axe_violations

    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    found = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"image-alt", "html-has-lang", "label"} <= found
