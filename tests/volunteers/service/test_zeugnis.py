"""The Zeugnis: the volunteer requests it, the host drafts, the coordination edits and
approves, a job issues it through `certificates`; who may do what."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate, CertificateKind
from tests.volunteers.seminar_days.helpers import english_admin
from volunteers.exceptions import NotAllowed
from volunteers.models import Party, Service, Zeugnis, ZeugnisStatus
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.exceptions import ServiceError, ServiceRuleBroken
from volunteers.service.services import service_create, service_end, service_start
from volunteers.service.zeugnis import (
    ZeugnisText,
    zeugnis_approve,
    zeugnis_draft,
    zeugnis_request,
)
from volunteers.service.zeugnis_tasks import zeugnis_issue_task

pytestmark = pytest.mark.django_db
Z = ZeugnisStatus
D = datetime.date
TEXT = ZeugnisText(tasks="Betreuung der Social-Media-Kanäle der Stadt.",
                   digital_project="Ein digitaler Stadtrundgang mit QR-Codes.",
                   skills="Projektplanung, Bildrechte, barrierefreie Texte.")
WITH_PERFORMANCE = ZeugnisText(TEXT.tasks, TEXT.digital_project, TEXT.skills,
                               performance="Stets zu unserer vollsten Zufriedenheit.",
                               conduct="Vorbildlich gegenüber allen.")


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def service(accepted, coordinator, applicant, host_contact):
    service = service_create(application=accepted, actor=coordinator,
                             pocket_money=Decimal("450"))
    agreement = agreement_generate(service=service, actor=coordinator)
    for party, actor in ((Party.VOLUNTEER, applicant), (Party.TRAEGER, coordinator),
                         (Party.HOST, host_contact)):
        agreement_sign(agreement=agreement, party=party, actor=actor)
    return service_start(service=service, actor=coordinator)


def ended(service, coordinator):
    Service.objects.filter(pk=service.pk).update(start_date=D(2025, 9, 1),
                                                 planned_end=D(2026, 8, 31))
    return service_end(service=service, actor=coordinator)


def test_requested_twice_is_one_zeugnis_and_performance_can_be_added(service, applicant):
    first = zeugnis_request(service=service, actor=applicant, with_performance=False)
    second = zeugnis_request(service=service, actor=applicant, with_performance=True)
    assert first.pk == second.pk and Zeugnis.objects.count() == 1
    assert second.with_performance and second.status == Z.REQUESTED
    assert list(second.events.values_list("to_status", flat=True)) == [Z.REQUESTED]


def test_only_the_volunteer_requests_and_only_once_the_service_has_begun(
        accepted, service, applicant, other_applicant, host_contact):
    with pytest.raises(NotAllowed):
        zeugnis_request(service=service, actor=host_contact, with_performance=False)
    with pytest.raises(NotAllowed):
        zeugnis_request(service=service, actor=other_applicant, with_performance=False)
    Service.objects.filter(pk=service.pk).update(status="planned")
    with pytest.raises(ServiceError):
        zeugnis_request(service=service, actor=applicant, with_performance=False)
    assert not Zeugnis.objects.exists()


def test_the_whole_way_to_an_issued_verifiable_zeugnis(
        service, coordinator, applicant, host_contact, jobs, django_capture_on_commit_callbacks,
        client):
    ended(service, coordinator)
    zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=True)
    with pytest.raises(ServiceRuleBroken):  # asked for performance and conduct: both needed
        zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=TEXT)
    zeugnis = zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=WITH_PERFORMANCE)
    assert zeugnis.status == Z.DRAFTED and zeugnis.drafted_by == host_contact
    edited = ZeugnisText(WITH_PERFORMANCE.tasks, WITH_PERFORMANCE.digital_project,
                         "Projektplanung und Moderation.", WITH_PERFORMANCE.performance,
                         WITH_PERFORMANCE.conduct)
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis = zeugnis_approve(zeugnis=zeugnis, actor=coordinator, text=edited)
    zeugnis.refresh_from_db()
    assert zeugnis.status == Z.ISSUED and zeugnis.approved_by == coordinator
    certificate = zeugnis.certificate
    assert certificate.kind == CertificateKind.ZEUGNIS and certificate.status == "issued"
    assert certificate.result == "Dienstzeit: 1. September 2025 bis 31. August 2026 (12 Monate)"
    assert "Projektplanung und Moderation." in certificate.body
    assert "## Verhalten" in certificate.body

    with django_capture_on_commit_callbacks(execute=True):  # the job again: nothing new
        zeugnis_issue_task(zeugnis.pk)
    assert Certificate.objects.filter(kind=CertificateKind.ZEUGNIS).count() == 1
    with pytest.raises(ServiceError):  # approved: no more changes
        zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=TEXT)

    with certificate.pdf.open("rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    words = "".join(page.extract_text() for page in pdf.pages)
    assert "Zeugnis" in words and "Lea Schubert" in words
    assert "Projektplanung und Moderation." in words and "Vorbildlich" in words

    page = client.get(f"/en/nachweis/{certificate.code_display}/").content.decode()
    assert "Lea Schubert" in page and "1. September 2025 bis 31. August 2026" in page
    assert certificate.issuer_name in page
    for private in ("Projektplanung", "Vorbildlich", "Stets zu unserer", "Stadtrundgang"):
        assert private not in page  # the assessment stays off the public page


def test_without_the_request_performance_and_conduct_are_not_assessed(
        service, applicant, host_contact):
    zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=False)
    zeugnis = zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=WITH_PERFORMANCE)
    assert (zeugnis.performance, zeugnis.conduct) == ("", "")


def test_who_may_draft_and_approve(service, applicant, host_contact, other_host_contact,
                                   coordinator):
    zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=False)
    for outsider in (other_host_contact, applicant):
        with pytest.raises(NotAllowed):
            zeugnis_draft(zeugnis=zeugnis, actor=outsider, text=TEXT)
    with pytest.raises(ServiceError):  # nothing drafted yet
        zeugnis_approve(zeugnis=zeugnis, actor=coordinator, text=TEXT)
    zeugnis = zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=TEXT)
    with pytest.raises(NotAllowed):  # the host drafts, the coordination approves
        zeugnis_approve(zeugnis=zeugnis, actor=host_contact)
    zeugnis.refresh_from_db()
    assert zeugnis.status == Z.DRAFTED


# --- the pages ------------------------------------------------------------------------------


def test_the_volunteer_requests_on_their_page_and_cannot_edit(client, service, applicant,
                                                                host_contact):
    client.force_login(applicant)
    page = client.get(en("volunteers:my_service")).content.decode()
    assert "Request a Zeugnis" in page
    assert client.get(en("volunteers:zeugnis_request")).status_code == 405
    client.post(en("volunteers:zeugnis_request"), {"with_performance": "on"})
    client.post(en("volunteers:zeugnis_request"), {})
    zeugnis = Zeugnis.objects.get()
    assert zeugnis.with_performance
    page = client.get(en("volunteers:my_service")).content.decode()
    assert "It will also assess your performance and conduct." in page
    # the volunteer is no host contact: the drafting page is closed to them
    response = client.post(en("volunteers:host_zeugnis", service.pk), {
        "tasks": "Selbst gelobt", "digital_project": "x", "skills": "y"})
    assert response.status_code == 403
    zeugnis.refresh_from_db()
    assert zeugnis.tasks == "" and zeugnis.status == Z.REQUESTED


def test_the_host_drafts_and_another_host_gets_404(client, service, applicant, host_contact,
                                                   other_host_contact):
    client.force_login(host_contact)
    page = client.get(en("volunteers:host_zeugnis", service.pk)).content.decode()
    assert "has not asked for a Zeugnis" in page
    zeugnis_request(service=service, actor=applicant, with_performance=False)
    assert "Zeugnis requested by the volunteer" in client.get(
        en("volunteers:host_service", service.pk)).content.decode()
    page = client.get(en("volunteers:host_zeugnis", service.pk)).content.decode()
    assert "Digital project" in page and "Conduct" not in page
    response = client.post(en("volunteers:host_zeugnis", service.pk), {"tasks": "nur das"})
    assert response.status_code == 400
    response = client.post(en("volunteers:host_zeugnis", service.pk), {
        "tasks": TEXT.tasks, "digital_project": TEXT.digital_project, "skills": TEXT.skills})
    assert response.status_code == 302
    assert Zeugnis.objects.get().status == Z.DRAFTED

    client.force_login(other_host_contact)
    assert client.get(en("volunteers:host_zeugnis", service.pk)).status_code == 404
    response = client.post(en("volunteers:host_zeugnis", service.pk), {
        "tasks": "fremd", "digital_project": "fremd", "skills": "fremd"})
    assert response.status_code == 404
    assert Zeugnis.objects.get().tasks == TEXT.tasks


def test_the_coordinator_edits_and_approves_in_the_admin(
        client, service, applicant, host_contact, coordinator, jobs,
        django_capture_on_commit_callbacks):
    zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=False)
    zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=TEXT)
    english_admin(coordinator)  # the admin speaks the user's language, not the URL's
    client.force_login(coordinator)
    index = client.get(en("zeugnis_admin:index")).content.decode()
    assert "Lea Schubert" in index
    url = en("zeugnis_admin:edit", zeugnis.pk)
    assert "Approve and issue" in client.get(url).content.decode()
    data = {"tasks": "Überarbeitete Aufgaben.", "digital_project": TEXT.digital_project,
            "skills": TEXT.skills, "action": "approve"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    zeugnis.refresh_from_db()
    assert zeugnis.status == Z.ISSUED and zeugnis.tasks == "Überarbeitete Aufgaben."
    assert "Überarbeitete Aufgaben." in zeugnis.certificate.body
    page = client.get(url).content.decode()
    assert "Approve and issue" not in page and zeugnis.certificate.code_display in page

    client.force_login(applicant)  # the volunteer: no admin, no edit
    assert client.get(url).status_code in (302, 403)
    client.force_login(host_contact)
    assert client.get(url).status_code in (302, 403)
