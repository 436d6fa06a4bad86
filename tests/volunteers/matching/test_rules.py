"""The matching rules on small hand-made inputs: every exclusion reason, the priorities
and their lottery, the algorithm, the proposal's outcomes and every explanation sentence."""

import json
from datetime import date

import pytest
from django.utils import translation

from volunteers.matching.rules import (
    ALGORITHM_VERSION,
    BY_BOTH,
    BY_HOST_RANKING,
    BY_LOTTERY,
    DRIVING_LICENCE,
    EXCLUDED,
    EXTENDED_CERTIFICATE,
    FULL,
    NO_SEATS,
    NOT_REACHED,
    NOT_SUITABLE,
    PART_TIME_IMPOSSIBLE,
    PLACEMENT_UNAVAILABLE,
    PROPOSED,
    START_DATE_NOT_OFFERED,
    TOO_OLD,
    TOO_YOUNG,
    ApplicantIn,
    MatchingInput,
    PlacementIn,
    deferred_acceptance,
    exclusions,
    explanation,
    input_from_snapshot,
    lot,
    priorities,
    proposal_json,
    propose,
    result_json,
    snapshot,
    with_extra_seats,
)

AUG, SEP = date(2027, 8, 1), date(2027, 9, 1)
ADULT = date(2005, 3, 1)  # 22 on both start dates


def applicant(id, *prefs, born=ADULT, **kwargs):
    return ApplicantIn(id=id, preferences=tuple(prefs), date_of_birth=born, **kwargs)


def placement(id, *, capacity=1, host=None, **kwargs):
    kwargs.setdefault("start_dates", frozenset({AUG, SEP}))
    return PlacementIn(id=id, title=f"Stelle {id}", host_name=host or f"Einsatzstelle {id}",
                       landkreis=kwargs.pop("landkreis", "weimar"), capacity=capacity,
                       **kwargs)


def matching(applicants, placements, seed=7):
    return MatchingInput(seed=seed, applicants=tuple(applicants), placements=tuple(placements))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- exclusions -----------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "where", "reason"), [
    (applicant("a", "p", start_date=AUG), placement("p", start_dates=frozenset({SEP})),
     START_DATE_NOT_OFFERED),
    (applicant("a", "p", born=date(2011, 8, 2), start_date=AUG), placement("p"), TOO_YOUNG),
    (applicant("a", "p", born=date(2000, 8, 1), start_date=AUG), placement("p"), TOO_OLD),
    (applicant("a", "p", part_time=True), placement("p"), PART_TIME_IMPOSSIBLE),
    (applicant("a", "p"), placement("p", requirements=frozenset({EXTENDED_CERTIFICATE})),
     "requirement_missing:extended_certificate"),
    (applicant("a", "p", confirmed=frozenset({EXTENDED_CERTIFICATE})),
     placement("p", requirements=frozenset({EXTENDED_CERTIFICATE, DRIVING_LICENCE})),
     "requirement_missing:driving_licence"),
    (applicant("a", "p"), placement("p", not_suitable=frozenset({"a"})), NOT_SUITABLE),
    (applicant("a", "p"), placement("p", offered=False), PLACEMENT_UNAVAILABLE),
    (applicant("a", "p"), placement("other"), PLACEMENT_UNAVAILABLE),
])
def test_each_hard_rule_excludes_the_pair_with_its_reason(who, where, reason):
    assert exclusions(matching([who], [where])) == {("a", "p"): reason}
    assert propose(matching([who], [where])).assignment == {"a": None}


def test_a_pair_that_meets_every_rule_is_not_excluded():
    who = applicant("a", "p", born=date(2011, 8, 1), start_date=AUG, part_time=True,
                    confirmed=frozenset({EXTENDED_CERTIFICATE, DRIVING_LICENCE}))
    where = placement("p", part_time_possible=True,
                      requirements=frozenset({EXTENDED_CERTIFICATE, DRIVING_LICENCE}))
    assert exclusions(matching([who], [where])) == {}  # 16 exactly on the start date


