"""Writes of the service period: a service from an accepted application, its status
moves (start, end, early termination), extensions, interruptions, leave and sick days, and
the Bescheinigung at the end. The agreement's writes are in
volunteers.service.agreement_services.

Every status change goes through `service_transition` (table: workflow.SERVICE_WORKFLOW).
Jobs are enqueued after commit; nothing here sends email.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import User
from certificates.models import CertificateKind
from certificates.services import AchievementSnapshot, certificate_request
from core.jobs import enqueue_on_commit
from volunteers.exceptions import NotAllowed
from volunteers.models import (
    Absence,
    AbsenceKind,
    Application,
    ApplicationStatus,
    Service,
    ServiceEvent,
    ServiceInterruption,
    ServiceStatus,
)
from volunteers.selectors import is_coordinator
from volunteers.service import rules
from volunteers.service.exceptions import (
    AgreementIncomplete,
    InvalidServiceTransition,
    ServiceError,
    ServiceRuleBroken,
)
from volunteers.service.selectors import (
    host_contact_of,
    service_leave_balance,
    service_pocket_money_cap,
    service_terms,
    traeger,
)
from volunteers.service.workflow import COORDINATOR, FINISHED, SERVICE_WORKFLOW, SYSTEM, Party

S = ServiceStatus
CERTIFICATE_TASK = "volunteers.service.tasks.service_certificate_task"
JOB_GROUP = "volunteers"
RESULT_MAX, VERSION_MAX = 200, 60  # lengths of the certificate's snapshot fields


def _require_coordinator(actor: User | None) -> None:
    if actor is not None and not is_coordinator(actor):
        raise NotAllowed


def _raise_problems(problems: list) -> None:
    problems = [problem for problem in problems if problem]
    if problems:
        raise ServiceRuleBroken(problems)


def service_period_problems(*, service: Service) -> list[str]:
    """Every statutory rule the service's terms break, each as a sentence."""
    year = service.programme_year
    cap = service_pocket_money_cap(service=service)
    return [problem for problem in (
        rules.start_problem(service.start_date),
        rules.age_problem(birth=service.application.date_of_birth, start=service.start_date,
                          min_age=year.min_age, max_age_exclusive=year.max_age_exclusive),
        rules.duration_problem(start=service.start_date, planned_end=service.planned_end,
                               min_months=year.min_duration_months,
                               max_months=year.max_duration_months),
        rules.part_time_problem(part_time=service.part_time, weekly_hours=service.weekly_hours,
                                min_hours=year.part_time_min_weekly_hours),
        rules.pocket_money_problem(amount=service.pocket_money, cap=cap),
    ) if problem]


@transaction.atomic
def service_create(*, application: Application, actor: User | None,
                   pocket_money: Decimal, start_date: datetime.date | None = None,
                   months: int | None = None, part_time: bool | None = None,
                   weekly_hours: int | None = None, benefits_in_kind: str = "",
                   leave_days_agreed: int | None = None) -> Service:
    """The service of an accepted application, planned with the statutory rules checked.

    Defaults come from the application (start date, part-time, weekly hours) and the
    programme year (duration, leave days). Raises NotAllowed, ServiceError (not accepted,
    already planned), ServiceRuleBroken.
    """
    _require_coordinator(actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise ServiceError(_("A service can be planned only for an accepted offer."))
    if Service.objects.filter(application=application).exists():
        raise ServiceError(_("This application already has a service."))
    year = application.programme_year
    start = start_date or (application.start_date.date if application.start_date else None)
    if start is None:
        raise ServiceRuleBroken([_("The start date is missing.")])
    part_time = application.part_time if part_time is None else part_time
    hours = weekly_hours or application.weekly_hours or (
        rules.config().full_time_weekly_hours)
    service = Service(
        application=application, programme_year=year, placement=application.placement,
        volunteer=application.applicant, start_date=start,
        planned_end=rules.planned_end_for(start, months or year.default_duration_months),
        part_time=part_time, weekly_hours=hours,
        pocket_money=pocket_money, benefits_in_kind=benefits_in_kind,
        leave_days_agreed=(service_terms(programme_year=year).default_leave_days
                           if leave_days_agreed is None else leave_days_agreed),
        created_by=actor)
    _raise_problems(service_period_problems(service=service))
    service.save()
    ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.STATUS, actor=actor,
                                to_status=S.PLANNED, planned_end_after=service.planned_end)
    return service


