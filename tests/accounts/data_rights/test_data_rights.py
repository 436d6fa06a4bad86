"""Data rights: the export ZIP, account deletion (self and by a coordinator), retention."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.audit import ACCOUNT_ERASURE
from accounts.data_rights.models import AccountErasure, DataExport, InactivityWarning
from accounts.data_rights.registry import data_rights_contributors
from accounts.data_rights.services import (
    ErasureRefused,
    account_erase,
    export_request,
    exports_expire,
    inactive_accounts_process,
    registrations_unconfirmed_erase,
    retention_run,
)
from accounts.data_rights.tasks import DAILY_SCHEDULE_NAME, daily_schedule_ensure
from accounts.data_rights.wagtail_hooks import user_listing_erase_button
from accounts.demo import DEMO_PASSWORD
from accounts.models import PendingRegistration, User
from accounts.roles import Role
from certificates.models import Certificate
from courses.models import Enrolment
from tests.factories import role_user
from volunteers.models import Application, ApplicationDocument

LEARNER = "lernende@demo.example"
VOLUNTEER = "freiwillige@demo.example"


def login(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def build_export(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/konto/meine-daten/export/")
    assert response.status_code == 302
    return response


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_every_app_with_personal_data_contributes():
    assert {c.key for c in data_rights_contributors()} >= {"courses", "volunteers",
                                                          "certificates"}


def test_learner_export_holds_account_courses_and_certificate_pdfs(
        demo, jobs_inline, django_capture_on_commit_callbacks):
    client = login(LEARNER)
    page = client.get("/en/konto/meine-daten/")
    assert page.status_code == 200 and b"Request my data" in page.content
    build_export(client, django_capture_on_commit_callbacks)
    build_export(client, django_capture_on_commit_callbacks)  # double submit
    user = User.objects.get(email=LEARNER)
    export = DataExport.objects.get(user=user)  # one request
    assert export.state == "ready"
    assert export.expires_at - export.ready_at == timedelta(days=7)
    # one mail (in the learner's language, German) with the link to the download page
    assert [m.to for m in mail.outbox if "/konto/meine-daten/" in m.body] == [[LEARNER]]

    response = client.get(f"/en/konto/meine-daten/export/{export.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zip_of(response)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == LEARNER
    assert data["account"]["org_unit"]["code"] == "th-tlrz-it-sicherheit"
    assert data["account"]["supervisor"]
    titles = {e["course_title"] for e in data["courses"]["enrolments"]}
    assert titles == set(Enrolment.objects.filter(learner=user)
                         .values_list("course_title", flat=True))
    certificates = Certificate.objects.filter(recipient=user, status="issued")
    assert certificates.exists()
    assert len(data["certificates"]["certificates"]) == \
        Certificate.objects.filter(recipient=user).count()
    pdfs = [n for n in archive.namelist() if n.startswith("files/certificates/")]
    assert len(pdfs) == certificates.count()
    assert all(archive.read(name).startswith(b"%PDF") for name in pdfs)


def test_export_download_only_for_its_owner_and_only_logged_in(
        demo, jobs_inline, django_capture_on_commit_callbacks):
    user = User.objects.get(email=LEARNER)
    with django_capture_on_commit_callbacks(execute=True):
        export, created = export_request(user=user)
    assert created
    url = f"/en/konto/meine-daten/export/{export.pk}/"
    assert Client().get(url).status_code == 302  # to the login
    assert login(VOLUNTEER).get(url).status_code == 404
    assert login(LEARNER).get(url).status_code == 200


def test_volunteer_export_holds_applications_and_their_documents(
        demo, jobs_inline, django_capture_on_commit_callbacks):
    applicant = ApplicationDocument.objects.order_by("pk").first().application.applicant
    client = login(applicant.email)
    build_export(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=applicant)
    archive = zip_of(client.get(f"/en/konto/meine-daten/export/{export.pk}/"))
    data = json.loads(archive.read("data.json"))
    applications = data["volunteers"]["applications"]
    assert applications and applications[0]["preferences"]
    documents = [d for a in applications for d in a["documents"]]
    assert documents
    assert ApplicationDocument.objects.filter(application__applicant=applicant).count() \
        == len(documents)
    for document in documents:
        assert archive.read(document["file"]).startswith(b"%PDF")


def test_expired_export_answers_410_and_the_retention_job_deletes_its_file(
        demo, jobs_inline, django_capture_on_commit_callbacks):
    client = login(LEARNER)
    build_export(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user__email=LEARNER)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    later = timezone.now() + timedelta(days=7, minutes=1)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    response = client.get(f"/en/konto/meine-daten/export/{export.pk}/")
    assert response.status_code == 410
    assert b"expired" in response.content
    assert exports_expire(now=later) == 1
    assert exports_expire(now=later) == 0  # idempotent
    assert not storage.exists(name)
    assert client.get(f"/en/konto/meine-daten/export/{export.pk}/").status_code == 410


def test_self_deletion_needs_the_password(demo):
    client = login(LEARNER)
    page = client.get("/en/konto/meine-daten/loeschen/")
    assert page.status_code == 200 and b"What is kept" in page.content
    response = client.post("/en/konto/meine-daten/loeschen/", {"password": "falsch"})
    assert response.status_code == 200
    assert b"password is not correct" in response.content
    assert User.objects.get(email=LEARNER).is_active


def test_self_deletion_erases_keeps_certificates_verifiable_and_says_why(
        demo, django_capture_on_commit_callbacks):
    user = User.objects.get(email=LEARNER)
    certificate = Certificate.objects.filter(recipient=user, status="issued").first()
    name_on_it = certificate.recipient_name
    client = login(LEARNER)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/konto/meine-daten/loeschen/",
                               {"password": DEMO_PASSWORD})
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert b"certificates" in done.content and b"stay verifiable" in done.content

    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@invalid.invalid")
    assert (user.first_name, user.last_name, user.display_name) == ("", "", "")
    assert user.home_unit is None and user.supervisor is None
    assert not user.groups.exists()
    assert not Enrolment.objects.filter(learner=user).exists()
    assert Certificate.objects.filter(recipient=user).count() >= 1
    verify = Client().get(f"/en/nachweis/{certificate.code_display}/")
    assert verify.status_code == 200 and name_on_it.encode() in verify.content
    assert not User.objects.filter(email=LEARNER).exists()
    assert client.get("/en/konto/meine-daten/").status_code == 302  # logged out
    erasure = AccountErasure.objects.get(user=user)
    assert erasure.via == "self" and erasure.kept
    assert ModelLogEntry.objects.filter(action=ACCOUNT_ERASURE,
                                        object_id=str(user.pk)).exists()


def test_volunteer_deletion_erases_applications_and_document_files(
        demo, django_capture_on_commit_callbacks):
    user = ApplicationDocument.objects.order_by("pk").first().application.applicant
    documents = list(ApplicationDocument.objects.filter(application__applicant=user))
    assert documents
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=user, actor=user, via="self")
    assert not Application.objects.filter(applicant=user).exists()
    for document in documents:
        assert not document.file.storage.exists(document.file.name)


def test_coordinator_deletes_on_request_with_reason_within_scope(
        demo, django_capture_on_commit_callbacks):
    coordinator = User.objects.get(email="koordination@demo.example")
    person = User.objects.get(email=VOLUNTEER)
    client = Client()
    client.force_login(coordinator)
    url = reverse("data_rights_admin:erase", args=[person.pk])
    buttons = user_listing_erase_button(user=person, request_user=coordinator)
    assert [button.url for button in buttons] == [url]
    assert user_listing_erase_button(
        user=User.objects.get(email="admin@demo.example"), request_user=coordinator) == []
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and User.objects.get(pk=person.pk).is_active
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Brief vom 3. März"})
    assert response.status_code == 302
    erasure = AccountErasure.objects.get(user=person)
    assert erasure.via == "coordinator" and erasure.requested_by == coordinator
    assert erasure.reason == "Brief vom 3. März"
    assert not User.objects.get(pk=person.pk).is_active


def test_coordinator_never_deletes_a_superuser_or_outside_scope(demo):
    coordinator = User.objects.get(email="koordination@demo.example")
    admin = User.objects.get(email="admin@demo.example")
    client = Client()
    client.force_login(coordinator)
    assert client.get(reverse("data_rights_admin:erase", args=[admin.pk])).status_code in (
        302, 403)  # Wagtail turns a refusal into a redirect with a message
    with pytest.raises(ErasureRefused):
        account_erase(user=admin, actor=coordinator, via="coordinator", reason="x")
    with pytest.raises(ErasureRefused):
        account_erase(user=admin, actor=admin, via="self")
    person = User.objects.get(email=LEARNER)
    coordinator.scope_units.set([User.objects.get(email=VOLUNTEER).home_unit or
                                 User.objects.get(email="einsatzstelle@demo.example")
                                 .home_unit])
    response = client.get(reverse("data_rights_admin:erase", args=[person.pk]))
    assert response.status_code in (302, 403)
    with pytest.raises(ErasureRefused):
        account_erase(user=person, actor=coordinator, via="coordinator", reason="Brief")


@pytest.mark.django_db
def test_unconfirmed_registrations_go_after_seven_days():
    now = timezone.now()
    old = User.objects.create_user(email="alt@example.org", is_active=False,
                                   registration_pending=True)
    User.objects.filter(pk=old.pk).update(date_joined=now - timedelta(days=8))
    PendingRegistration.objects.create(user=old, password="x", first_name="A", last_name="B",
                                       created_at=now - timedelta(days=8))
    fresh = User.objects.create_user(email="neu@example.org", is_active=False,
                                     registration_pending=True)
    PendingRegistration.objects.create(user=fresh, password="x", first_name="C",
                                       last_name="D")
    assert registrations_unconfirmed_erase(now=now) == 1
    assert registrations_unconfirmed_erase(now=now) == 0
    assert not User.objects.filter(pk=old.pk).exists()
    assert User.objects.filter(pk=fresh.pk).exists()
    assert PendingRegistration.objects.filter(user=fresh).count() == 1


@pytest.mark.django_db
def test_inactive_self_registered_accounts_are_warned_once_then_erased(
        settings, jobs_inline, django_capture_on_commit_callbacks):
    settings.INACTIVE_ACCOUNT_RETENTION_DAYS = 730
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = 30
    now = timezone.now()
    idle = role_user("idle@example.org", Role.VOLUNTEER, first_name="Ida")
    staff = role_user("staff@example.org", Role.LEARNER)
    recent = role_user("recent@example.org", Role.VOLUNTEER)
    long_ago = now - timedelta(days=720)
    User.objects.filter(pk__in=[idle.pk, staff.pk]).update(last_login=long_ago)
    User.objects.filter(pk=recent.pk).update(last_login=now - timedelta(days=10))

    with django_capture_on_commit_callbacks(execute=True):
        assert inactive_accounts_process(now=now) == {"warned": 1, "erased": 0}
    assert [m.to for m in mail.outbox] == [["idle@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert inactive_accounts_process(now=now + timedelta(days=1)) == \
            {"warned": 0, "erased": 0}
    assert len(mail.outbox) == 1  # sent once
    assert InactivityWarning.objects.get().user == idle

    later = now + timedelta(days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert inactive_accounts_process(now=later) == {"warned": 0, "erased": 1}
        assert inactive_accounts_process(now=later) == {"warned": 0, "erased": 0}
    idle.refresh_from_db()
    assert not idle.is_active and idle.first_name == ""
    assert AccountErasure.objects.get(user=idle).via == "retention"
    staff.refresh_from_db()
    assert staff.is_active  # staff accounts are the administration's, not ours to drop


@pytest.mark.django_db
def test_a_login_after_the_warning_voids_it(jobs_inline, django_capture_on_commit_callbacks):
    now = timezone.now()
    idle = role_user("idle@example.org", Role.VOLUNTEER)
    User.objects.filter(pk=idle.pk).update(last_login=now - timedelta(days=720))
    with django_capture_on_commit_callbacks(execute=True):
        inactive_accounts_process(now=now)
    User.objects.filter(pk=idle.pk).update(last_login=now + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert inactive_accounts_process(now=now + timedelta(days=40)) == \
            {"warned": 0, "erased": 0}
    assert User.objects.get(pk=idle.pk).is_active


@pytest.mark.django_db
def test_retention_run_counts_and_is_scheduled_daily(caplog):
    with caplog.at_level("INFO", logger="accounts.data_rights.services"):
        counts = retention_run()
    assert counts == {"unconfirmed_registrations": 0, "inactive_warned": 0,
                      "inactive_erased": 0, "exports_expired": 0}
    assert "data retention" in caplog.text
    from django_q.models import Schedule
    daily_schedule_ensure()
    daily_schedule_ensure()
    schedule = Schedule.objects.get(name=DAILY_SCHEDULE_NAME)
    assert schedule.schedule_type == "D"
    assert schedule.func == "accounts.data_rights.tasks.retention_daily_task"


def test_dashboard_links_to_my_data(demo):
    response = login(LEARNER).get("/en/mein-bereich/")
    assert reverse("accounts:data_rights").encode() in response.content
    assert Group.objects.exists()


def test_privacy_page_states_the_periods_the_code_applies(demo, settings):
    text = Client().get("/datenschutz/").content.decode()
    assert f"{settings.INACTIVE_ACCOUNT_RETENTION_DAYS} Tage lang nicht genutzt" in text
    assert f"{settings.INACTIVE_ACCOUNT_WARNING_DAYS} Tage vorher" in text
    assert f"{settings.DATA_EXPORT_VALID_DAYS} Tage nach ihrer Erstellung" in text
    assert "/konto/meine-daten/" in text
    assert "anonymisiert" not in text  # nothing promised that the code does not do
