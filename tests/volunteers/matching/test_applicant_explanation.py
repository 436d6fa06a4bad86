"""Applicants read in "Mein Bereich" why the approved matching proposal decided as it did."""

import pytest
from django.utils import translation
from django.utils.html import escape

from tests.volunteers.matching.helpers import pool_application
from tests.volunteers.test_wording import FORMAL
from volunteers.matching.rules import explanation
from volunteers.matching.services import (
    matching_approve,
    matching_override,
    matching_run_create,
    run_proposal,
)

pytestmark = pytest.mark.django_db
HEADING = "How the matching proposal decided for you"


@pytest.fixture
def pool(year, placements):
    single, double = placements[1], placements[0]
    first = pool_application(year, [single, double], last_name="Albrecht",
                             host_ranks={single: 1})
    second = pool_application(year, [single], last_name="Brandt")
    return first, second


def dashboard(client, application) -> str:
    client.force_login(application.applicant)
    return client.get("/en/mein-bereich/").content.decode()


def test_nothing_is_explained_before_the_coordination_approves_a_proposal(
        client, year, pool, coordinator):
    matching_run_create(programme_year=year, actor=coordinator, seed=3)
    assert HEADING not in dashboard(client, pool[1])


def test_after_approval_each_applicant_reads_their_own_reasons_only(
        client, year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=3)
    matching_approve(run=run, actor=coordinator)
    proposal = run_proposal(run)
    with translation.override("en"):
        turned_away = explanation(proposal, str(pool[1].pk))
        offered = explanation(proposal, str(pool[0].pk))
    page = dashboard(client, pool[1])
    assert HEADING in page
    # the one-seat placement went to the applicant its host ranked first
    assert "ranked before you" in turned_away[0]
    for sentence in turned_away:
        assert escape(sentence) in page
    assert escape(offered[-1]) not in page


def test_an_assignment_changed_by_hand_is_not_explained_by_the_algorithm(
        client, year, pool, coordinator, placements):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=3)
    matching_override(run=run, application=pool[0], placement=placements[0],
                      reason="Lives next door", actor=coordinator)
    matching_approve(run=run, actor=coordinator)
    page = dashboard(client, pool[0])
    assert "chose your placement by hand" in page
    assert "Lives next door" not in page


def test_the_german_explanation_says_du_like_the_programmes_other_pages(
        year, pool, coordinator):
    run = matching_run_create(programme_year=year, actor=coordinator, seed=3)
    proposal = run_proposal(run)
    with translation.override("de"):
        sentences = [sentence for application in pool
                     for sentence in explanation(proposal, str(application.pk))]
    assert any(sentence.startswith("Deine 1. Wahl") for sentence in sentences)
    assert not [s for s in sentences if FORMAL.search(s)]
