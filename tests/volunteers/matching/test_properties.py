"""Property-based tests of the matching on random small instances (Hypothesis).

For every instance: the proposal is stable (no applicant and placement who both prefer each
other to what they got), respects capacities and exclusions, equals a straightforward
round-based reference implementation written here from the documented rules, is the best
stable outcome for every applicant, does not depend on the order of the applicants, and
no applicant gains by misreporting their ranking.
"""

import hashlib
import itertools
import json
from datetime import date

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from volunteers.matching.rules import (
    DRIVING_LICENCE,
    EXCLUDED,
    EXTENDED_CERTIFICATE,
    FULL,
    NO_SEATS,
    NOT_REACHED,
    PROPOSED,
    ApplicantIn,
    MatchingInput,
    PlacementIn,
    explanation,
    input_from_snapshot,
    propose,
    snapshot,
)

AUG, SEP = date(2027, 8, 1), date(2027, 9, 1)
BIRTHDAYS = [None, date(2011, 8, 15), date(2005, 1, 1), date(2000, 8, 1), date(2000, 8, 2)]
REQUIREMENTS = [EXTENDED_CERTIFICATE, DRIVING_LICENCE]
FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw, max_applicants=7, max_placements=4, max_capacity=3):
    n_placements = draw(st.integers(1, max_placements))
    placement_ids = [f"p{i}" for i in range(n_placements)]
    applicant_ids = [str(i) for i in range(draw(st.integers(0, max_applicants)))]
    # mostly easy pairs: rules that exclude are drawn with low probability
    rare = st.integers(0, 5).map(lambda n: n == 0)
    applicants = []
    for applicant_id in applicant_ids:
        ranked = draw(st.permutations(placement_ids + ["gone"]))
        length = draw(st.integers(0, len(ranked)))
        applicants.append(ApplicantIn(
            id=applicant_id, preferences=tuple(ranked[:length]),
            date_of_birth=draw(st.sampled_from(BIRTHDAYS[:3]) if not draw(rare)
                               else st.sampled_from(BIRTHDAYS)),
            part_time=draw(rare), start_date=draw(st.sampled_from([None, None, AUG, SEP])),
            confirmed=frozenset(r for r in REQUIREMENTS if not draw(rare))))
    placements = []
    for placement_id in placement_ids:
        ranked = draw(st.lists(st.sampled_from(applicant_ids), unique=True)) \
            if applicant_ids else []
        placements.append(PlacementIn(
            id=placement_id, title=placement_id, host_name=f"Host {placement_id}",
            landkreis=draw(st.sampled_from(["jena", "weimar"])),
            capacity=draw(st.integers(0, max_capacity)),
            start_dates=draw(st.sampled_from([frozenset(), frozenset({AUG, SEP}),
                                              frozenset({AUG}), frozenset({SEP})])),
            part_time_possible=draw(st.booleans()),
            requirements=frozenset(r for r in REQUIREMENTS if draw(rare)),
            offered=not draw(rare),
            host_ranks=tuple((a, draw(st.integers(1, 3))) for a in ranked),
            not_suitable=frozenset(a for a in applicant_ids if draw(rare))))
    return MatchingInput(seed=draw(st.integers(0, 2**32)), applicants=tuple(applicants),
                         placements=tuple(placements))


# --- the reference, written from the documented rules ---------------------------------------


def age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def allowed(inp: MatchingInput, a: ApplicantIn, p: PlacementIn) -> bool:
    if not p.offered or a.id in p.not_suitable or not p.requirements <= a.confirmed:
        return False
    if a.part_time and not p.part_time_possible:
        return False
    if a.start_date and p.start_dates and a.start_date not in p.start_dates:
        return False
    start = a.start_date or (min(p.start_dates) if p.start_dates else None)
    return not (a.date_of_birth and start
                and not inp.min_age <= age(a.date_of_birth, start) < inp.max_age_exclusive)


def reference_lists(inp: MatchingInput):
    placements = {p.id: p for p in inp.placements}
    prefs = {}
    for a in inp.applicants:
        prefs[a.id] = [pid for pid in dict.fromkeys(a.preferences)
                       if pid in placements and allowed(inp, a, placements[pid])]
    priority = {}
    for p in inp.placements:
        ranks = dict(p.host_ranks)
        wanting = [a for a, lst in prefs.items() if p.id in lst]
        priority[p.id] = sorted(wanting, key=lambda a, p=p, ranks=ranks: (
            ranks.get(a, 10**9),
            hashlib.sha256(f"{inp.seed}:{p.id}:{a}".encode()).digest()))
    return prefs, priority


def reference_matching(prefs, capacity, priority):
    """Textbook round-based deferred acceptance: every round all applicants without a
    seat propose to their next choice at once; each placement keeps its best."""
    next_choice = dict.fromkeys(prefs, 0)
    held = {p: [] for p in capacity}
    while True:
        seated = {a for holders in held.values() for a in holders}
        proposing = [a for a in prefs if a not in seated and next_choice[a] < len(prefs[a])]
        if not proposing:
            break
        for a in proposing:
            p = prefs[a][next_choice[a]]
            next_choice[a] += 1
            if a in priority[p]:
                held[p].append(a)
        for p in held:
            held[p] = sorted(held[p], key=priority[p].index)[:max(capacity[p], 0)]
    match = dict.fromkeys(prefs)
    for p, holders in held.items():
        for a in holders:
            match[a] = p
    return match


