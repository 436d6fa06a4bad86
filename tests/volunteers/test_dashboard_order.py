"""'Mein Bereich' for an applicant: an open offer with its deadline comes first, sections
empty for this person are left out, and the other placements read what is true while the
offer is open (not 'closed')."""

import pytest
from django.urls import reverse
from django.utils import translation

from volunteers.models import ApplicationStatus
from volunteers.services import application_submit, application_transition

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def _dashboard(client) -> str:
    with translation.override("en"):
        return client.get(reverse("dashboard")).content.decode()


def test_open_offer_comes_first_and_empty_sections_are_left_out(
        client, draft, applicant, coordinator, placements):
    application_submit(application=draft, actor=applicant)
    application_transition(application=draft, to_status=S.IN_REVIEW, actor=coordinator)
    application_transition(application=draft, to_status=S.OFFERED, actor=coordinator,
                           placement=placements[0])
    client.force_login(applicant)
    html = _dashboard(client)
    offer = html.index('id="applications-heading"')
    assert offer < html.index('id="profile-heading"')
    assert "Please accept or decline by" in html[offer:]
    assert 'id="courses-heading"' not in html  # no course for this applicant
    assert 'id="certificates-heading"' not in html  # no certificate either
    assert "Not pursued while the offer is open" in html  # the 2nd choice
    assert ">Closed<" not in html


def test_without_an_open_offer_the_application_stays_below_the_profile(
        client, draft, applicant):
    application_submit(application=draft, actor=applicant)
    client.force_login(applicant)
    html = _dashboard(client)
    assert html.index('id="profile-heading"') < html.index('id="applications-heading"')
    assert 'id="courses-heading"' not in html


def test_a_learner_without_courses_still_gets_the_pointer_to_the_catalogue(client, applicant):
    client.force_login(applicant)  # no application, no enrolment
    assert 'id="courses-heading"' in _dashboard(client)
