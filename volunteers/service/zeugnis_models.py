"""The Zeugnis of a service, on the volunteer's request: requested → drafted (the host's
mentor) → approved (the coordination, after editing) → issued (through `certificates`).

One per service (asked twice, the same one). Status changes never happen here: see
volunteers.service.zeugnis (services) and ZEUGNIS_WORKFLOW below.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine
from volunteers.service.models import Service

TEXT_MAX = 4000  # characters per part of the assessment


class ZeugnisStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DRAFTED = "drafted", _("Drafted by the host organisation")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")


HOST, COORDINATOR, SYSTEM = "host", "coordinator", "system"
Z = ZeugnisStatus
# from status -> {to status: who may make the move}; the coordination may also write the
# draft itself when the host does not. A draft saved again stays drafted.
ZEUGNIS_WORKFLOW = StateMachine({
    Z.REQUESTED: {Z.DRAFTED: {HOST, COORDINATOR}},
    Z.DRAFTED: {Z.DRAFTED: {HOST, COORDINATOR}, Z.APPROVED: {COORDINATOR}},
    Z.APPROVED: {Z.ISSUED: {SYSTEM}},
    Z.ISSUED: {},
})


class Zeugnis(models.Model):
    """The assessment of one service: tasks, the digital project, skills relevant to a
    career and, only if the volunteer asked for it, performance and conduct."""

    service = models.OneToOneField(Service, verbose_name=_("service"),
                                   on_delete=models.CASCADE, related_name="zeugnis")
    status = models.CharField(_("status"), max_length=20, choices=ZeugnisStatus.choices,
                              default=ZeugnisStatus.REQUESTED)
    with_performance = models.BooleanField(
        _("performance and conduct"), default=False,
        help_text=_("The volunteer asked for an assessment of performance and conduct."))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    tasks = models.TextField(_("tasks"), blank=True)
    digital_project = models.TextField(_("digital project"), blank=True)
    skills = models.TextField(_("skills relevant to a career"), blank=True)
    performance = models.TextField(_("performance"), blank=True)
    conduct = models.TextField(_("conduct"), blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    drafted_at = models.DateTimeField(_("drafted"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate", verbose_name=_("certificate"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("Zeugnis")
        verbose_name_plural = _("Zeugnisse")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        label = _("Zeugnis")
        return f"{label}: {self.service}"


class ZeugnisEvent(models.Model):
    """The history of a Zeugnis: each move, who and when."""

    zeugnis = models.ForeignKey(Zeugnis, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(_("from"), max_length=20, blank=True,
                                   choices=ZeugnisStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ZeugnisStatus.choices)
    # When the mail about this step went out (None: none yet, or none due); see
    # volunteers.service.zeugnis_tasks.zeugnis_event_email_task.
    email_sent_at = models.DateTimeField(_("email sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zeugnis event")
        verbose_name_plural = _("Zeugnis events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"
