"""The matching as JSON: the issue's check format, snapshots of the input, and results."""

from __future__ import annotations

from datetime import date

from .codes import SNAPSHOT_VERSION
from .inputs import ApplicantIn, MatchingInput, PlacementIn
from .proposal import Proposal


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
