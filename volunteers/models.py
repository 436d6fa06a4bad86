"""The models of the Freiwilliges Digitales Jahr, by sub-feature; Django finds them here.

- volunteers.placements.models: the programme page, programme years, start dates, host
  organisations and placements;
- volunteers.applications.models: applications with their preferences, history, notes,
  documents and email templates;
- volunteers.matching.models: stored matching proposals and the coordinator's changes;
- volunteers.service.models: the service year (service period, agreement versions and
  signatures, interruptions, leave and sick days); its Zeugnis in
  volunteers.service.zeugnis_models;
- volunteers.seminar_days.models: seminar plan, groups and attendance per seminar day;
- volunteers.retention.models: what the retention job keeps of anonymised applications,
  and its runs.

Status changes never happen in models: see volunteers.applications.transitions.
"""

from volunteers.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationNote,
    ApplicationPreference,
    DocumentKind,
    EmailEvent,
    EmailTemplate,
    SchoolSituation,
    _document_path,  # named by migration 0002
    private_storage,  # named by migration 0002
)
from volunteers.matching.models import MatchingOverride, MatchingRun, MatchingRunState
from volunteers.placements.models import (
    PROGRAMME_ROUTE_HOOK,
    Focus,
    HostKind,
    HostOrganisation,
    Landkreis,
    Placement,
    ProgrammePage,
    ProgrammeYear,
    StartDate,
    programme_route_serve,
)
from volunteers.retention.models import AnonymisedApplication, RetentionRun
from volunteers.seminar_days.models import (
    Seminar,
    SeminarAttendance,
    SeminarGroup,
    SeminarTerms,
)
from volunteers.service.models import (
    Absence,
    AbsenceKind,
    Agreement,
    AgreementSignature,
    AgreementTemplate,
    Service,
    ServiceEvent,
    ServiceInterruption,
    ServiceTerms,
    SignatureMethod,
)
from volunteers.service.workflow import Party, ServiceStatus
from volunteers.service.zeugnis_models import Zeugnis, ZeugnisEvent, ZeugnisStatus
from volunteers.workflow import ApplicationStatus

__all__ = [
    "Absence", "AbsenceKind", "Agreement", "AgreementSignature", "AgreementTemplate",
    "Party", "Service", "ServiceEvent", "ServiceInterruption", "ServiceStatus",
    "ServiceTerms", "SignatureMethod",
    "PROGRAMME_ROUTE_HOOK", "Application", "ApplicationDocument", "ApplicationEvent",
    "ApplicationNote", "ApplicationPreference", "ApplicationStatus", "DocumentKind",
    "EmailEvent", "EmailTemplate", "Focus", "HostKind", "HostOrganisation", "Landkreis",
    "MatchingOverride", "MatchingRun", "MatchingRunState", "Placement", "ProgrammePage",
    "ProgrammeYear", "SchoolSituation", "StartDate",
    "_document_path", "private_storage", "programme_route_serve",
    "AnonymisedApplication", "RetentionRun", "Seminar", "SeminarAttendance", "SeminarGroup",
    "SeminarTerms", "Zeugnis", "ZeugnisEvent", "ZeugnisStatus",
]
