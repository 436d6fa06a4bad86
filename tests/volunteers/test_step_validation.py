"""Each entry of the application is checked on the step where it is entered, with the
reason shown there (not first on a later step or at submission)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import complete_draft
from volunteers.models import Application, StartDate

pytestmark = pytest.mark.django_db
PERSONAL = {"first_name": "Lea", "last_name": "Schubert", "date_of_birth": "2006-05-04",
            "town": "Apolda", "contact_email": "lea@example.org", "postcode": "99510",
            "phone": "+49 (3644) 123-456"}


def _step(step: str) -> str:
    with translation.override("en"):
        return reverse("volunteers:step", args=[step])


@pytest.fixture
def started(client, applicant, year, placements):
    client.force_login(applicant)
    client.post(reverse("volunteers:apply_start", args=["social-media-apolda"]))
    return Application.objects.get(applicant=applicant)


def _refused(client, step, data, field):
    response = client.post(_step(step), data)
    assert response.status_code == 400
    return response.context["form"].errors[field]


def test_valid_personal_data_is_saved(client, started):
    assert client.post(_step("personal"), PERSONAL).status_code == 302
    started.refresh_from_db()
    assert started.phone == "+49 (3644) 123-456" and started.postcode == "99510"


def test_birth_date_in_the_future_is_refused_with_the_reason(client, started):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = _refused(client, "personal", {**PERSONAL, "date_of_birth": tomorrow.isoformat()},
                      "date_of_birth")
    assert errors == ["The date of birth lies in the future."]
    started.refresh_from_db()
    assert started.date_of_birth is None


def test_implausible_birth_date_before_1900_is_refused(client, started):
    errors = _refused(client, "personal", {**PERSONAL, "date_of_birth": "1899-12-31"},
                      "date_of_birth")
    assert "1900" in errors[0]


@pytest.mark.parametrize("postcode", ["123", "9951a", "99 51"])
def test_postcode_must_have_five_digits(client, started, postcode):
    errors = _refused(client, "personal", {**PERSONAL, "postcode": postcode}, "postcode")
    assert errors == ["A German postcode has exactly five digits."]


@pytest.mark.parametrize("phone", ["abc", "12345", "0176 1234x5"])
def test_implausible_phone_is_refused(client, started, phone):
    errors = _refused(client, "personal", {**PERSONAL, "phone": phone}, "phone")
    assert errors and "digits" in errors[0]


def test_part_time_below_the_years_minimum_is_refused_on_the_hours_step(client, started, year):
    year.part_time_allowed = True
    year.save()
    page = client.get(_step("availability")).content.decode()
    assert "more than 20 hours a week, that is at least 21 hours" in page
    start = year.start_dates.first()
    errors = _refused(client, "availability", {"start_date": start.pk, "part_time": "on",
                                               "weekly_hours": "15"}, "weekly_hours")
    assert "more than 20 hours a week" in errors[0]
    started.refresh_from_db()
    assert not started.part_time and started.start_date is None
    ok = client.post(_step("availability"), {"start_date": start.pk, "part_time": "on",
                                             "weekly_hours": "25"})
    assert ok.status_code == 302


def test_start_date_none_of_the_ranked_placements_offers_warns_but_saves(
        client, started, year):
    february = StartDate.objects.create(programme_year=year, date=datetime.date(2028, 2, 1))
    response = client.post(_step("availability"), {"start_date": february.pk})
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.start_date == february
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("None of your chosen placements offers the start date" in w for w in warnings)


def test_start_date_offered_by_a_ranked_placement_gives_no_warning(client, started, year):
    response = client.post(_step("availability"), {"start_date": year.start_dates.first().pk})
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert not any("start date" in w for w in warnings)


def test_complete_draft_still_submits(applicant, year, placements):
    assert complete_draft(applicant, year, placements[:1]).is_draft
