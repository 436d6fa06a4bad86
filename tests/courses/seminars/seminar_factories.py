"""Sessions and learners for the booking tests (on the demo's AI course)."""

import datetime

from django.utils import timezone

from courses.seminars.services import session_create
from tests.factories import role_user


def at(days: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware local datetime `days` from today at hour:minute (Europe/Berlin)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def session_for(course, *, days=10, hours=3, seats=2, **fields):
    starts = fields.pop("starts_at", at(days))
    ends = fields.pop("ends_at", starts + datetime.timedelta(hours=hours))
    defaults = {"address": "Jürgen-Fuchs-Straße 1\n99096 Erfurt", "room": "Raum 2.14",
                "notes": "Bitte Laptop mitbringen."}
    defaults.update(fields)
    return session_create(course=course, starts_at=starts, ends_at=ends, seats=seats,
                          **defaults)


def learners(count: int, prefix: str = "person"):
    return [role_user(f"{prefix}{n}@example.org", first_name=f"Person{n}", last_name="Test")
            for n in range(1, count + 1)]
