"""The matching's input: applicants, placements and the run's seed, as plain data."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date


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
