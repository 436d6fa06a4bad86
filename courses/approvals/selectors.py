"""Reads of approvals: who may decide which request, and what waits for whom."""

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.selectors import person_in_scope_q
from courses.approvals.models import ApprovalRequest
from courses.approvals.rules import ApprovalStatus

DECIDE_PERMISSION = "courses.decide_approvalrequest"


def _requests():
    return ApprovalRequest.objects.select_related("learner", "learner__home_unit", "approver",
                                                  "course", "decided_by")


def is_approval_coordinator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.has_perm(DECIDE_PERMISSION))


def requests_for_coordinator(*, user, statuses=(ApprovalStatus.PENDING,)) -> QuerySet:
    """Requests the coordination team decides (escalated, or without a supervisor) whose
    learner lies in the user's scope; never the user's own. Empty for non-coordinators."""
    if not is_approval_coordinator(user):
        return ApprovalRequest.objects.none()
    return (_requests().filter(status__in=statuses)
            .filter(Q(escalated_at__isnull=False) | Q(approver__isnull=True))
            .filter(person_in_scope_q(user=user, field="learner"))
            .exclude(learner=user))


def requests_for_approver(*, user: User, pending_only: bool = True) -> QuerySet:
    """Requests addressed to the user as supervisor (pending first, then the latest)."""
    rows = _requests().filter(approver=user).exclude(learner=user)
    if pending_only:
        rows = rows.filter(status=ApprovalStatus.PENDING)
    return rows.order_by("created_at", "pk")


def approvals_waiting_count(user) -> int:
    """Pending requests this user may decide now: as supervisor and as coordinator."""
    if not getattr(user, "is_authenticated", False):
        return 0
    mine = requests_for_approver(user=user).values("pk")
    return (ApprovalRequest.objects.filter(
        Q(pk__in=mine) | Q(pk__in=requests_for_coordinator(user=user).values("pk")))
        .count())


def may_decide(*, user, request: ApprovalRequest) -> bool:
    """The approver, or a coordinator of the learner (once the team decides); never the
    learner, whatever role they hold."""
    if not getattr(user, "is_authenticated", False) or request.learner_id == user.pk:
        return False
    if request.approver_id == user.pk:
        return True
    return requests_for_coordinator(user=user).filter(pk=request.pk).exists()
