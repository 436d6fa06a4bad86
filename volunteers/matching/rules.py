"""The matching proposal as pure rules: who may be placed where, in which order each
placement takes its applicants, applicant-proposing deferred acceptance, and why each
applicant got what they got.

No database and no models here: volunteers.matching.selectors builds a `MatchingInput`
from the database, and everything below works on it alone, so the algorithm can be tested
with random instances and benchmarked on its own.

The procedure (version `ALGORITHM_VERSION`):

1. Exclusions (`exclusions`): a pair of applicant and ranked placement is excluded, with a
   reason code, when a hard rule fails (age at the start date, part-time, start date,
   a requirement not confirmed, placement no longer offered) or the host judged the
   applicant "not suitable".
2. Priorities (`priorities`): each placement orders the applicants acceptable to it: those
   the host ranked first, by the host's rank; then the others. Ties (equal host ranks and
   everyone the host did not rank) are broken by a lottery drawn from the run's seed: each
   applicant's lot at a placement is SHA-256 of "<seed>:<placement id>:<applicant id>",
   so the same seed always gives the same order, and an applicant leaving does not
   reshuffle the others.
3. Deferred acceptance (`deferred_acceptance`): applicants propose down their lists, each
   placement holds its best applicants up to its free seats and turns the rest away. The
   result is stable, the best stable outcome for every applicant, and nobody gains by
   misreporting their ranking.
4. Explanations (`propose`, `explanation`): per applicant and preference what happened,
   in whole sentences.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
from collections import deque
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from volunteers.eligibility import age_on

ALGORITHM_VERSION = "deferred-acceptance-1"
SNAPSHOT_VERSION = 1

# Requirements a placement may have and an applicant may confirm.
EXTENDED_CERTIFICATE = "extended_certificate"
DRIVING_LICENCE = "driving_licence"

# Exclusion reason codes (a pair of applicant and ranked placement that may not be matched).
NOT_SUITABLE = "not_suitable"
TOO_YOUNG = "too_young"
TOO_OLD = "too_old"
PART_TIME_IMPOSSIBLE = "part_time_impossible"
START_DATE_NOT_OFFERED = "start_date_not_offered"
REQUIREMENT_MISSING = "requirement_missing"  # written "requirement_missing:<requirement>"
PLACEMENT_UNAVAILABLE = "placement_unavailable"  # ranked, but not in this run's placements

# Outcome codes: what became of one preference.
PROPOSED = "proposed"
EXCLUDED = "excluded"  # with an exclusion reason code
FULL = "full"  # its seats went to applicants it ranks higher (reason: who they were)
NOT_REACHED = "not_reached"  # a choice ranked higher is proposed
NO_SEATS = "no_seats"  # the placement had no free seat at the time of the run

# Why a placement that turned an applicant away was full.
BY_HOST_RANKING = "host_ranked"  # every seat went to an applicant the host ranked higher
BY_LOTTERY = "lottery"  # the host ranked none of them: the lottery decided
BY_BOTH = "mixed"


# --- input --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantIn:
    id: str  # the application's id
    preferences: tuple[str, ...]  # placement ids, best first, as the applicant ranked them
    date_of_birth: date | None = None
    part_time: bool = False
    start_date: date | None = None  # the start date the applicant wants (None: any)
    confirmed: frozenset[str] = frozenset()  # requirements the applicant confirmed


@dataclass(frozen=True)
class PlacementIn:
    id: str
    title: str = ""
    host_name: str = ""
    landkreis: str = ""
    capacity: int = 1  # free seats at the time of the run
    start_dates: frozenset[date] = frozenset()  # empty: no restriction
    part_time_possible: bool = False
    requirements: frozenset[str] = frozenset()
    offered: bool = True  # False: no longer offered (unpublished); ranked, never matched
    # (applicant id, host rank) for the applicants the host ranked; lower rank is better,
    # equal ranks are tied (the lottery decides between them)
    host_ranks: tuple[tuple[str, int], ...] = ()
    not_suitable: frozenset[str] = frozenset()  # applicants with the verdict "not suitable"


@dataclass(frozen=True)
class MatchingInput:
    seed: int
    applicants: tuple[ApplicantIn, ...]
    placements: tuple[PlacementIn, ...]
    min_age: int = 16
    max_age_exclusive: int = 27


def with_extra_seats(inp: MatchingInput, extra_seats: dict[str, int]) -> MatchingInput:
    """The same input with more (or, negative, fewer) free seats at some placements: a
    what-if. Unknown placement ids are ignored; capacity never drops below 0."""
    placements = tuple(
        dataclasses.replace(p, capacity=max(p.capacity + int(extra_seats[p.id]), 0))
        if p.id in extra_seats else p for p in inp.placements)
    return dataclasses.replace(inp, placements=placements)


# --- exclusions and priorities ------------------------------------------------------------


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def start_date_at(applicant: ApplicantIn, placement: PlacementIn) -> date | None:
    """The start date that counts for this pair: the applicant's wish if the placement
    offers it (or offers no dates at all), else the placement's earliest date."""
    if applicant.start_date is not None and (not placement.start_dates
                                             or applicant.start_date in placement.start_dates):
        return applicant.start_date
    return min(placement.start_dates) if placement.start_dates else None


