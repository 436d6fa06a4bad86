"""The seminar-day rules at their edges: 24 against 25 days, 6/12/18 months, pro rata."""

import datetime

import pytest
from django.utils import translation

from volunteers.seminar_days.rules import (
    Rounding,
    SeminarKind,
    SeminarProgress,
    Signal,
    easter_sunday,
    minimum_seminar_days,
    replacement_days_off,
    seminar_length_ok,
    seminar_verdict,
    service_months,
)

D = datetime.date


@pytest.mark.parametrize(("months", "expected"), [
    (12, 25), (13, 26), (18, 31), (6, 13), (7, 15), (11, 23), (1, 3), (0, 0)])
def test_minimum_is_25_per_year_plus_one_per_further_month_and_pro_rata_rounded_up(
        months, expected):
    assert minimum_seminar_days(months=months) == expected


@pytest.mark.parametrize(("rounding", "expected"), [
    (Rounding.UP, 13), (Rounding.DOWN, 12), (Rounding.NEAREST, 13), (Rounding.NONE, 25)])
def test_six_months_follow_the_configured_rounding(rounding, expected):
    assert minimum_seminar_days(months=6, rounding=rounding) == expected


def test_nearest_rounds_below_half_down():
    # 25 × 5 / 12 = 10.42
    assert minimum_seminar_days(months=5, rounding=Rounding.NEAREST) == 10
    assert minimum_seminar_days(months=5, rounding=Rounding.UP) == 11


def test_longer_services_are_never_reduced_by_the_rounding_setting():
    assert minimum_seminar_days(months=12, rounding=Rounding.DOWN) == 25
    assert minimum_seminar_days(months=18, rounding=Rounding.NONE) == 31


def test_extra_digital_days_come_on_top():
    assert minimum_seminar_days(months=12, extra_days=5) == 30
    assert minimum_seminar_days(months=6, extra_days=5) == 18


@pytest.mark.parametrize(("start", "end", "months"), [
    (D(2025, 9, 1), D(2026, 8, 31), 12),
    (D(2025, 9, 1), D(2026, 2, 28), 6),
    (D(2025, 9, 1), D(2027, 2, 28), 18),
    (D(2025, 9, 1), D(2026, 3, 15), 7),  # a month begun counts
    (D(2025, 9, 1), D(2025, 9, 1), 1),
    (D(2025, 9, 1), D(2025, 8, 31), 0),
])
def test_service_months(start, end, months):
    assert service_months(start, end) == months


def test_24_days_attended_against_25_is_short_and_25_reaches_it():
    short = SeminarProgress(minimum=25, present=24, excused=1, absent=0, planned_remaining=0)
    done = SeminarProgress(minimum=25, present=25, excused=0, absent=0, planned_remaining=0)
    assert not short.reachable and short.shortfall == 1
    assert done.reached
    with translation.override("en"):
        verdict = seminar_verdict(short)
        assert verdict.signal == Signal.AMBER
        assert verdict.reason == (
            "24 of 25 seminar days attended and only 0 days still planned: 1 day short of "
            "the minimum even if every planned day is attended. Plan catch-up days. "
            "Missed so far: 0 absent, 1 excused.")
        assert seminar_verdict(done).signal == Signal.GREEN


def test_reachable_with_the_remaining_plan_is_green():
    progress = SeminarProgress(minimum=25, present=20, excused=0, absent=0,
                               planned_remaining=5)
    with translation.override("en"):
        verdict = seminar_verdict(progress)
    assert verdict.signal == Signal.GREEN
    assert "5 days still planned: the minimum can be reached." in verdict.reason


def test_an_ended_service_below_the_minimum_is_red():
    progress = SeminarProgress(minimum=25, present=24, excused=0, absent=1,
                               planned_remaining=0, service_ended=True)
    with translation.override("en"):
        verdict = seminar_verdict(progress)
    assert verdict.signal == Signal.RED
    assert verdict.reason == ("24 of 25 seminar days attended: the service has ended 1 day "
                              "short of the statutory minimum.")


def test_seminar_lengths():
    assert seminar_length_ok(kind=SeminarKind.INTRODUCTORY, days=5)
    assert not seminar_length_ok(kind=SeminarKind.INTERIM, days=4)
    assert seminar_length_ok(kind=SeminarKind.SINGLE_DAY, days=1)
    assert not seminar_length_ok(kind=SeminarKind.SINGLE_DAY, days=2)


def test_seminar_days_on_weekends_and_holidays_earn_replacement_days_off():
    days = [D(2025, 10, 2), D(2025, 10, 3),  # Thursday; Friday is German Unity Day
            D(2025, 10, 4), D(2025, 10, 5),  # Saturday, Sunday
            D(2025, 10, 6)]  # Monday
    assert replacement_days_off(days) == 3
    # a part-timer who works Monday to Thursday also has Fridays off
    assert replacement_days_off([D(2025, 10, 10)], working_weekdays=(0, 1, 2, 3)) == 1
    assert replacement_days_off([D(2025, 10, 10)]) == 0


def test_easter_and_the_holidays_that_follow_it():
    assert easter_sunday(2026) == D(2026, 4, 5)
    assert replacement_days_off([D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 25)]) == 3
