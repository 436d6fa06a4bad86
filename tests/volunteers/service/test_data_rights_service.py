"""Data rights of the service year: the export holds the service with its files; an
erasure keeps what the law requires for its period (and says so) and deletes the rest,
files included."""

import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings

from accounts.data_rights.services import account_erase, export_zip_build
from tests.factories import PDF
from volunteers.models import (
    Absence,
    AbsenceKind,
    Application,
    Party,
    Seminar,
    SeminarAttendance,
    SeminarGroup,
    Service,
    Zeugnis,
)
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.services import absence_record, service_create, service_start
from volunteers.service.zeugnis import zeugnis_request

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def service(accepted, coordinator, applicant, host_contact, year):
    Application.objects.filter(pk=accepted.pk).update(motivation="Weil ich es will.",
                                                      phone="0361 123456")
    service = service_create(application=accepted, actor=coordinator,
                             pocket_money=Decimal("450"))
    agreement = agreement_generate(service=service, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=applicant)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.HOST, actor=coordinator,
                   scan=SimpleUploadedFile("einsatzstelle.pdf", PDF))
    service = service_start(service=service, actor=coordinator)
    absence_record(service=service, actor=host_contact, kind=AbsenceKind.SICK,
                   first_day=D(2027, 10, 4), last_day=D(2027, 10, 5), days=Decimal(2))
    group = SeminarGroup.objects.create(programme_year=year, name="Gruppe A")
    seminar = Seminar.objects.create(programme_year=year, group=group, title="Einführung",
                                     kind="interim", first_day=D(2027, 10, 11),
                                     last_day=D(2027, 10, 15), place="Erfurt")
    SeminarAttendance.objects.create(seminar=seminar, day=D(2027, 10, 11), service=service,
                                     status="present")
    zeugnis_request(service=service, actor=applicant, with_performance=False)
    return service


def _files(service):
    agreement = service.agreements.get()
    scan = agreement.signatures.get(party=Party.HOST).scan
    return [(agreement.pdf.storage, agreement.pdf.name), (scan.storage, scan.name)]


def test_the_export_holds_the_service_its_agreement_files_and_records(service, applicant):
    archive = zipfile.ZipFile(io.BytesIO(export_zip_build(user=applicant)))
    data = json.loads(archive.read("data.json"))["volunteers"]
    exported = data["services"][0]
    assert exported["start_date"] == "2027-09-01" and exported["status"] == "active"
    agreement = exported["agreements"][0]
    assert archive.read(agreement["pdf"]).startswith(b"%PDF")
    scans = [s["scan"] for s in agreement["signatures"] if s.get("scan")]
    assert len(scans) == 1 and archive.read(scans[0]).startswith(b"%PDF")
    assert {s["party"] for s in agreement["signatures"]} == {"volunteer", "traeger", "host"}
    assert exported["leave_and_sick_days"][0]["kind"] == "sick"
    assert exported["seminar_attendance"] == [
        {"seminar": str(Seminar.objects.get()), "day": "2027-10-11", "status": "present"}]
    assert exported["zeugnis"]["status"] == "requested"
    assert exported["zeugnis"]["events"][0]["to_status"] == "requested"


def test_erasure_keeps_the_records_the_law_requires_and_deletes_the_rest(
        service, applicant, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(applicant)
    page = client.get("/en/konto/meine-daten/loeschen/").content.decode()
    assert "Your service records of the Freiwilliges Digitales Jahr" in page
    assert "must keep them for 10 years" in page
    files = _files(service)
    with django_capture_on_commit_callbacks(execute=True):
        erasure = account_erase(user=applicant, actor=applicant, via="self")
    service = Service.objects.get(pk=service.pk)  # kept, with its agreement and attendance
    assert service.agreements.get().signatures.count() == 3
    assert SeminarAttendance.objects.filter(service=service).count() == 1
    for storage, name in files:
        assert storage.exists(name)
    assert not Absence.objects.filter(service=service).exists()  # sick days are gone
    assert not Zeugnis.objects.exists()
    application = service.application
    assert (application.first_name, application.date_of_birth) == ("Lea", D(2006, 5, 4))
    assert (application.motivation, application.phone, application.contact_email) == (
        "", "", "")
    assert not application.preferences.exists() and not application.events.exists()
    assert any("service records" in kept["what"] for kept in erasure.kept)


@override_settings(VOLUNTEER_SERVICE_RETENTION_YEARS=1)
def test_erasure_after_the_retention_period_deletes_the_service_and_its_files(
        service, applicant, django_capture_on_commit_callbacks):
    Service.objects.filter(pk=service.pk).update(  # ended more than a year ago
        status="ended", start_date=D(2023, 9, 1), planned_end=D(2024, 8, 31),
        actual_end=D(2024, 8, 31))
    files = _files(service)
    with django_capture_on_commit_callbacks(execute=True):
        erasure = account_erase(user=applicant, actor=applicant, via="self")
    assert not Service.objects.filter(pk=service.pk).exists()
    assert not Application.objects.filter(applicant=applicant).exists()
    assert not SeminarAttendance.objects.exists()
    for storage, name in files:
        assert not storage.exists(name)
    assert not any("service records" in kept["what"] for kept in erasure.kept)