def pair_exclusion(inp: MatchingInput, applicant: ApplicantIn,
                   placement: PlacementIn) -> str | None:
    """Why this applicant may not be placed at this placement, or None. The hard rules
    come first, in a fixed order, then the host's verdict; only the first reason counts."""
    if (applicant.start_date is not None and placement.start_dates
            and applicant.start_date not in placement.start_dates):
        return START_DATE_NOT_OFFERED
    start = start_date_at(applicant, placement)
    if applicant.date_of_birth is not None and start is not None:
        age = age_on(born=applicant.date_of_birth, day=start)
        if age < inp.min_age:
            return TOO_YOUNG
        if age >= inp.max_age_exclusive:
            return TOO_OLD
    if applicant.part_time and not placement.part_time_possible:
        return PART_TIME_IMPOSSIBLE
    for requirement in sorted(placement.requirements - applicant.confirmed):
        return f"{REQUIREMENT_MISSING}:{requirement}"
    if applicant.id in placement.not_suitable:
        return NOT_SUITABLE
    return None


def exclusions(inp: MatchingInput) -> dict[tuple[str, str], str]:
    """The reason code for every (applicant id, placement id) pair the applicant ranked but
    may not be matched: see the codes above. A placement without free seats is no
    exclusion (the proposal reports it as `NO_SEATS`)."""
    placements = {p.id: p for p in inp.placements}
    excluded = {}
    for applicant in inp.applicants:
        for placement_id in _unique(applicant.preferences):
            placement = placements.get(placement_id)
            reason = (PLACEMENT_UNAVAILABLE if placement is None or not placement.offered
                      else pair_exclusion(inp, applicant, placement))
            if reason:
                excluded[(applicant.id, placement_id)] = reason
    return excluded


def lot(seed: int, placement_id: str, applicant_id: str) -> bytes:
    """The applicant's lot at a placement: the lower, the earlier drawn."""
    return hashlib.sha256(f"{seed}:{placement_id}:{applicant_id}".encode()).digest()


def _priorities(inp: MatchingInput, excluded: dict[tuple[str, str], str]
                ) -> dict[str, list[str]]:
    ranked_by: dict[str, list[str]] = {p.id: [] for p in inp.placements}
    for applicant in inp.applicants:
        for placement_id in _unique(applicant.preferences):
            if placement_id in ranked_by and (applicant.id, placement_id) not in excluded:
                ranked_by[placement_id].append(applicant.id)
    result = {}
    unranked = float("inf")
    for placement in inp.placements:
        host_rank = dict(placement.host_ranks)
        result[placement.id] = sorted(
            ranked_by[placement.id],
            key=lambda a, p=placement.id, ranks=host_rank: (
                ranks.get(a, unranked), lot(inp.seed, p, a), a))
    return result


