"""The seminar admin screens: the seminar plan, a day's attendance sheet, the flag."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from tests.factories import role_user
from tests.volunteers.seminar_days.helpers import (
    english_admin,
    make_group,
    make_seminar,
    make_service,
)
from volunteers.models import ProgrammeYear, SeminarAttendance, SeminarTerms

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def sheet(year, placements):
    SeminarTerms.objects.create(programme_year=year, extra_digital_days=0)
    start = timezone.localdate().replace(day=1)
    end = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    lea = make_service(year, placements[0], "lea@example.org", start=start, end=end)
    max_ = make_service(year, placements[1], "max@example.org", first="Max", last="Keller",
                        start=start, end=end)
    group = make_group(year, lea, max_)
    first = timezone.localdate()  # attendance can be recorded from the day itself
    # a plan of exactly 25 days: one day missed cannot be made up
    seminars = [make_seminar(year, group, first + datetime.timedelta(days=30 * n),
                             first + datetime.timedelta(days=30 * n + 4), kind="interim",
                             title=f"Seminar {n + 1}") for n in range(5)]
    return {"lea": lea, "max": max_, "seminars": seminars, "day": first}


def test_coordinator_records_a_day_and_sees_the_volunteer_flagged(client, coordinator,
                                                                  sheet):
    client.force_login(english_admin(coordinator))
    seminar = sheet["seminars"][0]
    url = reverse("seminar_days_admin:day", args=[seminar.pk, sheet["day"].isoformat()])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lea Schubert" in html and "Max Keller" in html
    assert "Plan catch-up days" not in html  # nothing recorded: nobody is flagged
    response = client.post(url, {f"s-{sheet['lea'].pk}": "present",
                                 f"s-{sheet['max'].pk}": "absent"})
    assert response.status_code == 302
    assert SeminarAttendance.objects.filter(seminar=seminar).count() == 2
    html = client.get(url).content.decode()
    assert html.count("checked") == 2
    assert html.count("Plan catch-up days") == 1  # Max missed a day of a 25-day plan
    assert "24 days still planned: 1 day short of the minimum" in html
    detail = client.get(reverse("seminar_days_admin:seminar", args=[seminar.pk])).content
    assert "Max Keller" in detail.decode()


def test_the_listing_links_each_seminar_to_its_days(client, coordinator, sheet):
    client.force_login(english_admin(coordinator))
    html = client.get(reverse("wagtailsnippets_volunteers_seminar:list")).content.decode()
    assert reverse("seminar_days_admin:seminar", args=[sheet["seminars"][0].pk]) in html


def test_a_day_outside_the_seminar_is_404_and_strangers_get_403(client, coordinator, sheet):
    seminar = sheet["seminars"][0]
    client.force_login(english_admin(coordinator))
    outside = sheet["day"] + datetime.timedelta(days=5)
    assert client.get(reverse("seminar_days_admin:day",
                              args=[seminar.pk, outside.isoformat()])).status_code == 404
    host = role_user("gast@example.org", Role.HOST)
    client.force_login(host)
    url = reverse("seminar_days_admin:day", args=[seminar.pk, sheet["day"].isoformat()])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {f"s-{sheet['lea'].pk}": "absent"}).status_code in (302, 403)
    assert not SeminarAttendance.objects.exists()


def test_a_seminar_shorter_than_five_days_is_refused(client, coordinator, sheet, year):
    client.force_login(english_admin(coordinator))
    group = sheet["seminars"][0].group
    response = client.post(reverse("wagtailsnippets_volunteers_seminar:add"), {
        "programme_year": year.pk, "kind": "final", "title": "Abschluss",
        "first_day": "2026-07-06", "last_day": "2026-07-09", "place": "Jena",
        "group": group.pk})
    assert response.status_code == 200
    assert "Introductory, interim and final seminars last at least 5 days." in \
        response.content.decode()


def test_a_day_still_to_come_shows_no_form(client, coordinator, sheet):
    client.force_login(english_admin(coordinator))
    later = sheet["seminars"][1]
    url = reverse("seminar_days_admin:day", args=[later.pk, later.first_day.isoformat()])
    html = client.get(url).content.decode()
    assert "Attendance can be recorded once the seminar day has begun." in html
    assert 'type="radio"' not in html
    client.post(url, {f"s-{sheet['lea'].pk}": "present"})
    assert not SeminarAttendance.objects.exists()


def test_a_coordinator_limited_to_another_year_neither_sees_nor_records(client, sheet):
    other_year = ProgrammeYear.objects.create(
        name="Jahrgang 2030/31", application_opens=D(2030, 1, 6),
        application_closes=D(2030, 4, 30))
    limited = role_user("begrenzt@example.org", Role.COORDINATOR)
    other_year.coordinators.add(limited)
    client.force_login(english_admin(limited))
    seminar = sheet["seminars"][0]
    url = reverse("seminar_days_admin:day", args=[seminar.pk, sheet["day"].isoformat()])
    # refused: Wagtail's admin turns the 403 into a redirect to its home with a message
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {f"s-{sheet['lea'].pk}": "absent"}).status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_volunteers_seminar:list")).content.decode()
    assert seminar.title not in listing
    edit = reverse("wagtailsnippets_volunteers_seminar:edit", args=[seminar.pk])
    assert client.get(edit).status_code == 404
    assert not SeminarAttendance.objects.exists()
