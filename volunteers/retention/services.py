"""Retention of the volunteer programme, run daily by django-q2 (`retention_daily_task`).

1. Rejected and withdrawn applications are anonymised `application_retention_months()`
   after their programme year's first start date: a row of numbers stays
   (AnonymisedApplication: year, final status, whether there was an offer, the district of
   the first choice); the application with its personal data, preferences, history, notes
   and documents (files included) is deleted, and stored matching runs forget the date of
   birth.
2. Finished services are deleted `service_retention_years()` after their last day: the
   agreement versions with their PDFs and signed scans, seminar attendance, leave and sick
   days, the Bescheinigung (certificate rows and PDFs) and the accepted application; a row
   of numbers stays as above.

Each run records its counts (RetentionRun); a second run finds nothing left to do.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent
from core.jobs import schedule_ensure
from volunteers.matching.services import matching_runs_forget
from volunteers.models import (
    AnonymisedApplication,
    Application,
    ApplicationDocument,
    ProgrammeYear,
    RetentionRun,
    Service,
)
from volunteers.retention.rules import (
    application_retention_months,
    retention_cutoff,
    retention_due,
    service_retention_years,
)

logger = logging.getLogger(__name__)

SCHEDULE_NAME = "volunteers: daily retention"
TASK = "volunteers.retention.services.retention_daily_task"
RETENTION_HOUR = 3
ANONYMISED_STATUSES = ("rejected", "withdrawn")
FINISHED = ("ended", "terminated")


def _files_delete(files: list[tuple[object, str]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


def _landkreis_of_first_choice(application: Application) -> str:
    preference = (application.preferences.select_related("placement__host")
                  .order_by("rank").first())
    placement = application.placement or (preference.placement if preference else None)
    return placement.host.landkreis if placement else ""


def _application_delete(application: Application, *, status: str, files: list) -> None:
    AnonymisedApplication.objects.create(
        programme_year_id=application.programme_year_id, status=status,
        reached_offer=application.events.filter(to_status="offered").exists()
        or application.status == "accepted",
        landkreis=_landkreis_of_first_choice(application))
    storage = ApplicationDocument._meta.get_field("file").storage
    files += [(storage, name) for name in application.documents.values_list("file", flat=True)]
    matching_runs_forget(application_ids=[application.pk])
    application.delete()


def applications_anonymise(*, today: datetime.date) -> int:
    """Anonymise the rejected and withdrawn applications whose period is over."""
    months = application_retention_months()
    count = 0
    for year in ProgrammeYear.objects.annotate(first_start=Min("start_dates__date")):
        start = year.first_start or year.application_closes
        if not retention_due(since=start, months=months, today=today):
            continue
        due = Application.objects.filter(programme_year=year, status__in=ANONYMISED_STATUSES,
                                         service__isnull=True)
        for application_id in due.values_list("pk", flat=True):
            files: list = []
            with transaction.atomic():
                application = (Application.objects.select_for_update()
                               .filter(pk=application_id).first())
                if application is None:
                    continue
                _application_delete(application, status=application.status, files=files)
                transaction.on_commit(lambda files=files: _files_delete(files))
            count += 1
    return count


def _certificates_delete(service: Service, files: list) -> int:
    """The Bescheinigung (and any other certificate of this service), every version."""
    certificates = Certificate.objects.filter(
        Q(achievement_key__regex=rf"^volunteer-[a-z-]+:{service.pk}$")
        | Q(pk=service.certificate_id or 0))
    rows = list(certificates.order_by("-version", "-pk"))
    storage = Certificate._meta.get_field("pdf").storage
    files += [(storage, certificate.pdf.name) for certificate in rows]
    CertificateEvent.objects.filter(certificate__in=rows).delete()
    Service.objects.filter(pk=service.pk).update(certificate=None)
    for certificate in rows:  # newest version first: older ones are protected by it
        certificate.delete()
    return len(rows)


def services_delete_expired(*, today: datetime.date) -> dict[str, int]:
    """Delete the services (with their records) whose retention period is over."""
    cutoff = retention_cutoff(today=today, months=12 * service_retention_years())
    due = Service.objects.filter(status__in=FINISHED).filter(
        Q(actual_end__lte=cutoff) | Q(actual_end__isnull=True, planned_end__lte=cutoff))
    counts = {"services": 0, "agreements": 0, "attendance": 0, "certificates": 0}
    for service_id in due.values_list("pk", flat=True):
        files: list = []
        with transaction.atomic():
            service = (Service.objects.select_for_update().select_related("application")
                       .filter(pk=service_id).first())
            if service is None:
                continue
            for agreement in service.agreements.all():
                files.append((agreement.pdf.storage, agreement.pdf.name))
                counts["agreements"] += 1
                files += [(signature.scan.storage, signature.scan.name)
                          for signature in agreement.signatures.all() if signature.scan]
            counts["attendance"] += service.seminar_attendance.count()
            counts["certificates"] += _certificates_delete(service, files)
            _application_delete(service.application, status=service.status, files=files)
            transaction.on_commit(lambda files=files: _files_delete(files))
        counts["services"] += 1
    return counts


def retention_run(*, today: datetime.date | None = None) -> RetentionRun:
    """One retention run; records and returns its counts."""
    today = today or timezone.localdate()
    counts = {"applications_anonymised": applications_anonymise(today=today),
              **{f"deleted_{key}": value
                 for key, value in services_delete_expired(today=today).items()}}
    logger.info("volunteer retention: %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return RetentionRun.objects.create(counts=counts)


def retention_daily_task() -> dict[str, int]:
    """The daily job: anonymise and delete what is due; returns the counts."""
    return retention_run().counts


def daily_schedule_ensure():
    """The django-q2 schedule of `retention_daily_task`: daily, first at 3 o'clock."""
    now = timezone.localtime()
    first = now.replace(hour=RETENTION_HOUR, minute=15, second=0, microsecond=0)
    if first <= now:
        first += datetime.timedelta(days=1)
    return schedule_ensure(name=SCHEDULE_NAME, func=TASK, schedule_type="D", first_run=first)


def daily_schedule_ensure_handler(**kwargs) -> None:
    """post_migrate receiver: the schedule exists after every migrate."""
    daily_schedule_ensure()
