"""Writes of approvals: asking, deciding (once), escalating; mails after commit.

A request is decided once: the row is locked, and a second decision (a double click,
two approvers at the same moment) finds it decided and changes nothing. Approving
activates the enrolment through the enrolment state machine; refusing needs a reason.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.approvals.exceptions import (
    AlreadyDecided,
    NotAllowedToDecide,
    ReasonRequired,
    RequestWithdrawn,
)
from courses.approvals.models import ApprovalRequest
from courses.approvals.rules import APPROVAL_MACHINE, ApprovalKind, ApprovalStatus, escalation_due
from courses.approvals.selectors import may_decide
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment
from courses.learning.services import enrolment_create, enrolment_transition
from courses.reminders.defaults import MailKind
from courses.reminders.services import (
    coordinators_for,
    dashboard_path,
    mail_record,
    reminder_key,
    team_path,
)
from courses.rules import EnrolmentStatus

AS = ApprovalStatus
ES = EnrolmentStatus
ADMIN_PATH = "/admin/freigaben/"


def _values(request: ApprovalRequest, **extra) -> dict:
    return {"learner": request.learner.get_display_name(), "course": request.title, **extra}


def _tell_deciders(request: ApprovalRequest, *, kind: str) -> None:
    """Mail the approver, or (no approver, or escalated) every coordinator of the learner."""
    if kind == MailKind.APPROVAL_REQUESTED and request.approver is not None:
        mail_record(key=reminder_key(kind, request.pk, request.approver_id), kind=kind,
                    recipient=request.approver, values=_values(request, link=team_path()))
        return
    for coordinator in coordinators_for(person=request.learner):
        if coordinator.pk == request.learner_id:
            continue
        mail_record(key=reminder_key(kind, request.pk, coordinator.pk), kind=kind,
                    recipient=coordinator, values=_values(request, link=ADMIN_PATH))


def _approver_for(learner: User) -> User | None:
    supervisor = learner.supervisor
    if supervisor is None or not supervisor.is_active or supervisor.pk == learner.pk:
        return None
    return supervisor


@transaction.atomic
def approval_request_for_enrolment(*, enrolment: Enrolment) -> ApprovalRequest | None:
    """The open request of an enrolment waiting for approval: created (and the decider
    told) the first time, found again after that. None for other enrolments."""
    if enrolment.status != ES.PENDING_APPROVAL:
        return None
    existing = ApprovalRequest.objects.filter(enrolment=enrolment, status=AS.PENDING).first()
    if existing is not None:
        return existing
    learner = enrolment.learner
    request = ApprovalRequest.objects.create(
        kind=ApprovalKind.COURSE_ENROLMENT, learner=learner, course=enrolment.course,
        enrolment=enrolment, title=enrolment.course_title, approver=_approver_for(learner))
    _tell_deciders(request, kind=MailKind.APPROVAL_REQUESTED)
    return request


@transaction.atomic
def course_enrolment_request(*, learner: User, course: CoursePage) -> Enrolment:
    """A learner enrols; a course that needs approval gets an approval request at once.

    Raises what `enrolment_create` raises (EnrolmentNotAllowed, PrerequisitesMissing).
    """
    enrolment = enrolment_create(learner=learner, course=course)
    approval_request_for_enrolment(enrolment=enrolment)
    return enrolment


def approval_decide(*, request_id: int, actor: User, approve: bool,
                    reason: str = "") -> ApprovalRequest:
    """Approve or refuse a pending request, once; the learner is told either way.

    Raises NotAllowedToDecide (the learner themself, anyone but the approver or a
    coordinator of the learner), ReasonRequired (refusing without a reason),
    AlreadyDecided (decided before: nothing changes) or RequestWithdrawn.
    """
    reason = reason.strip()
    if not approve and not reason:
        raise ReasonRequired
    with transaction.atomic():
        request = (ApprovalRequest.objects.select_for_update(of=("self",))
                   .select_related("learner", "enrolment").filter(pk=request_id).first())
        if request is None or not may_decide(user=actor, request=request):
            raise NotAllowedToDecide
        if request.status != AS.PENDING:
            raise AlreadyDecided
        enrolment = request.enrolment
        if enrolment is None or enrolment.status != ES.PENDING_APPROVAL:
            _move(request, AS.WITHDRAWN, actor=None, reason="")
            withdrawn = True
        else:
            withdrawn = False
            to_status = AS.APPROVED if approve else AS.REFUSED
            enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            enrolment_transition(enrolment=enrolment,
                                 to_status=ES.ACTIVE if approve else ES.REJECTED,
                                 actor=actor, reason=reason)
            _move(request, to_status, actor=actor, reason=reason)
            kind = MailKind.APPROVAL_APPROVED if approve else MailKind.APPROVAL_REFUSED
            link = request.course.url if approve and request.course and request.course.live \
                else dashboard_path()
            mail_record(key=reminder_key(kind, request.pk), kind=kind,
                        recipient=request.learner,
                        values=_values(request, reason=reason, link=link or dashboard_path()))
    if withdrawn:
        raise RequestWithdrawn
    return request


def _move(request: ApprovalRequest, to_status: str, *, actor: User | None,
          reason: str) -> None:
    APPROVAL_MACHINE.check(request.status, to_status)
    request.status = to_status
    request.reason = reason
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def approvals_escalate(*, now=None) -> int:
    """Hand every request its approver left unanswered for APPROVAL_ESCALATION_DAYS days
    to the coordination team (and tell them); a second run escalates nothing again."""
    now = now or timezone.now()
    days = settings.APPROVAL_ESCALATION_DAYS
    escalated = 0
    candidates = (ApprovalRequest.objects.filter(status=AS.PENDING, escalated_at__isnull=True,
                                                 approver__isnull=False,
                                                 created_at__lte=now - timedelta(days=days))
                  .select_related("learner", "learner__home_unit").order_by("pk"))
    for request in candidates:
        if not escalation_due(created_at=request.created_at, now=now, days=days):
            continue
        with transaction.atomic():
            claimed = ApprovalRequest.objects.filter(
                pk=request.pk, status=AS.PENDING, escalated_at__isnull=True).update(
                escalated_at=now)
            if claimed:
                request.escalated_at = now
                _tell_deciders(request, kind=MailKind.APPROVAL_ESCALATED)
                escalated += 1
    return escalated
