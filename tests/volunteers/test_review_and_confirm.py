"""A summary page before submitting, and a confirmation page before each irreversible
action of the applicant (accept, decline, withdraw): the GET only shows what will happen,
the POST does it."""

import pytest
from django.urls import reverse
from django.utils import translation

from volunteers.models import ApplicationStatus
from volunteers.services import application_submit, application_transition

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def _en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _offer(draft, applicant, coordinator, placement):
    application_submit(application=draft, actor=applicant)
    application_transition(application=draft, to_status=S.IN_REVIEW, actor=coordinator)
    application_transition(application=draft, to_status=S.OFFERED, actor=coordinator,
                           placement=placement)


def test_overview_leads_to_a_review_page_that_shows_everything_and_submits(
        client, draft, applicant):
    client.force_login(applicant)
    overview = client.get(_en("volunteers:overview")).content.decode()
    assert _en("volunteers:review") in overview
    assert _en("volunteers:submit") not in overview
    response = client.get(_en("volunteers:review"))
    html = response.content.decode()
    assert response.status_code == 200
    for shown in ("Schubert", "99510", "Apolda", "Ich möchte Social Media machen.",
                  "Social Media für die Stadt Apolda", "Medienbildung am Gymnasium",
                  _en("volunteers:submit"), _en("volunteers:step", "personal")):
        assert shown in html
    draft.refresh_from_db()
    assert draft.status == S.DRAFT  # looking changes nothing
    client.post(_en("volunteers:submit"))
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_review_page_of_an_incomplete_draft_names_what_is_missing(client, draft, applicant):
    draft.documents.all().delete()
    client.force_login(applicant)
    html = client.get(_en("volunteers:review")).content.decode()
    assert "Please upload your CV." in html
    assert _en("volunteers:step", "documents") in html


def test_review_page_after_submission_goes_back_to_the_overview(client, draft, applicant):
    application_submit(application=draft, actor=applicant)
    client.force_login(applicant)
    response = client.get(_en("volunteers:review"))
    assert response.status_code == 302 and response["Location"] == _en("volunteers:overview")


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_offer_buttons_lead_to_a_confirmation_that_changes_nothing_until_confirmed(
        client, draft, applicant, coordinator, placements, action):
    _offer(draft, applicant, coordinator, placements[0])
    client.force_login(applicant)
    dashboard = client.get(_en("dashboard")).content.decode()
    confirm = _en("volunteers:action_confirm", draft.pk, action)
    assert confirm in dashboard
    assert f'action="{_en("volunteers:action", draft.pk, action)}"' not in dashboard
    page = client.get(confirm)
    html = page.content.decode()
    assert page.status_code == 200
    assert "This cannot be undone." in html and "Social Media für die Stadt Apolda" in html
    assert f'action="{_en("volunteers:action", draft.pk, action)}"' in html
    draft.refresh_from_db()
    assert draft.status == S.OFFERED
    client.post(_en("volunteers:action", draft.pk, action), {"reason": "Umzug"})
    draft.refresh_from_db()
    assert draft.status == {"accept": S.ACCEPTED, "decline": S.DECLINED}[action]


def test_withdraw_asks_first_and_then_withdraws(client, draft, applicant):
    application_submit(application=draft, actor=applicant)
    client.force_login(applicant)
    page = client.get(_en("volunteers:action_confirm", draft.pk, "withdraw"))
    assert page.status_code == 200
    assert "Your application ends for all placements" in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    client.post(_en("volunteers:action", draft.pk, "withdraw"))
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN


def test_confirmation_of_an_action_no_longer_possible_goes_back(client, draft, applicant):
    application_submit(application=draft, actor=applicant)
    client.force_login(applicant)
    response = client.get(_en("volunteers:action_confirm", draft.pk, "accept"))
    assert response.status_code == 302 and response["Location"] == _en("dashboard")


def test_confirmation_of_anothers_application_or_unknown_action_is_404(
        client, draft, applicant, other_applicant):
    client.force_login(other_applicant)
    assert client.get(_en("volunteers:action_confirm", draft.pk, "withdraw")).status_code == 404
    client.force_login(applicant)
    assert client.get(_en("volunteers:action_confirm", draft.pk, "explode")).status_code == 404
