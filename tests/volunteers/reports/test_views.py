"""The programme's reports: compliance at a glance, funnel, Landkreis map, seminar
attendance, their audited exports and the reds on the coordinator's admin home."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.volunteers.seminar_days.helpers import (
    english_admin,
    make_group,
    make_seminar,
    make_service,
)
from volunteers.models import ApplicationEvent, SeminarAttendance, ServiceTerms

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(year, placements):
    ServiceTerms.objects.create(programme_year=year, pocket_money_cap=Decimal("644"))
    today = timezone.localdate()
    start = today.replace(day=1)
    end = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    lea = make_service(year, placements[0], "lea@example.org", start=start, end=end,
                       born=datetime.date(2004, 5, 1))
    # one euro over the cap, and too old on the first day
    max_ = make_service(year, placements[1], "max@example.org", first="Max", last="Keller",
                        start=start, end=end, pocket_money=Decimal("645"),
                        born=start.replace(year=start.year - 27))
    quit_ = make_service(year, placements[2], "tom@example.org", first="Tom", last="Neu",
                         start=start, end=end, status="terminated",
                         actual_end=start + datetime.timedelta(days=20),
                         terminated_by="volunteer",
                         termination_reason="Ausbildungsplatz gefunden")
    ApplicationEvent.objects.create(application=lea.application, from_status="submitted",
                                    to_status="offered")
    group = make_group(year, lea, max_)
    seminar = make_seminar(year, group, start, start + datetime.timedelta(days=4))
    SeminarAttendance.objects.create(seminar=seminar, day=start, service=lea,
                                     status="present")
    SeminarAttendance.objects.create(seminar=seminar, day=start, service=max_,
                                     status="absent")
    return {"lea": lea, "max": max_, "quit": quit_, "seminar": seminar}


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(english_admin(coordinator))
    return client


def test_compliance_per_year_names_each_red_with_its_reason(admin_client, services):
    html = admin_client.get(reverse("volunteer_reports:compliance")).content.decode()
    assert "Max Keller" in html and "Lea Schubert" in html
    assert "Pocket money of 645.00 euros a month is above the cap of 644.00 euros." in html
    assert "The volunteer is 27 or older on the first day of service." in html
    # nobody generated an agreement and the service began today
    assert "No agreement has been generated yet. The service began on" in html


def test_compliance_of_one_volunteer_shows_all_five_checks(admin_client, services):
    url = reverse("volunteer_reports:compliance_service", args=[services["lea"].pk])
    html = admin_client.get(url).content.decode()
    for label in ("Agreement", "Age and duration", "Seminar days", "Pocket money", "Leave"):
        assert f'<th scope="row">{label}</th>' in html
    assert "400.00 euros a month, within the cap of 644.00 euros." in html
    assert "0 of 26 days of leave taken." in html
    # 12 months: 25 days plus the 5 digital days of the default seminar rules
    assert "<dt>Statutory minimum</dt><dd>30</dd>" in html


def test_the_admin_home_lists_the_reds(admin_client, services):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Volunteers: red checks" in html
    assert "2 volunteers have a red check." in html  # Lea and Max; Tom's service ended
    assert "Max Keller" in html


def test_the_funnel_counts_each_stage_and_lists_early_terminations(admin_client, services):
    html = admin_client.get(reverse("volunteer_reports:funnel")).content.decode()
    assert "Ausbildungsplatz gefunden" in html and "Tom Neu" in html
    assert "Started service" in html and '<svg' in html


def test_the_landkreis_map_is_an_image_with_a_name_beside_the_table(admin_client, services):
    html = admin_client.get(reverse("volunteer_reports:landkreise")).content.decode()
    assert 'role="img"' in html and "<title id=\"landkreis-map-title\">" in html
    assert "<desc id=\"landkreis-map-desc\">" in html
    assert html.count("<tr") >= 23  # 22 districts and the header
    assert "Weimarer Land (2)" in html  # Lea and Tom's host is in Weimarer Land; Tom left
    # after three weeks, so his seat counts as filled


def test_seminar_attendance_counts_present_and_absent(admin_client, services):
    html = admin_client.get(reverse("volunteer_reports:seminars")).content.decode()
    assert "Einführung" in html and "50.0 %" in html


def test_exports_are_recorded_in_the_audit_log(admin_client, services):
    for name in ("compliance", "funnel", "landkreise", "seminars"):
        response = admin_client.get(reverse(f"volunteer_reports:{name}"), {"export": "csv"})
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body
    exports = ModelLogEntry.objects.filter(action="dk.export")
    assert sorted(entry.data["export"] for entry in exports) == [
        "volunteers.report.compliance", "volunteers.report.funnel",
        "volunteers.report.landkreise", "volunteers.report.seminars"]


def test_people_without_the_permission_see_no_report(client, host_contact, services):
    client.force_login(host_contact)
    for name in ("compliance", "funnel", "landkreise", "seminars"):
        assert client.get(reverse(f"volunteer_reports:{name}")).status_code in (302, 403)


def test_every_page_answers_in_the_admins_first_language(client, coordinator, services):
    client.force_login(coordinator)  # no language chosen: German, the site's first
    seminar = services["seminar"]
    urls = [reverse(f"volunteer_reports:{name}") for name in (
        "compliance", "funnel", "landkreise", "seminars")]
    urls += [reverse("volunteer_reports:compliance_service", args=[services["lea"].pk]),
             reverse("seminar_days_admin:seminar", args=[seminar.pk]),
             reverse("seminar_days_admin:day", args=[seminar.pk, seminar.first_day.isoformat()]),
             reverse("wagtailadmin_home")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="de"' in response.content.decode(), url