def priorities(inp: MatchingInput) -> dict[str, list[str]]:
    """For every placement the applicants acceptable to it, best first: the host's ranking,
    then everyone the host did not rank; ties broken by the seed's lottery (see `lot`)."""
    return _priorities(inp, exclusions(inp))


def acceptable_preferences(inp: MatchingInput,
                           excluded: dict[tuple[str, str], str] | None = None
                           ) -> dict[str, list[str]]:
    """For every applicant the placements they ranked and may be matched to, best first."""
    excluded = exclusions(inp) if excluded is None else excluded
    known = {p.id for p in inp.placements}
    return {a.id: [p for p in _unique(a.preferences)
                   if p in known and (a.id, p) not in excluded]
            for a in inp.applicants}


# --- the algorithm ------------------------------------------------------------------------


def deferred_acceptance(prefs: dict[str, list[str]], capacity: dict[str, int],
                        priority: dict[str, list[str]]) -> dict[str, str | None]:
    """Applicant-proposing deferred acceptance with capacities (Gale and Shapley).

    `prefs`: applicant → placements, best first; `capacity`: placement → seats;
    `priority`: placement → the applicants it accepts, best first. Only mutually acceptable
    pairs are matched (an applicant missing from a placement's priority is turned away).
    Returns every applicant of `prefs` with a placement or None. The result does not depend
    on the order in which applicants propose.
    """
    position = {p: {a: i for i, a in enumerate(order)} for p, order in priority.items()}
    held: dict[str, list[int]] = {p: [] for p in priority}  # max-heap of positions (negated)
    holder: dict[str, dict[int, str]] = {p: {} for p in priority}
    next_choice = dict.fromkeys(prefs, 0)
    match: dict[str, str | None] = dict.fromkeys(prefs)
    free = deque(prefs)
    while free:
        applicant = free.popleft()
        choices = prefs[applicant]
        while next_choice[applicant] < len(choices):
            placement = choices[next_choice[applicant]]
            next_choice[applicant] += 1
            rank = position.get(placement, {}).get(applicant)
            seats = capacity.get(placement, 0)
            if rank is None or seats <= 0:
                continue
            heap = held[placement]
            if len(heap) < seats:
                heapq.heappush(heap, -rank)
                holder[placement][rank] = applicant
                match[applicant] = placement
                break
            worst = -heap[0]
            if worst > rank:
                heapq.heapreplace(heap, -rank)
                bumped = holder[placement].pop(worst)
                holder[placement][rank] = applicant
                match[applicant] = placement
                match[bumped] = None
                free.append(bumped)
                break
    return match


# --- the proposal -------------------------------------------------------------------------


@dataclass(frozen=True)
class PreferenceOutcome:
    """What became of one ranked placement of an applicant."""

    rank: int  # the applicant's choice: 1 = first
    placement_id: str
    code: str  # PROPOSED, EXCLUDED, FULL, NOT_REACHED or NO_SEATS
    reason: str = ""  # EXCLUDED: the exclusion code; FULL: BY_HOST_RANKING, BY_LOTTERY, BY_BOTH
    seats: int = 0  # FULL: the placement's free seats, all given to others
    start: date | None = None  # age and start date reasons: the start date that counts
    age: int | None = None  # age reasons: the applicant's age on `start`


@dataclass(frozen=True)
class PlacementResult:
    id: str
    capacity: int
    proposed: tuple[str, ...]  # applicants proposed for it, in its priority order
    # applicants who wanted it more than what they got, turned away because it was full
    turned_away: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]  # (applicant, reason code) for those who ranked it

    @property
    def seats_left(self) -> int:
        return self.capacity - len(self.proposed)


@dataclass(frozen=True)
class LandkreisSeats:
    landkreis: str  # the code (volunteers.models.Landkreis)
    seats: int  # free seats at the time of the run
    proposed: int
    left: int


