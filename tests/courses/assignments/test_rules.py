"""The compliance rule, the due-date rule and recertification timing (pure, no database)."""

from datetime import date, datetime, timedelta

import pytest

from courses.rules import (
    ComplianceState as CS,
)
from courses.rules import (
    DueMode,
    completion_valid_until,
    compliance_state,
    course_achievement_key,
    due_date_for,
    earliest_due,
    recertification_due,
)

TODAY = date(2026, 6, 15)


def state(**overrides):
    facts = {"today": TODAY, "due_date": None, "started": False, "completed_at": None,
             "valid_until": None, "required_since": None}
    facts.update(overrides)
    return compliance_state(**facts)


@pytest.mark.parametrize(("facts", "expected"), [
    ({}, CS.NOT_STARTED),
    ({"started": True}, CS.IN_PROGRESS),
    ({"due_date": TODAY}, CS.NOT_STARTED),  # due today is not overdue yet
    ({"due_date": TODAY - timedelta(days=1)}, CS.OVERDUE),
    ({"due_date": TODAY - timedelta(days=1), "started": True}, CS.OVERDUE),
    ({"completed_at": date(2026, 1, 2)}, CS.COMPLETED),
    # a completion counts even after the due date passed
    ({"completed_at": date(2026, 1, 2), "due_date": date(2026, 1, 1)}, CS.COMPLETED),
    ({"completed_at": date(2025, 1, 2), "valid_until": TODAY}, CS.COMPLETED),  # last day
    ({"completed_at": date(2024, 1, 2), "valid_until": TODAY - timedelta(days=1)},
     CS.EXPIRED),
    ({"completed_at": date(2024, 1, 2), "valid_until": TODAY - timedelta(days=1),
      "due_date": TODAY - timedelta(days=1)}, CS.OVERDUE),
    ({"completed_at": date(2026, 1, 2), "required_since": date(2026, 3, 1)}, CS.EXPIRED),
    ({"completed_at": date(2026, 3, 1), "required_since": date(2026, 3, 1)}, CS.COMPLETED),
    ({"completed_at": date(2026, 1, 2), "required_since": date(2026, 3, 1),
      "started": True, "due_date": TODAY + timedelta(days=5)}, CS.EXPIRED),
])
def test_compliance_state_follows_the_documented_order(facts, expected):
    assert state(**facts) == expected


def test_compliance_state_takes_datetimes_too():
    since = datetime(2026, 3, 1, 12, 0)
    assert state(completed_at=datetime(2026, 3, 1, 11, 59), required_since=since) == CS.EXPIRED
    assert state(completed_at=datetime(2026, 3, 1, 12, 0), required_since=since) \
        == CS.COMPLETED


def test_due_date_rules():
    assigned = date(2026, 6, 1)
    assert due_date_for(DueMode.FIXED, date(2026, 9, 30), None, assigned) == date(2026, 9, 30)
    assert due_date_for(DueMode.AFTER_ASSIGNMENT, None, 30, assigned) == date(2026, 7, 1)
    # joined later: counted from joining
    assert due_date_for(DueMode.AFTER_JOINING, None, 10, assigned,
                        joined_on=date(2026, 8, 1)) == date(2026, 8, 11)
    # joined before the assignment existed: counted from the assignment, nobody overdue at once
    assert due_date_for(DueMode.AFTER_JOINING, None, 10, assigned,
                        joined_on=date(2020, 1, 1)) == date(2026, 6, 11)
    assert due_date_for(DueMode.AFTER_JOINING, None, 10, assigned) == date(2026, 6, 11)
    assert due_date_for(DueMode.AFTER_ASSIGNMENT, None, None, assigned) is None


def test_earliest_due_date_wins():
    assert earliest_due([date(2026, 9, 1), None, date(2026, 7, 1)]) == date(2026, 7, 1)
    assert earliest_due([None, None]) is None


def test_validity_and_recertification_timing():
    assert completion_valid_until(completed_on=date(2026, 1, 31), validity_months=None) is None
    assert completion_valid_until(completed_on=date(2026, 1, 31),
                                  validity_months=24) == date(2028, 1, 31)
    expiry = date(2026, 7, 15)
    assert not recertification_due(today=date(2026, 6, 14), valid_until=expiry, lead_days=30)
    assert recertification_due(today=date(2026, 6, 15), valid_until=expiry, lead_days=30)
    assert not recertification_due(today=TODAY, valid_until=None, lead_days=30)


def test_a_recompletion_of_the_same_version_has_a_certificate_key_of_its_own():
    first = course_achievement_key(course_id=3, version="2026.1")
    assert first == "course:3:v2026.1"
    assert course_achievement_key(course_id=3, version="2026.1", cycle=1) != first
