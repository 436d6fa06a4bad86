"""A learner's whole way through a course, in Chromium, axe-core clean on every page."""


import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, seeded):
    seeded()
    return live_server.url


def answer_privacy_quiz(page, *, correct: bool):
    page.get_by_label("72 Stunden" if correct else "24 Stunden").check()
    statements = page.locator("fieldset").filter(has_text="IP-Adresse")
    statements.get_by_label("Richtig" if correct else "Falsch").check()
    paper = page.locator("fieldset").filter(has_text="Papierakten")
    paper.get_by_label("Falsch" if correct else "Richtig").check()
    page.get_by_role("button", name="Antworten absenden").click()


def test_learner_finds_enrols_fails_passes_and_sees_completion(page, site, assert_accessible):
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("lernende@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Kurse").click()
    assert_accessible(page)
    page.get_by_label("Kompetenzbereich").select_option(label="Sicherheit")
    page.get_by_role("button", name="Kurse anzeigen").click()
    expect(page.get_by_role("heading", name="2 Kurse")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Datenschutz-Grundlagen für Beschäftigte").click()
    assert_accessible(page)

    page.get_by_role("button", name="Jetzt einschreiben").click()
    expect(page.get_by_text("Sie sind eingeschrieben.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Kurs beginnen").click()

    for title in ["Personenbezogene Daten", "Rechtsgrundlagen", "Datenpanne – was nun?"]:
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        assert_accessible(page)
        page.get_by_role("link", name="Nächste Lektion").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wissenstest")
    assert_accessible(page)
    answer_privacy_quiz(page, correct=False)
    expect(page.get_by_text("Noch nicht bestanden")).to_be_visible()
    expect(page.get_by_text("Versuch 1: 0 von 3 Punkten (0 %)")).to_be_visible()
    expect(page.get_by_text("Kurs abgeschlossen")).to_have_count(0)
    assert_accessible(page)

    answer_privacy_quiz(page, correct=True)
    expect(page.get_by_text("Bestanden", exact=True)).to_be_visible()
    expect(page.get_by_text("Kurs abgeschlossen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mein Bereich").click()
    title = "Datenschutz-Grundlagen für Beschäftigte"
    expect(page.get_by_text(f"{title} – abgeschlossen am")).to_be_visible()
    expect(page.get_by_role("cell", name=f"{title} (Version 2026.1)")).to_be_visible()
    assert_accessible(page)


def test_keyboard_only_learner_answers_a_quiz(page, site):
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("vorgesetzte@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    page.goto(site + "/kurse/barrierefreie-dokumente/")
    page.get_by_role("button", name="Jetzt einschreiben").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sie sind eingeschrieben.")).to_be_visible()
    page.goto(site + "/kurse/barrierefreie-dokumente/test-barrierefreiheit/")
    page.locator("fieldset").first.get_by_label("Falsch").focus()
    page.keyboard.press("Space")
    page.get_by_label("Die Aussage des Bildes").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Antworten absenden").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Versuch 1: 2 von 2 Punkten (100 %)")).to_be_visible()


def test_continue_learning_on_my_area_is_a_full_button_to_the_next_open_lesson(
        page, site, assert_accessible):
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("lernende@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    resume = page.get_by_role("link", name="Weiter lernen")
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        box = resume.bounding_box()
        text = resume.locator(".kern-label").bounding_box()
        # not squashed: the button is wider than its text and the text stays on one line
        assert box["width"] > 100 and box["width"] >= text["width"], box
        assert box["height"] < 60, box
    assert_accessible(page)
    resume.click()
    # the demo learner has read the first two lessons: the third is the first not done
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Personenbezogene Daten und Verschlusssachen")