def test_the_age_counts_on_the_wanted_start_date_if_offered_else_the_earliest():
    born = date(2011, 8, 15)  # 15 on 1 August, 16 on 1 September
    wants_september = applicant("a", "p", "q", born=born, start_date=SEP)
    no_wish = applicant("b", "p", born=born)
    inp = matching([wants_september, no_wish],
                   [placement("p"), placement("q", start_dates=frozenset({AUG}))])
    assert exclusions(inp) == {("a", "q"): START_DATE_NOT_OFFERED, ("b", "p"): TOO_YOUNG}


def test_turning_27_on_the_start_date_is_too_old_the_day_before_is_not():
    inp = matching([applicant("a", "p", born=date(2000, 8, 1), start_date=AUG),
                    applicant("b", "p", born=date(2000, 8, 2), start_date=AUG)],
                   [placement("p")])
    assert exclusions(inp) == {("a", "p"): TOO_OLD}


def test_a_placement_without_free_seats_is_no_exclusion_but_proposes_nobody():
    inp = matching([applicant("a", "p")], [placement("p", capacity=0)])
    proposal = propose(inp)
    assert exclusions(inp) == {}
    assert proposal.assignment == {"a": None}
    assert [o.code for o in proposal.outcomes["a"]] == [NO_SEATS]
    assert explanation(proposal, "a") == [
        "Your 1st choice (Einsatzstelle p) had no free seat left at the time of this "
        "proposal.",
        "Result: in this round none of your choices can be proposed for you."]


# --- priorities ---------------------------------------------------------------------------


def test_host_ranked_applicants_come_first_in_the_hosts_order_then_the_lottery():
    people = [applicant(x, "p") for x in "abcdef"]
    where = placement("p", host_ranks=(("e", 1), ("c", 2)), not_suitable=frozenset({"f"}))
    order = priorities(matching(people, [where]))["p"]
    assert order[:2] == ["e", "c"]
    assert sorted(order[2:]) == ["a", "b", "d"]
    assert order[2:] == sorted(["a", "b", "d"], key=lambda a: lot(7, "p", a))


def test_equal_host_ranks_are_tied_and_the_lottery_decides():
    people = [applicant(x, "p") for x in "abc"]
    where = placement("p", host_ranks=(("a", 1), ("b", 1), ("c", 2)))
    order = priorities(matching(people, [where]))["p"]
    assert order[:2] == sorted(["a", "b"], key=lambda a: lot(7, "p", a))
    assert order[2] == "c"


def test_an_excluded_applicant_is_not_in_the_priority_even_if_the_host_ranked_them():
    people = [applicant("a", "p", part_time=True), applicant("b", "p")]
    where = placement("p", host_ranks=(("a", 1),), not_suitable=frozenset())
    assert priorities(matching(people, [where])) == {"p": ["b"]}


def test_all_hosts_silent_is_a_pure_lottery_reproducible_by_its_seed():
    people = [applicant(str(n), "p", "q") for n in range(30)]
    places = [placement("p", capacity=3), placement("q", capacity=3)]
    first = priorities(matching(people, places, seed=11))
    assert priorities(matching(people, places, seed=11)) == first
    assert first["p"] != first["q"]  # each placement draws its own lots
    assert any(priorities(matching(people, places, seed=seed))["p"] != first["p"]
               for seed in range(12, 20))
    assert propose(matching(people, places, seed=11)) == propose(
        matching(people, places, seed=11))


def test_an_applicant_leaving_does_not_reshuffle_the_others():
    people = [applicant(str(n), "p") for n in range(20)]
    before = priorities(matching(people, [placement("p")]))["p"]
    after = priorities(matching(people[1:], [placement("p")]))["p"]
    assert after == [a for a in before if a != "0"]


# --- the algorithm -------------------------------------------------------------------------


