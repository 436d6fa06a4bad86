"""The coordination's admin screens: listing with filters, export, detail, workflow."""

import re

import pytest
from django.urls import reverse

from volunteers.models import ApplicationStatus
from volunteers.services import application_submit

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_draft(draft, applicant):
    application_submit(application=draft, actor=applicant)
    return draft


def test_coordinator_lists_filters_and_exports_applications(client, coordinator,
                                                            submitted_draft):
    client.force_login(coordinator)
    index = reverse("wagtailsnippets_volunteers_application:list")
    response = client.get(index, {"status": "submitted"})
    assert response.status_code == 200
    assert "Lea Schubert" in response.content.decode()
    assert "Lea Schubert" not in client.get(index, {"status": "offered"}).content.decode()
    # the title and the row's menu lead to the detail screen (there is no edit view)
    detail = reverse("volunteers_admin:application", args=[submitted_draft.pk])
    html = client.get(index, {"status": "submitted"}).content.decode()
    assert html.count(f'href="{detail}"') == 2
    assert "Ansehen" in html and not re.search(r"\bOffen\b", html)  # not the adjective
    export = client.get(index, {"export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode()
    # the status as its label in the admin's language, not the stored value
    assert "lea@example.org" in content and "Eingereicht" in content
    assert client.get(index, {"export": "xlsx"}).status_code == 200


def test_coordinator_moves_the_application_and_sees_the_history(
        client, coordinator, submitted_draft, placements):
    client.force_login(coordinator)
    url = reverse("volunteers_admin:application", args=[submitted_draft.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"to_status": S.IN_REVIEW, "reason": "Vollständig"})
    client.post(url, {"to_status": S.OFFERED, "placement": placements[0].pk})
    client.post(url, {"text": "Telefonisch erreicht."})
    submitted_draft.refresh_from_db()
    assert submitted_draft.status == S.OFFERED
    html = client.get(url).content.decode()
    assert "Vollständig" in html and "Telefonisch erreicht." in html
    assert submitted_draft.documents.get().original_name in html


def test_host_contacts_and_applicants_cannot_use_the_admin_screens(
        client, host_contact, applicant, submitted_draft):
    for user in (host_contact, applicant):
        client.force_login(user)
        response = client.get(reverse("volunteers_admin:application",
                                      args=[submitted_draft.pk]))
        assert response.status_code in (302, 403)


def test_bulk_action_starts_review(client, coordinator, submitted_draft):
    client.force_login(coordinator)
    url = reverse("wagtail_bulk_action", args=["volunteers", "application", "start_review"])
    response = client.post(url + f"?id={submitted_draft.pk}")
    assert response.status_code == 302
    submitted_draft.refresh_from_db()
    assert submitted_draft.status == S.IN_REVIEW
    assert submitted_draft.events.last().actor == coordinator
