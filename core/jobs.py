"""Background jobs are enqueued after the surrounding transaction commits, never inside."""

import os

from django.db import transaction

_brokers: dict[int, object] = {}


def enqueue(task: str, *args, group: str, timeout: int = 60, **kwargs) -> None:
    """Hand `task` (a dotted path) to the django-q2 cluster now."""
    from django_q.tasks import async_task  # late import: django_q needs the app registry

    async_task(task, *args, group=group, timeout=timeout, broker=_broker(), **kwargs)


def _broker():
    """This process's django-q2 broker. Left to itself, django-q2 builds one for every
    job, and with Redis that is a new connection each time; a forked worker builds its own.
    """
    from django_q.brokers import get_broker  # late import: django_q needs the app registry

    broker = _brokers.get(os.getpid())
    if broker is None:
        _brokers.clear()
        broker = _brokers[os.getpid()] = get_broker()
    return broker


def enqueue_on_commit(task: str, *args, group: str, timeout: int = 60, **kwargs) -> None:
    """Enqueue `task` once the current transaction commits (at once outside of one).

    A job therefore never sees uncommitted rows, and a rolled-back change enqueues nothing.
    """
    transaction.on_commit(lambda: enqueue(task, *args, group=group, timeout=timeout,
                                          **kwargs))


def schedule_ensure(*, name: str, func: str, schedule_type: str = "D", minutes: int | None = None,
                    first_run=None):
    """Create the recurring django-q2 schedule `name` once, or bring its function and type
    in line; its next run (and so the time of day it runs) is kept when it exists.

    `schedule_type` is django-q2's code ("D" daily, "H" hourly, "I" every `minutes`);
    `first_run` (aware datetime) when a new schedule first runs, default now. Safe to call
    on every deploy (e.g. from a post_migrate receiver).
    """
    from django_q.models import Schedule  # late import: django_q's models need the app registry

    schedule = Schedule.objects.filter(name=name).order_by("pk").first()
    if schedule is None:
        fields = {"func": func, "schedule_type": schedule_type, "minutes": minutes,
                  "repeats": -1}
        if first_run is not None:
            fields["next_run"] = first_run
        return Schedule.objects.create(name=name, **fields)
    changed = [field for field, value in (("func", func), ("schedule_type", schedule_type),
                                          ("minutes", minutes), ("repeats", -1))
               if getattr(schedule, field) != value]
    for field in changed:
        setattr(schedule, field, {"func": func, "schedule_type": schedule_type,
                                  "minutes": minutes, "repeats": -1}[field])
    if changed:
        schedule.save(update_fields=changed)
    return schedule
