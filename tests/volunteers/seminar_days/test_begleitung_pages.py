"""The pädagogische Begleitung's seminar pages in "Mein Bereich": the seminars they run
with their days, and a day's attendance sheet outside the admin."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from tests.factories import role_user
from tests.volunteers.seminar_days.helpers import make_group, make_seminar, make_service
from volunteers.models import SeminarAttendance, SeminarTerms

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def trainer(db):
    return role_user("begleitung@example.org", Role.TRAINER, first_name="Jonas",
                     last_name="Richter")


@pytest.fixture
def plan(year, placements, trainer):
    SeminarTerms.objects.create(programme_year=year, extra_digital_days=0)
    today = timezone.localdate()
    start = today.replace(day=1)
    end = start.replace(year=start.year + 1) - DAY
    lea = make_service(year, placements[0], "lea.schubert@example.org", start=start, end=end)
    max_ = make_service(year, placements[1], "max.keller@example.org", first="Max", last="Keller",
                        start=start, end=end)
    group = make_group(year, lea, max_)
    running = make_seminar(year, group, today - DAY, today + 3 * DAY, kind="interim",
                           title="Zwischenseminar", responsible=trainer)
    others = make_seminar(year, group, today, title="Fremder Seminartag",
                          kind="single_day")
    return {"lea": lea, "max": max_, "seminar": running, "others": others, "today": today}


def day_url(seminar, day):
    with translation.override("en"):
        return reverse("seminar_days:day", args=[seminar.pk, day.isoformat()])


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_responsible_person_sees_only_their_seminars_with_their_days(client, trainer,
                                                                       plan):
    client.force_login(trainer)
    response = client.get(english("seminar_days:seminars"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zwischenseminar" in html
    assert "Fremder Seminartag" not in html  # somebody else's seminar day
    assert day_url(plan["seminar"], plan["today"]) in html
    assert day_url(plan["seminar"], plan["today"] + 3 * DAY) in html
    assert "Today" in html


def test_the_dashboard_links_the_seminar_pages_for_the_responsible_person_only(
        client, trainer, plan, applicant):
    client.force_login(trainer)
    link = reverse("seminar_days:seminars")
    assert link in client.get(reverse("dashboard")).content.decode()
    client.force_login(applicant)
    assert link not in client.get(reverse("dashboard")).content.decode()


def test_the_responsible_person_records_today_through_the_same_rule(client, trainer, plan):
    client.force_login(trainer)
    url = day_url(plan["seminar"], plan["today"])
    html = client.get(url).content.decode()
    assert "Lea Schubert" in html and "Max Keller" in html
    assert "Save attendance" in html
    response = client.post(url, {f"s-{plan['lea'].pk}": "present",
                                 f"s-{plan['max'].pk}": "excused"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Attendance saved: 2 record(s) changed." in response.content.decode()
    marks = dict(SeminarAttendance.objects.filter(seminar=plan["seminar"])
                 .values_list("service__volunteer__email", "status"))
    assert marks == {"lea.schubert@example.org": "present", "max.keller@example.org": "excused"}
    assert SeminarAttendance.objects.filter(recorded_by=trainer).count() == 2
    html = client.get(url).content.decode()
    assert html.count("checked") == 2
    assert html.count("Last changed by Jonas Richter at") == 2
    again = client.post(url, {f"s-{plan['lea'].pk}": "present"}, follow=True)
    assert "Nothing changed" in again.content.decode()


def test_a_day_not_yet_begun_shows_no_form_and_records_nothing(client, trainer, plan):
    client.force_login(trainer)
    url = day_url(plan["seminar"], plan["today"] + DAY)
    html = client.get(url).content.decode()
    assert "Attendance can be recorded once the seminar day has begun." in html
    assert "Save attendance" not in html
    response = client.post(url, {f"s-{plan['lea'].pk}": "present"}, follow=True)
    assert "Attendance can be recorded once the seminar day has begun." in (
        response.content.decode())
    assert not SeminarAttendance.objects.exists()


def test_a_day_outside_the_seminar_or_not_a_date_is_404(client, trainer, plan):
    client.force_login(trainer)
    assert client.get(day_url(plan["seminar"], plan["today"] - 2 * DAY)).status_code == 404
    bad = english("seminar_days:day", plan["seminar"].pk, "gestern")
    assert client.get(bad).status_code == 404


def test_others_get_404_and_record_nothing(client, trainer, plan, applicant,
                                           host_contact):
    other_trainer = role_user("andere@example.org", Role.TRAINER)
    url = day_url(plan["seminar"], plan["today"])
    for person in (other_trainer, applicant, host_contact):
        client.force_login(person)
        assert client.get(english("seminar_days:seminars")).status_code == 404
        assert client.get(url).status_code == 404
        assert client.post(url, {f"s-{plan['lea'].pk}": "absent"}).status_code == 404
    # the responsible person of one seminar cannot open another's
    client.force_login(trainer)
    assert client.get(day_url(plan["others"], plan["today"])).status_code == 404
    assert not SeminarAttendance.objects.exists()
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_coordinators_open_every_seminar_of_their_years(client, coordinator, plan):
    client.force_login(coordinator)
    html = client.get(english("seminar_days:seminars")).content.decode()
    assert "Zwischenseminar" in html and "Fremder Seminartag" in html
    url = day_url(plan["others"], plan["today"])
    client.post(url, {f"s-{plan['lea'].pk}": "absent"})
    assert SeminarAttendance.objects.get().recorded_by == coordinator


def test_the_pages_answer_in_german_with_sie(client, trainer, plan):
    client.force_login(trainer)
    html = client.get(reverse("seminar_days:seminars")).content.decode()
    assert 'lang="de"' in html
    url = reverse("seminar_days:day", args=[plan["seminar"].pk, plan["today"].isoformat()])
    assert client.get(url).status_code == 200


def test_a_sheet_sent_without_any_choice_changes_nothing(client, trainer, plan):
    client.force_login(trainer)
    url = day_url(plan["seminar"], plan["today"])
    response = client.post(url, {}, follow=True)
    html = response.content.decode()
    assert "Nothing changed" in html and "Please correct" not in html
    assert not SeminarAttendance.objects.exists()


def test_each_change_is_kept_with_who_and_before(client, trainer, coordinator, plan):
    url = day_url(plan["seminar"], plan["today"])
    client.force_login(trainer)
    client.post(url, {f"s-{plan['lea'].pk}": "absent"})
    client.force_login(coordinator)
    client.post(url, {f"s-{plan['lea'].pk}": "excused"})
    html = client.get(url).content.decode()
    assert "Show 2 changes" in html
    assert "Aylin Demir recorded Lea Schubert as “Excused” (before: Absent)" in html
    assert "Jonas Richter recorded Lea Schubert as “Absent”" in html
    assert html.index("Aylin Demir recorded") < html.index("Jonas Richter recorded")
    assert html.count("Last changed by Aylin Demir at") == 1


def test_the_list_counts_records_per_day_in_queries_independent_of_the_plan(
        client, trainer, plan):
    client.force_login(trainer)
    url = english("seminar_days:seminars")
    client.post(day_url(plan["seminar"], plan["today"]),
                {f"s-{plan['lea'].pk}": "present", f"s-{plan['max'].pk}": "absent"})
    client.get(url)  # warm the caches (site, permissions) like a running server
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert "2 records" in html
    group = plan["seminar"].group
    for n in range(4):
        make_seminar(plan["seminar"].programme_year, group, plan["today"] + (10 + n) * DAY,
                     title=f"Seminartag {n}", kind="single_day", responsible=trainer)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        assert "Seminartag 3" in client.get(url).content.decode()
    assert len(five) <= len(one)  # five seminars cost no more queries than one
