"""Stored matching runs: creating, reproducing, changing single assignments, approving.

Approval makes offers through the workflow's own transition; whatever changed since the run
is skipped and reported, never overbooked (see volunteers.matching.services).
"""

import pytest
from django.core import mail
from django.utils import translation

from tests.volunteers.matching.helpers import held, pool_application
from volunteers.exceptions import MatchingError, RunAlreadyApproved
from volunteers.matching.services import (
    SKIPPED_NO_SEAT,
    SKIPPED_NOT_SUITABLE,
    SKIPPED_STATUS,
    matching_approve,
    matching_override,
    matching_run_create,
    matching_run_discard,
    run_assignment,
    run_proposal,
)
from volunteers.models import (
    ApplicationPreference,
    ApplicationStatus,
    MatchingOverride,
    MatchingRun,
    MatchingRunState,
)
from volunteers.services import application_transition, offer_accept

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def double(placements):
    return placements[0]  # two seats


@pytest.fixture
def single(placements):
    return placements[1]  # one seat


@pytest.fixture
def it_support(placements):
    return placements[2]  # one seat


@pytest.fixture
def crowd(year, double, single, it_support):
    """Four applicants for four seats, three of them want the one-seat placement first."""
    return [
        pool_application(year, [single, double], last_name="Albrecht",
                         host_ranks={single: 1}),
        pool_application(year, [single, it_support], last_name="Brandt"),
        pool_application(year, [single, double], last_name="Conrad"),
        pool_application(year, [double], last_name="Dietrich"),
    ]


def test_a_run_stores_inputs_seed_version_and_result_and_reproduces_exactly(
        year, crowd, coordinator, single):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=7)
    run.refresh_from_db()
    assert run.seed == 7 and run.state == MatchingRunState.PROPOSED
    assert run.algorithm_version and run.created_by == coordinator
    assert run.input_snapshot["seed"] == 7
    assert {a["id"] for a in run.input_snapshot["applicants"]} == {str(a.pk) for a in crowd}
    # the host ranked Albrecht first at the one-seat placement
    assert run.result["assignment"][str(crowd[0].pk)] == str(single.pk)
    assert run_proposal(run).assignment == run.result["assignment"]
    again = matching_run_create(programme_year=year, actor=coordinator, seed=7)
    assert again.result == run.result and again.input_snapshot == run.input_snapshot


def test_without_a_seed_one_is_drawn_and_stored(year, crowd, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator)
    assert run.seed is not None
    assert run_proposal(run).input.seed == run.seed


def test_a_run_with_no_eligible_applicants_is_stored_empty_and_approves_to_nothing(
        year, placements, coordinator):
    pool_application(year, [placements[0]], status=S.SUBMITTED)  # not yet in review
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    assert run.result["assignment"] == {}
    assert run.result["summary"]["matched"] == 0
    report = matching_approve(run=run, actor=coordinator)
    assert report == {"offered": [], "skipped": [], "unmatched": []}


def test_a_placement_with_no_free_seat_gets_nobody(year, single, double, coordinator):
    taken = pool_application(year, [single], last_name="Vorher")
    application_transition(application=taken, to_status=S.OFFERED, actor=coordinator,
                           placement=single)
    hopeful = pool_application(year, [single, double], last_name="Hoffnung")
    run = matching_run_create(programme_year=year, actor=coordinator, seed=3)
    assert run.result["placements"][str(single.pk)]["capacity"] == 0
    assert run.result["assignment"][str(hopeful.pk)] == str(double.pk)
    codes = [o["code"] for o in run.result["outcomes"][str(hopeful.pk)]]
    assert codes == ["no_seats", "proposed"]


def test_a_what_if_run_changes_nothing_and_cannot_be_approved(
        year, crowd, coordinator, single):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=7, what_if={
        "extra_seats": {str(single.pk): 1}, "description": "One more seat in Ilmenau"})
    assert run.what_if and run.what_if_description == "One more seat in Ilmenau"
    assert run.result["placements"][str(single.pk)]["capacity"] == 2
    single.refresh_from_db()
    assert single.seats == 1
    with pytest.raises(MatchingError, match="what-if"):
        matching_approve(run=run, actor=coordinator)
    with pytest.raises(MatchingError, match="what-if"):
        matching_override(run=run, application=crowd[3], placement=None, reason="x",
                          actor=coordinator)
    run.refresh_from_db()
    assert run.state == MatchingRunState.PROPOSED
    assert not crowd[0].events.filter(to_status=S.OFFERED).exists()


