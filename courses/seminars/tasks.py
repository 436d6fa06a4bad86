"""Jobs of seminar sessions (django-q2): thin; a rerun is harmless."""

from core.jobs import enqueue, schedule_ensure
from courses.seminars.services import (
    SEND_TASK,
    approvals_settle,
    offers_expire,
    reminders_record,
    session_mail_send,
    session_mails_unsent,
)

SCHEDULE_NAME = "courses: seminar offers, approvals and reminders"
HOURLY_TASK = "courses.seminars.tasks.seminars_hourly_task"

def session_mails_send_task(mail_ids: list[int]) -> int:
    """Send the recorded seminar mails not sent yet; a failure is raised after the others
    were tried (django-q2 records it; the hourly run sends what is still unsent)."""
    sent, failure = 0, None
    for mail_id in mail_ids:
        try:
            sent += session_mail_send(mail_id=mail_id)
        except Exception as error:  # noqa: BLE001 - raised again below, after the others
            failure = error
    if failure is not None:
        raise failure
    return sent

def seminars_hourly_task() -> dict[str, int]:
    """Expired offers pass their seat on, decided approvals settle their bookings, the
    reminders for tomorrow's sessions are recorded (once each), unsent mails are retried."""
    result = {"offers_expired": offers_expire(), "approvals_settled": approvals_settle(),
              "reminders": reminders_record()}
    unsent = session_mails_unsent()
    if unsent:
        enqueue(SEND_TASK, unsent, group="mails", timeout=110)
    result["resent"] = len(unsent)
    return result

def hourly_schedule_ensure():
    return schedule_ensure(name=SCHEDULE_NAME, func=HOURLY_TASK, schedule_type="H")

def hourly_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the hourly seminar schedule exists after every migrate."""
    hourly_schedule_ensure()
