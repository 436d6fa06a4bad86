"""Reads of the seminar days: each volunteer's progress towards the statutory minimum
(counted live from the plan and the attendance), the rows of a day's attendance sheet.

A seminar day of a volunteer's group counts as still planned while no attendance is
recorded for it and it lies within the service period; so a sheet not yet filled in never
flags anybody.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from volunteers.selectors import programme_year_ids_in_scope
from volunteers.seminar_days.models import (
    Seminar,
    SeminarAttendance,
    SeminarAttendanceChange,
    SeminarGroup,
    SeminarTerms,
    default_extra_days,
    default_rounding,
)
from volunteers.seminar_days.rules import (
    AttendanceStatus,
    SeminarProgress,
    Verdict,
    minimum_seminar_days,
    replacement_days_off,
    seminar_verdict,
    service_months,
)

RECORD_PERMISSION = "volunteers.record_seminarattendance"
FINISHED_STATUSES = ("ended", "terminated")


def in_year_scope(*, user, queryset):
    """The rows (with a `programme_year`) of the programme years in the user's scope."""
    year_ids = programme_year_ids_in_scope(user=user)
    return queryset if year_ids is None else queryset.filter(programme_year_id__in=year_ids)


def may_record(*, user, seminar: Seminar) -> bool:
    """The seminar's pädagogische Begleitung, or whoever may record every seminar of the
    programme years in their scope."""
    if not user.is_active:
        return False
    if seminar.responsible_id == user.pk:
        return True
    year_ids = programme_year_ids_in_scope(user=user)
    return user.has_perm(RECORD_PERMISSION) and (
        year_ids is None or seminar.programme_year_id in year_ids)


def seminar_dates(seminar: Seminar) -> list[datetime.date]:
    return [seminar.first_day + datetime.timedelta(days=offset)
            for offset in range(max(0, seminar.length))]


def terms_for(programme_year_id: int) -> tuple[int, str]:
    """(extra digital days, rounding) of a programme year; the settings' without a row."""
    terms = SeminarTerms.objects.filter(programme_year_id=programme_year_id).first()
    if terms is None:
        return default_extra_days(), default_rounding()
    return terms.extra_digital_days, terms.rounding


def service_minimum(service, *, terms: tuple[int, str] | None = None) -> int:
    extra, rounding = terms or terms_for(service.programme_year_id)
    return minimum_seminar_days(months=service_months(service.start_date, service.last_day),
                                extra_days=extra, rounding=rounding)


@dataclass(frozen=True)
class VolunteerSeminarState:
    service: object
    progress: SeminarProgress
    verdict: Verdict
    replacement_days_off: int

    @property
    def name(self) -> str:
        return volunteer_name(self.service)


def volunteer_name(service) -> str:
    return (service.application.full_name or service.volunteer.get_full_name()
            or service.volunteer.email)


