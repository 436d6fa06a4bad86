"""Finding 10: a minor cannot confirm their own guardian consent.

The guardian's address may not be the applicant's login or contact address; the
confirmation records who, when and from where, and the coordination sees that evidence; a
link stops working once the guardian's address has changed.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import complete_draft
from volunteers.exceptions import ApplicationIncomplete, VolunteersError
from volunteers.models import Application
from volunteers.services import (
    application_step_save,
    application_submit,
    guardian_consent_confirm,
    guardian_consent_request,
    guardian_token_make,
)

pytestmark = pytest.mark.django_db

MINOR_BORN = datetime.date(2010, 3, 1)  # 17 on 1 August 2027
GUARDIAN = {"guardian_name": "Katrin Schubert", "guardian_email": "katrin@example.org"}


@pytest.fixture
def minor_draft(applicant, year, placements):
    return complete_draft(applicant, year, placements[:1], born=MINOR_BORN)


def guardian_step_url() -> str:
    with translation.override("en"):
        return reverse("volunteers:step", args=["guardian"])


@pytest.mark.parametrize("own_address", [
    "LEA@Example.org",  # the login address in other case
    "  lea+eltern@EXAMPLE.ORG ",  # the login address with a "+tag"
    "Lea.Privat@Example.NET",  # the contact address in other case
])
def test_minor_cannot_name_their_own_address_as_guardian(
        client, minor_draft, applicant, own_address, jobs):
    application_step_save(application=minor_draft, actor=applicant,
                          data={"contact_email": "lea.privat@example.net"})
    client.force_login(applicant)

    response = client.post(guardian_step_url(), {"guardian_name": "Mama",
                                                  "guardian_email": own_address})

    assert response.status_code == 400
    assert "not yours" in response.content.decode()  # the form error, in English
    minor_draft.refresh_from_db()
    assert minor_draft.guardian_email == ""
    assert jobs == []  # no consent link was sent anywhere
    with pytest.raises(VolunteersError):  # nor through the service
        application_step_save(application=minor_draft, actor=applicant, data={
            "guardian_name": "Mama", "guardian_email": own_address.strip()})


def test_a_real_guardian_address_is_accepted_and_gets_the_link(
        client, minor_draft, applicant, jobs, django_capture_on_commit_callbacks):
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(guardian_step_url(), GUARDIAN)
    assert response.status_code == 302
    minor_draft.refresh_from_db()
    assert minor_draft.guardian_email == "katrin@example.org"
    assert [call[0] for call in jobs] == ["volunteers.tasks.guardian_consent_email_task"]


def test_switching_the_contact_address_to_the_guardians_blocks_submission(
        minor_draft, applicant):
    application_step_save(application=minor_draft, actor=applicant, data=GUARDIAN)
    guardian_consent_confirm(token=guardian_token_make(application=minor_draft))
    application_step_save(application=minor_draft, actor=applicant,
                          data={"contact_email": "Katrin@example.org"})
    with pytest.raises(ApplicationIncomplete) as refused:
        application_submit(application=minor_draft, actor=applicant)
    assert "guardian_own_address" in [p.code for p in refused.value.problems]
    with pytest.raises(VolunteersError):
        guardian_consent_request(application=minor_draft, actor=applicant)


def test_confirmation_records_who_when_and_from_where_and_the_coordination_sees_it(
        client, minor_draft, applicant, coordinator):
    application_step_save(application=minor_draft, actor=applicant, data=GUARDIAN)
    url = reverse("volunteers:guardian_consent",
                  args=[guardian_token_make(application=minor_draft)])
    agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 " + "x" * 600

    response = client.post(url, HTTP_USER_AGENT=agent, REMOTE_ADDR="203.0.113.7",
                           HTTP_X_FORWARDED_FOR="198.51.100.99")  # no trusted proxy: ignored

    assert response.status_code == 200
    minor_draft.refresh_from_db()
    assert minor_draft.guardian_consent_at is not None
    assert (minor_draft.guardian_consent_name, minor_draft.guardian_consent_email) == (
        "Katrin Schubert", "katrin@example.org")
    assert minor_draft.guardian_consent_ip == "203.0.113.7"
    assert minor_draft.guardian_consent_user_agent == agent[:300]

    client.post(url, REMOTE_ADDR="192.0.2.1")  # following the link again changes nothing
    minor_draft.refresh_from_db()
    assert minor_draft.guardian_consent_ip == "203.0.113.7"

    client.force_login(coordinator)
    html = client.get(reverse("volunteers_admin:application", args=[minor_draft.pk])
                      ).content.decode()
    assert "203.0.113.7" in html and "Firefox/128.0" in html
    assert "Katrin Schubert" in html and "katrin@example.org" in html


def test_an_old_link_stops_working_once_the_guardians_address_changed(
        client, minor_draft, applicant):
    application_step_save(application=minor_draft, actor=applicant, data=GUARDIAN)
    old_url = reverse("volunteers:guardian_consent",
                      args=[guardian_token_make(application=minor_draft)])
    assert "katrin" not in old_url  # the address is not in the link
    application_step_save(application=minor_draft, actor=applicant, data={
        "guardian_name": "Katrin Schubert", "guardian_email": "k.schubert@example.org"})

    assert client.get(old_url).status_code == 400
    assert client.post(old_url, REMOTE_ADDR="203.0.113.7").status_code == 400
    assert Application.objects.get(pk=minor_draft.pk).guardian_consent_at is None

    minor_draft.refresh_from_db()
    new_url = reverse("volunteers:guardian_consent",
                      args=[guardian_token_make(application=minor_draft)])
    assert client.post(new_url).status_code == 200
    assert Application.objects.get(pk=minor_draft.pk).guardian_consent_at is not None


def test_a_link_whose_address_became_the_applicants_own_is_refused(
        client, minor_draft, applicant):
    application_step_save(application=minor_draft, actor=applicant, data=GUARDIAN)
    url = reverse("volunteers:guardian_consent",
                  args=[guardian_token_make(application=minor_draft)])
    application_step_save(application=minor_draft, actor=applicant,
                          data={"contact_email": "katrin@example.org"})
    assert client.post(url).status_code == 400
    assert Application.objects.get(pk=minor_draft.pk).guardian_consent_at is None
