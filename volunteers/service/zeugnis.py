"""Writes and reads of the Zeugnis: the volunteer requests it, a contact of the host drafts
the assessment, the coordination edits and approves it, and a job issues it as a PDF
through `certificates` (kind "zeugnis", achievement key "volunteer-zeugnis:<service>").

Every status change goes through `zeugnis_transition` (table:
zeugnis_models.ZEUGNIS_WORKFLOW). The jobs (issuing the PDF; mails to the host's contacts
when the Zeugnis is requested and to the coordination when a host has drafted it) are
enqueued after commit; nothing here sends mail.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from certificates.models import CertificateKind
from certificates.services import AchievementSnapshot, certificate_request
from core.jobs import enqueue_on_commit
from volunteers.exceptions import NotAllowed
from volunteers.models import Service, ServiceStatus
from volunteers.selectors import is_coordinator
from volunteers.service import rules
from volunteers.service.exceptions import InvalidServiceTransition, ServiceError, ServiceRuleBroken
from volunteers.service.scope import services_in_scope
from volunteers.service.selectors import host_contact_of, traeger
from volunteers.service.zeugnis_models import (
    COORDINATOR,
    HOST,
    SYSTEM,
    TEXT_MAX,
    ZEUGNIS_WORKFLOW,
    Zeugnis,
    ZeugnisEvent,
    ZeugnisStatus,
)

Z = ZeugnisStatus
ISSUE_TASK = "volunteers.service.zeugnis_tasks.zeugnis_issue_task"
EMAIL_TASK = "volunteers.service.zeugnis_tasks.zeugnis_event_email_task"
# A Zeugnis can be asked for once the service has begun (also an interim one during it).
REQUESTABLE = (ServiceStatus.ACTIVE, ServiceStatus.ENDED, ServiceStatus.TERMINATED)
EDITABLE = (Z.REQUESTED, Z.DRAFTED)


@dataclass(frozen=True)
class ZeugnisText:
    """The assessment's parts; performance and conduct only if the volunteer asked."""

    tasks: str
    digital_project: str
    skills: str
    performance: str = ""
    conduct: str = ""


def achievement_key(service: Service) -> str:
    return f"volunteer-zeugnis:{service.pk}"


# --- reads -----------------------------------------------------------------------------------


def zeugnis_of(*, service: Service) -> Zeugnis | None:
    return Zeugnis.objects.filter(service=service).select_related("certificate").first()


def zeugnisse_in_scope(*, user: User) -> QuerySet[Zeugnis]:
    """The Zeugnisse of the services within a coordinator's scope, open ones first."""
    return (Zeugnis.objects.filter(service__in=services_in_scope(user=user))
            .select_related("service__application", "service__placement__host", "certificate")
            .order_by("status", "requested_at", "pk"))


def actor_kind(*, zeugnis: Zeugnis, user: User) -> str | None:
    """HOST, COORDINATOR (in scope) or None: who this person is for this Zeugnis."""
    service = zeugnis.service
    if is_coordinator(user) and services_in_scope(user=user).filter(pk=service.pk).exists():
        return COORDINATOR
    if host_contact_of(user=user, service=service):
        return HOST
    return None


