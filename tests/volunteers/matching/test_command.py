"""`manage.py matching_proposal`: prints a proposal, stores and approves nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.volunteers.matching.test_selectors import apply
from volunteers.matching.models import MatchingRun
from volunteers.matching.rules import proposal_json, propose
from volunteers.matching.selectors import matching_input
from volunteers.models import Application

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("matching_proposal", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def contested(year, placements):
    """Three applicants for the two seats of the first placement; the second is a fallback."""
    social, school = placements[:2]
    return [apply(year, f"{name}@example.org", [social, school], first_name=name.title(),
                  last_name="Beispiel") for name in ("anna", "ben", "clara")]


def test_json_prints_exactly_the_inputs_as_used_and_the_assignment(year, contested):
    data = json.loads(run("--year", year.name, "--seed", "7", "--json"))
    inp = matching_input(programme_year=year, seed=7)
    assert data == json.loads(json.dumps(proposal_json(inp, propose(inp))))
    assert set(data) == {"seed", "applicants", "placements", "assignment"}
    assert data["seed"] == 7
    assert sum(1 for p in data["assignment"].values() if p is not None) == 3


def test_the_same_seed_prints_the_same_proposal_and_the_default_seed_is_0(year, contested):
    assert run("--year", year.name, "--json") == run("--year", year.name, "--seed", "0",
                                                     "--json")
    assert json.loads(run("--year", year.name, "--json"))["seed"] == 0


def test_text_shows_the_numbers_then_each_applicant_with_the_explanation(year, contested):
    text = run("--year", year.name, "--seed", "1")
    assert "nothing is stored or approved" in text
    assert "Applicants: 3, matched: 3, unmatched: 0; free seats: 4, left: 1." in text
    assert "Weimarer Land: 3 free seats, 2 proposed, 1 left." in text
    for application in contested:
        assert f"Application {application.pk} ({application.first_name} Beispiel):" in text
    assert "Your 1st choice (Stadtverwaltung Apolda) gave its 2 seats to applicants drawn " \
           "before you by lot." in text
    assert "Result: we propose the placement “Medienbildung am Gymnasium” at " \
           "Goethe-Gymnasium Ilmenau for you." in text


def test_nothing_is_stored_or_changed(year, contested):
    before = list(Application.objects.order_by("pk").values_list("status", "placement_id"))
    run("--year", year.name)
    assert list(Application.objects.order_by("pk").values_list(
        "status", "placement_id")) == before
    assert not MatchingRun.objects.exists()


def test_an_unknown_year_is_a_clear_message_and_exit_status_1(year):
    with pytest.raises(CommandError) as error:
        run("--year", "Jahrgang 1999")
    assert error.value.returncode == 1
    assert str(error.value) == ("There is no programme year named “Jahrgang 1999”. "
                                "Programme years: Jahrgang 2027/28.")
