"""The Freiwilliges Digitales Jahr in a real browser: find a placement, apply step by step."""


import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from tests.factories import PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, seeded):
    seeded()
    return live_server.url


def save(page):
    page.locator("main form.form button[type=submit]").last.click()


def test_applicant_filters_opens_a_placement_and_applies(page, site, assert_accessible):
    page.goto(site + "/freiwilliges-digitales-jahr/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Freiwilliges Digitales Jahr")
    assert_accessible(page)

    page.locator("select[name=landkreis]").select_option("ilm-kreis")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.get_by_role("link", name="Offene Daten für den Ilm-Kreis")).to_be_visible()
    expect(page.get_by_role("link", name="Social Media für die Stadt Apolda")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Offene Daten für den Ilm-Kreis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offene Daten für den Ilm-Kreis")
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt bewerben").click()
    assert_accessible(page)  # the login page
    page.locator("input[name=username]").fill("freiwillige@demo.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)  # start or continue the application
    page.locator("main form button[type=submit]").click()

    expect(page.locator(".kern-task-list")).to_be_visible()
    assert_accessible(page)
    page.locator(".kern-task-list a").first.click()

    # personal data: already partly filled in by the demo
    expect(page.locator("input[name=first_name]")).to_have_value("Lea")
    page.locator("input[name=contact_email]").fill("freiwillige@demo.example")
    assert_accessible(page)
    save(page)

    page.locator("select[name=obligation]").select_option("yes")
    page.locator("select[name=school_situation]").select_option("left")
    assert_accessible(page)
    save(page)

    page.locator("select[name=start_date]").select_option(index=1)
    assert_accessible(page)
    save(page)

    page.locator("textarea[name=motivation]").fill(
        "Ich möchte lernen, wie eine Verwaltung mit offenen Daten arbeitet.")
    assert_accessible(page)
    save(page)

    # documents: a fake is refused with a message, the real PDF is taken
    page.locator("input[type=file]").set_input_files(
        {"name": "lebenslauf.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"})
    save(page)
    expect(page.locator(".kern-error[role=alert]")).to_be_visible()
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(
        {"name": "lebenslauf.pdf", "mimeType": "application/pdf", "buffer": PDF})
    save(page)
    expect(page.get_by_role("link", name="lebenslauf.pdf")).to_be_visible()
    assert_accessible(page)
    page.locator("main a.kern-btn--primary").click()

    # preferences: three placements, in order
    expect(page.locator("select[name=rank_1]")).to_be_visible()
    page.locator("select[name=rank_3]").select_option(label="IT-Support im Rathaus Apolda – "
                                                             "Stadtverwaltung Apolda")
    assert_accessible(page)
    save(page)

    page.locator("input[name=agree]").check()
    assert_accessible(page)
    save(page)

    expect(page.locator(".kern-task-list")).to_be_visible()
    assert_accessible(page)
    page.locator("main a[href$='/bewerbung/pruefen/']").click()  # the summary first
    expect(page.locator("form[action$='/bewerbung/absenden/']")).to_be_visible()
    assert_accessible(page)
    page.locator("form[action$='/bewerbung/absenden/'] button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    expect(page.locator("#applications-heading")).to_be_visible()
    expect(page.get_by_text("Offene Daten für den Ilm-Kreis", exact=False)).to_be_visible()
    assert_accessible(page)
