"""The matching input as the database holds it: who takes part, their ranked placements,
the hosts' verdicts, the free seats from the one seat rule, in a constant number of
queries; a what-if changes nothing in the database."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from tests.factories import role_user
from volunteers.matching.rules import DRIVING_LICENCE, EXTENDED_CERTIFICATE, propose
from volunteers.matching.selectors import matching_input
from volunteers.models import Application, ApplicationPreference, Placement

pytestmark = pytest.mark.django_db
SUITABLE = ApplicationPreference.Verdict.SUITABLE
NOT_SUITABLE = ApplicationPreference.Verdict.NOT_SUITABLE


def apply(year, email, placements, *, status="in_review", placement=None, **fields):
    user = role_user(email, Role.VOLUNTEER)
    fields.setdefault("date_of_birth", datetime.date(2006, 5, 4))
    application = Application.objects.create(
        applicant=user, programme_year=year, status=status, placement=placement,
        submitted_at=timezone.now(), start_date=year.start_dates.first(), **fields)
    for rank, where in enumerate(placements, start=1):
        ApplicationPreference.objects.create(application=application, placement=where,
                                             rank=rank)
    return application


def test_only_submitted_eligible_applications_take_part_with_their_ranked_placements(
        year, placements):
    social, school, it = placements[:3]
    reviewed = apply(year, "a@example.org", [school, social])
    interviewed = apply(year, "b@example.org", [it], status="interview")
    waiting = apply(year, "c@example.org", [social], status="waiting_list", placement=social)
    for status, email in (("draft", "d@example.org"), ("submitted", "e@example.org"),
                          ("withdrawn", "f@example.org"), ("rejected", "g@example.org")):
        apply(year, email, [social], status=status)
    inp = matching_input(programme_year=year, seed=3)
    assert inp.seed == 3
    assert [(a.id, a.preferences) for a in inp.applicants] == [
        (str(reviewed.pk), (str(school.pk), str(social.pk))),
        (str(interviewed.pk), (str(it.pk),)),
        (str(waiting.pk), (str(social.pk),))]
    first = inp.applicants[0]
    assert first.date_of_birth == datetime.date(2006, 5, 4)
    assert first.start_date == year.start_dates.first().date
    assert (inp.min_age, inp.max_age_exclusive) == (year.min_age, year.max_age_exclusive)


def test_placements_carry_host_landkreis_dates_requirements_and_whether_offered(
        year, placements):
    social = placements[0]
    social.requires_extended_certificate = social.requires_driving_licence = True
    social.part_time_possible = True
    social.save()
    by_id = {p.id: p for p in matching_input(programme_year=year, seed=0).placements}
    entry = by_id[str(social.pk)]
    assert (entry.title, entry.host_name, entry.landkreis) == (
        "Social Media für die Stadt Apolda", "Stadtverwaltung Apolda", "weimarer-land")
    assert entry.start_dates == {d.date for d in year.start_dates.all()}
    assert entry.requirements == {EXTENDED_CERTIFICATE, DRIVING_LICENCE}
    assert entry.part_time_possible and entry.offered
    assert by_id[str(placements[3].pk)].offered is False  # unpublished


def test_confirmations_verdicts_and_host_ranks_are_read(year, placements):
    social = placements[0]
    ranked = apply(year, "a@example.org", [social], confirms_extended_certificate=True)
    unfit = apply(year, "b@example.org", [social], has_driving_licence=True)
    tied = apply(year, "c@example.org", [social])
    ApplicationPreference.objects.filter(application=ranked).update(verdict=SUITABLE,
                                                                    host_rank=2)
    ApplicationPreference.objects.filter(application=tied).update(host_rank=2)
    ApplicationPreference.objects.filter(application=unfit).update(verdict=NOT_SUITABLE,
                                                                   host_rank=1)
    inp = matching_input(programme_year=year, seed=0)
    confirmed = {a.id: a.confirmed for a in inp.applicants}
    assert confirmed == {str(ranked.pk): {EXTENDED_CERTIFICATE},
                         str(unfit.pk): {DRIVING_LICENCE}, str(tied.pk): frozenset()}
    entry = next(p for p in inp.placements if p.id == str(social.pk))
    assert dict(entry.host_ranks) == {str(ranked.pk): 2, str(tied.pk): 2}
    assert entry.not_suitable == {str(unfit.pk)}


def test_capacity_is_the_free_seats_after_accepted_and_open_offers(year, placements):
    social = placements[0]  # two seats
    apply(year, "a@example.org", [social], status="offered", placement=social,
          offer_deadline=timezone.now() + datetime.timedelta(days=3))
    apply(year, "b@example.org", [social], status="offered", placement=social,
          offer_deadline=timezone.now() - datetime.timedelta(days=1))  # expired: no hold
    by_id = {p.id: p for p in matching_input(programme_year=year, seed=0).placements}
    assert by_id[str(social.pk)].capacity == 1
    Placement.objects.filter(pk=social.pk).update(seats_taken=1)
    by_id = {p.id: p for p in matching_input(programme_year=year, seed=0).placements}
    assert by_id[str(social.pk)].capacity == 0
    later = timezone.now() + datetime.timedelta(days=10)  # the open offer has expired then
    by_id = {p.id: p for p in matching_input(programme_year=year, seed=0, now=later).placements}
    assert by_id[str(social.pk)].capacity == 1


def test_the_number_of_queries_does_not_grow_with_applications(year, placements):
    apply(year, "a@example.org", placements[:2])
    with CaptureQueriesContext(connection) as few:
        propose(matching_input(programme_year=year, seed=0))
    for n in range(6):
        application = apply(year, f"many{n}@example.org", placements[:3])
        ApplicationPreference.objects.filter(application=application).update(host_rank=n)
    with CaptureQueriesContext(connection) as many:
        propose(matching_input(programme_year=year, seed=0))
    assert len(many) == len(few) <= 5


def test_a_what_if_adds_seats_to_the_input_and_changes_nothing_stored(year, placements):
    social = placements[0]
    apply(year, "a@example.org", [social])
    inp = matching_input(programme_year=year, seed=0, what_if={"extra_seats": {social.pk: 1}})
    assert next(p for p in inp.placements if p.id == str(social.pk)).capacity == 3
    social.refresh_from_db()
    assert social.seats == 2
    with pytest.raises(ValueError):
        matching_input(programme_year=year, seed=0, what_if={"fewer_rules": True})


def test_a_year_without_applications_gives_an_empty_proposal(year, placements):
    proposal = propose(matching_input(programme_year=year, seed=0))
    assert proposal.assignment == {}
    assert proposal.summary.seats == 4  # 2 + 1 + 1: the unpublished placement offers none