@dataclass(frozen=True)
class Summary:
    applicants: int
    matched: int
    unmatched: int
    seats: int
    seats_left: int
    by_landkreis: tuple[LandkreisSeats, ...]  # ordered by code


@dataclass(frozen=True)
class Proposal:
    input: MatchingInput
    algorithm_version: str
    assignment: dict[str, str | None]  # applicant id → placement id or None
    outcomes: dict[str, tuple[PreferenceOutcome, ...]]  # applicant id → one per choice
    placements: dict[str, PlacementResult]
    priority: dict[str, list[str]]  # placement id → acceptable applicants, best first
    acceptable: dict[str, list[str]]  # applicant id → acceptable placements, best first
    excluded: dict[tuple[str, str], str]
    summary: Summary
    placement_in: dict[str, PlacementIn] = field(repr=False, default_factory=dict)


def _full_reason(ranked: set[str], applicant_id: str, holders: list[str]) -> str:
    if applicant_id in ranked or all(a in ranked for a in holders):
        return BY_HOST_RANKING
    if not any(a in ranked for a in holders):
        return BY_LOTTERY
    return BY_BOTH


def _outcomes(inp: MatchingInput, applicant: ApplicantIn, match: str | None,
              placements: dict[str, PlacementIn], excluded: dict[tuple[str, str], str],
              holders: dict[str, list[str]], host_ranked: dict[str, set[str]]
              ) -> tuple[PreferenceOutcome, ...]:
    result = []
    reached_match = False
    for rank, placement_id in enumerate(_unique(applicant.preferences), start=1):
        placement = placements.get(placement_id)
        reason = excluded.get((applicant.id, placement_id))
        if reason:
            start = age = None
            if reason in (TOO_YOUNG, TOO_OLD, START_DATE_NOT_OFFERED):
                start = (applicant.start_date if reason == START_DATE_NOT_OFFERED
                         else start_date_at(applicant, placement))
            if reason in (TOO_YOUNG, TOO_OLD):
                age = age_on(born=applicant.date_of_birth, day=start)
            result.append(PreferenceOutcome(rank, placement_id, EXCLUDED, reason,
                                            start=start, age=age))
        elif placement_id == match:
            reached_match = True
            result.append(PreferenceOutcome(rank, placement_id, PROPOSED))
        elif reached_match:
            result.append(PreferenceOutcome(rank, placement_id, NOT_REACHED))
        elif placement.capacity <= 0:
            result.append(PreferenceOutcome(rank, placement_id, NO_SEATS))
        else:
            # stability: it is full with applicants it ranks higher
            result.append(PreferenceOutcome(
                rank, placement_id, FULL,
                _full_reason(host_ranked[placement_id], applicant.id, holders[placement_id]),
                seats=placement.capacity))
    return tuple(result)


