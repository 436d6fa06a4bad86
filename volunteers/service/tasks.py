"""Background jobs of the service year (django-q2). Thin: they take ids and call a service."""

from core.jobs import schedule_ensure
from volunteers.service.services import service_certificate_issue, services_move_due

DUE_SCHEDULE_NAME = "volunteers-services-due"


def service_certificate_task(service_id: int) -> None:
    """Request the Bescheinigung of an ended service; a second run changes nothing."""
    service_certificate_issue(service_id=service_id)


def services_due_task() -> tuple[int, int]:
    """Start services whose first day has come, end those whose last day has passed."""
    return services_move_due()


def services_due_schedule_ensure():
    """The daily schedule of `services_due_task`."""
    return schedule_ensure(name=DUE_SCHEDULE_NAME,
                           func="volunteers.service.tasks.services_due_task")


def services_due_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the daily schedule exists after every migrate."""
    services_due_schedule_ensure()
