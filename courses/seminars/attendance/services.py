"""Writes of attendance: record per day and person, with history, then evaluate the
course's completion for everyone whose record changed (certificates follow as usual)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.exceptions import EnrolmentNotAllowed, PrerequisitesMissing
from courses.learning.models import Enrolment
from courses.learning.services import enrolment_create, enrolment_evaluate
from courses.rules import EnrolmentStatus
from courses.seminars.attendance.exceptions import (
    DayNotBegun,
    NotAParticipant,
    NotYourSession,
    SessionWasCancelled,
    UnknownStatus,
)
from courses.seminars.attendance.models import Attendance, AttendanceChange
from courses.seminars.attendance.rules import AttendanceStatus, day_recordable
from courses.seminars.attendance.selectors import (
    booked_person_ids,
    may_manage_session,
    session_attended,
)
from courses.seminars.models import Session, SessionDay


def day_starts_at(day: SessionDay) -> datetime:
    """The day's start as an aware datetime (days hold local Europe/Berlin times)."""
    return timezone.make_aware(datetime.combine(day.date, day.starts_at))


@dataclass(frozen=True)
class AttendanceResult:
    changed: int  # records created or changed
    completed: int  # enrolments completed by this recording


def attendance_record(*, session: Session, actor, marks: dict[tuple[int, int], str],
                      now: datetime | None = None) -> AttendanceResult:
    """Record attendance: `marks` maps (day id, person id) to a status.

    Only the session's trainer or a coordinator; only days that have begun; only people
    booked (or already recorded). The same marks again change nothing (idempotent).
    Afterwards the enrolment of everyone whose record changed is evaluated; for a course
    that needs attendance, a person present on every day who is not enrolled yet is
    enrolled first, so that a seminar-only course completes too.
    """
    now = now or timezone.now()
    if not may_manage_session(user=actor, session=session):
        raise NotYourSession
    if session.is_cancelled:
        raise SessionWasCancelled
    days = {day.pk: day for day in SessionDay.objects.filter(session=session)}
    allowed = booked_person_ids(session=session) | set(
        Attendance.objects.filter(day__session=session).values_list("person_id", flat=True))
    for (day_id, person_id), status in marks.items():
        if status not in AttendanceStatus.values:
            raise UnknownStatus
        if day_id not in days or person_id not in allowed:
            raise NotAParticipant
        if not day_recordable(day_starts_at=day_starts_at(days[day_id]), now=now):
            raise DayNotBegun(days[day_id])
    changed_people: set[int] = set()
    changed = 0
    with transaction.atomic():
        existing = {(a.day_id, a.person_id): a for a in Attendance.objects.select_for_update()
                    .filter(day__session=session)}
        for (day_id, person_id), status in sorted(marks.items()):
            record = existing.get((day_id, person_id))
            if record is not None and record.status == status:
                continue
            before = record.status if record is not None else ""
            if record is None:
                record = Attendance.objects.create(day_id=day_id, person_id=person_id,
                                                   status=status, recorded_by=actor,
                                                   recorded_at=now)
            else:
                record.status, record.recorded_by, record.recorded_at = status, actor, now
                record.save(update_fields=["status", "recorded_by", "recorded_at"])
            AttendanceChange.objects.create(attendance=record, from_status=before,
                                            to_status=status, changed_by=actor,
                                            changed_at=now)
            changed_people.add(person_id)
            changed += 1
        completed = sum(_evaluate(session=session, person_id=person_id, actor=actor)
                        for person_id in sorted(changed_people))
    return AttendanceResult(changed=changed, completed=completed)


def _evaluate(*, session: Session, person_id: int, actor) -> bool:
    """Evaluate the person's enrolment in the session's course; True if it completed now."""
    course = session.course
    enrolment = Enrolment.objects.filter(learner_id=person_id, course=course).first()
    if enrolment is None or enrolment.status == EnrolmentStatus.WITHDRAWN:
        if not (course.requires_attendance
                and session_attended(person_id=person_id, course_id=course.pk)):
            return False
        try:
            enrolment = enrolment_create(learner=User.objects.get(pk=person_id),
                                         course=course, actor=actor)
        except (EnrolmentNotAllowed, PrerequisitesMissing):
            return False
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return False
    return enrolment_evaluate(enrolment=enrolment)
