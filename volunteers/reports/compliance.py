"""Compliance at a glance: per volunteer (service) five checks, each green, amber or red
with its reason in a sentence — agreement complete, age and duration within the law,
seminar days on track, pocket money within the cap, leave within the rules.

The law's rules are volunteers.service.rules (age, duration, part-time, pocket money,
leave, signatures) and volunteers.seminar_days.rules (seminar days); this module only
loads what they need (a fixed number of queries per call) and words the verdicts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volunteers.seminar_days.rules import Signal, Verdict
from volunteers.seminar_days.selectors import seminar_states, volunteer_name
from volunteers.service import rules as service_rules
from volunteers.service.models import Absence, AbsenceKind, Agreement, Service, ServiceTerms
from volunteers.service.workflow import Party

CHECKS = (
    ("agreement", gettext_lazy("Agreement")),
    ("eligibility", gettext_lazy("Age and duration")),
    ("seminar_days", gettext_lazy("Seminar days")),
    ("pocket_money", gettext_lazy("Pocket money")),
    ("leave", gettext_lazy("Leave")),
)
SIGNAL_ORDER = {Signal.RED: 0, Signal.AMBER: 1, Signal.GREEN: 2}


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    signal: str
    reason: str


@dataclass(frozen=True)
class ServiceCompliance:
    service: Service
    name: str
    checks: tuple[Check, ...]

    @property
    def worst(self) -> str:
        return min((check.signal for check in self.checks), key=SIGNAL_ORDER.__getitem__)

    @property
    def reds(self) -> list[Check]:
        return [check for check in self.checks if check.signal == Signal.RED]

    def check(self, key: str) -> Check:
        return next(check for check in self.checks if check.key == key)


def _date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _party_names(parties: Iterable[str]) -> str:
    return ", ".join(str(Party(party).label) for party in parties)


def agreement_verdict(*, service, agreement, today: datetime.date, birth) -> Verdict:
    started = today >= service.start_date or service.status in ("active", "ended")
    if agreement is not None and agreement.completed_at:
        return Verdict(Signal.GREEN, _("Version %(number)s was signed by all parties on "
                                       "%(date)s.") % {
            "number": agreement.number, "date": _date(agreement.completed_at.date())})
    if agreement is None:
        reason = _("No agreement has been generated yet.")
    else:
        minor = agreement.guardian_required or service_rules.is_minor_on(
            birth, service.start_date)
        missing = service_rules.missing_parties(
            required=service_rules.required_parties(minor_at_start=minor),
            signed=[signature.party for signature in agreement.signatures.all()])
        reason = _("The signature of %(parties)s is missing.") % {
            "parties": _party_names(missing)}
    if service.status == "terminated" and service.last_day < service.start_date:
        return Verdict(Signal.GREEN, _("The service was ended before it began; no agreement "
                                       "is needed."))
    if started:
        return Verdict(Signal.RED, reason + " " + _(
            "The service began on %(date)s without a complete agreement.") % {
            "date": _date(service.start_date)})
    return Verdict(Signal.AMBER, reason + " " + _("The service begins on %(date)s.") % {
        "date": _date(service.start_date)})


def eligibility_verdict(*, service, birth) -> Verdict:
    year = service.programme_year
    problems = [problem for problem in (
        service_rules.start_problem(service.start_date),
        service_rules.age_problem(birth=birth, start=service.start_date, min_age=year.min_age,
                                  max_age_exclusive=year.max_age_exclusive),
        service_rules.duration_problem(start=service.start_date,
                                       planned_end=service.planned_end,
                                       min_months=year.min_duration_months,
                                       max_months=year.max_duration_months),
        service_rules.part_time_problem(part_time=service.part_time,
                                        weekly_hours=service.weekly_hours,
                                        min_hours=year.part_time_min_weekly_hours),
    ) if problem]
    if problems:
        return Verdict(Signal.RED, " ".join(str(problem) for problem in problems))
    return Verdict(Signal.GREEN, _(
        "%(age)s years old on the first day; %(months)s months planned (%(min)s to %(max)s "
        "allowed).") % {
        "age": service_rules.age_on(birth, service.start_date),
        "months": service_rules.months_of_service(service.start_date, service.planned_end),
        "min": year.min_duration_months, "max": year.max_duration_months})


def pocket_money_verdict(*, service, terms_cap: Decimal | None,
                         conf: service_rules.ServiceConfig) -> Verdict:
    base = service_rules.base_cap_for(start_year=service.start_date.year,
                                      terms_cap=terms_cap, conf=conf)
    cap = service_rules.pocket_money_cap(base_cap=base, part_time=service.part_time,
                                         weekly_hours=service.weekly_hours,
                                         full_time_hours=conf.full_time_weekly_hours)
    problem = service_rules.pocket_money_problem(amount=service.pocket_money, cap=cap)
    if problem:
        return Verdict(Signal.RED, str(problem))
    return Verdict(Signal.GREEN, _("%(amount)s euros a month, within the cap of %(cap)s "
                                   "euros.") % {"amount": number_format(service.pocket_money, 2),
                                 "cap": number_format(cap, 2)})


def leave_verdict(*, service, birth, taken: Decimal) -> Verdict:
    entitlement = service_rules.leave_entitlement(
        birth=birth, start=service.start_date, last_day=service.last_day,
        agreed_days=service.leave_days_agreed)
    if taken > entitlement.days:
        return Verdict(Signal.RED, _(
            "%(taken)s days of leave taken, more than the entitlement of %(days)s days.") % {
            "taken": taken, "days": entitlement.days})
    below = [part for part in entitlement.parts
             if part.minor_minimum and service.leave_days_agreed < part.minor_minimum]
    if below:
        part = below[0]
        return Verdict(Signal.AMBER, _(
            "The agreement grants %(agreed)s days a year, fewer than the %(minimum)s days the "
            "youth employment protection law requires in %(year)s; the entitlement is "
            "counted with %(minimum)s.") % {"agreed": service.leave_days_agreed,
                                              "minimum": part.minor_minimum,
                                              "year": part.year})
    return Verdict(Signal.GREEN, _("%(taken)s of %(days)s days of leave taken.") % {
        "taken": taken, "days": entitlement.days})


def services_compliance(services: Iterable[Service], *, today: datetime.date
                        ) -> list[ServiceCompliance]:
    """The five checks for each service (services need application and programme_year)."""
    services = list(services)
    ids = [service.pk for service in services]
    agreements = {agreement.service_id: agreement for agreement in Agreement.objects.filter(
        service_id__in=ids, superseded_at__isnull=True).prefetch_related("signatures")}
    taken: dict[int, Decimal] = defaultdict(Decimal)
    for row in (Absence.objects.filter(service_id__in=ids, kind=AbsenceKind.LEAVE)
                .values("service_id").annotate(days=Sum("days"))):
        taken[row["service_id"]] = row["days"]
    caps = dict(ServiceTerms.objects.filter(programme_year_id__in={
        service.programme_year_id for service in services}).values_list(
        "programme_year_id", "pocket_money_cap"))
    seminars = seminar_states(services, today=today)
    conf = service_rules.config()
    result = []
    for service in services:
        birth = service.application.date_of_birth
        verdicts = {
            "agreement": agreement_verdict(service=service, agreement=agreements.get(
                service.pk), today=today, birth=birth),
            "eligibility": eligibility_verdict(service=service, birth=birth),
            "seminar_days": seminars[service.pk].verdict,
            "pocket_money": pocket_money_verdict(
                service=service, terms_cap=caps.get(service.programme_year_id), conf=conf),
            "leave": leave_verdict(service=service, birth=birth, taken=taken[service.pk]),
        }
        result.append(ServiceCompliance(service=service, name=volunteer_name(service),
                                        checks=tuple(Check(key, str(label),
                                                           verdicts[key].signal,
                                                           verdicts[key].reason)
                                                     for key, label in CHECKS)))
    return result


def services_for_compliance(*, programme_year_ids=None):
    services = Service.objects.select_related("application", "volunteer", "programme_year",
                                              "placement__host").order_by(
        "application__last_name", "application__first_name", "pk")
    if programme_year_ids is not None:
        services = services.filter(programme_year_id__in=programme_year_ids)
    return services
