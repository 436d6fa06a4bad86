"""Pure rules of the service year under the Jugendfreiwilligendienstegesetz (JFDG) and,
for minors, the youth employment protection law (JArbSchG § 19).

No queries and no writes: plain values in, plain values (or a whole sentence naming the
problem) out. Where the law varies the numbers are parameters, defaulting to the settings
read by `config()`; the programme year's own limits (ages, months, part-time hours) come
from its ProgrammeYear row and are handed in by the services.
"""

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from volunteers.service.workflow import Party

# JArbSchG § 19: at least 30 / 27 / 25 working days for those not yet 16 / 17 / 18 at the
# start of the calendar year: (age limit, days).
MINOR_LEAVE_DAYS = ((16, 30), (17, 27), (18, 25))


@dataclass(frozen=True)
class ServiceConfig:
    """The configurable numbers, from settings (each with a default)."""

    pocket_money_caps: dict  # calendar year of the start -> cap per month (Decimal)
    pocket_money_cap_default: Decimal
    full_time_weekly_hours: int
    default_leave_days: int
    minor_leave_days: tuple
    adult_age: int


def config() -> ServiceConfig:
    """The service year's settings, each optional.

    VOLUNTEER_SERVICE_POCKET_MONEY_CAPS: {year: euros} — 8 % of the pension insurance
    contribution ceiling of that year (by the service's start year); a programme year's
    ServiceTerms row overrides it. VOLUNTEER_SERVICE_POCKET_MONEY_CAP: for years not listed.
    VOLUNTEER_SERVICE_FULL_TIME_HOURS: the weekly hours part-time is measured against.
    VOLUNTEER_SERVICE_DEFAULT_LEAVE_DAYS: leave per 12 months of adults unless agreed.
    VOLUNTEER_SERVICE_MINOR_LEAVE_DAYS: ((age limit, days), ...) as in JArbSchG § 19.
    """
    caps = getattr(settings, "VOLUNTEER_SERVICE_POCKET_MONEY_CAPS",
                   {2024: "604", 2025: "644", 2026: "676"})
    return ServiceConfig(
        pocket_money_caps={int(year): Decimal(str(cap)) for year, cap in caps.items()},
        pocket_money_cap_default=Decimal(str(getattr(
            settings, "VOLUNTEER_SERVICE_POCKET_MONEY_CAP", "676"))),
        full_time_weekly_hours=int(getattr(settings, "VOLUNTEER_SERVICE_FULL_TIME_HOURS", 39)),
        default_leave_days=int(getattr(settings, "VOLUNTEER_SERVICE_DEFAULT_LEAVE_DAYS", 26)),
        minor_leave_days=tuple(getattr(settings, "VOLUNTEER_SERVICE_MINOR_LEAVE_DAYS",
                                       MINOR_LEAVE_DAYS)),
        adult_age=18,
    )


# --- dates ---------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def planned_end_for(start: datetime.date, months: int) -> datetime.date:
    """The last day of a service of `months` months starting on `start`."""
    return add_months(start, months) - datetime.timedelta(days=1)


def months_of_service(start: datetime.date, last_day: datetime.date) -> int:
    """Whole months served from `start` to `last_day` (both included)."""
    months = 0
    while planned_end_for(start, months + 1) <= last_day:
        months += 1
    return months


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Completed years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_minor_on(birth: datetime.date | None, day: datetime.date, *, adult_age: int = 18
                ) -> bool:
    """Whether the person is not yet of age on `day` (unknown birth: not a minor)."""
    return birth is not None and age_on(birth, day) < adult_age


def _date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


# --- eligibility of the period -------------------------------------------------------------


def start_problem(start: datetime.date) -> str | None:
    if start.day != 1:
        return _("A service starts on the 1st of a month.")
    return None


def age_problem(*, birth: datetime.date | None, start: datetime.date, min_age: int = 16,
                max_age_exclusive: int = 27) -> str | None:
    """The volunteer must be at least `min_age` and not yet `max_age_exclusive` at the start."""
    if birth is None:
        return _("The date of birth is missing.")
    age = age_on(birth, start)
    if age < min_age:
        return _("The volunteer is younger than %(age)s on the first day of service.") % {
            "age": min_age}
    if age >= max_age_exclusive:
        return _("The volunteer is %(age)s or older on the first day of service.") % {
            "age": max_age_exclusive}
    return None


def duration_problem(*, start: datetime.date, planned_end: datetime.date,
                     min_months: int = 6, max_months: int = 18) -> str | None:
    """A service lasts at least `min_months` and, with every extension, at most `max_months`."""
    if planned_end < planned_end_for(start, min_months):
        return _("A service lasts at least %(months)s months: it would have to end on "
                 "%(date)s or later.") % {"months": min_months,
                                          "date": _date(planned_end_for(start, min_months))}
    if planned_end > planned_end_for(start, max_months):
        return _("A service lasts at most %(months)s months including extensions: it must "
                 "end on %(date)s at the latest.") % {
                     "months": max_months, "date": _date(planned_end_for(start, max_months))}
    return None


def extension_problem(*, start: datetime.date, planned_end: datetime.date,
                      new_end: datetime.date, max_months: int = 18) -> str | None:
    if new_end <= planned_end:
        return _("An extension ends after the planned last day (%(date)s).") % {
            "date": _date(planned_end)}
    return duration_problem(start=start, planned_end=new_end, min_months=0,
                            max_months=max_months)


