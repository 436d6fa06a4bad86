"""Approvals racing other offers for the same seats, as real concurrent transactions.

Written for PostgreSQL, where the row locks (select_for_update) decide who waits; on SQLite
the immediate transactions serialise the writers and the outcome is the same. Run on
PostgreSQL with DATABASE_URL=postgres://…/<db> (see README).
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from tests.volunteers.matching.helpers import held, pool_application
from volunteers.exceptions import NoSeatLeft, RunAlreadyApproved
from volunteers.matching.services import matching_approve, matching_run_create
from volunteers.models import Application, ApplicationStatus, MatchingRunState
from volunteers.services import application_transition

S = ApplicationStatus


def race(*jobs) -> list[str]:
    """Run the jobs at the same moment in threads (each with its own connection)."""
    barrier = threading.Barrier(len(jobs))
    results: list[str] = [""] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported in the assertion
            results[index] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_approval_and_an_admin_offer_for_the_last_seat_at_once_one_wins(
        year, placements, coordinator):
    single = placements[1]
    matched = pool_application(year, [single], last_name="Vorschlag")
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    assert run.result["assignment"] == {str(matched.pk): str(single.pk)}
    by_hand = pool_application(year, [single], last_name="Handarbeit")

    def approve():
        with translation.override("en"):
            report = matching_approve(run=run, actor=coordinator)
        return "approved, offered" if report["offered"] else "approved, skipped"

    def offer():
        with translation.override("en"):
            try:
                application_transition(application=Application.objects.get(pk=by_hand.pk),
                                       to_status=S.OFFERED, actor=coordinator,
                                       placement=single)
            except NoSeatLeft:
                return "no seat"
        return "offered"

    results = race(approve, offer)
    assert sorted(results) in (["approved, offered", "no seat"],
                               ["approved, skipped", "offered"]), (connection.vendor, results)
    assert held(single) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_approving_the_same_run_at_once_make_each_offer_once(
        year, placements, coordinator):
    double = placements[0]
    pool = [pool_application(year, [double], last_name=f"Doppel{i}") for i in range(2)]
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)

    def approve():
        with translation.override("en"):
            try:
                matching_approve(run=run, actor=coordinator)
            except RunAlreadyApproved:
                return "already approved"
        return "approved"

    results = race(approve, approve)
    assert sorted(results) == ["already approved", "approved"], (connection.vendor, results)
    run.refresh_from_db()
    assert run.state == MatchingRunState.APPROVED
    for application in pool:
        assert application.events.filter(to_status=S.OFFERED).count() == 1
    assert held(double) == 2
