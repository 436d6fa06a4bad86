"""The whole way of the Freiwilliges Digitales Jahr in a real browser (issue 6, "Done when").

An anonymous visitor finds a placement, registers with email verification and applies with
three ranked placements and a CV; the host contact reviews the application anonymised and
records a verdict; the coordinator makes an offer in the Wagtail admin; the applicant accepts
it in "Mein Bereich" and the placement has one seat less. axe-core runs on every page.
"""

import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from volunteers.models import Application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIRST, LAST = "Johanna", "Sommerfeld"
EMAIL = "johanna.sommerfeld@example.org"
PASSWORD = "Wartburg-Blick-2027"
MOTIVATION = ("Ich repariere seit Jahren Rechner in meiner Familie und möchte im Rathaus "
              "lernen, wie eine Verwaltung ihre IT betreut.")
FOUND = "IT-Support im Rathaus Apolda"  # found in the listing; Stadtverwaltung Apolda
SECOND = "Offene Daten für den Ilm-Kreis – Landratsamt Ilm-Kreis"
THIRD = "Digitale Stadt Jena – Stadtverwaltung Jena"

def minimal_pdf() -> bytes:
    """A small but valid one-page PDF 1.4 with a correct cross-reference table."""
    stream = b"BT /F1 12 Tf 72 720 Td (Lebenslauf Johanna Sommerfeld) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.fixture