def part_time_problem(*, part_time: bool, weekly_hours: int | None, min_hours: int = 21
                      ) -> str | None:
    """Part-time service must exceed 20 hours a week (JFDG § 2 (1) since 2024)."""
    if part_time and (weekly_hours is None or weekly_hours < min_hours):
        return _("Part-time service must be more than %(hours)s hours a week.") % {
            "hours": min_hours - 1}
    return None


# --- pocket money --------------------------------------------------------------------------


def pocket_money_cap(*, base_cap: Decimal, part_time: bool, weekly_hours: int,
                     full_time_hours: int = 39) -> Decimal:
    """The monthly cap for this service: the year's cap, pro rata for part-time (cents
    rounded half up)."""
    if not part_time or weekly_hours >= full_time_hours:
        return base_cap
    return (base_cap * weekly_hours / full_time_hours).quantize(Decimal("0.01"),
                                                                ROUND_HALF_UP)


def pocket_money_problem(*, amount: Decimal, cap: Decimal) -> str | None:
    if amount < 0:
        return _("Pocket money cannot be negative.")
    if amount > cap:
        return _("Pocket money of %(amount)s euros a month is above the cap of %(cap)s euros.") % {
            "amount": amount, "cap": cap}
    return None


def base_cap_for(*, start_year: int, terms_cap: Decimal | None = None,
                 conf: ServiceConfig | None = None) -> Decimal:
    """The programme year's cap if it has one, else the configured cap of the start year."""
    if terms_cap is not None:
        return terms_cap
    conf = conf or config()
    return conf.pocket_money_caps.get(start_year, conf.pocket_money_cap_default)


# --- leave ---------------------------------------------------------------------------------


def minor_leave_minimum(*, birth: datetime.date | None, year: int,
                        table: Sequence[tuple[int, int]] = MINOR_LEAVE_DAYS) -> int | None:
    """JArbSchG minimum leave for the calendar year `year` by age on its 1 January; None for
    an adult (or an unknown birth date)."""
    if birth is None:
        return None
    age = age_on(birth, datetime.date(year, 1, 1))
    for limit, days in table:
        if age < limit:
            return days
    return None


@dataclass(frozen=True)
class LeavePart:
    year: int
    months: int
    days_per_year: int
    minor_minimum: int | None


@dataclass(frozen=True)
class LeaveEntitlement:
    days: int
    parts: tuple[LeavePart, ...]


def leave_entitlement(*, birth: datetime.date | None, start: datetime.date,
                      last_day: datetime.date, agreed_days: int,
                      table: Sequence[tuple[int, int]] = MINOR_LEAVE_DAYS) -> LeaveEntitlement:
    """Leave for the whole service: per calendar year the agreed days per 12 months, or the
    JArbSchG minimum when that is more (age on that year's 1 January), pro rata for the
    whole months served in the year; the total rounded half up to whole days."""
    parts, total, cursor = [], Decimal(0), start
    while cursor <= last_day:
        year_end = datetime.date(cursor.year, 12, 31)
        segment_end = min(year_end, last_day)
        months = months_of_service(cursor, segment_end)
        minimum = minor_leave_minimum(birth=birth, year=cursor.year, table=table)
        per_year = max(agreed_days, minimum or 0)
        parts.append(LeavePart(cursor.year, months, per_year, minimum))
        total += Decimal(per_year * months) / 12
        cursor = year_end + datetime.timedelta(days=1)
    return LeaveEntitlement(int(total.quantize(Decimal(1), ROUND_HALF_UP)), tuple(parts))


def leave_remaining(*, entitlement: int, taken: Iterable[Decimal]) -> Decimal:
    return Decimal(entitlement) - sum(taken, Decimal(0))


def leave_problem(*, entitlement: int, taken: Decimal, requested: Decimal) -> str | None:
    if taken + requested > entitlement:
        return _("This leave would exceed the entitlement of %(days)s days "
                 "(%(left)s days left).") % {"days": entitlement,
                                             "left": Decimal(entitlement) - taken}
    return None


# --- agreement and end ---------------------------------------------------------------------


def required_parties(*, minor_at_start: bool) -> tuple[str, ...]:
    """Who signs the agreement: volunteer, Träger, Einsatzstelle; for a minor the guardian
    too (the agreement is concluded through the guardian, with the volunteer)."""
    parties = (Party.VOLUNTEER, Party.TRAEGER, Party.HOST)
    return (*parties, Party.GUARDIAN) if minor_at_start else parties


def missing_parties(*, required: Iterable[str], signed: Iterable[str]) -> list[str]:
    signed = set(signed)
    return [party for party in required if party not in signed]


def termination_problem(*, start: datetime.date, planned_end: datetime.date,
                        last_day: datetime.date) -> str | None:
    """An early end's last day lies within the planned period (the day before the start
    for a service that never began)."""
    if last_day > planned_end:
        return _("The last day cannot be after the planned end (%(date)s): extend the "
                 "service instead.") % {"date": _date(planned_end)}
    if last_day < start - datetime.timedelta(days=1):
        return _("The last day cannot be before the service starts.")
    return None


def termination_is_early(*, planned_end: datetime.date, last_day: datetime.date) -> bool:
    """Ending on the planned last day is an ordinary end, whatever was said before."""
    return last_day < planned_end


def service_served(*, start: datetime.date, last_day: datetime.date) -> bool:
    """Whether at least one day was served (only then is a Bescheinigung issued)."""
    return last_day >= start
