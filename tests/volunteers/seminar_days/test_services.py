"""Attendance per seminar day and the live progress towards the statutory minimum."""

import datetime

import pytest
from django.utils import translation

from accounts.roles import Role
from tests.factories import role_user
from tests.volunteers.seminar_days.helpers import make_group, make_seminar, make_service
from volunteers.models import SeminarAttendance, SeminarTerms
from volunteers.seminar_days.rules import Rounding, Signal
from volunteers.seminar_days.selectors import seminar_states
from volunteers.seminar_days.services import (
    AttendanceRefused,
    NotASeminarDay,
    NotInGroup,
    attendance_record,
)

D = datetime.date
TODAY = D(2026, 1, 15)
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(year, placements):
    SeminarTerms.objects.create(programme_year=year, extra_digital_days=0,
                                rounding=Rounding.UP)
    lea = make_service(year, placements[0], "lea@example.org")
    max_ = make_service(year, placements[1], "max@example.org", first="Max", last="Keller")
    group = make_group(year, lea, max_)
    # 5 + 5 + 5 + 5 + 5 = 25 planned days: exactly the minimum of a 12-month service
    seminars = [make_seminar(year, group, D(2025, 9, 8), D(2025, 9, 12)),
                make_seminar(year, group, D(2025, 11, 3), D(2025, 11, 7), kind="interim"),
                make_seminar(year, group, D(2026, 2, 2), D(2026, 2, 6), kind="interim"),
                make_seminar(year, group, D(2026, 4, 13), D(2026, 4, 17), kind="interim"),
                make_seminar(year, group, D(2026, 7, 6), D(2026, 7, 10), kind="final")]
    return {"lea": lea, "max": max_, "group": group, "seminars": seminars}


def test_a_coordinator_records_a_day_and_a_second_save_changes_nothing(plan, coordinator):
    seminar = plan["seminars"][0]
    marks = {plan["lea"].pk: "present", plan["max"].pk: "excused"}
    assert attendance_record(seminar=seminar, day=D(2025, 9, 8), marks=marks,
                             actor=coordinator) == 2
    assert attendance_record(seminar=seminar, day=D(2025, 9, 8), marks=marks,
                             actor=coordinator) == 0
    assert attendance_record(seminar=seminar, day=D(2025, 9, 8),
                             marks={plan["max"].pk: "present"}, actor=coordinator) == 1
    assert SeminarAttendance.objects.get(service=plan["max"]).status == "present"


def test_the_responsible_person_may_record_others_may_not(plan):
    trainer = role_user("begleitung@example.org", Role.TRAINER)
    stranger = role_user("fremd@example.org", Role.TRAINER)
    seminar = plan["seminars"][0]
    seminar.responsible = trainer
    seminar.save()
    day = D(2025, 9, 9)
    assert attendance_record(seminar=seminar, day=day, marks={plan["lea"].pk: "present"},
                             actor=trainer) == 1
    with pytest.raises(AttendanceRefused):
        attendance_record(seminar=seminar, day=day, marks={plan["lea"].pk: "absent"},
                          actor=stranger)


def test_only_days_of_the_seminar_and_volunteers_of_its_group(plan, coordinator, year,
                                                              placements):
    outsider = make_service(year, placements[2], "tom@example.org", first="Tom")
    seminar = plan["seminars"][0]
    with pytest.raises(NotASeminarDay):
        attendance_record(seminar=seminar, day=D(2025, 9, 13),
                          marks={plan["lea"].pk: "present"}, actor=coordinator)
    with pytest.raises(NotInGroup):
        attendance_record(seminar=seminar, day=D(2025, 9, 8),
                          marks={outsider.pk: "present"}, actor=coordinator)


def test_one_missed_day_of_a_plan_of_exactly_25_days_flags_the_volunteer(plan, coordinator):
    seminar = plan["seminars"][0]
    for offset in range(5):
        day = D(2025, 9, 8) + datetime.timedelta(days=offset)
        attendance_record(seminar=seminar, day=day, marks={
            plan["lea"].pk: "present",
            plan["max"].pk: "absent" if offset == 0 else "present"}, actor=coordinator)
    states = seminar_states([plan["lea"], plan["max"]], today=TODAY)
    lea, max_ = states[plan["lea"].pk], states[plan["max"].pk]
    assert (lea.progress.present, lea.progress.planned_remaining) == (5, 20)
    assert lea.verdict.signal == Signal.GREEN
    assert (max_.progress.present, max_.progress.planned_remaining) == (4, 20)
    assert max_.verdict.signal == Signal.AMBER
    with translation.override("en"):
        states = seminar_states([plan["max"]], today=TODAY)
    assert states[plan["max"].pk].verdict.reason.startswith(
        "4 of 25 seminar days attended and only 20 days still planned: 1 day short")


def test_extra_digital_days_raise_the_minimum_and_a_short_service_is_pro_rata(
        plan, year, placements):
    SeminarTerms.objects.filter(programme_year=year).update(extra_digital_days=5)
    short = make_service(year, placements[2], "kurz@example.org",
                         start=D(2025, 9, 1), end=D(2026, 2, 28))
    states = seminar_states([plan["lea"], short], today=TODAY)
    assert states[plan["lea"].pk].progress.minimum == 30
    assert states[short.pk].progress.minimum == 13 + 5
    # a plan of 25 days no longer reaches 30: flagged before anybody missed a day
    assert states[plan["lea"].pk].verdict.signal == Signal.AMBER


def test_an_ended_service_below_the_minimum_is_red(plan, coordinator):
    plan["lea"].status = "terminated"
    plan["lea"].actual_end = D(2025, 12, 31)
    plan["lea"].terminated_by = "volunteer"
    plan["lea"].save()
    state = seminar_states([plan["lea"]], today=TODAY)[plan["lea"].pk]
    assert state.progress.minimum == 9  # 4 months: 8.33, rounded up
    assert state.verdict.signal == Signal.RED


def test_weekend_seminar_days_earn_replacement_days_off(plan, coordinator, year):
    weekend = make_seminar(year, plan["group"], D(2025, 10, 4), kind="single_day",
                           title="Samstagsseminar")
    attendance_record(seminar=weekend, day=D(2025, 10, 4),
                      marks={plan["lea"].pk: "present"}, actor=coordinator)
    state = seminar_states([plan["lea"]], today=TODAY)[plan["lea"].pk]
    assert state.replacement_days_off == 1