# --- changing single assignments -----------------------------------------------------


@pytest.fixture
def run(year, crowd, coordinator):
    return matching_run_create(programme_year=year, actor=coordinator, seed=7)


def test_override_to_another_ranked_placement_is_recorded_and_marked(
        run, crowd, coordinator, double):
    dietrich = crowd[3]
    proposed = run.result["assignment"][str(dietrich.pk)]
    matching_override(run=run, application=dietrich, placement=None,
                      reason="Hat abgesagt, telefonisch", actor=coordinator)
    override = MatchingOverride.objects.get(run=run, application=dietrich)
    assert str(override.placement_proposed_id) == proposed
    assert override.placement_chosen is None and override.created_by == coordinator
    assert run_assignment(run)[str(dietrich.pk)] is None
    # choosing what the algorithm proposed removes the change again
    matching_override(run=run, application=dietrich, placement=double,
                      reason="Doch", actor=coordinator)
    assert not MatchingOverride.objects.filter(run=run).exists()


def test_override_needs_a_reason(run, crowd, coordinator):
    with pytest.raises(MatchingError, match="reason"):
        matching_override(run=run, application=crowd[3], placement=None, reason="  ",
                          actor=coordinator)


def test_override_refuses_a_placement_the_applicant_did_not_rank(
        run, crowd, coordinator, it_support):
    with pytest.raises(MatchingError, match="not ranked"):
        matching_override(run=run, application=crowd[3], placement=it_support,
                          reason="Passt besser", actor=coordinator)


def test_override_refuses_an_excluded_pair_with_the_reason(
        year, single, double, coordinator):
    application = pool_application(year, [double, single], last_name="Ausschluss")
    ApplicationPreference.objects.filter(application=application, placement=single).update(
        verdict=ApplicationPreference.Verdict.NOT_SUITABLE)
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    with pytest.raises(MatchingError, match="not suitable"):
        matching_override(run=run, application=application, placement=single,
                          reason="Versuch", actor=coordinator)


def test_override_refuses_a_placement_whose_seats_are_all_assigned_in_the_run(
        run, crowd, coordinator, single):
    holder = next(a for a in crowd if run.result["assignment"][str(a.pk)] == str(single.pk))
    other = next(a for a in crowd[:3] if a != holder)
    with pytest.raises(MatchingError, match="no seat left"):
        matching_override(run=run, application=other, placement=single,
                          reason="Wunsch der Einsatzstelle", actor=coordinator)
    # once the seat is freed in the run, the change is possible
    matching_override(run=run, application=holder, placement=None, reason="Zieht um",
                      actor=coordinator)
    matching_override(run=run, application=other, placement=single,
                      reason="Wunsch der Einsatzstelle", actor=coordinator)
    assert run_assignment(run)[str(other.pk)] == str(single.pk)


# --- approval ------------------------------------------------------------------------


