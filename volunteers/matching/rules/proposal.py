"""The proposal: the algorithm run on an input, with what became of every preference, per
placement who was proposed and turned away, and the summary numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from volunteers.eligibility import age_on

from .algorithm import deferred_acceptance
from .codes import (
    ALGORITHM_VERSION,
    BY_BOTH,
    BY_HOST_RANKING,
    BY_LOTTERY,
    EXCLUDED,
    FULL,
    NO_SEATS,
    NOT_REACHED,
    PROPOSED,
    START_DATE_NOT_OFFERED,
    TOO_OLD,
    TOO_YOUNG,
)
from .eligibility import _priorities, _unique, acceptable_preferences, exclusions, start_date_at
from .inputs import ApplicantIn, MatchingInput, PlacementIn


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
