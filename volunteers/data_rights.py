"""What the volunteer programme holds about a person, for their data export and deletion.

Registered with accounts' data-rights registry in VolunteersConfig.ready().

Export: applications (preferences, history, documents) and the service year (service,
agreement versions with their PDFs and signed copies, interruptions, leave and sick days,
seminar attendance, the Zeugnis with its history).

Erasure (DOMAIN.md section 4, retention in volunteers.seminar_days.rules):
- applications without a service are deleted with their documents (files included);
- a service's records must be kept for `service_retention_years()` after its last day:
  the service with its history and interruptions (reasons removed), the agreement
  versions with their PDFs and signed copies, seminar attendance, and of its application
  only what the agreement names (name, date of birth, address, guardian's name). Leave
  and sick days, the Zeugnis' request and drafts, and the rest of the application
  (contact details, motivation, preferences, notes, documents) are deleted. The daily
  retention job deletes the kept records when their period is over;
- a service whose period is over already is deleted at once, files included.
Issued certificates (the Bescheinigung, an issued Zeugnis) stay by `certificates`' rule.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.data_rights.registry import ErasureResult, ExportFile, ExportPart, Kept, rows
from volunteers.matching.services import matching_runs_forget
from volunteers.models import (
    Application,
    ApplicationDocument,
    Service,
    ServiceStatus,
    Zeugnis,
)
from volunteers.retention.rules import retention_cutoff, service_retention_years

FINISHED = (ServiceStatus.ENDED, ServiceStatus.TERMINATED)
# What an application kept for a service still names after an erasure: the agreement's
# parties and the facts the service's rules read (age at the start).
APPLICATION_CLEARED = {
    "phone": "", "contact_email": "", "school_obligation_completed": None,
    "school_situation": "", "school_details": "", "availability_notes": "",
    "confirms_extended_certificate": False, "has_driving_licence": False, "motivation": "",
    "consent_text": "", "guardian_email": "", "guardian_phone": "",
    "guardian_consent_email": "", "guardian_consent_ip": None,
    "guardian_consent_user_agent": "",
}


def _opener(field_file):
    return lambda: field_file.open("rb")


# --- export ----------------------------------------------------------------------------------


def _applications_export(user) -> tuple[list, list]:
    applications, files = [], []
    for application in Application.objects.filter(applicant=user).select_related(
            "programme_year", "start_date", "placement"):
        row = rows([application], exclude=("applicant",))[0]
        row["preferences"] = rows(application.preferences.select_related("placement"),
                                  exclude=("application",))
        row["events"] = rows(application.events.all(), exclude=("application",))
        row["documents"] = []
        for document in application.documents.all():
            name = f"application-{application.pk}/{document.pk}-{document.download_name}"
            row["documents"].append({"kind": document.kind, "file": f"files/volunteers/{name}",
                                     "original_name": document.original_name,
                                     "uploaded_at": document.uploaded_at})
            files.append(ExportFile(name=name, open=_opener(document.file)))
        applications.append(row)
    return applications, files


def _service_export(service: Service, files: list) -> dict:
    folder = f"service-{service.pk}"
    row = rows([service], exclude=("volunteer", "application"))[0]
    row["events"] = rows(service.events.all(), exclude=("service",))
    row["interruptions"] = rows(service.interruptions.all(), exclude=("service",))
    row["leave_and_sick_days"] = rows(service.absences.all(), exclude=("service",))
    row["agreements"] = []
    for agreement in service.agreements.prefetch_related("signatures").order_by("number"):
        entry = rows([agreement], exclude=("service", "pdf"))[0]
        name = f"{folder}/agreement-{agreement.number}.pdf"
        entry["pdf"] = f"files/volunteers/{name}"
        files.append(ExportFile(name=name, open=_opener(agreement.pdf)))
        entry["signatures"] = []
        for signature in agreement.signatures.all():
            signed = rows([signature], exclude=("agreement", "scan"))[0]
            if signature.scan:
                extension = signature.scan.name.rpartition(".")[2] or "bin"
                scan = f"{folder}/agreement-{agreement.number}-signed-{signature.party}.{extension}"
                signed["scan"] = f"files/volunteers/{scan}"
                files.append(ExportFile(name=scan, open=_opener(signature.scan)))
            entry["signatures"].append(signed)
        row["agreements"].append(entry)
    row["seminar_attendance"] = [
        {"seminar": str(attendance.seminar), "day": attendance.day,
         "status": attendance.status}
        for attendance in service.seminar_attendance.select_related("seminar")]
    zeugnis = getattr(service, "zeugnis", None)
    if zeugnis is not None:
        row["zeugnis"] = rows([zeugnis], exclude=("service",))[0]
        row["zeugnis"]["events"] = rows(zeugnis.events.all(), exclude=("zeugnis",))
    return row


def volunteers_export(user) -> ExportPart:
    applications, files = _applications_export(user)
    services = [_service_export(service, files) for service in Service.objects.filter(
        volunteer=user).select_related("placement__host", "programme_year", "certificate",
                                       "zeugnis").order_by("start_date", "pk")]
    hosts = [str(host) for host in user.host_organisations.all()]
    return ExportPart(data={"applications": applications, "services": services,
                            "host_contact_for": hosts}, files=files)


# --- erasure ---------------------------------------------------------------------------------


def retained_until(service: Service) -> datetime.date | None:
    """The last day the service's records are kept; None while it has not ended."""
    if service.status not in FINISHED:
        return None
    last_day = service.last_day
    years = service_retention_years()
    try:
        return last_day.replace(year=last_day.year + years)
    except ValueError:  # 29 February
        return last_day.replace(year=last_day.year + years, day=28)


