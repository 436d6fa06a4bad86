"""The service year's screens: the coordinator in the admin, the volunteer's page and
"Mein Bereich", the host contact's page, and who may download an agreement."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.volunteers.seminar_days.helpers import english_admin
from volunteers.models import Party, Service, ServiceStatus
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.services import service_create

pytestmark = pytest.mark.django_db
S = ServiceStatus


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def service(accepted, coordinator):
    service = service_create(application=accepted, actor=coordinator,
                             pocket_money=Decimal("450"))
    agreement_generate(service=service, actor=coordinator)
    return service


def test_the_coordinator_plans_generates_signs_and_starts_in_the_admin(client, accepted,
                                                                        coordinator, applicant,
                                                                        host_contact):
    english_admin(coordinator)  # the admin speaks the user's language, not the URL's
    client.force_login(coordinator)
    index = client.get(en("service_admin:index"))
    assert "Plan the service of Lea Schubert" in index.content.decode()
    response = client.post(en("service_admin:plan", accepted.pk), {
        "start_date": "2027-09-01", "months": 12, "weekly_hours": 39,
        "pocket_money": "677", "leave_days_agreed": 26})
    assert response.status_code == 400
    assert "above the cap of 676" in response.content.decode()
    response = client.post(en("service_admin:plan", accepted.pk), {
        "start_date": "2027-09-01", "months": 12, "weekly_hours": 39,
        "pocket_money": "450", "benefits_in_kind": "Mittagessen", "leave_days_agreed": 26})
    service = Service.objects.get(application=accepted)
    url = en("service_admin:service", service.pk)
    assert response.url == url
    client.post(url, {"action": "generate"})
    client.post(url, {"action": "sign", "party": Party.TRAEGER})
    page = client.post(url, {"action": "start"}, follow=True).content.decode()
    assert "every party has signed" in page
    agreement = service.agreements.get()
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=applicant)
    agreement_sign(agreement=agreement, party=Party.HOST, actor=host_contact)
    client.post(url, {"action": "start"})
    service.refresh_from_db()
    assert service.status == S.ACTIVE
    client.post(url, {"action": "terminate", "last_day": "2028-02-29", "by": Party.VOLUNTEER,
                      "reason": "Studium"})
    service.refresh_from_db()
    assert (service.status, service.actual_end) == (S.TERMINATED, datetime.date(2028, 2, 29))


def test_the_admin_screens_are_for_coordinators_only(client, service, applicant):
    client.force_login(applicant)
    assert client.get(en("service_admin:service", service.pk)).status_code in (302, 403)


def test_the_volunteer_signs_on_their_page_and_sees_leave_in_mein_bereich(client, service,
                                                                          applicant):
    client.force_login(applicant)
    page = client.get(en("volunteers:my_service")).content.decode()
    assert "Sign the agreement as Volunteer" in page
    assert "Not signed yet" in page
    client.post(en("volunteers:my_service"), {"party": Party.VOLUNTEER})
    assert service.agreements.get().signatures.filter(party=Party.VOLUNTEER).exists()
    dashboard = client.get("/en/mein-bereich/").content.decode()
    assert "Leave left: 26 of 26 days." in dashboard


def test_the_host_contact_signs_and_records_leave(client, service, coordinator, applicant,
                                                  host_contact):
    agreement = service.agreements.get()
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=applicant)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    client.force_login(host_contact)
    assert "Lea Schubert" in client.get(en("volunteers:host_services")).content.decode()
    url = en("volunteers:host_service", service.pk)
    client.post(url, {"party": Party.HOST})
    service.refresh_from_db()
    assert service.status == S.AGREED
    service.status = S.ACTIVE
    service.save()
    response = client.post(url, {"kind": "leave", "first_day": "2027-12-27",
                                 "last_day": "2027-12-31", "days": "5"}, follow=True)
    assert "21 of 26 days left" in response.content.decode()


def test_other_hosts_and_applicants_see_nothing(client, service, other_host_contact,
                                                other_applicant):
    client.force_login(other_host_contact)
    assert client.get(en("volunteers:host_service", service.pk)).status_code == 404
    pdf = en("volunteers:agreement_pdf", service.agreements.get().pk)
    assert client.get(pdf).status_code == 404
    client.force_login(other_applicant)
    assert client.get(pdf).status_code == 404
    assert client.get(en("volunteers:my_service")).status_code == 404


def test_the_volunteer_downloads_the_agreement_privately(client, service, applicant):
    client.force_login(applicant)
    response = client.get(en("volunteers:agreement_pdf", service.agreements.get().pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
