"""Readiness probe: is the database reachable, and is the job queue's broker?"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_q.brokers import get_broker


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_job_queue() -> dict:
    broker = get_broker()
    broker.ping()
    return {"ok": True, "broker": type(broker).__name__, "queued": broker.queue_size()}


CHECKS = {"database": check_database, "job_queue": check_job_queue}


@never_cache
def healthz(request):
    """200 with each check's details when all answer, 503 with the failing ones otherwise."""
    report = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            report[name] = {"ok": False, "error": type(error).__name__}
    healthy = all(item["ok"] for item in report.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **report},
                        status=200 if healthy else 503)
