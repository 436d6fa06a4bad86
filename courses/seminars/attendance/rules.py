"""Pure rules of attendance (no database)."""

from collections.abc import Iterable
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


def attended_every_day(*, day_count: int, statuses: Iterable[str | None]) -> bool:
    """A person attended a session when they were present on every one of its days.

    `statuses` holds the recorded status per day (None: not recorded). Excused is not
    present: the session does not count, the person books another one.
    """
    statuses = list(statuses)
    return day_count > 0 and len(statuses) == day_count and all(
        status == AttendanceStatus.PRESENT for status in statuses)


def day_recordable(*, day_starts_at: datetime, now: datetime) -> bool:
    """Attendance of a day can be recorded once the day has begun (never in advance)."""
    return now >= day_starts_at
