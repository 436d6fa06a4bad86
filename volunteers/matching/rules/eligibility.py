"""Exclusions and priorities: which applicant may be placed where (with the reason code
when not), and in which order each placement takes the applicants acceptable to it."""

from __future__ import annotations

import hashlib
from datetime import date

from volunteers.eligibility import age_on

from .codes import (
    NOT_SUITABLE,
    PART_TIME_IMPOSSIBLE,
    PLACEMENT_UNAVAILABLE,
    REQUIREMENT_MISSING,
    START_DATE_NOT_OFFERED,
    TOO_OLD,
    TOO_YOUNG,
)
from .inputs import ApplicantIn, MatchingInput, PlacementIn


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