def propose(inp: MatchingInput) -> Proposal:
    """Run the matching on the input and explain every outcome. Deterministic: the same
    input (seed included) always gives the same proposal."""
    placements = {p.id: p for p in inp.placements}
    excluded = exclusions(inp)
    priority = _priorities(inp, excluded)
    acceptable = acceptable_preferences(inp, excluded)
    capacity = {p.id: p.capacity for p in inp.placements}
    assignment = deferred_acceptance(acceptable, capacity, priority)

    holders: dict[str, list[str]] = {p.id: [] for p in inp.placements}
    for applicant_id, placement_id in assignment.items():
        if placement_id is not None:
            holders[placement_id].append(applicant_id)
    for placement_id, ids in holders.items():
        order = {a: i for i, a in enumerate(priority[placement_id])}
        ids.sort(key=order.__getitem__)

    host_ranked = {p.id: {a for a, _rank in p.host_ranks} for p in inp.placements}
    outcomes = {a.id: _outcomes(inp, a, assignment[a.id], placements, excluded, holders,
                                host_ranked)
                for a in inp.applicants}
    turned_away: dict[str, list[str]] = {p.id: [] for p in inp.placements}
    excluded_at: dict[str, list[tuple[str, str]]] = {p.id: [] for p in inp.placements}
    for applicant in inp.applicants:
        for outcome in outcomes[applicant.id]:
            if outcome.code == FULL:
                turned_away[outcome.placement_id].append(applicant.id)
            elif outcome.code == EXCLUDED and outcome.placement_id in excluded_at:
                excluded_at[outcome.placement_id].append((applicant.id, outcome.reason))
    results = {}
    for placement in inp.placements:
        order = {a: i for i, a in enumerate(priority[placement.id])}
        results[placement.id] = PlacementResult(
            placement.id, placement.capacity, tuple(holders[placement.id]),
            tuple(sorted(turned_away[placement.id], key=order.__getitem__)),
            tuple(excluded_at[placement.id]))

    by_landkreis: dict[str, list[int]] = {}
    for placement in inp.placements:
        if not placement.offered:
            continue  # its seats are not on offer
        seats = by_landkreis.setdefault(placement.landkreis, [0, 0])
        seats[0] += max(placement.capacity, 0)
        seats[1] += len(holders[placement.id])
    matched = sum(1 for p in assignment.values() if p is not None)
    summary = Summary(
        applicants=len(inp.applicants), matched=matched,
        unmatched=len(inp.applicants) - matched,
        seats=sum(s for s, _n in by_landkreis.values()),
        seats_left=sum(s - n for s, n in by_landkreis.values()),
        by_landkreis=tuple(LandkreisSeats(code, s, n, s - n)
                           for code, (s, n) in sorted(by_landkreis.items())))
    return Proposal(input=inp, algorithm_version=ALGORITHM_VERSION, assignment=assignment,
                    outcomes=outcomes, placements=results, priority=priority,
                    acceptable=acceptable, excluded=excluded, summary=summary,
                    placement_in=placements)


# --- explanations -------------------------------------------------------------------------


def ordinal(number: int) -> str:
    """"1st", "2nd" … as the interface language writes a choice's rank ("1." in German)."""
    words = {1: pgettext("choice", "1st"), 2: pgettext("choice", "2nd"),
             3: pgettext("choice", "3rd"), 4: pgettext("choice", "4th"),
             5: pgettext("choice", "5th"), 6: pgettext("choice", "6th"),
             7: pgettext("choice", "7th"), 8: pgettext("choice", "8th")}
    return words.get(number) or pgettext("choice", "%(number)sth") % {"number": number}


def _label(proposal: Proposal, placement_id: str, same_host: bool) -> str:
    placement = proposal.placement_in.get(placement_id)
    if placement is None:
        return placement_id
    if same_host:
        return f"{placement.title}, {placement.host_name}"
    return placement.host_name or placement.title


def _requirement_sentence(requirement: str, values: dict) -> str:
    if requirement == EXTENDED_CERTIFICATE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it requires an "
                 "extended certificate of good conduct, and you have not confirmed that you "
                 "can present one.") % values
    if requirement == DRIVING_LICENCE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it requires a "
                 "driving licence, and you have not confirmed that you hold one.") % values
    return _("Your %(rank)s choice (%(placement)s) was not possible: it has a requirement "
             "(%(requirement)s) that you have not confirmed.") % {**values,
                                                                  "requirement": requirement}