def service_transition(*, service: Service, to_status: str, actor: User | None,
                       note: str = "") -> Service:
    """Move the (locked) service if the table allows it for this actor; record the move.

    `actor` None is the system. Raises InvalidServiceTransition. When the service is over,
    the Bescheinigung job is enqueued after commit.
    """
    kind = SYSTEM if actor is None else COORDINATOR
    from_status = service.status
    if not SERVICE_WORKFLOW.allowed(from_status, to_status, actor_kind=kind):
        raise InvalidServiceTransition(from_status, to_status)
    service.status = to_status
    service.save(update_fields=["status"])
    ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.STATUS, actor=actor,
                                from_status=from_status, to_status=to_status, note=note)
    if to_status in FINISHED and rules.service_served(start=service.start_date,
                                                      last_day=service.last_day):
        enqueue_on_commit(CERTIFICATE_TASK, service.pk, group=JOB_GROUP, timeout=60,
                          task_name=f"service-certificate-{service.pk}")
    return service


def _locked(service: Service) -> Service:
    return Service.objects.select_for_update().select_related(
        "application", "programme_year", "placement__host").get(pk=service.pk)


@transaction.atomic
def service_start(*, service: Service, actor: User | None) -> Service:
    """The service begins: only once every party has signed (status "agreed")."""
    _require_coordinator(actor)
    service = _locked(service)
    if service.status == S.PLANNED:
        raise AgreementIncomplete
    return service_transition(service=service, to_status=S.ACTIVE, actor=actor)


@transaction.atomic
def service_extend(*, service: Service, actor: User | None, new_end: datetime.date,
                   note: str = "") -> Service:
    """Move the planned last day later, up to the programme year's maximum (18 months)."""
    _require_coordinator(actor)
    service = _locked(service)
    if service.status not in (S.AGREED, S.ACTIVE):
        raise InvalidServiceTransition(service.status, service.status, _(
            "Only a service that has been agreed and has not ended can be extended."))
    _raise_problems([rules.extension_problem(
        start=service.start_date, planned_end=service.planned_end, new_end=new_end,
        max_months=service.programme_year.max_duration_months)])
    before = service.planned_end
    service.planned_end = new_end
    service.save(update_fields=["planned_end"])
    ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.EXTENDED, actor=actor,
                                planned_end_before=before, planned_end_after=new_end,
                                note=note)
    return service


@transaction.atomic
def service_terminate(*, service: Service, actor: User | None, last_day: datetime.date,
                      reason: str, by: str) -> Service:
    """End the service early on `last_day` with the reason and the party who ended it.

    A last day equal to the planned one is an ordinary end (status "ended"); the reason is
    kept in the history. Raises ServiceRuleBroken, InvalidServiceTransition.
    """
    _require_coordinator(actor)
    service = _locked(service)
    if by not in (Party.VOLUNTEER, Party.TRAEGER, Party.HOST):
        raise ServiceRuleBroken([_("Please say who ended the service.")])
    if not reason.strip():
        raise ServiceRuleBroken([_("Please give the reason for ending the service.")])
    _raise_problems([rules.termination_problem(start=service.start_date,
                                               planned_end=service.planned_end,
                                               last_day=last_day)])
    if service.status in FINISHED:
        raise InvalidServiceTransition(service.status, S.TERMINATED)
    service.actual_end = last_day
    if not rules.termination_is_early(planned_end=service.planned_end, last_day=last_day):
        service.save(update_fields=["actual_end"])
        return service_transition(service=service, to_status=S.ENDED, actor=actor,
                                  note=reason)
    service.terminated_by, service.termination_reason = by, reason.strip()
    service.termination_recorded_by = actor
    service.save(update_fields=["actual_end", "terminated_by", "termination_reason",
                                "termination_recorded_by"])
    return service_transition(service=service, to_status=S.TERMINATED, actor=actor,
                              note=reason)


@transaction.atomic
def service_end(*, service: Service, actor: User | None,
                today: datetime.date | None = None) -> Service:
    """The service ends as planned (the coordination confirms it, or the daily job after
    the planned last day). Raises ServiceError before the last day."""
    _require_coordinator(actor)
    service = _locked(service)
    if (today or timezone.localdate()) < service.planned_end:
        raise ServiceError(_("A service ends as planned on its last day (%(date)s) at the "
                             "earliest; to end it before, end it early with the reason.")
                           % {"date": date_format(service.planned_end, "DATE_FORMAT")})
    service.actual_end = service.planned_end
    service.save(update_fields=["actual_end"])
    return service_transition(service=service, to_status=S.ENDED, actor=actor)


def services_move_due(*, today: datetime.date | None = None) -> tuple[int, int]:
    """Start agreed services whose first day has come and end active ones whose planned
    last day has passed; (started, ended). Safe to run again."""
    today = today or timezone.localdate()
    started = ended = 0
    for service in Service.objects.filter(status=S.AGREED, start_date__lte=today):
        service_start(service=service, actor=None)
        started += 1
    for service in Service.objects.filter(status=S.ACTIVE, planned_end__lt=today):
        service_end(service=service, actor=None, today=today)
        ended += 1
    return started, ended


