"""Jobs of reminders (django-q2): thin, they take ids or nothing; a rerun is harmless."""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from core.jobs import schedule_ensure
from courses.approvals.services import approvals_escalate
from courses.reminders.services import mail_send, reminders_run

DAILY_SCHEDULE_NAME = "courses: daily reminders and escalations"
DAILY_TASK = "courses.reminders.tasks.reminders_daily_task"


def mails_send_task(reminder_ids: list[int]) -> int:
    """Send the recorded mails not sent yet; returns how many this run sent.

    A failing mail raises after the others were tried, so django-q2 records the failure
    and the next daily run sends what is still unsent.
    """
    sent, failure = 0, None
    for reminder_id in reminder_ids:
        try:
            sent += mail_send(reminder_id=reminder_id)
        except Exception as error:  # noqa: BLE001 - raised again below, after the others
            failure = error
    if failure is not None:
        raise failure
    return sent


def reminders_daily_task(today: str | None = None) -> dict[str, int]:
    """The daily run: escalate unanswered approval requests, then record and send the
    reminder mails. `today` (ISO date) only for tests and catching up."""
    escalated = approvals_escalate()
    result = reminders_run(today=date.fromisoformat(today) if today else None)
    return {**result, "escalated": escalated}


def daily_schedule_ensure(*, hour: int | None = None):
    """The django-q2 schedule of `reminders_daily_task`: daily, first at the next
    REMINDER_HOUR o'clock (local time)."""
    hour = settings.REMINDER_HOUR if hour is None else hour
    now = timezone.localtime()
    first = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if first <= now:
        first += timedelta(days=1)
    return schedule_ensure(name=DAILY_SCHEDULE_NAME, func=DAILY_TASK, schedule_type="D",
                           first_run=first)


def daily_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the daily schedule exists after every migrate."""
    daily_schedule_ensure()