def test_approval_makes_every_offer_with_deadline_and_email_after_commit(
        run, crowd, coordinator, jobs, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = matching_approve(run=run, actor=coordinator)
    assert len(report["offered"]) == 4 and report["skipped"] == []
    for application in crowd:
        application.refresh_from_db()
        assert application.status == S.OFFERED
        assert str(application.placement_id) == run.result["assignment"][str(application.pk)]
        assert application.offer_deadline is not None
        assert application.events.get(to_status=S.OFFERED).actor == coordinator
    assert len(mail.outbox) == 4
    run.refresh_from_db()
    assert run.state == MatchingRunState.APPROVED and run.approved_by == coordinator


def test_approving_twice_does_nothing_the_second_time(run, crowd, coordinator):
    matching_approve(run=run, actor=coordinator)
    with pytest.raises(RunAlreadyApproved, match="already been approved"):
        matching_approve(run=run, actor=coordinator)
    assert sum(a.events.filter(to_status=S.OFFERED).count() for a in crowd) == 4


def test_approval_follows_the_coordinators_change(run, crowd, coordinator):
    dietrich = crowd[3]
    matching_override(run=run, application=dietrich, placement=None, reason="Abgesprochen",
                      actor=coordinator)
    report = matching_approve(run=run, actor=coordinator)
    dietrich.refresh_from_db()
    assert dietrich.status == S.IN_REVIEW
    assert dietrich.pk in report["unmatched"]


def test_approval_skips_an_application_withdrawn_after_the_run(run, crowd, coordinator):
    withdrawn = crowd[3]
    application_transition(application=withdrawn, to_status=S.WITHDRAWN,
                           actor=withdrawn.applicant)
    report = matching_approve(run=run, actor=coordinator)
    assert [(s["application"], s["reason"]) for s in report["skipped"]] == [
        (withdrawn.pk, SKIPPED_STATUS)]
    withdrawn.refresh_from_db()
    assert withdrawn.status == S.WITHDRAWN
    assert len(report["offered"]) == 3


def test_approval_skips_a_pair_the_host_judged_not_suitable_after_the_run(
        run, crowd, coordinator):
    dietrich = crowd[3]
    ApplicationPreference.objects.filter(application=dietrich).update(
        verdict=ApplicationPreference.Verdict.NOT_SUITABLE)
    report = matching_approve(run=run, actor=coordinator)
    assert [(s["application"], s["reason"]) for s in report["skipped"]] == [
        (dietrich.pk, SKIPPED_NOT_SUITABLE)]
    dietrich.refresh_from_db()
    assert dietrich.status == S.IN_REVIEW


def test_approval_skips_a_seat_filled_meanwhile_and_never_overbooks(
        year, run, crowd, coordinator, single):
    late = pool_application(year, [single], last_name="Zwischendurch")
    application_transition(application=late, to_status=S.OFFERED, actor=coordinator,
                           placement=single)
    report = matching_approve(run=run, actor=coordinator)
    skipped = [(s["placement"], s["reason"]) for s in report["skipped"]]
    assert skipped == [(single.pk, SKIPPED_NO_SEAT)]
    assert held(single) == single.seats == 1


def test_approval_discards_the_other_proposals_of_the_year(year, run, coordinator):
    older = matching_run_create(programme_year=year, actor=coordinator, seed=8)
    matching_approve(run=run, actor=coordinator)
    older.refresh_from_db()
    assert older.state == MatchingRunState.DISCARDED
    with pytest.raises(MatchingError, match="discarded"):
        matching_approve(run=older, actor=coordinator)


def test_discarding_keeps_the_run_for_comparison(run, coordinator):
    matching_run_discard(run=run, actor=coordinator)
    assert MatchingRun.objects.get(pk=run.pk).state == MatchingRunState.DISCARDED


def test_unmatched_stay_in_review_and_the_next_run_fills_a_declined_seat(
        year, single, coordinator):
    first = pool_application(year, [single], last_name="Erste", host_ranks={single: 1})
    second = pool_application(year, [single], last_name="Zweite", host_ranks={single: 2})
    run = matching_run_create(programme_year=year, actor=coordinator, seed=5)
    report = matching_approve(run=run, actor=coordinator)
    assert report["unmatched"] == [second.pk]
    second.refresh_from_db()
    assert second.status == S.IN_REVIEW  # stays in the pool for the next run
    first.refresh_from_db()
    application_transition(application=first, to_status=S.DECLINED, actor=first.applicant)
    rerun = matching_run_create(programme_year=year, actor=coordinator, seed=6)
    assert rerun.result["assignment"] == {str(second.pk): str(single.pk)}
    matching_approve(run=rerun, actor=coordinator)
    second.refresh_from_db()
    offer_accept(application=second, actor=second.applicant)
    second.refresh_from_db()
    assert second.status == S.ACCEPTED
    assert held(single) == 1


def test_erasing_a_person_drops_their_date_of_birth_from_stored_runs(
        year, crowd, coordinator):
    from volunteers.data_rights import volunteers_erase

    run = matching_run_create(programme_year=year, actor=coordinator, seed=7)
    gone = crowd[3]
    volunteers_erase(gone.applicant)
    run.refresh_from_db()
    snapshot = {a["id"]: a for a in run.input_snapshot["applicants"]}
    assert snapshot[str(gone.pk)]["date_of_birth"] is None
    assert snapshot[str(crowd[0].pk)]["date_of_birth"] == "2006-05-04"
    # the others' results stay explainable
    assert run_proposal(run).assignment[str(crowd[0].pk)] == run.result["assignment"][
        str(crowd[0].pk)]
