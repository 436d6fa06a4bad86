"""Reads of the service year: services of a programme year, a volunteer's or a host
contact's services, leave balances."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import F, QuerySet, Sum

from accounts.models import User
from volunteers.placements.models import ProgrammeYear
from volunteers.seminar_days.models import SeminarAttendance
from volunteers.seminar_days.rules import AttendanceStatus, replacement_days_off
from volunteers.service import rules
from volunteers.service.models import AbsenceKind, Agreement, Service, ServiceTerms


def services_for_programme_year(*, programme_year_id: int) -> QuerySet[Service]:
    """A programme year's services with what the rules need, ordered by start.

    Each row carries `date_of_birth` (the volunteer's, from the application), `start_date`,
    `planned_end`, `actual_end` (the last day served once ended), `status`, `part_time`,
    `weekly_hours`, and its volunteer, placement and host loaded.
    """
    return (Service.objects.filter(programme_year_id=programme_year_id)
            .select_related("volunteer", "placement__host", "application", "programme_year")
            .annotate(date_of_birth=F("application__date_of_birth"))
            .order_by("start_date", "pk"))


@dataclass(frozen=True)
class Traeger:
    name: str
    address: str


def traeger() -> Traeger:
    """The organisation running the programme, as named in the settings."""
    return Traeger(
        name=getattr(settings, "VOLUNTEER_SERVICE_TRAEGER_NAME", "")
        or f"{settings.WAGTAIL_SITE_NAME} – Träger des Freiwilligen Digitalen Jahres",
        address=getattr(settings, "VOLUNTEER_SERVICE_TRAEGER_ADDRESS",
                        "Werner-Seelenbinder-Straße 7, 99096 Erfurt"))


@dataclass(frozen=True)
class Terms:
    pocket_money_cap: Decimal | None
    default_leave_days: int


def service_terms(*, programme_year: ProgrammeYear) -> Terms:
    """The programme year's ServiceTerms, else the settings' defaults (cap None: by the
    start year, see rules.base_cap_for)."""
    row = ServiceTerms.objects.filter(programme_year=programme_year).first()
    if row is not None:
        return Terms(row.pocket_money_cap, row.default_leave_days)
    return Terms(None, rules.config().default_leave_days)


def service_pocket_money_cap(*, service: Service) -> Decimal:
    """This service's monthly cap: the year's cap, pro rata for part-time."""
    terms = service_terms(programme_year=service.programme_year)
    base = rules.base_cap_for(start_year=service.start_date.year,
                              terms_cap=terms.pocket_money_cap)
    return rules.pocket_money_cap(base_cap=base, part_time=service.part_time,
                                  weekly_hours=service.weekly_hours,
                                  full_time_hours=rules.config().full_time_weekly_hours)


def service_minor_at_start(*, service: Service) -> bool:
    return rules.is_minor_on(service.application.date_of_birth, service.start_date)


def service_leave_entitlement(*, service: Service) -> rules.LeaveEntitlement:
    return rules.leave_entitlement(birth=service.application.date_of_birth,
                                   start=service.start_date, last_day=service.last_day,
                                   agreed_days=service.leave_days_agreed,
                                   table=rules.config().minor_leave_days)


@dataclass(frozen=True)
class LeaveBalance:
    entitlement: int  # leave for the whole service
    taken: Decimal
    remaining: Decimal  # of the days off: leave plus replacement days, less what was taken
    sick: Decimal
    replacement: int = 0  # replacement days off earned by seminar days on days off

    @property
    def days_off(self) -> int:
        """Leave and replacement days off together: what the host may record as leave."""
        return self.entitlement + self.replacement


def service_leave_balance(*, service: Service) -> LeaveBalance:
    """Leave entitled, taken and left, and the days off sick, as the host recorded them.

    Seminar days attended on a day off (weekend, public holiday; a Monday-to-Friday week is
    assumed) earn as many replacement days off, which the host records like leave."""
    totals = dict(service.absences.values_list("kind").annotate(total=Sum("days")))
    taken = totals.get(AbsenceKind.LEAVE) or Decimal(0)
    entitlement = service_leave_entitlement(service=service).days
    replacement = replacement_days_off(SeminarAttendance.objects.filter(
        service=service, status=AttendanceStatus.PRESENT).values_list("day", flat=True))
    return LeaveBalance(entitlement, taken, Decimal(entitlement + replacement) - taken,
                        totals.get(AbsenceKind.SICK) or Decimal(0), replacement)


def host_contact_of(*, user: User, service: Service) -> bool:
    """Whether the person is a contact of the service's host organisation."""
    return bool(user and user.is_authenticated
                and service.placement.host.contacts.filter(pk=user.pk).exists())


def services_of_volunteer(*, user: User) -> QuerySet[Service]:
    return (Service.objects.filter(volunteer=user)
            .select_related("placement__host", "programme_year", "application", "certificate")
            .order_by("-start_date"))


def services_of_host_contact(*, user: User) -> QuerySet[Service]:
    """The services at hosts the person is a contact of (not yet planned ones' drafts)."""
    return (Service.objects.filter(placement__host__contacts=user)
            .select_related("placement__host", "programme_year", "application")
            .order_by("status", "start_date", "pk").distinct())


def service_current_agreement(*, service: Service) -> Agreement | None:
    return (service.agreements.filter(superseded_at__isnull=True)
            .prefetch_related("signatures").first())


def dashboard_services(*, user: User) -> list[Service]:
    """The volunteer's services for "Mein Bereich", each with its leave balance."""
    services = list(services_of_volunteer(user=user))
    for service in services:
        service.leave_balance = service_leave_balance(service=service)
    return services
