"""The statutory rules of the service year at their edges (pure functions, no database)."""

import datetime
from decimal import Decimal

from django.utils import translation

from volunteers.service import rules
from volunteers.service.workflow import Party

D = datetime.date
SEPT = D(2025, 9, 1)


def english(function, **kwargs):
    with translation.override("en"):
        return function(**kwargs)


def test_a_service_starts_on_the_first_of_a_month():
    assert rules.start_problem(D(2025, 9, 1)) is None
    assert english(lambda: rules.start_problem(D(2025, 9, 2))) == (
        "A service starts on the 1st of a month.")


def test_26_years_and_11_months_on_the_start_date_is_within_the_age_limit():
    born = D(1998, 10, 1)  # 26 years and 11 months on 1 September 2025
    assert rules.age_on(born, SEPT) == 26
    assert rules.age_problem(birth=born, start=SEPT) is None


def test_27th_birthday_on_the_start_date_is_refused():
    problem = english(rules.age_problem, birth=D(1998, 9, 1), start=SEPT)
    assert problem == "The volunteer is 27 or older on the first day of service."


def test_age_limits_come_from_the_programme_year():
    assert rules.age_problem(birth=D(1997, 9, 2), start=SEPT, max_age_exclusive=28) is None
    assert english(rules.age_problem, birth=D(2010, 1, 1), start=SEPT) == (
        "The volunteer is younger than 16 on the first day of service.")


def test_six_months_is_the_shortest_service():
    assert rules.duration_problem(start=SEPT, planned_end=D(2026, 2, 28)) is None
    problem = english(rules.duration_problem, start=SEPT, planned_end=D(2026, 2, 27))
    assert problem.startswith("A service lasts at least 6 months")


def test_eighteen_months_is_the_longest_service():
    assert rules.duration_problem(start=SEPT, planned_end=D(2027, 2, 28)) is None
    problem = english(rules.duration_problem, start=SEPT, planned_end=D(2027, 3, 1))
    assert problem.startswith("A service lasts at most 18 months including extensions")


def test_an_extension_up_to_eighteen_months_is_allowed_and_beyond_refused():
    twelve = rules.planned_end_for(SEPT, 12)
    assert twelve == D(2026, 8, 31)
    assert rules.extension_problem(start=SEPT, planned_end=twelve,
                                   new_end=rules.planned_end_for(SEPT, 18)) is None
    problem = english(rules.extension_problem, start=SEPT, planned_end=twelve,
                      new_end=rules.planned_end_for(SEPT, 19))
    assert "at most 18 months" in problem
    assert english(rules.extension_problem, start=SEPT, planned_end=twelve,
                   new_end=twelve).startswith("An extension ends after the planned last day")


def test_part_time_needs_more_than_20_hours():
    assert "more than 20 hours" in english(rules.part_time_problem, part_time=True,
                                           weekly_hours=20)
    assert rules.part_time_problem(part_time=True, weekly_hours=21) is None
    assert rules.part_time_problem(part_time=False, weekly_hours=39) is None


def test_pocket_money_one_euro_over_the_cap_is_refused():
    cap = rules.base_cap_for(start_year=2025)
    assert cap == Decimal("644")
    assert rules.pocket_money_problem(amount=Decimal("644.00"), cap=cap) is None
    assert english(rules.pocket_money_problem, amount=Decimal("645.00"), cap=cap) == (
        "Pocket money of 645.00 euros a month is above the cap of 644 euros.")


def test_the_programme_years_cap_and_the_settings_decide(settings):
    settings.VOLUNTEER_SERVICE_POCKET_MONEY_CAPS = {2025: "650"}
    assert rules.base_cap_for(start_year=2025) == Decimal("650")
    assert rules.base_cap_for(start_year=2025, terms_cap=Decimal("600")) == Decimal("600")