def test_deferred_acceptance_textbook_example():
    prefs = {"a": ["x", "y"], "b": ["x", "y"], "c": ["x"], "d": ["y", "x"]}
    priority = {"x": ["d", "c", "b", "a"], "y": ["a", "b", "d"]}
    # d, bumped from y by a, takes x from c
    assert deferred_acceptance(prefs, {"x": 1, "y": 1}, priority) == {
        "a": "y", "b": None, "c": None, "d": "x"}
    assert deferred_acceptance(prefs, {"x": 2, "y": 1}, priority) == {
        "a": "y", "b": None, "c": "x", "d": "x"}


def test_deferred_acceptance_only_matches_mutually_acceptable_pairs():
    prefs = {"a": ["x", "z"], "b": ["y"]}
    assert deferred_acceptance(prefs, {"x": 1, "y": 0, "z": 1}, {"x": ["b"], "y": ["b"]}) \
        == {"a": None, "b": None}


def test_deferred_acceptance_does_not_depend_on_who_proposes_first():
    prefs = {"a": ["x", "y"], "b": ["y", "x"], "c": ["x", "y"]}
    priority = {"x": ["b", "c", "a"], "y": ["a", "c", "b"]}
    reordered = dict(reversed(list(prefs.items())))
    capacity = {"x": 1, "y": 1}
    assert deferred_acceptance(prefs, capacity, priority) == deferred_acceptance(
        reordered, capacity, priority)


# --- the proposal and its explanations ----------------------------------------------------


def test_a_full_placement_explains_it_gave_its_seats_to_applicants_the_host_ranked_higher():
    people = [applicant("a", "apolda", "ilmenau"), applicant("b", "apolda"),
              applicant("c", "apolda")]
    places = [placement("apolda", capacity=2, host="Stadtverwaltung Apolda",
                        host_ranks=(("b", 1), ("c", 2), ("a", 3))),
              placement("ilmenau", host="Goethe-Gymnasium Ilmenau")]
    proposal = propose(matching(people, places))
    assert proposal.assignment == {"a": "ilmenau", "b": "apolda", "c": "apolda"}
    assert proposal.outcomes["a"][0].code == FULL
    assert proposal.outcomes["a"][0].reason == BY_HOST_RANKING
    assert explanation(proposal, "a") == [
        "Your 1st choice (Stadtverwaltung Apolda) gave its 2 seats to applicants the host "
        "ranked before you.",
        "Your 2nd choice (Goethe-Gymnasium Ilmenau) is proposed for you.",
        "Result: we propose the placement “Stelle ilmenau” at Goethe-Gymnasium Ilmenau for "
        "you."]
    assert proposal.placements["apolda"].proposed == ("b", "c")
    assert proposal.placements["apolda"].turned_away == ("a",)
    assert proposal.placements["apolda"].seats_left == 0


def test_a_full_placement_explains_its_seat_went_to_an_applicant_drawn_earlier():
    people = [applicant(str(n), "p", "q") for n in range(6)]
    places = [placement("p", capacity=1), placement("q", capacity=2, host_ranks=(("0", 1),))]
    proposal = propose(matching(people, places))
    by_reason = {}
    for applicant_id in proposal.assignment:
        for outcome in proposal.outcomes[applicant_id]:
            if outcome.code == FULL:
                by_reason.setdefault((outcome.placement_id, outcome.reason), applicant_id)
    lottery_p = by_reason[("p", BY_LOTTERY)]
    assert explanation(proposal, lottery_p)[0] == (
        "Your 1st choice (Einsatzstelle p) gave its 1 seat to an applicant drawn before you "
        "by lot.")


