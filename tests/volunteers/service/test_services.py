"""The service year's writes: planning, the agreement and its signatures, start, extension,
early termination, leave, and the Bescheinigung at the end."""

import datetime
import hashlib
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate, CertificateKind
from tests.factories import PDF
from tests.volunteers.seminar_days.helpers import make_group, make_seminar
from volunteers.exceptions import InvalidDocument, NotAllowed
from volunteers.models import AbsenceKind, Party, SeminarAttendance, Service, ServiceStatus
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.exceptions import (
    AgreementIncomplete,
    ServiceError,
    ServiceRuleBroken,
    SignatureRefused,
)
from volunteers.service.selectors import service_leave_balance
from volunteers.service.services import (
    absence_record,
    interruption_record,
    service_create,
    service_end,
    service_extend,
    service_start,
    service_terminate,
)
from volunteers.service.tasks import service_certificate_task

D = datetime.date
S = ServiceStatus
pytestmark = pytest.mark.django_db


def planned(accepted, coordinator, **kwargs):
    kwargs.setdefault("pocket_money", Decimal("450"))
    return service_create(application=accepted, actor=coordinator, **kwargs)


def agreed(service, coordinator, applicant, host_contact):
    agreement = agreement_generate(service=service, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=applicant)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.HOST, actor=host_contact)
    service.refresh_from_db()
    return agreement


def test_a_service_is_planned_from_the_accepted_offer(accepted, coordinator):
    service = planned(accepted, coordinator)
    assert (service.start_date, service.planned_end) == (D(2027, 9, 1), D(2028, 8, 31))
    assert service.status == S.PLANNED
    assert service.leave_days_agreed == 26
    assert service.volunteer == accepted.applicant


def test_only_an_accepted_offer_gets_a_service(accepted, coordinator, applicant):
    accepted.status = "offered"
    accepted.save()
    with pytest.raises(ServiceError):
        planned(accepted, coordinator)
    with pytest.raises(NotAllowed):
        service_create(application=accepted, actor=applicant, pocket_money=Decimal(1))


def test_pocket_money_one_euro_over_the_years_cap_is_refused(accepted, coordinator):
    with translation.override("en"), pytest.raises(ServiceRuleBroken) as refused:
        planned(accepted, coordinator, pocket_money=Decimal("677"))
    assert "above the cap of 676 euros" in refused.value.message
    assert planned(accepted, coordinator, pocket_money=Decimal("676")).pk


def test_part_time_at_20_hours_is_refused_and_21_accepted(accepted, coordinator):
    with translation.override("en"), pytest.raises(ServiceRuleBroken, match="more than 20"):
        planned(accepted, coordinator, part_time=True, weekly_hours=20)
    service = planned(accepted, coordinator, part_time=True, weekly_hours=21,
                      pocket_money=Decimal("364"))  # 676 * 21 / 39 = 364.00
    assert service.part_time


def test_the_agreement_pdf_names_what_the_law_asks_and_keeps_its_hash(accepted, coordinator):
    service = planned(accepted, coordinator, benefits_in_kind="Mittagessen, Deutschlandticket")
    agreement = agreement_generate(service=service, actor=coordinator)
    data = agreement.pdf.read()
    assert hashlib.sha256(data).hexdigest() == agreement.pdf_sha256
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.split())
    for fact in ("Lea Schubert", "4. Mai 2006", "Bahnhofstraße 3, 99510 Apolda",
                 "Stadtverwaltung Apolda", "1. September 2027 bis 31. August 2028",
                 "Jugendfreiwilligendienstegesetz", "450,00 € im Monat",
                 "Mittagessen, Deutschlandticket", "26 Arbeitstage", "Vorzeitige Beendigung",
                 "Vollzeit, 39 Stunden", "Träger", "English translation"):
        assert fact in text, fact


def test_an_agreement_signed_by_two_of_three_parties_does_not_let_the_service_start(
        accepted, coordinator, applicant, host_contact):
    service = planned(accepted, coordinator)
    agreement = agreement_generate(service=service, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=applicant)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    service.refresh_from_db()
    assert service.status == S.PLANNED
    with pytest.raises(AgreementIncomplete):
        service_start(service=service, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.HOST, actor=host_contact)
    service.refresh_from_db()
    agreement.refresh_from_db()
    assert service.status == S.AGREED and agreement.completed_at
    service_start(service=service, actor=coordinator)
    service.refresh_from_db()
    assert service.status == S.ACTIVE


