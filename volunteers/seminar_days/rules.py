"""Seminar days (Bildungstage) as pure rules: the statutory minimum per service, whether a
volunteer can still reach it in the remaining seminar plan, and the replacement days off
for seminar days that fall on days off. No database here.

The law (JFDG § 5 Abs. 2): at least 25 seminar days per 12 months of service, plus at least
one day for each month beyond 12. For services shorter than 12 months the law has no
pro-rata rule: `minimum_seminar_days` reduces the 25 days pro rata, rounded as configured
(default: up), or keeps the full 25 (`Rounding.NONE`). Digital-focus programmes add extra
mandatory days, configurable per programme year.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.dates import add_months

DAYS_PER_YEAR = 25  # per 12 months of service
MIN_SEMINAR_LENGTH = 5  # introductory, interim and final seminars: at least 5 days each
SATURDAY, SUNDAY = 5, 6


class Rounding(models.TextChoices):
    UP = "up", gettext_lazy("Pro rata, rounded up")
    NEAREST = "nearest", gettext_lazy("Pro rata, rounded to the nearest day")
    DOWN = "down", gettext_lazy("Pro rata, rounded down")
    NONE = "none", gettext_lazy("No pro rata: always at least 25 days")


class SeminarKind(models.TextChoices):
    INTRODUCTORY = "introductory", gettext_lazy("Introductory seminar")
    INTERIM = "interim", gettext_lazy("Interim seminar")
    FINAL = "final", gettext_lazy("Final seminar")
    SINGLE_DAY = "single_day", gettext_lazy("Single seminar day")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", gettext_lazy("Present")
    EXCUSED = "excused", gettext_lazy("Excused")
    ABSENT = "absent", gettext_lazy("Absent")


class Signal(models.TextChoices):
    GREEN = "green", gettext_lazy("Green")
    AMBER = "amber", gettext_lazy("Amber")
    RED = "red", gettext_lazy("Red")


def seminar_length_ok(*, kind: str, days: int) -> bool:
    """Introductory, interim and final seminars last at least 5 days; a single day is one."""
    if kind == SeminarKind.SINGLE_DAY:
        return days == 1
    return days >= MIN_SEMINAR_LENGTH


def service_months(start: datetime.date, end: datetime.date) -> int:
    """The months of service from `start` to `end` (both included); a month begun counts.

    1 Sep 2025 – 31 Aug 2026 is 12 months; 1 Sep 2025 – 15 Mar 2026 is 7.
    """
    if end < start:
        return 0
    after = end + datetime.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    anniversary = add_months(start, months)
    return months + (1 if anniversary < after else 0)


def _rounded(value: Fraction, rounding: str) -> int:
    if rounding == Rounding.DOWN:
        return math.floor(value)
    if rounding == Rounding.NEAREST:
        return math.floor(value + Fraction(1, 2))  # half a day rounds up
    return math.ceil(value)


def minimum_seminar_days(*, months: int, extra_days: int = 0,
                         rounding: str = Rounding.UP) -> int:
    """The statutory minimum of seminar days for a service of `months` months.

    12 months: 25; each month beyond 12 adds one (18 months: 31); shorter services pro rata
    (6 months: 12.5, rounded up to 13) unless `rounding` is NONE; plus `extra_days`.
    """
    if months <= 0:
        return 0
    if months >= 12:
        base = DAYS_PER_YEAR + (months - 12)
    elif rounding == Rounding.NONE:
        base = DAYS_PER_YEAR
    else:
        base = _rounded(Fraction(DAYS_PER_YEAR * months, 12), rounding)
    return base + extra_days


@dataclass(frozen=True)
class SeminarProgress:
    """Where a volunteer stands: the minimum, the days attended, excused and missed, and
    the days still planned for them from today on."""

    minimum: int
    present: int
    excused: int
    absent: int
    planned_remaining: int
    service_ended: bool = False

    @property
    def reachable(self) -> bool:
        return self.present + self.planned_remaining >= self.minimum

    @property
    def shortfall(self) -> int:
        return max(0, self.minimum - self.present - self.planned_remaining)

    @property
    def reached(self) -> bool:
        return self.present >= self.minimum


@dataclass(frozen=True)
class Verdict:
    signal: str  # Signal
    reason: str  # a whole sentence

    @property
    def flagged(self) -> bool:
        return self.signal != Signal.GREEN


def seminar_verdict(progress: SeminarProgress) -> Verdict:
    """Green when the minimum is reached or still reachable in the plan; amber when the
    remaining plan can no longer reach it (a catch-up seminar can still help); red when the
    service has ended below the minimum. The reason is a sentence for the coordinator."""
    p = progress
    done = ngettext("%(present)s of %(minimum)s seminar day attended",
                    "%(present)s of %(minimum)s seminar days attended",
                    p.minimum) % {"present": p.present, "minimum": p.minimum}
    if p.reached:
        return Verdict(Signal.GREEN, _("%(done)s: the minimum is reached.") % {"done": done})
    if p.service_ended:
        return Verdict(Signal.RED, _(
            "%(done)s: the service has ended %(short)s short of the statutory minimum."
        ) % {"done": done, "short": _days(p.minimum - p.present)})
    missed = ""
    if p.absent or p.excused:
        missed = " " + _("Missed so far: %(absent)s absent, %(excused)s excused.") % {
            "absent": p.absent, "excused": p.excused}
    if p.reachable:
        return Verdict(Signal.GREEN, _(
            "%(done)s, %(planned)s still planned: the minimum can be reached.") % {
            "done": done, "planned": _days(p.planned_remaining)} + missed)
    return Verdict(Signal.AMBER, _(
        "%(done)s and only %(planned)s still planned: %(short)s short of the minimum even "
        "if every planned day is attended. Plan catch-up days.") % {
        "done": done, "planned": _days(p.planned_remaining),
        "short": _days(p.shortfall)} + missed)


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


# --- replacement days off -----------------------------------------------------------------


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def thuringia_public_holidays(year: int) -> set[datetime.date]:
    """The public holidays in all of Thuringia (Corpus Christi, only in parts, left out)."""
    easter = easter_sunday(year)
    return {datetime.date(year, 1, 1), easter - datetime.timedelta(days=2),
            easter + datetime.timedelta(days=1), datetime.date(year, 5, 1),
            easter + datetime.timedelta(days=39), easter + datetime.timedelta(days=50),
            datetime.date(year, 9, 20), datetime.date(year, 10, 3), datetime.date(year, 10, 31),
            datetime.date(year, 12, 25), datetime.date(year, 12, 26)}


def is_day_off(day: datetime.date, *, working_weekdays: Iterable[int] = (0, 1, 2, 3, 4),
               holidays: Iterable[datetime.date] | None = None) -> bool:
    """A day off: a weekday the volunteer does not work, or a public holiday."""
    holidays = thuringia_public_holidays(day.year) if holidays is None else set(holidays)
    return day.weekday() not in set(working_weekdays) or day in holidays


def replacement_days_off(attended: Iterable[datetime.date], *,
                         working_weekdays: Iterable[int] = (0, 1, 2, 3, 4),
                         holidays: Iterable[datetime.date] | None = None) -> int:
    """Seminar days attended on days off earn the same number of replacement days off."""
    weekdays = set(working_weekdays)
    return sum(1 for day in set(attended)
               if is_day_off(day, working_weekdays=weekdays, holidays=holidays))