def _mail_language(user: User) -> str:
    """The language of a staff member's mail: their admin language, else German."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def zeugnis_mail_recipients(*, event: ZeugnisEvent) -> list[tuple[str, str, str]]:
    """Who is told about this step, as (mail event, address, language): the active contacts
    of the host when the volunteer asks for the Zeugnis; the active coordinators whose
    scope covers the service when a host contact has written the first draft. Nobody for
    other steps (the volunteer hears from `certificates` when the PDF is ready)."""
    service = event.zeugnis.service
    if event.to_status == Z.REQUESTED and not event.from_status:
        mail_event = "zeugnis_requested"
        people = service.placement.host.contacts.filter(is_active=True)
    elif (event.to_status == Z.DRAFTED and event.from_status == Z.REQUESTED
          and event.actor is not None
          and actor_kind(zeugnis=event.zeugnis, user=event.actor) == HOST):
        coordinators = User.objects.filter(is_active=True, groups__name=Role.COORDINATOR)
        people = [person for person in coordinators.distinct()
                  if services_in_scope(user=person).filter(pk=service.pk).exists()]
        mail_event = "zeugnis_drafted"
    else:
        return []
    return [(mail_event, person.email, _mail_language(person))
            for person in people if person.email]


def _mail_on_commit(event: ZeugnisEvent) -> None:
    enqueue_on_commit(EMAIL_TASK, event.pk, group="volunteers", timeout=60,
                      task_name=f"zeugnis-event-{event.pk}")


# --- writes ----------------------------------------------------------------------------------


def zeugnis_transition(*, zeugnis: Zeugnis, to_status: str, actor: User | None,
                       kind: str) -> Zeugnis:
    """Move the (locked) Zeugnis if the table allows it for this kind of actor; record it."""
    from_status = zeugnis.status
    if not ZEUGNIS_WORKFLOW.allowed(from_status, to_status, actor_kind=kind):
        raise InvalidServiceTransition(from_status, to_status, _(
            "This step is not possible in the Zeugnis' current state."))
    zeugnis.status = to_status
    zeugnis.save()
    _mail_on_commit(ZeugnisEvent.objects.create(zeugnis=zeugnis, actor=actor,
                                                from_status=from_status, to_status=to_status))
    return zeugnis


@transaction.atomic
def zeugnis_request(*, service: Service, actor: User, with_performance: bool) -> Zeugnis:
    """The volunteer asks for a Zeugnis; asked again, the same one (performance and conduct
    are added if now asked for and the Zeugnis is not approved yet). Raises NotAllowed,
    ServiceError."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    if actor.pk != service.volunteer_id:
        raise NotAllowed
    if service.status not in REQUESTABLE:
        raise ServiceError(_("A Zeugnis can be requested once the service has begun."))
    zeugnis = Zeugnis.objects.filter(service=service).first()
    if zeugnis is None:
        zeugnis = Zeugnis.objects.create(service=service, with_performance=with_performance)
        _mail_on_commit(ZeugnisEvent.objects.create(zeugnis=zeugnis, actor=actor,
                                                    to_status=Z.REQUESTED))
    elif with_performance and not zeugnis.with_performance and zeugnis.status in EDITABLE:
        zeugnis.with_performance = True
        zeugnis.save(update_fields=["with_performance"])
    return zeugnis


def _text_problems(zeugnis: Zeugnis, text: ZeugnisText) -> list[str]:
    problems = []
    if not (text.tasks.strip() and text.digital_project.strip() and text.skills.strip()):
        problems.append(_("Please describe the tasks, the digital project and the skills."))
    if zeugnis.with_performance and not (text.performance.strip() and text.conduct.strip()):
        problems.append(_("The volunteer asked for an assessment of performance and conduct: "
                          "please write both."))
    parts = (text.tasks, text.digital_project, text.skills, text.performance, text.conduct)
    if any(len(part) > TEXT_MAX for part in parts):
        problems.append(_("Each part may have at most %(count)s characters.")
                        % {"count": TEXT_MAX})
    return problems


def _locked(zeugnis: Zeugnis) -> Zeugnis:
    return (Zeugnis.objects.select_for_update()
            .select_related("service__placement__host").get(pk=zeugnis.pk))


def _text_save(zeugnis: Zeugnis, text: ZeugnisText) -> None:
    problems = _text_problems(zeugnis, text)
    if problems:
        raise ServiceRuleBroken(problems)
    zeugnis.tasks, zeugnis.digital_project = text.tasks.strip(), text.digital_project.strip()
    zeugnis.skills = text.skills.strip()
    # Performance and conduct are assessed only on the volunteer's request.
    zeugnis.performance = text.performance.strip() if zeugnis.with_performance else ""
    zeugnis.conduct = text.conduct.strip() if zeugnis.with_performance else ""


@transaction.atomic
def zeugnis_draft(*, zeugnis: Zeugnis, actor: User, text: ZeugnisText) -> Zeugnis:
    """A contact of the host (or the coordination) writes or rewrites the draft."""
    zeugnis = _locked(zeugnis)
    kind = actor_kind(zeugnis=zeugnis, user=actor)
    if kind is None:
        raise NotAllowed
    if not ZEUGNIS_WORKFLOW.allowed(zeugnis.status, Z.DRAFTED, actor_kind=kind):
        raise InvalidServiceTransition(zeugnis.status, Z.DRAFTED, _(
            "The Zeugnis has been approved; it can no longer be changed."))
    _text_save(zeugnis, text)
    zeugnis.drafted_by, zeugnis.drafted_at = actor, timezone.now()
    return zeugnis_transition(zeugnis=zeugnis, to_status=Z.DRAFTED, actor=actor, kind=kind)


