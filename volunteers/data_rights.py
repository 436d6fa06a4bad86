"""What the volunteer programme holds about a person, for their data export and deletion.

Registered with accounts' data-rights registry in VolunteersConfig.ready(). Applications
(with their preferences, history, notes and documents) are erased. Records that must be
kept for a retention period — service agreements and seminar attendance of the service —
add a `Kept` entry here and stay, once those records exist.
"""

from django.db import transaction

from accounts.data_rights.registry import ErasureResult, ExportFile, ExportPart, rows
from volunteers.matching.services import matching_runs_forget
from volunteers.models import Application, ApplicationDocument


def _opener(document):
    return lambda: document.file.open("rb")


def volunteers_export(user) -> ExportPart:
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
            files.append(ExportFile(name=name, open=_opener(document)))
        applications.append(row)
    hosts = [str(host) for host in user.host_organisations.all()]
    return ExportPart(data={"applications": applications, "host_contact_for": hosts},
                      files=files)


@transaction.atomic
def volunteers_erase(user) -> ErasureResult:
    names = list(ApplicationDocument.objects.filter(application__applicant=user)
                 .values_list("file", flat=True))
    documents = len(names)
    matching_runs_forget(application_ids=list(
        Application.objects.filter(applicant=user).values_list("pk", flat=True)))
    applications = Application.objects.filter(applicant=user).delete()[0]
    user.host_organisations.clear()
    transaction.on_commit(lambda: _files_delete(names))
    return ErasureResult(erased={"applications": applications, "documents": documents})


def _files_delete(names) -> None:
    storage = ApplicationDocument._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)
