"""Reads for the matching proposal: the input of a run, built from the database in a
constant number of queries (five, however many applications and placements).

Who takes part: the programme year's applications that are submitted and eligible, i.e.
in review, in the interview stage or on the waiting list; each with its ranked placements
(best first) and the hosts' verdicts and rankings. Every placement of the year takes part
with its free seats from the one seat rule (volunteers.workflow.placement_free_seats);
an unpublished placement that applicants ranked is "not offered" (never matched, and the
explanation says so).
"""

import datetime

from django.utils.translation import gettext_lazy as _

from volunteers.matching.models import MatchingRun, MatchingRunState
from volunteers.matching.rules import (
    DRIVING_LICENCE,
    EXTENDED_CERTIFICATE,
    ApplicantIn,
    MatchingInput,
    PlacementIn,
    explanation,
    input_from_snapshot,
    propose,
    with_extra_seats,
)
from volunteers.models import (
    Application,
    ApplicationPreference,
    ApplicationStatus,
    Placement,
    ProgrammeYear,
)
from volunteers.selectors import placements_with_free_seats

S = ApplicationStatus
MATCHING_STATUSES = (S.IN_REVIEW, S.INTERVIEW, S.WAITING_LIST)
NOT_SUITABLE = ApplicationPreference.Verdict.NOT_SUITABLE
MATCHING_CHANGED_BY_HAND = _(
    "The coordination team chose your placement by hand after weighing your application; "
    "the proposal's reasons do not apply to you.")
# Application field → the requirement it confirms.
CONFIRMATIONS = {"confirms_extended_certificate": EXTENDED_CERTIFICATE,
                 "has_driving_licence": DRIVING_LICENCE}


def _requirements(placement: Placement) -> frozenset[str]:
    return frozenset(
        ({EXTENDED_CERTIFICATE} if placement.requires_extended_certificate else set())
        | ({DRIVING_LICENCE} if placement.requires_driving_licence else set()))


def matching_input(*, programme_year: ProgrammeYear, seed: int,
                   now: datetime.datetime | None = None,
                   what_if: dict | None = None) -> MatchingInput:
    """The input of a matching run for the year as the database holds it now.

    `what_if`: `{"extra_seats": {placement id: seats to add}}` changes the input only, never
    the database. Raises ValueError on any other what-if.
    """
    what_if = what_if or {}
    if set(what_if) - {"extra_seats"}:
        raise ValueError(f"unknown what-if: {sorted(set(what_if) - {'extra_seats'})}")

    placements = placements_with_free_seats(
        Placement.objects.filter(programme_year=programme_year)
        .select_related("host").prefetch_related("start_dates").order_by("pk"), now=now)

    known_fields = {f.name for f in Application._meta.get_fields()}
    confirmations = {name: code for name, code in CONFIRMATIONS.items() if name in known_fields}
    applications = list(
        Application.objects.filter(programme_year=programme_year,
                                   status__in=MATCHING_STATUSES)
        .order_by("pk")
        .values("pk", "date_of_birth", "part_time", "start_date__date", *confirmations))

    preferences: dict[int, list[int]] = {a["pk"]: [] for a in applications}
    host_ranks: dict[int, list[tuple[str, int]]] = {p.pk: [] for p in placements}
    not_suitable: dict[int, set[str]] = {p.pk: set() for p in placements}
    rows = (ApplicationPreference.objects
            .filter(application__programme_year=programme_year,
                    application__status__in=MATCHING_STATUSES)
            .order_by("application_id", "rank", "pk")
            .values_list("application_id", "placement_id", "verdict", "host_rank"))
    for application_id, placement_id, verdict, host_rank in rows:
        preferences[application_id].append(placement_id)
        if placement_id not in host_ranks:
            continue  # a placement of another year: unknown to this run
        if verdict == NOT_SUITABLE:
            not_suitable[placement_id].add(str(application_id))
        elif host_rank is not None:
            host_ranks[placement_id].append((str(application_id), host_rank))

    inp = MatchingInput(
        seed=int(seed), min_age=programme_year.min_age,
        max_age_exclusive=programme_year.max_age_exclusive,
        applicants=tuple(ApplicantIn(
            id=str(a["pk"]), preferences=tuple(str(p) for p in preferences[a["pk"]]),
            date_of_birth=a["date_of_birth"], part_time=a["part_time"],
            start_date=a["start_date__date"],
            confirmed=frozenset(code for name, code in confirmations.items() if a[name]))
            for a in applications),
        placements=tuple(PlacementIn(
            id=str(p.pk), title=p.title, host_name=p.host.name, landkreis=p.host.landkreis,
            capacity=p.seats_free,
            start_dates=frozenset(d.date for d in p.start_dates.all()),
            part_time_possible=p.part_time_possible, requirements=_requirements(p),
            offered=p.published,
            host_ranks=tuple(sorted(host_ranks[p.pk], key=lambda pair: (pair[1], pair[0]))),
            not_suitable=frozenset(not_suitable[p.pk]))
            for p in placements))
    extra = what_if.get("extra_seats")
    if extra:
        inp = with_extra_seats(inp, {str(k): int(v) for k, v in extra.items()})
    return inp


def applicant_explanations(*, applications) -> dict[int, list[str]]:
    """Why each of these applications got what it got in the latest approved proposal.

    Application id → sentences (rules.explanation), for applications that took part in an
    approved run of their programme year. Someone whose assignment the coordination changed
    by hand gets that sentence instead of the algorithm's. What-if runs are never approved.
    One query per programme year with such an application (an applicant has one or two).
    """
    by_year: dict[int, list[int]] = {}
    for application in applications:
        by_year.setdefault(application.programme_year_id, []).append(application.pk)
    sentences: dict[int, list[str]] = {}
    for year_id, application_ids in by_year.items():
        run = (MatchingRun.objects.filter(programme_year_id=year_id,
                                          state=MatchingRunState.APPROVED)
               .prefetch_related("overrides").order_by("-approved_at", "-pk").first())
        if run is None:
            continue
        taking_part = {applicant["id"] for applicant in run.input_snapshot["applicants"]}
        mine = [pk for pk in application_ids if str(pk) in taking_part]
        if not mine:
            continue
        changed = {override.application_id for override in run.overrides.all()}
        proposal = propose(input_from_snapshot(run.input_snapshot))
        for pk in mine:
            sentences[pk] = ([str(MATCHING_CHANGED_BY_HAND)] if pk in changed
                             else explanation(proposal, str(pk)))
    return sentences
