"""Background jobs of assignments (django-q2): the fan-out, the daily recertification run
and the reassignment after a new content version."""

from datetime import timedelta

from django.utils import timezone

from courses.assignments.services import (
    assignment_apply,
    recertification_run,
    version_reassign,
)
from courses.catalogue.models import CoursePage

RECERTIFICATION_SCHEDULE_NAME = "courses-recertification-daily"


def assignment_apply_task(assignment_id: int) -> int:
    """Fan an assignment out to the people it reaches; returns how many were processed."""
    return assignment_apply(assignment_id=assignment_id).job_done


def recertification_task() -> int:
    """Reassign everyone whose completion expires soon; returns how many were reassigned."""
    return len(recertification_run())


def version_reassign_task(course_id: int, version: str) -> int:
    """After publishing a raised content version: reassign the holders of older versions.

    Does nothing when the course has moved on to yet another version meanwhile (the job
    for that version runs too)."""
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None or course.content_version != version:
        return 0
    return version_reassign(course=course)


def recertification_schedule_ensure(*, hour: int = 5):
    """Create (or bring in line) the daily django-q2 schedule of `recertification_task`,
    first at the next `hour` o'clock (local time, before the reminder run)."""
    from django_q.models import Schedule  # late import: django_q's models need the app registry

    now = timezone.localtime()
    first = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if first <= now:
        first += timedelta(days=1)
    schedule, created = Schedule.objects.get_or_create(
        name=RECERTIFICATION_SCHEDULE_NAME,
        defaults={"func": "courses.assignments.tasks.recertification_task",
                  "schedule_type": Schedule.DAILY, "repeats": -1, "next_run": first})
    if not created and (schedule.func, schedule.schedule_type) != (
            "courses.assignments.tasks.recertification_task", Schedule.DAILY):
        schedule.func, schedule.schedule_type, schedule.repeats = (
            "courses.assignments.tasks.recertification_task", Schedule.DAILY, -1)
        schedule.save()
    return schedule


def recertification_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the daily schedule exists after every migrate."""
    recertification_schedule_ensure()
