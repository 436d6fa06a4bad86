"""The matching proposal: the algorithm alone, and the whole run on SQLite.

    .venv/bin/python bench/matching.py            # 2,000 applicants × 500 placements
    .venv/bin/python bench/matching.py --small    # 200 × 50, a quick check
    .venv/bin/python bench/matching.py --algorithm-only

A generated instance: every applicant ranks 1 to 8 placements (popular placements more
often, so some are oversubscribed), placements have 1 to 3 free seats, a fifth of the hosts
ranked their applicants, a few pairs are "not suitable" and a few applicants fail a hard
rule (age, part-time, a requirement).

1. The algorithm alone (target < 100 ms): `deferred_acceptance` on the prepared lists
   (best and median of several runs); also the whole pure `propose` (exclusions,
   priorities with the seeded lottery, the algorithm, every applicant's outcomes).
2. The whole proposal on SQLite (target < 2 s): the same instance written to a throwaway,
   freshly migrated SQLite file (removed afterwards); timed: `matching_input` (loading),
   `propose`, and the stored run as the coordinator starts it (`matching_run_create`:
   load, propose, store the snapshot and the result).

Not a test; prints the figures.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-matching-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["BENCH_DB"] = str(WORKDIR / "matching.sqlite3")
os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite file

import django  # noqa: E402

django.setup()

from volunteers.matching.rules import (  # noqa: E402
    DRIVING_LICENCE,
    EXTENDED_CERTIFICATE,
    ApplicantIn,
    MatchingInput,
    PlacementIn,
    acceptable_preferences,
    deferred_acceptance,
    priorities,
    propose,
)

AUG, SEP = date(2027, 8, 1), date(2027, 9, 1)
LANDKREISE = ["erfurt", "jena", "weimar", "gera", "gotha", "ilm-kreis", "weimarer-land",
              "eichsfeld", "wartburgkreis", "nordhausen"]


def instance(*, applicants: int, placements: int, seed: int = 2027) -> dict:
    """Plain data for both the pure input and the database rows."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 0.7 for i in range(placements)]
    places = []
    for i in range(placements):
        places.append({
            "seats": rng.choice([1, 1, 2, 2, 3]),
            "landkreis": LANDKREISE[i % len(LANDKREISE)],
            "dates": rng.choice([(AUG, SEP), (AUG, SEP), (SEP,)]),
            "part_time": rng.random() < 0.3,
            "certificate": rng.random() < 0.15,
            "licence": rng.random() < 0.05,
            "host_ranks": rng.random() < 0.2,
        })
    people = []
    for _n in range(applicants):
        wanted = rng.randint(1, 8)
        ranked: list[int] = []
        while len(ranked) < wanted:
            choice = rng.choices(range(placements), weights=weights)[0]
            if choice not in ranked:
                ranked.append(choice)
        people.append({
            "born": date(2001, 1, 1) + timedelta(days=rng.randint(0, 365 * 10)),
            "start": rng.choice([AUG, SEP, None]),
            "part_time": rng.random() < 0.1,
            "certificate": rng.random() < 0.8,
            "licence": rng.random() < 0.5,
            "preferences": ranked,
            # per ranked placement: (not suitable?, host rank or None)
            "verdicts": [(rng.random() < 0.03, rng.randint(1, 10) if places[p]["host_ranks"]
                          else None) for p in ranked],
        })
    return {"placements": places, "applicants": people}


def pure_input(data: dict, seed: int = 7) -> MatchingInput:
    host_ranks: dict[int, list] = {i: [] for i in range(len(data["placements"]))}
    not_suitable: dict[int, set] = {i: set() for i in range(len(data["placements"]))}
    for a, person in enumerate(data["applicants"]):
        for p, (unfit, rank) in zip(person["preferences"], person["verdicts"], strict=True):
            if unfit:
                not_suitable[p].add(str(a))
            elif rank is not None:
                host_ranks[p].append((str(a), rank))
    return MatchingInput(
        seed=seed,
        applicants=tuple(ApplicantIn(
            id=str(a), preferences=tuple(str(p) for p in person["preferences"]),
            date_of_birth=person["born"], part_time=person["part_time"],
            start_date=person["start"],
            confirmed=frozenset({EXTENDED_CERTIFICATE} if person["certificate"] else set())
            | frozenset({DRIVING_LICENCE} if person["licence"] else set()))
            for a, person in enumerate(data["applicants"])),
        placements=tuple(PlacementIn(
            id=str(i), title=f"Stelle {i}", host_name=f"Einsatzstelle {i // 2}",
            landkreis=place["landkreis"], capacity=place["seats"],
            start_dates=frozenset(place["dates"]), part_time_possible=place["part_time"],
            requirements=frozenset({EXTENDED_CERTIFICATE} if place["certificate"] else set())
            | frozenset({DRIVING_LICENCE} if place["licence"] else set()),
            host_ranks=tuple(host_ranks[i]), not_suitable=frozenset(not_suitable[i]))
            for i, place in enumerate(data["placements"])))