@transaction.atomic
def interruption_record(*, service: Service, actor: User | None, first_day: datetime.date,
                        last_day: datetime.date, reason: str) -> ServiceInterruption:
    _require_coordinator(actor)
    service = _locked(service)
    if service.status != S.ACTIVE:
        raise ServiceError(_("Interruptions can be recorded only while the service runs."))
    if last_day < first_day or first_day < service.start_date or last_day > service.last_day:
        raise ServiceRuleBroken([_("The interruption must lie within the service period.")])
    interruption = ServiceInterruption.objects.create(
        service=service, first_day=first_day, last_day=last_day, reason=reason,
        recorded_by=actor)
    ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.INTERRUPTION,
                                actor=actor, note=reason)
    return interruption


@transaction.atomic
def absence_record(*, service: Service, actor: User, kind: str, first_day: datetime.date,
                   last_day: datetime.date, days: Decimal, note: str = "") -> Absence:
    """Leave taken or sick days, recorded by a contact of the host (or the coordination).

    Leave may not exceed the entitlement. Raises NotAllowed, ServiceError, ServiceRuleBroken.
    """
    service = _locked(service)
    if not (host_contact_of(user=actor, service=service) or is_coordinator(actor)):
        raise NotAllowed
    if service.status != S.ACTIVE:
        raise ServiceError(_("Leave and sick days can be recorded only while the service "
                             "runs."))
    if kind not in AbsenceKind.values:
        raise ServiceRuleBroken([_("Please choose leave or sick days.")])
    if last_day < first_day or first_day < service.start_date or last_day > service.last_day:
        raise ServiceRuleBroken([_("The days must lie within the service period.")])
    if days <= 0 or days > (last_day - first_day).days + 1:
        raise ServiceRuleBroken([_("The number of working days does not fit the dates.")])
    if kind == AbsenceKind.LEAVE:
        balance = service_leave_balance(service=service)
        _raise_problems([rules.leave_problem(entitlement=balance.days_off,
                                             taken=balance.taken, requested=days)])
    return Absence.objects.create(service=service, kind=kind, first_day=first_day,
                                  last_day=last_day, days=days, note=note,
                                  recorded_by=actor)


# --- the Bescheinigung ----------------------------------------------------------------------


def service_snapshot(*, service: Service) -> AchievementSnapshot:
    """What the Bescheinigung states: type and period of service, Träger, Einsatzstelle."""
    months = rules.months_of_service(service.start_date, service.last_day)
    period = (f"{date_format(service.start_date, 'j. F Y')} bis "
              f"{date_format(service.last_day, 'j. F Y')}")
    hours = (f", Teilzeit mit {service.weekly_hours} Wochenstunden" if service.part_time
             else "")
    # The Träger is the certificate's issuer; the result names period and Einsatzstelle
    # within the certificate's 200 characters (a long host name is shortened).
    result = f"Dienstzeit: {period} ({months} Monate{hours}). Einsatzstelle: "
    result += Truncator(service.placement.host.name).chars(RESULT_MAX - len(result) - 1) + "."
    return AchievementSnapshot(
        recipient_name=service.application.full_name or service.volunteer.get_full_name(),
        title=("Freiwilliges Digitales Jahr – Freiwilliges Soziales Jahr nach dem "
               "Jugendfreiwilligendienstegesetz"),
        completed_on=service.last_day, result=result, issuer=traeger().name,
        content_version=Truncator(service.programme_year.name).chars(VERSION_MAX))


def service_certificate_issue(*, service_id: int) -> Service | None:
    """Ask `certificates` for the service's Bescheinigung once it is over; asked twice,
    the same certificate. Returns None when the service is gone or not over."""
    with transaction.atomic():
        service = (Service.objects.select_for_update()
                   .select_related("application", "placement__host", "programme_year",
                                   "volunteer").filter(pk=service_id).first())
        if service is None or service.status not in FINISHED or not rules.service_served(
                start=service.start_date, last_day=service.last_day):
            return None
        with translation.override("de"):  # the Bescheinigung is a German document
            snapshot = service_snapshot(service=service)
        certificate = certificate_request(
            recipient=service.volunteer, kind=CertificateKind.VOLUNTEER_SERVICE,
            achievement_key=f"volunteer-service:{service.pk}", snapshot=snapshot)
        if service.certificate_id != certificate.pk:
            service.certificate = certificate
            service.save(update_fields=["certificate"])
        return service
