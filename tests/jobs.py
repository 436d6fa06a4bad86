"""Jobs handed to django-q2, carried out at once in the test process (as the worker would)."""

from django.utils.module_loading import import_string

# Keyword arguments django-q2's async_task keeps for itself; the rest go to the task.
Q_OPTIONS = {"group", "timeout", "hook", "save", "sync", "cached", "ack_failure", "chain",
             "broker", "cluster", "q_options", "task_name", "iter_count", "iter_cached"}


def run_job_at_once(func, *args, **kwargs) -> None:
    """django-q2's async_task, but the task runs now, in this process."""
    task = import_string(func) if isinstance(func, str) else func
    task(*args, **{key: value for key, value in kwargs.items() if key not in Q_OPTIONS})
