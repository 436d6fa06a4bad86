"""My data in Chromium: a learner downloads their data as a ZIP and opens it, then deletes
their account; their certificate stays verifiable and everything else is gone.

Jobs run inline (the export is built when the request commits); the worker path of the
same task is covered in tests/accounts/data_rights. axe-core runs on every page visited.
"""

import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.data_rights.models import AccountErasure
from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from certificates.models import Certificate
from courses.models import Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
EMAIL = "lernende@demo.example"


def test_learner_exports_their_data_then_deletes_the_account(
        live_server, page, browser, assert_accessible, jobs_inline, seeded):
    seeded()
    site = live_server.url
    user = User.objects.get(email=EMAIL)
    certificate = Certificate.objects.filter(recipient=user, status="issued").first()
    assert certificate is not None
    enrolled = set(Enrolment.objects.filter(learner=user).values_list("course_title", flat=True))
    assert enrolled

    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")
    assert_accessible(page)

    page.locator('a[href="/konto/meine-daten/"]').click()
    page.wait_for_url("**/konto/meine-daten/")
    assert_accessible(page)
    page.locator('form[action="/konto/meine-daten/export/"] button').click()
    download_link = page.locator('a[href^="/konto/meine-daten/export/"]')
    expect(download_link).to_have_count(1)
    assert_accessible(page)
    with page.expect_download() as download_info:
        download_link.click()
    archive = zipfile.ZipFile(Path(download_info.value.path()))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == EMAIL
    assert data["account"]["org_unit"]["code"] == "th-tlrz-it-sicherheit"
    assert {e["course_title"] for e in data["courses"]["enrolments"]} == enrolled
    codes = {c["code"] for c in data["certificates"]["certificates"]}
    assert certificate.code in codes
    pdf = f"files/certificates/{certificate.code_display}-v{certificate.version}.pdf"
    assert archive.read(pdf).startswith(b"%PDF")

    page.goto(site + "/konto/meine-daten/loeschen/")
    assert_accessible(page)
    page.locator('input[name="password"]').fill("nicht-das-passwort")
    page.locator("form.narrow button[type=submit]").click()
    expect(page.locator(".kern-error")).to_be_visible()
    assert_accessible(page)
    assert User.objects.get(pk=user.pk).is_active
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    page.locator("form.narrow button[type=submit]").click()
    page.wait_for_url("**/konto/meine-daten/geloescht/")
    expect(page.locator(".kern-list li")).to_have_count(
        len(AccountErasure.objects.get(user=user).kept))
    assert_accessible(page)

    user.refresh_from_db()
    assert not user.is_active and user.email != EMAIL and user.first_name == ""
    assert not Enrolment.objects.filter(learner=user).exists()
    assert not user.data_exports.exists()
    assert Certificate.objects.filter(recipient=user).exists()

    visitor = browser.new_context()
    try:
        anonymous = visitor.new_page()
        anonymous.goto(f"{site}/nachweis/{certificate.code_display}/")
        expect(anonymous.get_by_text("Dieser Nachweis ist gültig.")).to_be_visible()
        expect(anonymous.get_by_text(certificate.recipient_name).first).to_be_visible()
        assert_accessible(anonymous)
        anonymous.goto(site + "/konto/anmelden/")
        anonymous.get_by_label("E-Mail-Adresse").fill(EMAIL)
        anonymous.get_by_label("Passwort").fill(DEMO_PASSWORD)
        anonymous.get_by_role("button", name="Anmelden").click()
        expect(anonymous.get_by_role("heading", level=1)).not_to_have_text("Mein Bereich")
        assert_accessible(anonymous)
    finally:
        visitor.close()