def _excluded_sentence(proposal: Proposal, outcome: PreferenceOutcome, values: dict) -> str:
    reason = outcome.reason
    if outcome.start is not None:
        values = {**values, "date": date_format(outcome.start, "DATE_FORMAT"),
                  "age": outcome.age, "min": proposal.input.min_age,
                  "limit": proposal.input.max_age_exclusive}
    if reason == NOT_SUITABLE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: the host found that "
                 "the placement does not suit you.") % values
    if reason == TOO_YOUNG:
        return _("Your %(rank)s choice (%(placement)s) was not possible: on its start date, "
                 "%(date)s, you will be %(age)s years old, and the service is possible from "
                 "the age of %(min)s.") % values
    if reason == TOO_OLD:
        return _("Your %(rank)s choice (%(placement)s) was not possible: on its start date, "
                 "%(date)s, you will be %(age)s years old, and the service is possible only "
                 "until your %(limit)sth birthday.") % values
    if reason == PART_TIME_IMPOSSIBLE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: you want to serve "
                 "part-time, and this placement does not offer part-time service.") % values
    if reason == START_DATE_NOT_OFFERED:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it does not offer "
                 "your start date, %(date)s.") % values
    if reason.startswith(REQUIREMENT_MISSING + ":"):
        return _requirement_sentence(reason.partition(":")[2], values)
    return _("Your %(rank)s choice (%(placement)s) is no longer offered in this programme "
             "year.") % values


def _full_sentence(outcome: PreferenceOutcome, values: dict) -> str:
    values = {**values, "seats": outcome.seats}
    if outcome.reason == BY_HOST_RANKING:
        return ngettext(
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant "
            "the host ranked before you.",
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants the "
            "host ranked before you.", outcome.seats) % values
    if outcome.reason == BY_LOTTERY:
        return ngettext(
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant "
            "drawn before you by lot.",
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants "
            "drawn before you by lot.", outcome.seats) % values
    return ngettext(
        "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant the "
        "host ranked or drawn before you by lot.",
        "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants the "
        "host ranked or drawn before you by lot.", outcome.seats) % values


def preference_sentence(proposal: Proposal, outcome: PreferenceOutcome,
                        same_host: bool = False) -> str:
    """One whole sentence on what became of one ranked placement."""
    values = {"rank": ordinal(outcome.rank),
              "placement": _label(proposal, outcome.placement_id, same_host)}
    if outcome.code == EXCLUDED:
        return _excluded_sentence(proposal, outcome, values)
    if outcome.code == PROPOSED:
        return _("Your %(rank)s choice (%(placement)s) is proposed for you.") % values
    if outcome.code == NOT_REACHED:
        return _("Your %(rank)s choice (%(placement)s) was not needed: a choice you ranked "
                 "higher is proposed for you.") % values
    if outcome.code == NO_SEATS:
        return _("Your %(rank)s choice (%(placement)s) had no free seat left at the time of "
                 "this proposal.") % values
    return _full_sentence(outcome, values)


def explanation(proposal: Proposal, applicant_id: str) -> list[str]:
    """Whole sentences, in the active language, on why the applicant got what the proposal
    gives them: one per ranked placement, best first, then the result. Unknown id: []."""
    outcomes = proposal.outcomes.get(str(applicant_id))
    if outcomes is None:
        return []
    hosts = [proposal.placement_in[o.placement_id].host_name for o in outcomes
             if o.placement_id in proposal.placement_in]
    sentences = [preference_sentence(
        proposal, outcome,
        same_host=(outcome.placement_id in proposal.placement_in and hosts.count(
            proposal.placement_in[outcome.placement_id].host_name) > 1))
        for outcome in outcomes]
    if not outcomes:
        sentences.append(_("You have not ranked any placement."))
    match = proposal.assignment.get(str(applicant_id))
    if match is not None:
        placement = proposal.placement_in[match]
        sentences.append(_("Result: we propose the placement “%(title)s” at %(host)s for "
                           "you.") % {"title": placement.title, "host": placement.host_name})
    else:
        sentences.append(_("Result: in this round none of your choices can be proposed for "
                           "you."))
    return sentences


# --- JSON: the check format, snapshots and results ---------------------------------