def site(live_server, jobs_inline, seeded):
    """The demo content; jobs handed to django-q2 run at once, in the server's thread."""
    seeded()
    mail.outbox.clear()
    return live_server.url


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own (one per person); closed after the test."""
    contexts = []

    def make():
        contexts.append(browser.new_context(locale="de-DE"))
        return contexts[-1].new_page()
    yield make
    for context in contexts:
        context.close()


def save(page):
    page.locator("main form.form button[type=submit]").last.click()


def log_in(page, email):
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_applicant_host_and_coordinator_walk_the_whole_way(new_page, site, assert_accessible,
                                                           admin_accessible):
    page = new_page()  # the applicant

    # 1. an anonymous visitor finds a placement with a filter
    page.goto(site + "/freiwilliges-digitales-jahr/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Freiwilliges Digitales Jahr")
    assert_accessible(page)
    page.locator("select[name=landkreis]").select_option("weimarer-land")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.get_by_role("link", name=FOUND)).to_be_visible()
    expect(page.get_by_role("link", name="Offene Daten für den Ilm-Kreis")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name=FOUND).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FOUND)
    expect(page.locator(".kern-description-list-item", has_text="Freie Plätze")).to_contain_text(
        "1 / 1")
    placement_url = page.url
    assert_accessible(page)

    page.get_by_role("link", name="Jetzt bewerben").click()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next="))
    assert_accessible(page)  # log in, or register from here
    page.get_by_role("link", name=re.compile("Register|Registrieren")).click()
    expect(page).to_have_url(re.compile(r"/konto/registrieren/\?next="))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    # register; the confirmation link comes by email
    page.locator("input[name=first_name]").fill(FIRST)
    page.locator("input[name=last_name]").fill(LAST)
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text(EMAIL)
    assert_accessible(page)

    confirmations = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(confirmations) == 1
    link = re.search(r"https?://\S+/konto/registrieren/bestaetigen/\S+", confirmations[0].body)
    assert link, confirmations[0].body
    page.goto(site + "/konto/" + link.group(0).split("/konto/", 1)[1])
    expect(page.locator(".kern-alert--success")).to_be_visible()
    assert_accessible(page)

    page.locator("main a.kern-btn--primary").click()  # log in, then back to the placement
    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next="))
    page.locator("input[name=username]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/bewerbung/starten/it-support-rathaus-apolda/"))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()

    # the application, step by step
    expect(page.locator(".kern-task-list")).to_be_visible()
    assert_accessible(page)
    page.locator(".kern-task-list a").first.click()

    expect(page.locator("input[name=first_name]")).to_have_value(FIRST)
    page.locator("input[name=last_name]").fill(LAST)
    page.locator("input[name=date_of_birth]").fill("2006-05-04")
    page.locator("input[name=street]").fill("Bahnhofstraße 3")
    page.locator("input[name=postcode]").fill("99510")
    page.locator("input[name=town]").fill("Apolda")
    page.locator("input[name=contact_email]").fill(EMAIL)
    assert_accessible(page)
    save(page)

    expect(page.locator("select[name=obligation]")).to_be_visible()
    page.locator("select[name=obligation]").select_option("yes")
    page.locator("select[name=school_situation]").select_option("left")
    assert_accessible(page)
    save(page)

    expect(page.locator("select[name=start_date]")).to_be_visible()
    page.locator("select[name=start_date]").select_option(index=1)
    assert_accessible(page)
    save(page)

    expect(page.locator("textarea[name=motivation]")).to_be_visible()
    page.locator("textarea[name=motivation]").fill(MOTIVATION)
    assert_accessible(page)
    save(page)

    expect(page.locator("input[type=file]")).to_be_visible()
    page.locator("select[name=kind]").select_option("cv")
    page.locator("input[type=file]").set_input_files(
        {"name": "lebenslauf.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf()})
    save(page)
    expect(page.get_by_role("link", name="lebenslauf.pdf")).to_be_visible()
    assert_accessible(page)
    page.locator("main a.kern-btn--primary").click()

    # three placements: the one found first, then two more
    expect(page.locator("select[name=rank_1] option:checked")).to_have_text(
        f"{FOUND} – Stadtverwaltung Apolda")
    page.locator("select[name=rank_2]").select_option(label=SECOND)
    page.locator("select[name=rank_3]").select_option(label=THIRD)
    assert_accessible(page)
    save(page)

    expect(page.locator("input[name=agree]")).to_be_visible()
    page.locator("input[name=agree]").check()
    assert_accessible(page)
    save(page)

    expect(page.locator(".kern-task-list")).to_be_visible()
    expect(page.locator(".kern-task-list .kern-badge--success")).to_have_count(7)
    assert_accessible(page)
    page.locator("main a[href$='/bewerbung/pruefen/']").click()  # the summary first
    expect(page.locator("form[action$='/bewerbung/absenden/']")).to_be_visible()
    assert_accessible(page)
    page.locator("form[action$='/bewerbung/absenden/'] button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    section = page.locator("section[aria-labelledby=applications-heading]")
    expect(section.locator("tbody tr")).to_have_count(3)
    expect(section.locator("tbody tr").first).to_contain_text(FOUND)
    assert_accessible(page)

    # 2. the host contact of Stadtverwaltung Apolda reviews it anonymised
    host = new_page()
    host.goto(site + "/konto/anmelden/")
    log_in(host, "einsatzstelle@demo.example")
    expect(host.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    assert_accessible(host)
    host.locator("main a[href$='/freiwilliges-digitales-jahr/einsatzstelle/']").click()
    number = Application.objects.get(applicant__email=EMAIL).pk
    row = host.locator("tbody tr").filter(
        has=host.get_by_role("link", name=f"Bewerbung Nr. {number}", exact=True))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(FOUND)
    expect(host.locator("main")).not_to_contain_text(LAST)
    assert_accessible(host)
    row.get_by_role("link").click()

    expect(host.locator("main")).to_contain_text(MOTIVATION)
    expect(host.locator("main")).not_to_contain_text(FIRST)
    expect(host.locator("main")).not_to_contain_text(LAST)
    expect(host.locator("main")).not_to_contain_text(EMAIL)
    expect(host.locator("main")).not_to_contain_text("lebenslauf.pdf")
    assert_accessible(host)
    host.locator("select[name=verdict]").select_option(label="Geeignet")
    host.locator("textarea[name=verdict_comment]").fill(
        "Passt gut zu unserem IT-Team; gern zum Kennenlernen einladen.")
    host.locator("main form button[type=submit]").click()
    expect(row).to_contain_text("Geeignet")
    assert_accessible(host)

    # 3. the coordinator makes an offer in the Wagtail admin
    admin = new_page()
    admin.goto(site + "/konto/anmelden/?next=/admin/")
    log_in(admin, "koordination@demo.example")
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    admin_accessible(admin)
    admin.get_by_role("button", name="Freiwilliges Digitales Jahr").click()  # the sidebar
    admin.get_by_role("link", name="Bewerbungen", exact=True).click()
    expect(admin).to_have_url(re.compile(r"/admin/snippets/volunteers/application/"))
    admin.locator("form.w-slim-header__search-form input[name=q]").fill(LAST)  # live search
    listing_row = admin.locator("tbody tr", has_text=LAST)
    expect(listing_row).to_have_count(1)
    admin_accessible(admin)
    listing_row.get_by_role("link", name=re.compile(f"{FIRST} {LAST}")).click()

    expect(admin.locator("main")).to_contain_text(MOTIVATION)
    expect(admin.locator("main")).to_contain_text("Geeignet: Passt gut zu unserem IT-Team")
    admin_accessible(admin)
    admin.locator("select[name=to_status]").select_option("in_review")
    admin.locator("textarea[name=reason]").fill("Unterlagen vollständig.")
    admin.locator("main form").first.locator("button[type=submit]").click()
    expect(admin.locator("select[name=to_status] option[value=offered]")).to_have_count(1)
    admin_accessible(admin)
    admin.locator("select[name=to_status]").select_option("offered")
    admin.locator("select[name=placement]").select_option(
        label=f"{FOUND} (Stadtverwaltung Apolda)")
    admin.locator("textarea[name=reason]").fill("Die Einsatzstelle hält dich für geeignet.")
    admin.locator("main form").first.locator("button[type=submit]").click()
    expect(admin.locator("main h2", has_text="Status")).to_contain_text("Platz angeboten")
    admin_accessible(admin)

    # 4. the applicant accepts in "Mein Bereich"; the placement has one seat less
    page.goto(site + "/mein-bereich/")
    expect(section.get_by_role("status")).to_contain_text(FOUND)
    assert_accessible(page)
    section.get_by_role("link", name="Angebot annehmen").click()
    # a confirmation page says what will happen; only its button accepts
    expect(page.locator("main form[action$='/accept/']")).to_be_visible()
    expect(page.locator("main")).to_contain_text(FOUND)
    assert_accessible(page)
    page.locator("main form[action$='/accept/'] button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    expect(section.locator(".kern-badge")).to_have_text("Angenommen")
    expect(section.get_by_role("link", name="Angebot annehmen")).to_have_count(0)
    assert_accessible(page)

    page.goto(placement_url)
    expect(page.locator(".kern-description-list-item", has_text="Freie Plätze")).to_contain_text(
        "0 / 1")
    assert_accessible(page)