@transaction.atomic
def zeugnis_approve(*, zeugnis: Zeugnis, actor: User, text: ZeugnisText | None = None
                    ) -> Zeugnis:
    """The coordination approves the draft (with its edits, if given); the job that issues
    it is enqueued after commit."""
    zeugnis = _locked(zeugnis)
    if actor_kind(zeugnis=zeugnis, user=actor) != COORDINATOR:
        raise NotAllowed
    if text is not None:
        _text_save(zeugnis, text)
    elif problems := _text_problems(zeugnis, ZeugnisText(
            zeugnis.tasks, zeugnis.digital_project, zeugnis.skills, zeugnis.performance,
            zeugnis.conduct)):
        raise ServiceRuleBroken(problems)
    zeugnis.approved_by, zeugnis.approved_at = actor, timezone.now()
    zeugnis = zeugnis_transition(zeugnis=zeugnis, to_status=Z.APPROVED, actor=actor,
                                 kind=COORDINATOR)
    enqueue_on_commit(ISSUE_TASK, zeugnis.pk, group="volunteers", timeout=60,
                      task_name=f"zeugnis-{zeugnis.pk}")
    return zeugnis


def zeugnis_body(*, zeugnis: Zeugnis) -> str:
    """The certified text (German): the service, then the assessment's parts."""
    service = zeugnis.service
    name = service.application.full_name or service.volunteer.get_full_name()
    part_time = (f", in Teilzeit mit {service.weekly_hours} Wochenstunden" if service.part_time
                 else "")
    intro = (f"{name} hat vom {date_format(service.start_date, 'j. F Y')} bis zum "
             f"{date_format(service.last_day, 'j. F Y')} ein Freiwilliges Digitales Jahr "
             f"geleistet, ein Freiwilliges Soziales Jahr nach dem "
             f"Jugendfreiwilligendienstegesetz{part_time}. Einsatzstelle war "
             f"{service.placement.host.name}; Träger ist {traeger().name}.")
    parts = [intro, f"## Aufgaben\n\n{zeugnis.tasks}",
             f"## Digitales Projekt\n\n{zeugnis.digital_project}",
             f"## Erworbene Kompetenzen\n\n{zeugnis.skills}"]
    if zeugnis.with_performance:
        parts += [f"## Leistung\n\n{zeugnis.performance}", f"## Verhalten\n\n{zeugnis.conduct}"]
    return "\n\n".join(parts)


def zeugnis_snapshot(*, zeugnis: Zeugnis) -> AchievementSnapshot:
    """Kind, name, period and issuer for everyone; the assessment only in the text."""
    service = zeugnis.service
    months = rules.months_of_service(service.start_date, service.last_day)
    result = (f"Dienstzeit: {date_format(service.start_date, 'j. F Y')} bis "
              f"{date_format(service.last_day, 'j. F Y')} ({months} Monate)")
    return AchievementSnapshot(
        recipient_name=service.application.full_name or service.volunteer.get_full_name(),
        title="Zeugnis über das Freiwillige Digitale Jahr", completed_on=service.last_day,
        result=result, issuer=traeger().name, body=zeugnis_body(zeugnis=zeugnis))


def zeugnis_issue(*, zeugnis_id: int) -> Zeugnis | None:
    """The job's work: ask `certificates` for the approved Zeugnis; run again, nothing new.
    Returns None when it is gone or not approved."""
    with transaction.atomic():
        zeugnis = (Zeugnis.objects.select_for_update().select_related(
            "service__application", "service__placement__host", "service__volunteer")
            .filter(pk=zeugnis_id).first())
        if zeugnis is None or zeugnis.status not in (Z.APPROVED, Z.ISSUED):
            return None
        if zeugnis.status == Z.ISSUED:
            return zeugnis
        with translation.override("de"):  # the Zeugnis is a German document
            snapshot = zeugnis_snapshot(zeugnis=zeugnis)
        zeugnis.certificate = certificate_request(
            recipient=zeugnis.service.volunteer, kind=CertificateKind.ZEUGNIS,
            achievement_key=achievement_key(zeugnis.service), snapshot=snapshot)
        return zeugnis_transition(zeugnis=zeugnis, to_status=Z.ISSUED, actor=None,
                                  kind=SYSTEM)