def test_the_mixed_and_single_seat_sentences():
    people = [applicant("r", "q"), applicant("z", "q")]
    places = [placement("q", capacity=1, host_ranks=(("r", 1),))]
    proposal = propose(matching(people, places))
    assert explanation(proposal, "z")[0] == (
        "Your 1st choice (Einsatzstelle q) gave its 1 seat to an applicant the host ranked "
        "before you.")
    # three seats, the host ranked "r" only; "x" and "y" win the lottery over "z"
    seed = next(s for s in range(50) if sorted("xyz", key=lambda a: lot(s, "q", a))[2] == "z")
    people = [applicant(x, "q") for x in "rxyz"]
    places = [placement("q", capacity=3, host_ranks=(("r", 1),))]
    proposal = propose(matching(people, places, seed=seed))
    assert proposal.outcomes["z"][0].reason == BY_BOTH
    assert explanation(proposal, "z")[0] == (
        "Your 1st choice (Einsatzstelle q) gave its 3 seats to applicants the host ranked or "
        "drawn before you by lot.")


def test_a_choice_after_the_proposed_one_is_not_reached():
    proposal = propose(matching([applicant("a", "p", "q")], [placement("p"), placement("q")]))
    assert [o.code for o in proposal.outcomes["a"]] == [PROPOSED, NOT_REACHED]
    assert explanation(proposal, "a")[1] == (
        "Your 2nd choice (Einsatzstelle q) was not needed: a choice you ranked higher is "
        "proposed for you.")


@pytest.mark.parametrize(("who", "where", "sentence"), [
    (applicant("a", "p", start_date=AUG), placement("p", start_dates=frozenset({SEP})),
     "was not possible: it does not offer your start date, 1 August 2027."),
    (applicant("a", "p", born=date(2011, 8, 2), start_date=AUG), placement("p"),
     "was not possible: on its start date, 1 August 2027, you will be 15 years old, and the "
     "service is possible from the age of 16."),
    (applicant("a", "p", born=date(2000, 8, 1)), placement("p"),
     "was not possible: on its start date, 1 August 2027, you will be 27 years old, and the "
     "service is possible only until your 27th birthday."),
    (applicant("a", "p", part_time=True), placement("p"),
     "was not possible: you want to serve part-time, and this placement does not offer "
     "part-time service."),
    (applicant("a", "p"), placement("p", requirements=frozenset({EXTENDED_CERTIFICATE})),
     "was not possible: it requires an extended certificate of good conduct, and you have "
     "not confirmed that you can present one."),
    (applicant("a", "p"), placement("p", requirements=frozenset({DRIVING_LICENCE})),
     "was not possible: it requires a driving licence, and you have not confirmed that you "
     "hold one."),
    (applicant("a", "p"), placement("p", requirements=frozenset({"boat_licence"})),
     "was not possible: it has a requirement (boat_licence) that you have not confirmed."),
    (applicant("a", "p"), placement("p", not_suitable=frozenset({"a"})),
     "was not possible: the host found that the placement does not suit you."),
    (applicant("a", "p"), placement("p", offered=False),
     "is no longer offered in this programme year."),
])
def test_every_exclusion_is_explained_in_a_whole_sentence(who, where, sentence):
    proposal = propose(matching([who], [where]))
    assert proposal.outcomes["a"][0].code == EXCLUDED
    assert explanation(proposal, "a") == [
        f"Your 1st choice (Einsatzstelle p) {sentence}",
        "Result: in this round none of your choices can be proposed for you."]


def test_an_applicant_with_no_eligible_preference_gets_none_and_every_reason():
    who = applicant("a", "p", "q", part_time=True)
    proposal = propose(matching([who], [placement("p"), placement("q", offered=False)]))
    assert proposal.assignment == {"a": None}
    assert [(o.code, o.reason) for o in proposal.outcomes["a"]] == [
        (EXCLUDED, PART_TIME_IMPOSSIBLE), (EXCLUDED, PLACEMENT_UNAVAILABLE)]
    assert proposal.acceptable == {"a": []}
    assert proposal.summary.unmatched == 1