def proposal_json(inp: MatchingInput, proposal: Proposal) -> dict:
    """The inputs as used and the assignment, for anyone to check independently:
    `{"seed", "applicants": {id: [acceptable placements, best first]}, "placements": {id:
    {"capacity": free seats, "priority": [acceptable applicants, best first]}},
    "assignment": {id: placement or None}}`."""
    return {
        "seed": inp.seed,
        "applicants": {a.id: list(proposal.acceptable[a.id]) for a in inp.applicants},
        "placements": {p.id: {"capacity": p.capacity,
                              "priority": list(proposal.priority[p.id])}
                       for p in inp.placements},
        "assignment": {a.id: proposal.assignment[a.id] for a in inp.applicants},
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def snapshot(inp: MatchingInput) -> dict:
    """The whole input as JSON-safe data; `input_from_snapshot` gives it back exactly."""
    return {
        "version": SNAPSHOT_VERSION, "seed": inp.seed, "min_age": inp.min_age,
        "max_age_exclusive": inp.max_age_exclusive,
        "applicants": [{"id": a.id, "preferences": list(a.preferences),
                        "date_of_birth": _iso(a.date_of_birth), "part_time": a.part_time,
                        "start_date": _iso(a.start_date), "confirmed": sorted(a.confirmed)}
                       for a in inp.applicants],
        "placements": [{"id": p.id, "title": p.title, "host_name": p.host_name,
                        "landkreis": p.landkreis, "capacity": p.capacity,
                        "start_dates": sorted(d.isoformat() for d in p.start_dates),
                        "part_time_possible": p.part_time_possible,
                        "requirements": sorted(p.requirements), "offered": p.offered,
                        "host_ranks": [[a, rank] for a, rank in p.host_ranks],
                        "not_suitable": sorted(p.not_suitable)}
                       for p in inp.placements],
    }


def input_from_snapshot(data: dict) -> MatchingInput:
    """The input a `snapshot` was taken of. Raises ValueError on an unknown version."""
    if data.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"unknown snapshot version {data.get('version')!r}")
    return MatchingInput(
        seed=data["seed"], min_age=data["min_age"],
        max_age_exclusive=data["max_age_exclusive"],
        applicants=tuple(ApplicantIn(
            id=a["id"], preferences=tuple(a["preferences"]),
            date_of_birth=_day(a["date_of_birth"]), part_time=a["part_time"],
            start_date=_day(a["start_date"]), confirmed=frozenset(a["confirmed"]))
            for a in data["applicants"]),
        placements=tuple(PlacementIn(
            id=p["id"], title=p["title"], host_name=p["host_name"], landkreis=p["landkreis"],
            capacity=p["capacity"],
            start_dates=frozenset(date.fromisoformat(d) for d in p["start_dates"]),
            part_time_possible=p["part_time_possible"],
            requirements=frozenset(p["requirements"]), offered=p["offered"],
            host_ranks=tuple((a, rank) for a, rank in p["host_ranks"]),
            not_suitable=frozenset(p["not_suitable"]))
            for p in data["placements"]))


def result_json(proposal: Proposal) -> dict:
    """The proposal's result as JSON-safe data, to store with its run and compare runs:
    assignment, every preference's outcome, per placement who was proposed and turned
    away, and the summary numbers."""
    summary = proposal.summary
    return {
        "algorithm_version": proposal.algorithm_version,
        "seed": proposal.input.seed,
        "assignment": dict(proposal.assignment),
        "outcomes": {a: [{"rank": o.rank, "placement": o.placement_id, "code": o.code,
                          "reason": o.reason, "seats": o.seats, "start": _iso(o.start),
                          "age": o.age} for o in outcomes]
                     for a, outcomes in proposal.outcomes.items()},
        "placements": {p.id: {"capacity": p.capacity, "proposed": list(p.proposed),
                              "turned_away": list(p.turned_away),
                              "excluded": [[a, r] for a, r in p.excluded]}
                       for p in proposal.placements.values()},
        "summary": {"applicants": summary.applicants, "matched": summary.matched,
                    "unmatched": summary.unmatched, "seats": summary.seats,
                    "seats_left": summary.seats_left,
                    "by_landkreis": [{"landkreis": s.landkreis, "seats": s.seats,
                                      "proposed": s.proposed, "left": s.left}
                                     for s in summary.by_landkreis]},
    }
