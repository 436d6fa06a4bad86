"""Finding 5: a host sees who applied only when the interview stage for ITS placement opens.

The applicant ranks placement A (host Apolda) first and B (host Ilmenau) second. The
coordination opens the interview stage for A and the applicant is placed at A. Ilmenau,
ranked 2nd, must never learn the name, the email address or the CV, whatever the state.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import complete_draft
from volunteers.exceptions import InvalidTransition
from volunteers.models import Application, ApplicationStatus
from volunteers.services import (
    application_submit,
    application_transition,
    offer_accept,
    offer_expire,
)

S = ApplicationStatus
pytestmark = pytest.mark.django_db

NAME, EMAIL = "Schubert", "lea@example.org"
# state -> the steps that lead there; "A" is the first choice, where the interview happens
PATHS = {
    "submitted": [],
    "in_review": [S.IN_REVIEW],
    "interview": [S.IN_REVIEW, S.INTERVIEW],
    "waiting_list": [S.IN_REVIEW, S.INTERVIEW, S.WAITING_LIST],
    "offered": [S.IN_REVIEW, S.INTERVIEW, S.OFFERED],
    "accepted": [S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.ACCEPTED],
    "declined": [S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.DECLINED],
    "expired": [S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.EXPIRED],
    "rejected": [S.IN_REVIEW, S.INTERVIEW, S.REJECTED],
    "offered_without_interview": [S.IN_REVIEW, S.OFFERED],
    "withdrawn_after_interview": [S.IN_REVIEW, S.INTERVIEW, S.WITHDRAWN],
    "waiting_list_without_interview": [S.IN_REVIEW, S.WAITING_LIST],
    "rejected_in_review": [S.IN_REVIEW, S.REJECTED],
}
INTERVIEW_OPEN_FOR_A = {state for state, steps in PATHS.items()
                        if S.INTERVIEW in steps or S.OFFERED in steps}


def drive(application: Application, steps, *, coordinator, placement):
    """Walk the application through the services as the coordination and applicant would."""
    applicant = application.applicant
    application_submit(application=application, actor=applicant)
    for step in steps:
        if step == S.ACCEPTED:
            offer_accept(application=application, actor=applicant)
        elif step in (S.DECLINED, S.WITHDRAWN):
            application_transition(application=application, to_status=step, actor=applicant)
        elif step == S.EXPIRED:
            Application.objects.filter(pk=application.pk).update(
                offer_deadline=timezone.now() - datetime.timedelta(minutes=1))
            assert offer_expire(application=application)
        else:
            application_transition(application=application, to_status=step,
                                   actor=coordinator, placement=placement)
    application.refresh_from_db()
    return application


def host_view(client, user, preference, document):
    """What a host contact gets: listing, detail of their preference, the CV download."""
    client.force_login(user)
    listing = client.get(reverse("volunteers:host_applications"))
    detail = client.get(reverse("volunteers:host_application", args=[preference.pk]))
    download = client.get(reverse("volunteers:document", args=[document.pk]))
    return listing, detail, download


@pytest.fixture
def ranked_a_then_b(applicant, year, placements):
    return complete_draft(applicant, year, [placements[0], placements[1]])


@pytest.mark.parametrize("state", list(PATHS))
def test_host_ranked_second_never_sees_who_was_interviewed_or_placed_elsewhere(
        client, state, ranked_a_then_b, coordinator, placements, other_host_contact):
    application = drive(ranked_a_then_b, PATHS[state], coordinator=coordinator,
                        placement=placements[0])
    preference_b = application.preferences.get(placement=placements[1])
    document = application.documents.get()

    listing, detail, download = host_view(client, other_host_contact, preference_b, document)

    for response in (listing, detail):
        html = response.content.decode()
        assert NAME not in html and EMAIL not in html and "Lebenslauf" not in html.lower()
    assert detail.status_code in (200, 404)
    if state != "withdrawn_after_interview":
        assert detail.status_code == 200  # still reviewable anonymised: motivation only
        assert "Ich möchte Social Media machen." in detail.content.decode()
    assert download.status_code in (403, 404)
    assert preference_b.interview_opened_at is None


@pytest.mark.parametrize("state", [s for s in PATHS if s != "withdrawn_after_interview"])
def test_host_of_the_interviewed_placement_sees_the_applicant_once_its_stage_is_open(
        client, state, ranked_a_then_b, coordinator, placements, host_contact):
    application = drive(ranked_a_then_b, PATHS[state], coordinator=coordinator,
                        placement=placements[0])
    preference_a = application.preferences.get(placement=placements[0])
    document = application.documents.get()

    listing, detail, download = host_view(client, host_contact, preference_a, document)

    html = detail.content.decode()
    if state in INTERVIEW_OPEN_FOR_A:
        assert "Lea Schubert" in html and EMAIL in html
        assert "Lea Schubert" in listing.content.decode()
        assert download.status_code == 200
    else:  # submitted, in review: anonymised
        assert detail.status_code == 200
        assert NAME not in html and EMAIL not in html
        assert NAME not in listing.content.decode()
        assert download.status_code == 404


def test_interview_stage_for_a_further_placement_opens_it_for_that_host_only(
        client, ranked_a_then_b, coordinator, placements, host_contact, other_host_contact):
    application = drive(ranked_a_then_b, [S.IN_REVIEW, S.INTERVIEW], coordinator=coordinator,
                        placement=placements[0])
    with translation.override("en"), pytest.raises(InvalidTransition, match="already open"):
        application_transition(application=application, to_status=S.INTERVIEW,
                               actor=coordinator, placement=placements[0])

    application_transition(application=application, to_status=S.INTERVIEW,
                           actor=coordinator, placement=placements[1])

    preference_b = application.preferences.get(placement=placements[1])
    _listing, detail, download = host_view(client, other_host_contact, preference_b,
                                           application.documents.get())
    assert "Lea Schubert" in detail.content.decode() and download.status_code == 200


def test_opening_the_interview_needs_a_placement_when_several_are_ranked(
        ranked_a_then_b, coordinator):
    application = drive(ranked_a_then_b, [S.IN_REVIEW], coordinator=coordinator,
                        placement=None)
    with translation.override("en"), pytest.raises(InvalidTransition,
                                                   match="placements the applicant has ranked"):
        application_transition(application=application, to_status=S.INTERVIEW,
                               actor=coordinator)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert not application.preferences.filter(interview_opened_at__isnull=False).exists()


def test_coordinator_opens_the_interview_for_one_placement_in_the_admin(
        client, ranked_a_then_b, coordinator, placements):
    application = drive(ranked_a_then_b, [S.IN_REVIEW], coordinator=coordinator,
                        placement=None)
    client.force_login(coordinator)
    url = reverse("volunteers_admin:application", args=[application.pk])
    response = client.post(url, {"to_status": S.INTERVIEW, "placement": placements[0].pk})
    assert response.status_code == 302
    opened = application.preferences.filter(interview_opened_at__isnull=False)
    assert [p.placement for p in opened] == [placements[0]]