def timed(function, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _n in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def bench_algorithm(data: dict) -> None:
    inp = pure_input(data)
    prefs, prio = acceptable_preferences(inp), priorities(inp)
    capacity = {p.id: p.capacity for p in inp.placements}
    times, match = timed(lambda: deferred_acceptance(prefs, capacity, prio), 7)
    pairs = sum(len(v) for v in prefs.values())
    print(f"instance: {len(inp.applicants):,} applicants × {len(inp.placements)} placements, "
          f"{sum(len(a.preferences) for a in inp.applicants):,} preferences "
          f"({pairs:,} acceptable), {sum(capacity.values()):,} free seats; "
          f"{sum(1 for p in match.values() if p):,} matched")
    print(f"algorithm alone (deferred_acceptance): best {ms(min(times))}, "
          f"median {ms(statistics.median(times))}  (target < 100 ms)")
    times, _proposal = timed(lambda: propose(inp), 3)
    print(f"whole pure proposal (propose: exclusions, lottery, algorithm, outcomes): "
          f"best {ms(min(times))}, median {ms(statistics.median(times))}")


def build_database(data: dict):
    """The instance as rows of a fresh programme year; returns the year."""
    from django.core.management import call_command

    from accounts.models import User
    from volunteers.models import (
        Application,
        ApplicationPreference,
        HostOrganisation,
        Placement,
        ProgrammeYear,
        StartDate,
    )

    call_command("migrate", verbosity=0)
    year = ProgrammeYear.objects.create(name="Bench 2027/28", application_opens=date(2027, 1, 1),
                                        application_closes=date(2027, 3, 31))
    dates = {d: StartDate.objects.create(programme_year=year, date=d) for d in (AUG, SEP)}
    places = data["placements"]
    hosts = HostOrganisation.objects.bulk_create([
        HostOrganisation(name=f"Einsatzstelle {h}", kind="kommune",
                         landkreis=places[2 * h]["landkreis"])
        for h in range((len(places) + 1) // 2)])
    placements = Placement.objects.bulk_create([
        Placement(host=hosts[i // 2], programme_year=year, title=f"Stelle {i}",
                  slug=f"bench-stelle-{i}", focus="web", tasks="Aufgaben", seats=place["seats"],
                  part_time_possible=place["part_time"],
                  requires_extended_certificate=place["certificate"],
                  requires_driving_licence=place["licence"], published=True)
        for i, place in enumerate(places)])
    Through = Placement.start_dates.through
    Through.objects.bulk_create([Through(placement_id=placement.pk, startdate_id=dates[d].pk)
                                 for placement, place in zip(placements, places, strict=True)
                                 for d in place["dates"]])
    people = data["applicants"]
    users = User.objects.bulk_create([User(email=f"bench-{a}@example.org")
                                      for a in range(len(people))])
    applications = Application.objects.bulk_create([
        Application(applicant=user, programme_year=year, status="in_review",
                    first_name="Bench", last_name=str(a), date_of_birth=person["born"],
                    start_date=dates[person["start"]] if person["start"] else None,
                    part_time=person["part_time"],
                    confirms_extended_certificate=person["certificate"],
                    has_driving_licence=person["licence"])
        for a, (user, person) in enumerate(zip(users, people, strict=True))])
    ApplicationPreference.objects.bulk_create([
        ApplicationPreference(application=application, placement=placements[p], rank=rank,
                              verdict="not_suitable" if unfit else "",
                              host_rank=host_rank)
        for application, person in zip(applications, people, strict=True)
        for rank, (p, (unfit, host_rank)) in enumerate(
            zip(person["preferences"], person["verdicts"], strict=True), start=1)],
        batch_size=2000)
    return year


def bench_database(data: dict) -> None:
    from volunteers.matching.selectors import matching_input

    start = time.perf_counter()
    year = build_database(data)
    print(f"throwaway SQLite database migrated and filled in "
          f"{time.perf_counter() - start:.1f} s")
    load, inp = timed(lambda: matching_input(programme_year=year, seed=7), 3)
    run, proposal = timed(lambda: propose(inp), 3)
    print(f"loading (matching_input): best {ms(min(load))}; propose: best {ms(min(run))}; "
          f"{proposal.summary.matched:,} matched, {proposal.summary.unmatched:,} unmatched")
    try:
        from volunteers.matching.services import matching_run_create
    except ImportError:
        print(f"load + propose (no store service to time): "
              f"{ms(min(load) + min(run))}  (target < 2 s)")
        return
    whole, _run = timed(lambda: matching_run_create(programme_year=year, actor=None, seed=7),
                        3)
    print(f"whole proposal: load + propose + store (matching_run_create): "
          f"best {ms(min(whole))}, median {ms(statistics.median(whole))}  (target < 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="200 applicants × 50 placements")
    parser.add_argument("--algorithm-only", action="store_true",
                        help="skip the SQLite part")
    args = parser.parse_args()
    data = instance(applicants=200 if args.small else 2000,
                    placements=50 if args.small else 500)
    try:
        bench_algorithm(data)
        if not args.algorithm_only:
            bench_database(data)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
