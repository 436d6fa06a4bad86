"""Which reminder is due on which day; filling in a mail text safely."""

from datetime import date

import pytest

from courses.reminders.rules import due_reminders, expiry_reminder_due, placeholders_fill

DUE = date(2026, 5, 15)


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 5, 7), []),                                  # 8 days before: nothing yet
    (date(2026, 5, 8), ["due_soon"]),                        # 7 days before
    (date(2026, 5, 14), ["due_soon"]),                       # a missed run still reminds
    (date(2026, 5, 15), ["due_today"]),
    (date(2026, 5, 16), ["overdue"]),
    (date(2026, 5, 28), ["overdue"]),                        # 13 days overdue
    (date(2026, 5, 29), ["overdue", "overdue_supervisor"]),  # 14 days overdue
])
def test_due_reminders_before_on_and_after_the_due_date(today, expected):
    assert due_reminders(today=today, due_date=DUE, days_before=7,
                         supervisor_after=14) == expected


def test_expiry_reminder_within_the_days_before_expiry_only():
    valid_until = date(2026, 6, 30)
    assert not expiry_reminder_due(today=date(2026, 5, 30), valid_until=valid_until,
                                   days_before=30)
    assert expiry_reminder_due(today=date(2026, 5, 31), valid_until=valid_until,
                               days_before=30)
    assert expiry_reminder_due(today=valid_until, valid_until=valid_until, days_before=30)
    assert not expiry_reminder_due(today=date(2026, 7, 1), valid_until=valid_until,
                                   days_before=30)
    assert not expiry_reminder_due(today=valid_until, valid_until=None, days_before=30)


def test_placeholders_fill_only_known_names_and_never_attributes():
    text = "Hallo {name}, {course} bis {due_date}. {name.__class__} {unbekannt} {{x}}"
    filled = placeholders_fill(text, {"name": "Ada", "course": "KI", "due_date": "1.6.2026"})
    assert filled == "Hallo Ada, KI bis 1.6.2026. {name.__class__} {unbekannt} {{x}}"