def blocking_pairs(match, prefs, capacity, priority):
    holders = {p: [a for a, q in match.items() if q == p] for p in capacity}
    found = []
    for a, lst in prefs.items():
        better = lst if match[a] is None else lst[:lst.index(match[a])]
        for p in better:
            if a not in priority[p]:
                continue
            if len(holders[p]) < capacity[p] or any(
                    priority[p].index(b) > priority[p].index(a) for b in holders[p]):
                found.append((a, p))
    return found


# --- properties ---------------------------------------------------------------------------


@FAST
@given(instances())
def test_the_proposal_is_stable_within_capacity_and_respects_every_exclusion(inp):
    proposal = propose(inp)
    prefs, priority = reference_lists(inp)
    assert proposal.acceptable == prefs
    assert proposal.priority == priority
    capacity = {p.id: p.capacity for p in inp.placements}
    assert blocking_pairs(proposal.assignment, prefs, capacity, priority) == []
    for p in inp.placements:
        assert len([a for a, q in proposal.assignment.items() if q == p.id]) <= p.capacity
    applicants = {a.id: a for a in inp.applicants}
    placements = {p.id: p for p in inp.placements}
    for a, p in proposal.assignment.items():
        if p is not None:
            assert p in applicants[a].preferences
            assert allowed(inp, applicants[a], placements[p])
            assert (a, p) not in proposal.excluded


@FAST
@given(instances())
def test_the_proposal_equals_the_round_based_reference(inp):
    prefs, priority = reference_lists(inp)
    capacity = {p.id: p.capacity for p in inp.placements}
    assert propose(inp).assignment == reference_matching(prefs, capacity, priority)


@FAST
@given(instances(max_applicants=5, max_placements=3, max_capacity=2))
def test_every_applicant_gets_their_best_stable_outcome(inp):
    prefs, priority = reference_lists(inp)
    capacity = {p.id: p.capacity for p in inp.placements}
    ours = propose(inp).assignment
    ids = list(prefs)
    for choice in itertools.product(*[[None, *prefs[a]] for a in ids]):
        match = dict(zip(ids, choice, strict=True))
        if any(sum(1 for q in choice if q == p) > capacity[p] for p in capacity):
            continue
        if any(q is not None and a not in priority[q] for a, q in match.items()):
            continue
        if blocking_pairs(match, prefs, capacity, priority):
            continue
        for a in ids:  # ours is at least as good for everyone as any stable matching
            if match[a] is not None:
                assert ours[a] is not None
                assert prefs[a].index(ours[a]) <= prefs[a].index(match[a])


@FAST
@given(instances(), st.randoms(use_true_random=False))
def test_the_order_of_the_applicants_does_not_matter(inp, rnd):
    shuffled = list(inp.applicants)
    rnd.shuffle(shuffled)
    other = MatchingInput(seed=inp.seed, applicants=tuple(shuffled), placements=inp.placements)
    assert propose(other).assignment == propose(inp).assignment


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_applicants=4, max_placements=3, max_capacity=1))
def test_nobody_gains_by_misreporting_their_ranking(inp):
    truth = propose(inp).assignment
    placement_ids = [p.id for p in inp.placements]
    lists = [perm for k in range(len(placement_ids) + 1)
             for perm in itertools.permutations(placement_ids, k)]
    for i, applicant in enumerate(inp.applicants):
        true_list = list(dict.fromkeys(applicant.preferences))

        def value(p, true_list=true_list):
            return true_list.index(p) if p in true_list else len(true_list)

        for lie in lists:
            applicants = list(inp.applicants)
            applicants[i] = ApplicantIn(
                id=applicant.id, preferences=lie, date_of_birth=applicant.date_of_birth,
                part_time=applicant.part_time, start_date=applicant.start_date,
                confirmed=applicant.confirmed)
            lied = MatchingInput(seed=inp.seed, applicants=tuple(applicants),
                                 placements=inp.placements)
            assert value(propose(lied).assignment[applicant.id]) >= value(truth[applicant.id])


@FAST
@given(instances())
def test_the_outcomes_and_sentences_tell_the_truth_about_each_preference(inp):
    proposal = propose(inp)
    for a in inp.applicants:
        outcomes = proposal.outcomes[a.id]
        assert [o.placement_id for o in outcomes] == list(dict.fromkeys(a.preferences))
        assert [o.rank for o in outcomes] == list(range(1, len(outcomes) + 1))
        codes = [o.code for o in outcomes]
        match = proposal.assignment[a.id]
        assert codes.count(PROPOSED) == (match is not None)
        seen_match = False
        for o in outcomes:
            result = proposal.placements.get(o.placement_id)
            if o.code == PROPOSED:
                seen_match = True
                assert o.placement_id == match
            elif o.code == NOT_REACHED:
                assert seen_match
            elif o.code == FULL:
                assert not seen_match
                assert len(result.proposed) == result.capacity == o.seats > 0
                assert a.id in result.turned_away
            elif o.code == NO_SEATS:
                assert result.capacity == 0
            else:
                assert o.code == EXCLUDED
                assert proposal.excluded[(a.id, o.placement_id)] == o.reason
        with translation.override("en"):
            sentences = explanation(proposal, a.id)
        assert len(sentences) == max(len(outcomes), 1) + 1
        assert all(s.endswith(".") and "%(" not in s for s in sentences)
    summary = proposal.summary
    assert summary.matched + summary.unmatched == len(inp.applicants)
    assert summary.seats_left == sum(s.left for s in summary.by_landkreis)


@FAST
@given(instances())
def test_a_snapshot_reproduces_the_run_exactly(inp):
    again = input_from_snapshot(json.loads(json.dumps(snapshot(inp))))
    assert again == inp
    assert propose(again) == propose(inp)
