"""ApprovalRequest: what a learner asks for, who decides, and what was decided.

Generic on purpose: today a course enrolment (`kind` COURSE_ENROLMENT, `enrolment`
set), later a seminar booking (a new kind and its own link). The learner's supervisor at
the time of the request decides; without a supervisor, or after the request was
escalated, the coordination team of the learner's unit does.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.approvals.rules import ApprovalKind, ApprovalStatus
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment


class ApprovalRequest(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=ApprovalKind.choices,
                            default=ApprovalKind.COURSE_ENROLMENT)
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"),
                                on_delete=models.CASCADE, related_name="approval_requests")
    # What is requested. The title is kept in case the course page is deleted.
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="approval_requests")
    title = models.CharField(_("requested"), max_length=255)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approver"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="approvals_to_decide",
        help_text=_("The learner's supervisor when the request was made; empty: the "
                    "coordination team decides."))
    status = models.CharField(_("status"), max_length=20, choices=ApprovalStatus.choices,
                              default=ApprovalStatus.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["created_at", "pk"]
        constraints = [
            # One open request per enrolment: asking twice finds the first.
            models.UniqueConstraint(fields=["enrolment"], name="approval_one_pending",
                                    condition=models.Q(status="pending",
                                                       enrolment__isnull=False)),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(reason=""),
                name="approval_refused_has_reason"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [("decide_approvalrequest", _("Can decide escalated approval requests"))]

    def __str__(self) -> str:
        return f"{self.learner} – {self.title}"

    @property
    def is_pending(self) -> bool:
        return self.status == ApprovalStatus.PENDING