def test_an_applicant_without_any_preference_is_told_so():
    proposal = propose(matching([applicant("a")], [placement("p")]))
    assert explanation(proposal, "a") == [
        "You have not ranked any placement.",
        "Result: in this round none of your choices can be proposed for you."]
    assert explanation(proposal, "unknown") == []


def test_two_placements_of_one_host_are_named_with_their_titles():
    who = applicant("a", "p", "q")
    places = [placement("p", host="Stadtverwaltung Apolda", capacity=0),
              placement("q", host="Stadtverwaltung Apolda")]
    assert explanation(propose(matching([who], places)), "a")[:2] == [
        "Your 1st choice (Stelle p, Stadtverwaltung Apolda) had no free seat left at the "
        "time of this proposal.",
        "Your 2nd choice (Stelle q, Stadtverwaltung Apolda) is proposed for you."]


def test_the_summary_counts_matched_unmatched_and_seats_left_per_landkreis():
    people = [applicant("a", "p"), applicant("b", "p"), applicant("c", "q")]
    places = [placement("p", capacity=1, landkreis="weimar"),
              placement("q", capacity=3, landkreis="jena"),
              placement("r", capacity=2, landkreis="jena")]
    summary = propose(matching(people, places)).summary
    assert (summary.applicants, summary.matched, summary.unmatched) == (3, 2, 1)
    assert (summary.seats, summary.seats_left) == (6, 4)
    assert [(s.landkreis, s.seats, s.proposed, s.left) for s in summary.by_landkreis] == [
        ("jena", 5, 1, 4), ("weimar", 1, 1, 0)]


def test_a_what_if_with_one_more_seat_changes_the_input_only():
    people = [applicant("a", "p"), applicant("b", "p")]
    inp = matching(people, [placement("p")])
    more = with_extra_seats(inp, {"p": 1, "unknown": 3})
    assert inp.placements[0].capacity == 1
    assert more.placements[0].capacity == 2
    assert propose(more).summary.matched == 2
    assert with_extra_seats(inp, {"p": -5}).placements[0].capacity == 0


# --- JSON ---------------------------------------------------------------------------------


def test_proposal_json_has_exactly_the_issues_shape():
    people = [applicant("1", "10", "11"), applicant("2", "10", part_time=True),
              applicant("3", "11", "10")]
    places = [placement("10", capacity=2), placement("11", capacity=0)]
    inp = matching(people, places)
    data = json.loads(json.dumps(proposal_json(inp, propose(inp))))
    assert data == {
        "seed": 7,
        "applicants": {"1": ["10", "11"], "2": [], "3": ["11", "10"]},
        "placements": {"10": {"capacity": 2,
                              "priority": sorted(["1", "3"], key=lambda a: lot(7, "10", a))},
                       "11": {"capacity": 0,
                              "priority": sorted(["1", "3"], key=lambda a: lot(7, "11", a))}},
        "assignment": {"1": "10", "2": None, "3": "10"},
    }


def test_a_snapshot_gives_back_the_very_input_and_the_same_result():
    people = [applicant("1", "10", "11", start_date=AUG, part_time=True,
                        confirmed=frozenset({DRIVING_LICENCE})), applicant("2", "11", born=None)]
    places = [placement("10", part_time_possible=True, host_ranks=(("1", 2),),
                        requirements=frozenset({DRIVING_LICENCE})),
              placement("11", not_suitable=frozenset({"1"}), offered=False,
                        start_dates=frozenset())]
    inp = matching(people, places)
    again = input_from_snapshot(json.loads(json.dumps(snapshot(inp))))
    assert again == inp
    assert result_json(propose(again)) == result_json(propose(inp))
    stored = json.loads(json.dumps(result_json(propose(inp))))
    assert stored["algorithm_version"] == ALGORITHM_VERSION
    assert stored["assignment"] == {"1": "10", "2": None}
    with pytest.raises(ValueError):
        input_from_snapshot({**snapshot(inp), "version": 99})
