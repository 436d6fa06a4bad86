"""Background jobs are enqueued after the surrounding transaction commits, never inside."""

from django.db import transaction


def enqueue(task: str, *args, group: str, timeout: int = 60, **kwargs) -> None:
    """Hand `task` (a dotted path) to the django-q2 cluster now."""
    from django_q.tasks import async_task  # late import: django_q needs the app registry

    async_task(task, *args, group=group, timeout=timeout, **kwargs)


def enqueue_on_commit(task: str, *args, group: str, timeout: int = 60, **kwargs) -> None:
    """Enqueue `task` once the current transaction commits (at once outside of one).

    A job therefore never sees uncommitted rows, and a rolled-back change enqueues nothing.
    """
    transaction.on_commit(lambda: enqueue(task, *args, group=group, timeout=timeout,
                                          **kwargs))
