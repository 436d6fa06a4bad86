"""Reads of the programme's reports: the funnel of a programme year, placements filled per
Landkreis, seminar attendance. Every figure is limited to the coordinator's scope
(volunteers.selectors.applications_in_scope); anonymised applications (retention) still
count in the funnel, but only for coordinators without a limited scope of units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from accounts.selectors import orgunit_ids_in_scope
from volunteers.models import (
    AnonymisedApplication,
    ApplicationEvent,
    Landkreis,
    Placement,
    ProgrammeYear,
    Seminar,
    SeminarAttendance,
    Service,
)
from volunteers.selectors import applications_in_scope, programme_year_ids_in_scope
from volunteers.seminar_days.rules import AttendanceStatus
from volunteers.seminar_days.selectors import seminar_dates, volunteer_name


def programme_years_for(*, user) -> QuerySet[ProgrammeYear]:
    years = ProgrammeYear.objects.order_by("-application_opens")
    year_ids = programme_year_ids_in_scope(user=user)
    return years if year_ids is None else years.filter(pk__in=year_ids)


def services_in_scope(*, user, programme_year=None) -> QuerySet[Service]:
    services = Service.objects.filter(application__in=applications_in_scope(user=user))
    if programme_year is not None:
        services = services.filter(programme_year=programme_year)
    return services


# --- the funnel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelRow:
    stage: str  # key
    label: str
    count: int
    share: float  # of the applications, in per cent


@dataclass(frozen=True)
class Termination:
    name: str
    placement: str
    last_day: object
    by: str
    reason: str


@dataclass(frozen=True)
class Funnel:
    rows: list[FunnelRow]
    terminations: list[Termination]
    terminations_by: dict[str, int]


def funnel(*, user, programme_year: ProgrammeYear, labels: dict[str, str]) -> Funnel:
    """Applications → offers → agreements → started → completed, with early endings."""
    applications = applications_in_scope(user=user).filter(
        programme_year=programme_year).exclude(status="draft")
    anonymised = AnonymisedApplication.objects.none()
    if orgunit_ids_in_scope(user) is None:
        anonymised = AnonymisedApplication.objects.filter(programme_year=programme_year)
    offered_ids = set(ApplicationEvent.objects.filter(
        application__in=applications, to_status="offered").values_list(
        "application_id", flat=True))
    offered_ids |= set(applications.filter(status__in=["offered", "accepted"]).values_list(
        "pk", flat=True))
    services = services_in_scope(user=user, programme_year=programme_year)
    counts = {
        "applications": applications.count() + anonymised.count(),
        "offers": len(offered_ids) + anonymised.filter(reached_offer=True).count(),
        "agreements": services.filter(agreements__completed_at__isnull=False).distinct().count(),
        "started": sum(1 for start, status, actual_end in services.values_list(
            "start_date", "status", "actual_end")
            if status in ("active", "ended")
            or (status == "terminated" and actual_end and actual_end >= start)),
        "completed": services.filter(status="ended").count(),
    }
    total = counts["applications"] or 1
    rows = [FunnelRow(stage, labels[stage], count, 100 * count / total)
            for stage, count in counts.items()]
    terminated = (services.filter(status="terminated")
                  .select_related("application", "volunteer", "placement")
                  .order_by("actual_end", "pk"))
    terminations = [Termination(name=volunteer_name(service), placement=service.placement.title,
                                last_day=service.actual_end,
                                by=service.get_terminated_by_display(),
                                reason=service.termination_reason)
                    for service in terminated]
    return Funnel(rows=rows, terminations=terminations,
                  terminations_by=dict(Counter(row.by for row in terminations)))


# --- placements per Landkreis --------------------------------------------------------------


@dataclass(frozen=True)
class DistrictRow:
    key: str
    name: str
    placements: int
    seats: int
    filled: int


def placements_per_landkreis(*, user, programme_year: ProgrammeYear) -> list[DistrictRow]:
    """Every Landkreis and kreisfreie Stadt, with the year's placements, seats and seats
    filled (services that were not ended before they began)."""
    placements = Placement.objects.filter(programme_year=programme_year)
    units = orgunit_ids_in_scope(user)
    if units is not None:
        placements = placements.filter(host__org_unit__in=units)
    offered = {row["host__landkreis"]: row for row in placements.values(
        "host__landkreis").annotate(placements=Count("pk"), seats=Sum("seats"))}
    filled = Counter()
    for landkreis, start, status, actual_end in services_in_scope(
            user=user, programme_year=programme_year).values_list(
            "placement__host__landkreis", "start_date", "status", "actual_end"):
        if status == "terminated" and actual_end and actual_end < start:
            continue
        filled[landkreis] += 1
    return [DistrictRow(key=key, name=str(label),
                        placements=offered.get(key, {}).get("placements", 0),
                        seats=offered.get(key, {}).get("seats") or 0, filled=filled[key])
            for key, label in sorted(Landkreis.choices, key=lambda choice: choice[1])]


# --- seminar attendance --------------------------------------------------------------------


@dataclass(frozen=True)
class SeminarRow:
    seminar: Seminar
    volunteers: int
    days: int
    present: int
    excused: int
    absent: int
    unrecorded: int

    @property
    def rate(self) -> float:
        recorded = self.present + self.excused + self.absent
        return 100 * self.present / recorded if recorded else 0.0


def seminar_attendance(*, user, programme_year: ProgrammeYear) -> list[SeminarRow]:
    """Per seminar of the year: the group's size, its days and the attendance recorded."""
    in_scope = services_in_scope(user=user, programme_year=programme_year)
    in_scope_ids = set(in_scope.values_list("pk", flat=True))
    seminars = list(Seminar.objects.filter(programme_year=programme_year)
                    .select_related("group").prefetch_related("group__services"))
    marks = Counter()
    for seminar_id, status in SeminarAttendance.objects.filter(
            seminar__in=seminars, service_id__in=in_scope_ids).values_list(
            "seminar_id", "status"):
        marks[(seminar_id, status)] += 1
    rows = []
    for seminar in seminars:
        members = [s for s in seminar.group.services.all() if s.pk in in_scope_ids]
        expected = sum(1 for service in members for day in seminar_dates(seminar)
                       if service.start_date <= day <= service.last_day)
        present, excused, absent = (marks[(seminar.pk, status)] for status in (
            AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT))
        rows.append(SeminarRow(seminar=seminar, volunteers=len(members), days=seminar.length,
                               present=present, excused=excused, absent=absent,
                               unrecorded=max(0, expected - present - excused - absent)))
    return rows
