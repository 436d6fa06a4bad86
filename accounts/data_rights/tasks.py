"""Jobs of the data rights (django-q2): thin, they take ids; a rerun is harmless."""

from datetime import timedelta

from django.utils import timezone

from accounts.data_rights.services import (
    export_build,
    export_build_failed,
    export_email_send,
    inactivity_warning_email_send,
    retention_run,
)
from core.jobs import schedule_ensure

DAILY_SCHEDULE_NAME = "accounts: daily data retention"
DAILY_TASK = "accounts.data_rights.tasks.retention_daily_task"
RETENTION_HOUR = 3


def export_build_task(export_id: int) -> bool:
    try:
        return export_build(export_id=export_id)
    except Exception:
        export_build_failed(export_id=export_id)
        raise


def export_email_task(export_id: int) -> bool:
    return export_email_send(export_id=export_id)


def inactivity_warning_email_task(warning_id: int) -> bool:
    return inactivity_warning_email_send(warning_id=warning_id)


def retention_daily_task() -> dict[str, int]:
    """Unconfirmed registrations, inactive self-registered accounts, expired exports."""
    return retention_run()


def daily_schedule_ensure():
    """The django-q2 schedule of `retention_daily_task`: daily, first at 3 o'clock."""
    now = timezone.localtime()
    first = now.replace(hour=RETENTION_HOUR, minute=0, second=0, microsecond=0)
    if first <= now:
        first += timedelta(days=1)
    return schedule_ensure(name=DAILY_SCHEDULE_NAME, func=DAILY_TASK, schedule_type="D",
                           first_run=first)


def daily_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the daily retention schedule exists after every migrate."""
    daily_schedule_ensure()