def test_part_time_cap_is_pro_rata():
    cap = rules.pocket_money_cap(base_cap=Decimal("644"), part_time=True, weekly_hours=26,
                                 full_time_hours=39)
    assert cap == Decimal("429.33")
    assert rules.pocket_money_cap(base_cap=Decimal("644"), part_time=False, weekly_hours=39
                                  ) == Decimal("644")


def test_adults_get_the_agreed_leave_pro_rata():
    entitlement = rules.leave_entitlement(birth=D(2000, 1, 1), start=SEPT,
                                          last_day=D(2026, 8, 31), agreed_days=26)
    assert entitlement.days == 26
    six_months = rules.leave_entitlement(birth=D(2000, 1, 1), start=SEPT,
                                         last_day=D(2026, 2, 28), agreed_days=26)
    assert six_months.days == 13


def test_minors_get_at_least_the_youth_protection_minimum_by_age_on_1_january():
    # 15 on 1 January 2025 (30 days), 16 on 1 January 2026 (27 days); 24 agreed
    entitlement = rules.leave_entitlement(birth=D(2009, 6, 1), start=SEPT,
                                          last_day=D(2026, 8, 31), agreed_days=24)
    assert [(part.year, part.months, part.days_per_year) for part in entitlement.parts] == [
        (2025, 4, 30), (2026, 8, 27)]
    assert entitlement.days == 28  # 10 + 18


def test_a_minor_turning_18_during_the_service():
    born = D(2008, 3, 15)  # 17 at the start, 18 from 15 March 2026
    assert rules.is_minor_on(born, SEPT)
    assert not rules.is_minor_on(born, D(2026, 3, 15))
    # the guardian signs: the agreement is made while the volunteer is a minor
    assert Party.GUARDIAN in rules.required_parties(minor_at_start=True)
    # 2025: 16 on 1 January -> 27; 2026: still 17 on 1 January -> 25 for the whole year,
    # although 18 from March
    entitlement = rules.leave_entitlement(birth=born, start=SEPT, last_day=D(2026, 8, 31),
                                          agreed_days=24)
    assert [part.minor_minimum for part in entitlement.parts] == [27, 25]
    assert entitlement.days == 26  # 27 * 4/12 + 25 * 8/12 = 25.67
    # in a service running into 2027 the year after the 18th birthday follows the agreement
    long = rules.leave_entitlement(birth=born, start=SEPT, last_day=D(2027, 2, 28),
                                   agreed_days=24)
    assert long.parts[-1].minor_minimum is None and long.parts[-1].days_per_year == 24


def test_leave_beyond_the_entitlement_is_refused():
    assert rules.leave_problem(entitlement=26, taken=Decimal(20), requested=Decimal(6)) is None
    assert "exceed the entitlement of 26 days" in english(
        rules.leave_problem, entitlement=26, taken=Decimal(20), requested=Decimal("6.5"))


def test_an_agreement_signed_by_two_of_three_parties_is_incomplete():
    required = rules.required_parties(minor_at_start=False)
    assert rules.missing_parties(required=required, signed=[Party.VOLUNTEER, Party.TRAEGER]
                                 ) == [Party.HOST]
    assert rules.missing_parties(required=required,
                                 signed=[Party.VOLUNTEER, Party.TRAEGER, Party.HOST]) == []


def test_early_termination_on_the_last_day_is_an_ordinary_end():
    end = D(2026, 8, 31)
    assert rules.termination_problem(start=SEPT, planned_end=end, last_day=end) is None
    assert not rules.termination_is_early(planned_end=end, last_day=end)
    assert rules.termination_is_early(planned_end=end, last_day=D(2026, 8, 30))
    assert "after the planned end" in english(rules.termination_problem, start=SEPT,
                                              planned_end=end, last_day=D(2026, 9, 1))


def test_months_of_service_count_whole_months():
    assert rules.months_of_service(SEPT, D(2026, 8, 31)) == 12
    assert rules.months_of_service(SEPT, D(2026, 8, 30)) == 11
    assert rules.months_of_service(SEPT, D(2025, 9, 29)) == 0
