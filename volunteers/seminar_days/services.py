"""Writes of the seminar days: recording the attendance of one seminar day."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from volunteers.seminar_days.models import (
    Seminar,
    SeminarAttendance,
    SeminarAttendanceChange,
)
from volunteers.seminar_days.rules import AttendanceStatus
from volunteers.seminar_days.selectors import may_record, seminar_dates


class AttendanceRefused(DomainError):
    default_message = _("You may not record the attendance of this seminar.")


class NotASeminarDay(DomainError):
    default_message = _("This day is not a day of the seminar.")


class DayNotBegun(DomainError):
    default_message = _("Attendance can be recorded once the seminar day has begun.")


class NotInGroup(DomainError):
    default_message = _("Attendance can only be recorded for volunteers of the seminar's "
                        "group whose service covers the day.")


@transaction.atomic
def attendance_record(*, seminar: Seminar, day: datetime.date, marks: dict[int, str],
                      actor) -> int:
    """Store present, excused or absent per service for one seminar day; returns how many
    records were created or changed. Safe to call twice with the same marks."""
    if not may_record(user=actor, seminar=seminar):
        raise AttendanceRefused
    if day not in seminar_dates(seminar):
        raise NotASeminarDay
    if day > timezone.localdate():
        raise DayNotBegun
    allowed = {service.pk for service in seminar.group.services.all()
               if service.start_date <= day <= service.last_day}
    if not set(marks) <= allowed:
        raise NotInGroup
    existing = {row.service_id: row for row in SeminarAttendance.objects
                .select_for_update().filter(seminar=seminar, day=day)}
    now, history = timezone.now(), []
    for service_id, status in marks.items():
        status = AttendanceStatus(status)
        row = existing.get(service_id)
        before = ""
        if row is None:
            row = SeminarAttendance.objects.create(
                seminar=seminar, day=day, service_id=service_id, status=status,
                recorded_by=actor, recorded_at=now)
        elif row.status != status:
            before = row.status
            row.status, row.recorded_by, row.recorded_at = status, actor, now
            row.save(update_fields=["status", "recorded_by", "recorded_at"])
        else:
            continue
        history.append(SeminarAttendanceChange(attendance=row, from_status=before,
                                               to_status=status, changed_by=actor,
                                               changed_at=now))
    SeminarAttendanceChange.objects.bulk_create(history)
    return len(history)
