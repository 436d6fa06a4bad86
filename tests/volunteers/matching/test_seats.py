"""The one seat rule on the matching path: accepted plus open offers never exceed a
placement's seats, through a whole cycle of runs, approvals, declines, expiries and the
waiting list (volunteers.workflow.placement_free_seats is the rule everyone asks)."""

import datetime

import pytest
from django.utils import timezone, translation

from tests.volunteers.matching.helpers import held, pool_application
from volunteers.matching.services import (
    SKIPPED_NO_SEAT,
    matching_approve,
    matching_run_create,
)
from volunteers.models import Application, ApplicationStatus, Placement
from volunteers.services import application_transition, offer_accept
from volunteers.tasks import offers_expire_task

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def never_overbooked(placements):
    for placement in placements:
        assert held(placement) <= placement.seats, placement


def test_runs_approvals_declines_expiry_and_waiting_list_never_overbook(
        year, placements, coordinator):
    double, single, it_support = placements[:3]
    pool = [pool_application(year, [single, double, it_support], last_name=f"Kandidat{i}")
            for i in range(6)]
    first = matching_run_create(programme_year=year, actor=coordinator, seed=11)
    report = matching_approve(run=first, actor=coordinator)
    assert len(report["offered"]) == 4  # 1 + 2 + 1 seats
    never_overbooked(placements)
    offered = Application.objects.filter(pk__in=[p.pk for p in pool], status=S.OFFERED)
    decliner, sleeper, taker = list(offered)[:3]
    application_transition(application=decliner, to_status=S.DECLINED,
                           actor=decliner.applicant)
    offer_accept(application=taker, actor=taker.applicant)
    Application.objects.filter(pk=sleeper.pk).update(
        offer_deadline=timezone.now() - datetime.timedelta(minutes=1))
    assert offers_expire_task() == 1
    never_overbooked(placements)
    # a coordinator puts one unmatched applicant on a waiting list by hand
    waiting = Application.objects.filter(pk__in=[p.pk for p in pool],
                                         status=S.IN_REVIEW).first()
    application_transition(application=waiting, to_status=S.WAITING_LIST, actor=coordinator,
                           placement=single)
    never_overbooked(placements)
    second = matching_run_create(programme_year=year, actor=coordinator, seed=12)
    capacities = {p: r["capacity"] for p, r in second.result["placements"].items()}
    for placement in placements:
        placement.refresh_from_db()
        assert capacities[str(placement.pk)] == placement.seats - held(placement)
    matching_approve(run=second, actor=coordinator)
    never_overbooked(placements)


def test_seats_lowered_after_the_run_are_respected_at_approval(
        year, placements, coordinator):
    double = placements[0]
    pool = [pool_application(year, [double], last_name=f"Zwei{i}") for i in range(2)]
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    assert sorted(run.result["assignment"].values()) == [str(double.pk)] * 2
    Placement.objects.filter(pk=double.pk).update(seats=1)
    report = matching_approve(run=run, actor=coordinator)
    assert [s["reason"] for s in report["skipped"]] == [SKIPPED_NO_SEAT]
    double.refresh_from_db()
    assert held(double) == 1
    assert {a.pk for a in pool} == {report["offered"][0]["application"],
                                    report["skipped"][0]["application"]}