def test_each_party_signs_only_for_itself(accepted, coordinator, applicant, host_contact,
                                          other_host_contact):
    agreement = agreement_generate(service=planned(accepted, coordinator), actor=coordinator)
    for party, person in ((Party.HOST, other_host_contact), (Party.TRAEGER, applicant),
                          (Party.VOLUNTEER, host_contact), (Party.GUARDIAN, applicant)):
        with pytest.raises(SignatureRefused):
            agreement_sign(agreement=agreement, party=party, actor=person)


def test_a_minors_guardian_signs_with_an_uploaded_scan(minor, coordinator, host_contact,
                                                       other_host_contact):
    service = planned(minor, coordinator)
    agreement = agreement_generate(service=service, actor=coordinator)
    assert agreement.guardian_required
    volunteer = minor.applicant
    with pytest.raises(SignatureRefused):  # no confirmation in the app for the guardian
        agreement_sign(agreement=agreement, party=Party.GUARDIAN, actor=volunteer)
    polyglot = SimpleUploadedFile("unterschrift.pdf", PDF + b"<script>alert(1)</script>")
    with pytest.raises(InvalidDocument):
        agreement_sign(agreement=agreement, party=Party.GUARDIAN, actor=volunteer,
                       scan=polyglot)
    signature = agreement_sign(agreement=agreement, party=Party.GUARDIAN, actor=volunteer,
                               scan=SimpleUploadedFile("unterschrift.pdf", PDF))
    assert signature.signer_name == "Katrin Wagner"
    assert signature.scan_sha256 == hashlib.sha256(PDF).hexdigest()
    assert signature.method == "scan" and signature.scan.storage.exists(signature.scan.name)
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=volunteer)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.HOST, actor=other_host_contact)
    service.refresh_from_db()
    assert service.status == S.AGREED


def test_a_new_version_replaces_the_old_and_its_signatures(accepted, coordinator, applicant):
    service = planned(accepted, coordinator)
    first = agreement_generate(service=service, actor=coordinator)
    agreement_sign(agreement=first, party=Party.VOLUNTEER, actor=applicant)
    second = agreement_generate(service=service, actor=coordinator)
    first.refresh_from_db()
    assert first.superseded_at and second.number == 2 and not second.signatures.exists()
    assert first.pdf.storage.exists(first.pdf.name)  # every version stays stored
    with pytest.raises(ServiceError):
        agreement_sign(agreement=first, party=Party.TRAEGER, actor=coordinator)


def test_extension_up_to_18_months_and_not_beyond(accepted, coordinator, applicant,
                                                  host_contact):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_extend(service=service, actor=coordinator, new_end=D(2029, 2, 28))
    service.refresh_from_db()
    assert service.planned_end == D(2029, 2, 28)
    with pytest.raises(ServiceRuleBroken):
        service_extend(service=service, actor=coordinator, new_end=D(2029, 3, 31))


def test_early_termination_records_date_reason_and_party(accepted, coordinator, applicant,
                                                         host_contact, jobs):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_start(service=service, actor=coordinator)
    service = service_terminate(service=service, actor=coordinator, last_day=D(2028, 1, 31),
                                reason="Ausbildungsplatz gefunden", by=Party.VOLUNTEER)
    assert (service.status, service.actual_end, service.terminated_by) == (
        S.TERMINATED, D(2028, 1, 31), Party.VOLUNTEER)


