"""Compliance checks at their edges: an agreement signed by two of three parties, a minor's
leave, part-time pocket money; each verdict a sentence."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tests.volunteers.seminar_days.helpers import make_service
from volunteers.reports.compliance import services_compliance
from volunteers.seminar_days.rules import Signal
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.workflow import Party

pytestmark = pytest.mark.django_db
D = datetime.date


def checks(service, today):
    with translation.override("en"):
        row = services_compliance([service], today=today)[0]
    return {check.key: (check.signal, check.reason) for check in row.checks}


def test_two_of_three_signatures_are_amber_before_the_start_and_red_after(
        year, placements, coordinator, host_contact):
    service = make_service(year, placements[0], "lea@example.org", status="planned",
                           start=D(2027, 9, 1), end=D(2028, 8, 31))
    agreement = agreement_generate(service=service, actor=coordinator)
    agreement_sign(agreement=agreement, party=Party.VOLUNTEER, actor=service.volunteer)
    agreement_sign(agreement=agreement, party=Party.TRAEGER, actor=coordinator)
    before = checks(service, D(2027, 8, 31))["agreement"]
    assert before == (Signal.AMBER, "The signature of Host organisation (Einsatzstelle) is "
                                    "missing. The service begins on 1 September 2027.")
    on_start = checks(service, D(2027, 9, 1))["agreement"]
    assert on_start[0] == Signal.RED
    assert on_start[1].endswith("The service began on 1 September 2027 without a complete "
                                "agreement.")
    agreement_sign(agreement=agreement, party=Party.HOST, actor=host_contact)
    service.refresh_from_db()
    assert checks(service, D(2027, 9, 1))["agreement"][0] == Signal.GREEN


def test_a_minors_leave_below_the_youth_protection_minimum_is_amber(year, placements):
    # 16 on 1 January 2027: the youth employment protection law asks for 27 days that year
    service = make_service(year, placements[0], "jonas@example.org", first="Jonas",
                           born=D(2010, 10, 1), start=D(2027, 9, 1), end=D(2028, 8, 31),
                           leave_days_agreed=24)
    signal, reason = checks(service, D(2027, 10, 1))["leave"]
    assert signal == Signal.AMBER
    assert "fewer than the 27 days the youth employment protection law requires in 2027" \
        in reason


def test_part_time_pocket_money_is_capped_pro_rata(year, placements):
    # 30 of 39 hours: 644 × 30 / 39 = 495.38 euros
    service = make_service(year, placements[0], "clara@example.org", part_time=True,
                           weekly_hours=30, pocket_money=Decimal("495.39"))
    assert checks(service, D(2026, 1, 1))["pocket_money"][0] == Signal.RED
    service.pocket_money = Decimal("495.38")
    assert checks(service, D(2026, 1, 1))["pocket_money"][0] == Signal.GREEN
