"""Certificates in Chromium: issued by the real django-q2 worker, downloaded, verified.

axe-core runs on every page visited.
"""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_request
from tests.e2e.test_courses import answer_privacy_quiz
from tests.factories import snapshot
from tests.utils import current_database_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]
COURSE = "Datenschutz-Grundlagen für Beschäftigte"


@pytest.fixture
def qcluster(live_server, tmp_path):
    """`manage.py qcluster` (2 workers, ORM broker) on the live server's test database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": current_database_url(), "Q_WORKERS": "2"}
    env.pop("REDIS_URL", None)
    log = tmp_path / "qcluster.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"], cwd=ROOT, env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: the cluster's processes only
        process.wait()
    connection.close()


def wait_until_issued(*, email: str, title: str, cluster, timeout: float = 90
                      ) -> Certificate:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(recipient__email=email, title=title,
                                                 status="issued").first()
        if certificate is not None:
            return certificate
        assert cluster.poll() is None, "qcluster stopped"
        time.sleep(0.25)  # the worker runs in another process; polled until the deadline
    pytest.fail(f"the worker did not issue the certificate within {timeout:.0f} s")


def test_learner_completes_worker_issues_learner_downloads_visitor_verifies(
        live_server, page, browser, assert_accessible, qcluster):
    call_command("seed_demo", stdout=io.StringIO())
    site = live_server.url
    page.goto(site + "/konto/anmelden/")
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("lernende@demo.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")

    page.goto(site + "/kurse/datenschutz-grundlagen/")
    page.get_by_role("button", name="Jetzt einschreiben").click()
    expect(page.get_by_text("Sie sind eingeschrieben.")).to_be_visible()
    page.get_by_role("link", name="Kurs beginnen").click()
    for _lesson in range(3):
        page.get_by_role("link", name="Nächste Lektion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wissenstest")
    answer_privacy_quiz(page, correct=True)
    expect(page.get_by_text("Kurs abgeschlossen")).to_be_visible()
    assert_accessible(page)

    # Completion committed a queued certificate and its job; the worker process issues it.
    certificate = wait_until_issued(email="lernende@demo.example", title=COURSE,
                                    cluster=qcluster)

    page.get_by_role("link", name="Mein Bereich").click()
    link = page.get_by_role("link", name=f"PDF zu „{COURSE}“")
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"nachweis-{certificate.code_display}.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256

    visitor = browser.new_context()  # no session: an anonymous member of the public
    try:
        anonymous = visitor.new_page()
        anonymous.goto(site + "/nachweis/")
        assert_accessible(anonymous)
        anonymous.get_by_label("Prüfcode").fill(certificate.code_display.lower())
        anonymous.get_by_role("button", name="Prüfen").click()
        anonymous.wait_for_url(f"**/nachweis/{certificate.code_display}/")
        expect(anonymous.get_by_text("Dieser Nachweis ist gültig.")).to_be_visible()
        expect(anonymous.get_by_role("heading", name=COURSE)).to_be_visible()
        expect(anonymous.get_by_text(certificate.recipient_name).first).to_be_visible()
        assert_accessible(anonymous)
        response = anonymous.request.get(f"{site}/nachweis/{certificate.code_display}/pdf/",
                                         max_redirects=0)
        # The public verifies; only the owner downloads (login or not found, never a 500).
        assert response.status in (302, 403, 404)
    finally:
        visitor.close()


@pytest.fixture
def issued_code(jobs_queued):
    learner = User.objects.create_user(email="e2e@example.org", password="x",
                                       first_name="Łucja", last_name="Şahin")
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:e2e",
                                      snapshot=snapshot(name="Łucja Şahin"))
    certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate.code_display


def test_an_anonymous_visitor_verifies_a_code(live_server, page, assert_accessible,
                                              issued_code):
    page.goto(f"{live_server.url}/en/nachweis/")
    assert_accessible(page)
    wrong = issued_code[:-1] + ("0" if issued_code[-1] != "0" else "1")
    page.get_by_label("Verification code").fill(wrong)
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("This code contains a typo")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Verification code").fill(issued_code.lower())
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/nachweis/{issued_code}/")
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
    expect(page.get_by_text("Łucja Şahin").first).to_be_visible()
    assert_accessible(page)


def test_a_changed_pdf_is_reported_at_the_top_of_the_page(live_server, page,
                                                          assert_accessible, issued_code,
                                                          tmp_path):
    certificate = Certificate.objects.get(code=issued_code.replace("-", ""))
    with certificate.pdf.open("rb") as handle:
        altered = handle.read() + b"\n%changed"
    upload = tmp_path / "nachweis.pdf"
    upload.write_bytes(altered)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/nachweis/{issued_code}/")
    page.get_by_label("PDF file of the certificate").set_input_files(upload)
    page.get_by_role("button", name="Compare file").click()
    mismatch = page.get_by_text("The uploaded file is not the issued certificate.")
    expect(mismatch).to_be_in_viewport()
    expect(page.get_by_text("This certificate is valid.")).to_have_count(0)
    assert_accessible(page)


def test_the_owner_copies_the_verification_code_in_my_area(live_server, page,
                                                           assert_accessible, issued_code):
    learner = User.objects.get(email="e2e@example.org")
    client = Client()
    client.force_login(learner)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/en/mein-bereich/")
    expect(page.get_by_label("Verification code of", exact=False)).to_have_value(issued_code)
    page.get_by_role("button", name="Copy code").click()
    expect(page.get_by_text("Code copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == issued_code
    assert_accessible(page)
    page.get_by_role("link", name="Verification page").click()
    page.wait_for_url(f"**/nachweis/{issued_code}/")
    expect(page.get_by_text("This certificate is valid.")).to_be_visible()
