import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from accounts.models import User
from certificates.models import Certificate, CertificateStatus
from certificates.services import (
    CertificateRequest,
    certificate_batch_issue,
    certificate_correct,
    certificate_issue,
    certificate_request,
    certificate_revoke,
    certificate_transition,
)
from tests.factories import snapshot

S = CertificateStatus


def en(path: str) -> str:
    # Text assertions use the English interface; German strings come from locale/ later.
    return "/en" + path


def en_date(value) -> str:
    with translation.override("en"):
        return formats.date_format(value, "DATE_FORMAT")


def pdf_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_verification_form_redirects_a_valid_code_to_its_page(client, issued):
    typed = issued.code_display.lower().replace("-", " ")
    response = client.get("/nachweis/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/nachweis/{issued.code_display}/"


@pytest.mark.django_db
def test_a_valid_certificate_shows_status_and_only_what_is_needed(client, issued):
    response = client.get(en(f"/nachweis/{issued.code_display}/"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid." in html
    for shown in ("Ayşe Öztürk", "Datenschutz im Büro", "2026.1", "4.5 hours", "bestanden",
                  "Thüringer Ministerium für Digitales und Infrastruktur",
                  en_date(issued.completed_on)):
        assert shown in html
    assert "ayse@example.org" not in html
    assert issued.pdf_sha256 not in html


@pytest.mark.django_db
def test_the_german_page_answers_at_the_german_address(client, issued):
    response = client.get(f"/nachweis/{issued.code}/")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


@pytest.mark.django_db
def test_a_revoked_certificate_shows_date_and_reason_at_once(client, issued):
    certificate_revoke(certificate=issued, actor=None, reason="Täuschungsversuch festgestellt")
    html = client.get(en(f"/nachweis/{issued.code_display}/")).content.decode()
    assert "This certificate has been revoked." in html
    assert "Täuschungsversuch festgestellt" in html
    assert f"Revoked on {en_date(timezone.localdate())}." in html
    assert "is valid" not in html


@pytest.mark.django_db
def test_an_expired_certificate_says_so(client, issued):
    Certificate.objects.filter(pk=issued.pk).update(valid_until=datetime.date(2026, 1, 31))
    html = client.get(en(f"/nachweis/{issued.code_display}/")).content.decode()
    assert "This certificate has expired." in html
    assert f"It was valid until {en_date(datetime.date(2026, 1, 31))}." in html


@pytest.mark.django_db
def test_a_superseded_certificate_points_to_the_current_version(client, issued, enqueued):
    corrected = certificate_correct(certificate=issued, snapshot=snapshot(name="Ayşe Yıldız"),
                                    actor=None, reason="Name geändert")
    html = client.get(en(f"/nachweis/{issued.code_display}/")).content.decode()
    assert "superseded by a corrected version" in html
    assert "The corrected version is being issued." in html
    certificate_issue(certificate_id=corrected.pk)
    html = client.get(en(f"/nachweis/{issued.code_display}/")).content.decode()
    assert f'href="/en/nachweis/{corrected.code_display}/"' in html


@pytest.mark.django_db
def test_unknown_and_unissued_codes_get_a_plain_not_found(client, learner, enqueued):
    from certificates.codes import code_display, code_generate

    response = client.get(en(f"/nachweis/{code_display(code_generate())}/"))
    assert response.status_code == 404
    assert "No certificate has this code." in response.content.decode()
    queued = certificate_request(recipient=learner, kind="course", achievement_key="c:q",
                                 snapshot=snapshot())
    response = client.get(en(f"/nachweis/{queued.code_display}/"))
    assert response.status_code == 404
    assert "Ayşe" not in response.content.decode()


@pytest.mark.django_db
def test_a_typo_is_caught_by_the_check_character_before_any_lookup(client, issued):
    code = issued.code
    wrong = code[:3] + ("1" if code[3] != "1" else "2") + code[4:]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(en("/nachweis/"), {"code": wrong})
    assert response.status_code == 400
    assert "This code contains a typo" in response.content.decode()
    assert not any("certificates_certificate" in q["sql"] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(en(f"/nachweis/{wrong}/"))
    assert response.status_code == 404
    assert "This code contains a typo" in response.content.decode()
    assert not any("certificates_certificate" in q["sql"] for q in queries.captured_queries)
    response = client.get(en("/nachweis/"), {"code": "ABC"})
    assert "A verification code has 16 letters and digits" in response.content.decode()


@pytest.mark.django_db
def test_lookups_are_rate_limited_per_client(client, issued, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    url = en(f"/nachweis/{issued.code_display}/")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert "Please wait a minute" in response.content.decode()
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get(en("/nachweis/")).status_code == 200  # the empty form is not a lookup


@pytest.mark.django_db
def test_upload_says_whether_the_file_is_the_issued_one(client, issued):
    url = en(f"/nachweis/{issued.code_display}/")
    original = pdf_bytes(issued)
    html = client.post(url, {"pdf": SimpleUploadedFile("n.pdf", original)}).content.decode()
    assert "The file is identical to the issued certificate." in html
    altered = original.replace(b"Ay", b"Ax", 1) if b"Ay" in original else original + b"\n%x"
    html = client.post(url, {"pdf": SimpleUploadedFile("n.pdf", altered)}).content.decode()
    assert "The file is not identical to the issued certificate." in html


@pytest.mark.django_db
def test_upload_refuses_files_that_are_not_pdfs_or_too_large(client, issued, settings):
    url = en(f"/nachweis/{issued.code_display}/")
    fake = SimpleUploadedFile("certificate.pdf", b"<html>not a pdf</html>")
    html = client.post(url, {"pdf": fake}).content.decode()
    assert "This file is not a PDF." in html
    assert "identical" not in html
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    html = client.post(url, {"pdf": big}).content.decode()
    assert "The file is larger than 1 MB." in html


@pytest.mark.django_db
def test_the_owner_lists_and_downloads_their_certificates(client, issued):
    client.force_login(issued.recipient)
    html = client.get(en("/nachweis/meine/")).content.decode()
    assert "Datenschutz im Büro" in html and issued.code_display in html
    response = client.get(f"/nachweis/{issued.code_display}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes(issued)


@pytest.mark.django_db
def test_nobody_else_downloads_a_private_pdf(client, issued, other_learner):
    url = f"/nachweis/{issued.code_display}/pdf/"
    response = client.get(url)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    assert issued.code_display not in client.get(en("/nachweis/meine/")).content.decode()


@pytest.mark.django_db
def test_coordinators_with_the_permission_download_any_pdf(client, issued, other_learner):
    other_learner.user_permissions.add(Permission.objects.get(
        content_type__app_label="certificates", codename="view_certificate"))
    client.force_login(User.objects.get(pk=other_learner.pk))
    assert client.get(f"/nachweis/{issued.code_display}/pdf/").status_code == 200


@pytest.mark.django_db
def test_the_owner_cannot_download_a_revoked_certificate(client, issued):
    certificate_revoke(certificate=issued, actor=None, reason="Fehler")
    client.force_login(issued.recipient)
    assert client.get(f"/nachweis/{issued.code_display}/pdf/").status_code == 404


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser(email="admin@example.org", password="x")


@pytest.mark.django_db
def test_coordinators_see_certificates_in_the_admin_and_revoke_with_a_reason(
        client, issued, admin_user):
    client.force_login(admin_user)
    listing = client.get("/admin/certificates/certificate/")
    assert listing.status_code == 200
    assert "Ayşe Öztürk" in listing.content.decode()
    assert client.get(f"/admin/certificates/certificate/edit/{issued.pk}/").status_code in (
        302, 403)
    url = f"/admin/certificates-actions/{issued.pk}/revoke/"
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    issued.refresh_from_db()
    assert issued.status == S.ISSUED
    client.post(url, {"reason": "Kurs nicht vollständig besucht"})
    issued.refresh_from_db()
    assert issued.status == S.REVOKED
    assert issued.events.last().actor == admin_user


@pytest.mark.django_db
def test_coordinators_retry_failed_certificates(client, learner, admin_user, enqueued,
                                                django_capture_on_commit_callbacks):
    certificate = certificate_request(recipient=learner, kind="course", achievement_key="c:f",
                                      snapshot=snapshot())
    certificate_transition(certificate=certificate, to_status=S.FAILED, reason="boom")
    client.force_login(admin_user)
    assert client.get(f"/admin/certificates-actions/{certificate.pk}/retry/").status_code == 200
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/certificates-actions/{certificate.pk}/retry/")
    certificate.refresh_from_db()
    assert certificate.status == S.QUEUED
    assert enqueued == [("certificates.tasks.certificate_render_task", (certificate.pk,))]


@pytest.mark.django_db
def test_learners_cannot_use_admin_actions(client, issued, other_learner):
    client.force_login(other_learner)
    response = client.post(f"/admin/certificates-actions/{issued.pk}/revoke/", {"reason": "x"})
    assert response.status_code in (302, 403)
    issued.refresh_from_db()
    assert issued.status == S.ISSUED


@pytest.mark.django_db
def test_batch_page_shows_progress_and_offers_the_zip_when_done(
        client, learner, other_learner, template, admin_user, enqueued):
    batch = certificate_batch_issue(requests=[
        CertificateRequest(recipient=user, kind="course", achievement_key="course:5",
                           snapshot=snapshot(name=user.get_full_name()), template=template)
        for user in (learner, other_learner)], actor=admin_user, label="Kohorte März")
    client.force_login(admin_user)
    url = f"/admin/certificates-actions/batch/{batch.pk}/"
    html = client.get(url).content.decode()
    assert 'data-count="remaining">2<' in html and "ZIP" not in html
    for certificate in batch.certificates.all():
        certificate_issue(certificate_id=certificate.pk)
    html = client.get(url).content.decode()
    assert 'data-count="done">2<' in html and 'data-count="remaining">0<' in html
    response = client.get(f"{url}zip/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == 2
    assert all(archive.read(name).startswith(b"%PDF-") for name in archive.namelist())
    assert client.get("/admin/certificates/batch/").status_code == 200