def test_early_termination_on_the_last_day_is_an_ordinary_end(
        accepted, coordinator, applicant, host_contact, jobs, django_capture_on_commit_callbacks):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_start(service=service, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        service = service_terminate(service=service, actor=coordinator,
                                    last_day=D(2028, 8, 31), reason="Ende", by=Party.HOST)
    assert service.status == S.ENDED and service.terminated_by == ""
    certificate = Certificate.objects.get(recipient=applicant)
    assert "1. September 2027 bis 31. August 2028 (12 Monate)" in certificate.result


def test_leave_is_recorded_by_the_host_within_the_entitlement(accepted, coordinator,
                                                              applicant, host_contact,
                                                              other_host_contact):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_start(service=service, actor=coordinator)
    absence_record(service=service, actor=host_contact, kind=AbsenceKind.LEAVE,
                   first_day=D(2027, 12, 20), last_day=D(2027, 12, 31), days=Decimal(8))
    absence_record(service=service, actor=host_contact, kind=AbsenceKind.SICK,
                   first_day=D(2028, 1, 10), last_day=D(2028, 1, 11), days=Decimal(2))
    balance = service_leave_balance(service=service)
    assert (balance.entitlement, balance.taken, balance.remaining, balance.sick) == (
        26, 8, 18, 2)
    with pytest.raises(ServiceRuleBroken):
        absence_record(service=service, actor=host_contact, kind=AbsenceKind.LEAVE,
                       first_day=D(2028, 7, 1), last_day=D(2028, 7, 31), days=Decimal(19))
    with pytest.raises(NotAllowed):
        absence_record(service=service, actor=other_host_contact, kind=AbsenceKind.SICK,
                       first_day=D(2028, 2, 1), last_day=D(2028, 2, 1), days=Decimal(1))


def test_seminar_days_on_days_off_add_replacement_days_to_the_leave(
        accepted, coordinator, applicant, host_contact, client):
    """A seminar on a day off earns as many replacement days off (DOMAIN: seminar days);
    the host records them like leave, so they raise what may be recorded."""
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_start(service=service, actor=coordinator)
    group = make_group(service.programme_year, service)
    seminar = make_seminar(service.programme_year, group, D(2027, 10, 13), D(2027, 10, 17))
    for day, status in ((D(2027, 10, 13), "present"), (D(2027, 10, 16), "present"),
                        (D(2027, 10, 17), "absent")):  # Wednesday, Saturday, Sunday
        SeminarAttendance.objects.create(seminar=seminar, day=day, service=service,
                                         status=status)
    absence_record(service=service, actor=host_contact, kind=AbsenceKind.LEAVE,
                   first_day=D(2027, 12, 20), last_day=D(2027, 12, 31), days=Decimal(8))
    balance = service_leave_balance(service=service)
    assert (balance.entitlement, balance.replacement, balance.days_off, balance.remaining) == (
        26, 1, 27, 19)
    absence_record(service=service, actor=host_contact, kind=AbsenceKind.LEAVE,
                   first_day=D(2028, 7, 1), last_day=D(2028, 7, 31), days=Decimal(19))
    with pytest.raises(ServiceRuleBroken):
        absence_record(service=service, actor=host_contact, kind=AbsenceKind.LEAVE,
                       first_day=D(2028, 8, 1), last_day=D(2028, 8, 1), days=Decimal(1))
    client.force_login(applicant)
    page = client.get("/en/mein-bereich/").content.decode()
    assert "Leave left: 0 of 27 days." in page
    assert "1 replacement day off for a seminar day on a day off; the leave is 26 days" in page


def test_the_end_issues_one_bescheinigung_however_often_it_is_requested(
        accepted, coordinator, applicant, host_contact, jobs, django_capture_on_commit_callbacks,
        client):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    service_start(service=service, actor=coordinator)
    with pytest.raises(ServiceError):  # its last day has not come yet
        service_end(service=service, actor=coordinator)
    Service.objects.filter(pk=service.pk).update(  # a service that has run its course
        start_date=D(2025, 1, 1), planned_end=D(2025, 12, 31))
    with django_capture_on_commit_callbacks(execute=True):
        service_end(service=service, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        service_certificate_task(service.pk)
        service_certificate_task(service.pk)
    certificate = Certificate.objects.get(recipient=applicant)
    service.refresh_from_db()
    assert service.certificate == certificate
    assert certificate.kind == CertificateKind.VOLUNTEER_SERVICE
    assert certificate.status == "issued"
    assert "Einsatzstelle: Stadtverwaltung Apolda" in certificate.result
    assert "Träger des Freiwilligen Digitalen Jahres" in certificate.issuer_name
    response = client.get(f"/en/nachweis/{certificate.code}/")
    assert response.status_code == 200
    assert "Lea Schubert" in response.content.decode()


def test_a_template_version_used_by_an_agreement_keeps_its_text(accepted, coordinator):
    agreement = agreement_generate(service=planned(accepted, coordinator), actor=coordinator)
    template = agreement.template
    template.active = False
    template.full_clean()  # taking it out of use is fine
    template.text_de += "\n\n§ 8 Neu."
    with translation.override("en"), pytest.raises(ValidationError, match="new version"):
        template.full_clean()


def test_interruptions_lie_within_the_running_service(accepted, coordinator, applicant,
                                                      host_contact):
    service = planned(accepted, coordinator)
    agreed(service, coordinator, applicant, host_contact)
    with pytest.raises(ServiceError):  # not yet running
        interruption_record(service=service, actor=coordinator, first_day=D(2027, 11, 1),
                            last_day=D(2027, 11, 30), reason="Elternzeit")
    service_start(service=service, actor=coordinator)
    interruption_record(service=service, actor=coordinator, first_day=D(2027, 11, 1),
                        last_day=D(2027, 11, 30), reason="Elternzeit")
    with pytest.raises(ServiceRuleBroken):
        interruption_record(service=service, actor=coordinator, first_day=D(2028, 8, 1),
                            last_day=D(2028, 9, 30), reason="Reha")
    assert list(service.interruptions.values_list("reason", flat=True)) == ["Elternzeit"]
    assert service.events.filter(kind="interruption").count() == 1
