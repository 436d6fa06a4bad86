"""Pure rules of approvals: statuses, the allowed moves, when a request escalates."""

from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine


class ApprovalKind(models.TextChoices):
    COURSE_ENROLMENT = "course_enrolment", _("Course enrolment")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


AS = ApprovalStatus
# Who decides is checked by the service (approver, coordinator, never the learner).
APPROVAL_MACHINE = StateMachine({
    AS.PENDING: {AS.APPROVED: None, AS.REFUSED: None, AS.WITHDRAWN: None},
    AS.APPROVED: {},
    AS.REFUSED: {},
    AS.WITHDRAWN: {},
})


def escalation_due(*, created_at: datetime, now: datetime, days: int) -> bool:
    """A pending request nobody answered for `days` days goes to the coordination team."""
    return now - created_at >= timedelta(days=days)
