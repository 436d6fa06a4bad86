"""The coordinator's application detail: a heading naming the applicant, the applicant's
data before the status form, and a warning on an offer without any host verdict."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from volunteers.models import Application, ApplicationPreference, ApplicationStatus
from volunteers.services import application_submit

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(draft, applicant) -> Application:
    Application.objects.filter(pk=draft.pk).update(
        phone="03644 123456", availability_notes="Dienstags Berufsschule.")
    draft.refresh_from_db()
    application_submit(application=draft, actor=applicant)
    return draft


def _detail(application):
    return reverse("volunteers_admin:application", args=[application.pk])


def test_detail_names_the_applicant_and_shows_their_data_before_the_status_form(
        client, coordinator, submitted):
    client.force_login(coordinator)
    html = client.get(_detail(submitted)).content.decode()
    # the header's breadcrumbs end in the application's name, not in "Home" alone
    header = html[html.index("<header"):html.index("</header>")]
    assert str(submitted) in header
    assert "03644 123456" in html and "Dienstags Berufsschule." in html
    assert submitted.get_school_situation_display() in html
    # the applicant's data come first, the form that changes the status after them
    assert html.index("03644 123456") < html.index('name="to_status"')


def _offer(client, application, placement):
    client.post(_detail(application), {"to_status": S.IN_REVIEW})
    response = client.post(_detail(application),
                           {"to_status": S.OFFERED, "placement": placement.pk})
    application.refresh_from_db()
    assert application.status == S.OFFERED
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_offer_without_host_verdict_is_made_with_a_warning(client, coordinator, submitted,
                                                           placements):
    client.force_login(coordinator)
    with_levels = _offer(client, submitted, placements[0])
    assert any(level == "warning" for level, _text in with_levels)


def test_offer_after_a_host_verdict_has_no_warning(client, coordinator, submitted,
                                                   placements):
    ApplicationPreference.objects.filter(application=submitted, placement=placements[0]).update(
        verdict=ApplicationPreference.Verdict.SUITABLE)
    client.force_login(coordinator)
    assert not any(level == "warning"
                   for level, _text in _offer(client, submitted, placements[0]))