def _retention_over(service: Service, today: datetime.date) -> bool:
    return service.status in FINISHED and service.last_day <= retention_cutoff(
        today=today, months=12 * service_retention_years())


def _service_files(service: Service) -> list:
    files = []
    for agreement in service.agreements.prefetch_related("signatures"):
        files.append((agreement.pdf.storage, agreement.pdf.name))
        files += [(signature.scan.storage, signature.scan.name)
                  for signature in agreement.signatures.all() if signature.scan]
    return files


def volunteers_keeps(user) -> list[Kept]:
    today = timezone.localdate()
    services = [service for service in Service.objects.filter(volunteer=user)
                if not _retention_over(service, today)]
    if not services:
        return []
    dates = [retained_until(service) for service in services]
    years = service_retention_years()
    return [Kept(
        what=_("Your service records of the Freiwilliges Digitales Jahr: the service period, "
               "the agreement with its signatures and signed copies, your seminar attendance, "
               "and the name, date of birth and address the agreement names"),
        reason=_("The organisation running the programme must keep them for %(years)s years "
                 "after the end of the service; then they are deleted.") % {"years": years},
        until=None if None in dates else max(dates))]


@transaction.atomic
def volunteers_erase(user) -> ErasureResult:
    today = timezone.localdate()
    files: list = []
    erased = {"services": 0, "leave_and_sick_days": 0, "zeugnisse": 0}
    kept_application_ids = []
    for service in Service.objects.filter(volunteer=user).select_related("application"):
        if _retention_over(service, today):
            files += _service_files(service)
            erased["services"] += 1
            continue  # deleted with its application below
        kept_application_ids.append(service.application_id)
        erased["leave_and_sick_days"] += service.absences.all().delete()[0]
        erased["zeugnisse"] += _zeugnis_delete(service)
        service.interruptions.update(reason="")
    applications = Application.objects.filter(applicant=user)
    erased_applications = applications.exclude(pk__in=kept_application_ids)
    documents = ApplicationDocument.objects.filter(application__applicant=user)
    files += [(document.file.storage, document.file.name) for document in documents]
    erased["documents"] = documents.count()
    matching_runs_forget(application_ids=list(applications.values_list("pk", flat=True)))
    for application in applications.filter(pk__in=kept_application_ids):
        application.preferences.all().delete()
        application.events.all().delete()
        application.notes.all().delete()
        application.documents.all().delete()
        for name, value in APPLICATION_CLEARED.items():
            setattr(application, name, value)
        application.save(update_fields=list(APPLICATION_CLEARED))
    erased["applications"] = erased_applications.count()
    erased_applications.delete()
    user.host_organisations.clear()
    transaction.on_commit(lambda: _files_delete(files))
    return ErasureResult(erased=erased, kept=volunteers_keeps(user))


def _zeugnis_delete(service: Service) -> int:
    """The Zeugnis' request, drafts and history; an issued one stays as its certificate."""
    return Zeugnis.objects.filter(service=service).delete()[1].get("volunteers.Zeugnis", 0)


def _files_delete(files) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)
