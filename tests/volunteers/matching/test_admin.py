"""The coordinator's matching screens: run, review, explain, change, approve, compare.

Coordinators limited to organisation units are refused (a run covers the whole year);
those limited to programme years see only theirs.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.models import OrgUnit
from accounts.roles import Role
from tests.factories import role_user
from tests.volunteers.matching.helpers import pool_application
from volunteers.matching.services import matching_run_create
from volunteers.models import (
    ApplicationStatus,
    MatchingOverride,
    MatchingRun,
    MatchingRunState,
    ProgrammeYear,
)

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def url(name, *args):
    return reverse(f"volunteers_matching:{name}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def pool(year, placements):
    double, single = placements[0], placements[1]
    return [
        pool_application(year, [single, double], first_name="Anna", last_name="Albrecht",
                         host_ranks={single: 1}),
        pool_application(year, [single, double], first_name="Ben", last_name="Brandt"),
        pool_application(year, [single], first_name="Clara", last_name="Conrad"),
    ]


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(english_admin(coordinator))
    return client


def test_coordinator_runs_a_proposal_from_the_year_screen(logged_in, year, pool):
    index = logged_in.get(url("index"))
    assert index.status_code == 200 and year.name in index.content.decode()
    year_page = logged_in.get(url("year", year.pk))
    assert year_page.status_code == 200
    assert "3 applicants" in year_page.content.decode()
    response = logged_in.post(url("year", year.pk), {"run": "", "seed": "42"})
    run = MatchingRun.objects.get()
    assert response.status_code == 302 and response["Location"] == url("run", run.pk)
    assert run.seed == 42 and not run.what_if
    html = logged_in.get(url("run", run.pk)).content.decode()
    for name in ("Anna Albrecht", "Ben Brandt", "Clara Conrad"):
        assert name in html
    assert "Matched: 2. Unmatched: 1." in html
    assert "Weimarer Land" in html  # the seats per district


def test_an_invalid_seed_is_refused_with_a_message(logged_in, year, pool):
    response = logged_in.post(url("year", year.pk), {"run": "", "seed": "-3"})
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_the_explanation_shows_whole_sentences(logged_in, year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    html = logged_in.get(url("applicant", run.pk, pool[1].pk)).content.decode()
    assert "Your 1st choice" in html and "Result:" in html
    assert logged_in.get(url("applicant", run.pk, 999999)).status_code == 404


def test_change_one_assignment_with_a_reason_and_see_it_marked(
        logged_in, year, pool, coordinator, placements):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    brandt = pool[1]
    target = url("applicant", run.pk, brandt.pk)
    missing = logged_in.post(target, {"placement": "", "reason": " "})
    assert missing.status_code == 400
    assert "Please give a reason for the change." in missing.content.decode()
    full = logged_in.post(target, {"placement": str(placements[1].pk), "reason": "Wunsch"})
    assert full.status_code == 400 and "no seat left" in full.content.decode()
    response = logged_in.post(target, {"placement": "", "reason": "Telefonisch abgesagt"})
    assert response.status_code == 302
    override = MatchingOverride.objects.get(run=run, application=brandt)
    assert override.placement_chosen is None and override.reason == "Telefonisch abgesagt"
    html = logged_in.get(url("run", run.pk)).content.decode()
    assert "Changed:" in html and "Telefonisch abgesagt" in html
    assert "Changed by the coordination: 1." in html


def test_approve_confirms_then_makes_offers_and_a_second_time_says_so(
        logged_in, year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    confirm = logged_in.get(url("approve", run.pk))
    assert confirm.status_code == 200 and "2 offers" in confirm.content.decode()
    response = logged_in.post(url("approve", run.pk))
    assert response.status_code == 302
    assert "2 offers have been made" in " ".join(messages_of(response))
    assert sum(a.events.filter(to_status=S.OFFERED).count() for a in pool) == 2
    again = logged_in.post(url("approve", run.pk))
    assert "already been approved" in " ".join(messages_of(again))
    assert sum(a.events.filter(to_status=S.OFFERED).count() for a in pool) == 2
    html = logged_in.get(url("run", run.pk)).content.decode()
    assert "Approval report" in html and "2 offers were made." in html
    assert "1 applicant without a placement stays in the pool" in html


def test_skipped_assignments_are_reported_on_the_run(logged_in, year, pool, coordinator):
    from volunteers.services import application_transition

    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    application_transition(application=pool[1], to_status=S.WITHDRAWN,
                           actor=pool[1].applicant)
    response = logged_in.post(url("approve", run.pk))
    assert "1 assignment was skipped" in " ".join(messages_of(response))
    html = logged_in.get(url("run", run.pk)).content.decode()
    assert "Ben Brandt" in html and "no longer in review" in html


def test_a_what_if_run_is_marked_and_cannot_be_approved(
        logged_in, year, pool, placements):
    response = logged_in.post(url("year", year.pk), {
        "what_if": "1", "what_if-placement": placements[1].pk, "what_if-extra_seats": "1",
        "what_if-description": "", "what_if-seed": "5"})
    run = MatchingRun.objects.get()
    assert response["Location"] == url("run", run.pk)
    assert run.what_if and "+1 seat at Medienbildung am Gymnasium" == run.what_if_description
    html = logged_in.get(url("run", run.pk)).content.decode()
    assert "What-if proposal:" in html and url("approve", run.pk) not in html
    refused = logged_in.post(url("approve", run.pk))
    assert "what-if" in " ".join(messages_of(refused))
    run.refresh_from_db()
    assert run.state == MatchingRunState.PROPOSED
    assert not any(a.events.filter(to_status=S.OFFERED).exists() for a in pool)
    zero = logged_in.post(url("year", year.pk), {
        "what_if": "1", "what_if-placement": placements[1].pk, "what_if-extra_seats": "0"})
    assert zero.status_code == 400 and "at least one seat" in zero.content.decode()


def test_compare_lists_the_applicants_with_a_different_placement(
        logged_in, year, pool, coordinator, placements):
    first = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    second = matching_run_create(programme_year=year, actor=coordinator, seed=1, what_if={
        "extra_seats": {str(placements[1].pk): 2}, "description": "Mehr Plätze"})
    response = logged_in.get(url("compare", first.pk), {"other": second.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ben Brandt" in html and "Clara Conrad" in html
    assert "Anna Albrecht" not in html  # the same placement in both
    bad = logged_in.get(url("compare", first.pk), {"other": "x"})
    assert bad.status_code == 302


def test_discard_keeps_the_run_visible(logged_in, year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    logged_in.post(url("run", run.pk), {"discard": "1"})
    run.refresh_from_db()
    assert run.state == MatchingRunState.DISCARDED
    assert logged_in.get(url("run", run.pk)).status_code == 200
    assert url("approve", run.pk) not in logged_in.get(url("run", run.pk)).content.decode()


def test_hosts_and_applicants_cannot_open_the_matching_screens(
        client, year, pool, coordinator, host_contact):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    for user in (host_contact, pool[0].applicant):
        client.force_login(user)
        for target in (url("index"), url("year", year.pk), url("run", run.pk),
                       url("applicant", run.pk, pool[0].pk), url("approve", run.pk)):
            response = client.get(target)
            assert response.status_code in (302, 403), (user, target)
        client.post(url("approve", run.pk))
    run.refresh_from_db()
    assert run.state == MatchingRunState.PROPOSED


def test_unit_limited_coordinators_are_refused_and_year_limited_see_only_their_year(
        client, year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    district = english_admin(role_user("kreis@example.org", Role.COORDINATOR))
    district.scope_units.add(OrgUnit.objects.create(code="m2-kreis", name="Kreis"))
    client.force_login(district)
    for target in (url("run", run.pk), url("index")):
        refused = client.get(target)  # Wagtail answers a refusal with the admin home
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    other_year = ProgrammeYear.objects.create(
        name="Jahrgang 2026/27", application_opens=datetime.date(2025, 11, 1),
        application_closes=datetime.date(2026, 4, 30))
    limited = english_admin(role_user("jahrgang@example.org", Role.COORDINATOR))
    other_year.coordinators.add(limited)
    client.force_login(limited)
    assert client.get(url("run", run.pk)).status_code == 404
    assert client.get(url("year", year.pk)).status_code == 404
    assert year.name not in client.get(url("index")).content.decode()


def test_the_menu_shows_matching_to_coordinators_who_may_use_it(client, coordinator):
    client.force_login(english_admin(coordinator))
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    district = english_admin(role_user("kreis@example.org", Role.COORDINATOR))
    district.scope_units.add(OrgUnit.objects.create(code="m2-menu", name="Kreis"))
    client.force_login(district)
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