def seminar_states(services: Iterable, *, today: datetime.date
                   ) -> dict[int, VolunteerSeminarState]:
    """Progress, verdict and replacement days off per service (a fixed number of queries)."""
    services = list(services)
    ids = [service.pk for service in services]
    if not ids:
        return {}
    terms: dict[int, tuple[int, str]] = {}
    recorded: dict[int, set[tuple[int, datetime.date]]] = defaultdict(set)
    present_dates: dict[int, list[datetime.date]] = defaultdict(list)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for seminar_id, day, service_id, status in SeminarAttendance.objects.filter(
            service_id__in=ids).values_list("seminar_id", "day", "service_id", "status"):
        recorded[service_id].add((seminar_id, day))
        counts[service_id][status] += 1
        if status == AttendanceStatus.PRESENT:
            present_dates[service_id].append(day)
    seminars_of: dict[int, list[Seminar]] = defaultdict(list)
    membership = SeminarGroup.services.through.objects.filter(service_id__in=ids)
    group_services: dict[int, list[int]] = defaultdict(list)
    for group_id, service_id in membership.values_list("seminargroup_id", "service_id"):
        group_services[group_id].append(service_id)
    for seminar in Seminar.objects.filter(group_id__in=group_services):
        for service_id in group_services[seminar.group_id]:
            seminars_of[service_id].append(seminar)
    states = {}
    for service in services:
        year_id = service.programme_year_id
        if year_id not in terms:
            terms[year_id] = terms_for(year_id)
        last_day = service.last_day
        planned = sum(
            1 for seminar in seminars_of[service.pk] for day in seminar_dates(seminar)
            if service.start_date <= day <= last_day
            and (seminar.pk, day) not in recorded[service.pk])
        ended = service.status in FINISHED_STATUSES or last_day < today
        progress = SeminarProgress(
            minimum=service_minimum(service, terms=terms[year_id]),
            present=counts[service.pk][AttendanceStatus.PRESENT],
            excused=counts[service.pk][AttendanceStatus.EXCUSED],
            absent=counts[service.pk][AttendanceStatus.ABSENT],
            planned_remaining=0 if ended else planned, service_ended=ended)
        states[service.pk] = VolunteerSeminarState(
            service=service, progress=progress, verdict=seminar_verdict(progress),
            replacement_days_off=replacement_days_off(present_dates[service.pk]))
    return states


@dataclass(frozen=True)
class SheetRow:
    service: object
    name: str
    status: str  # "" while nothing is recorded
    verdict: Verdict


def day_sheet_rows(*, seminar: Seminar, day: datetime.date, today: datetime.date
                   ) -> list[SheetRow]:
    """A row per volunteer of the seminar's group whose service covers the day."""
    services = [service for service in seminar.group.services.select_related(
        "application", "volunteer").order_by("application__last_name",
                                             "application__first_name", "pk")
        if service.start_date <= day <= service.last_day]
    marks = dict(SeminarAttendance.objects.filter(seminar=seminar, day=day)
                 .values_list("service_id", "status"))
    states = seminar_states(services, today=today)
    return [SheetRow(service=service, name=volunteer_name(service),
                     status=marks.get(service.pk, ""), verdict=states[service.pk].verdict)
            for service in services]


def day_recorded_counts(seminar: Seminar) -> dict[datetime.date, int]:
    """How many attendance records each day of a seminar has."""
    return {row["day"]: row["count"] for row in SeminarAttendance.objects.filter(
        seminar=seminar).values("day").annotate(count=Count("pk"))}


def seminars_led(*, user):
    """The seminars whose attendance the user records outside the admin ("Mein Bereich"):
    those they are the pädagogische Begleitung of, and, for whoever may record every seminar,
    all seminars of the programme years in their scope. Same rule as may_record."""
    if not user.is_active:
        return Seminar.objects.none()
    seminars = Seminar.objects.select_related("group", "programme_year")
    if user.has_perm(RECORD_PERMISSION):
        return in_year_scope(user=user, queryset=seminars) | seminars.filter(responsible=user)
    return seminars.filter(responsible=user)


def day_last_recorders(*, seminar: Seminar, day: datetime.date) -> dict[int, SeminarAttendance]:
    """Per service, the attendance record of the day with who recorded it last and when."""
    return {row.service_id: row for row in SeminarAttendance.objects.filter(
        seminar=seminar, day=day).select_related("recorded_by")}


def day_attendance_history(*, seminar: Seminar, day: datetime.date
                           ) -> list[SeminarAttendanceChange]:
    """Every change of the day's attendance, newest first, with whom it concerns."""
    return list(SeminarAttendanceChange.objects.filter(
        attendance__seminar=seminar, attendance__day=day).select_related(
        "changed_by", "attendance__service__application", "attendance__service__volunteer"))


def recorded_counts_of(seminars: Iterable[Seminar]) -> dict[tuple[int, datetime.date], int]:
    """How many attendance records each (seminar, day) has, for many seminars at once."""
    return {(row["seminar_id"], row["day"]): row["count"]
            for row in SeminarAttendance.objects.filter(seminar__in=list(seminars))
            .values("seminar_id", "day").annotate(count=Count("pk"))}
