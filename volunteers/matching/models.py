"""Stored matching proposals: every run with its inputs, seed, algorithm version and result,
the coordinator's changes to single assignments, and the approval.

A run is a proposal, not a decision: nothing changes for applicants until a coordinator
approves it (volunteers.matching.services.matching_approve), and a what-if run can never
be approved.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteers.applications.models import Application
from volunteers.placements.models import Placement, ProgrammeYear


class MatchingRunState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    DISCARDED = "discarded", _("Discarded")


class MatchingRun(models.Model):
    """One run of the matching proposal for a programme year, reproducible from its
    snapshot: `input_snapshot` holds the inputs exactly as used (see
    volunteers.matching.rules.snapshot), `result` the assignment and every applicant's
    outcome per preference, `approval_report` what the approval did and skipped."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.PROTECT, related_name="matching_runs")
    seed = models.BigIntegerField(_("seed"))
    algorithm_version = models.CharField(_("algorithm version"), max_length=50)
    input_snapshot = models.JSONField(_("inputs as used"))
    result = models.JSONField(_("result"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("run by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    what_if = models.BooleanField(
        _("what-if run"), default=False,
        help_text=_("A what-if run changes nothing: it can be compared but never approved."))
    what_if_description = models.CharField(_("what-if"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=MatchingRunState.choices,
                             default=MatchingRunState.PROPOSED)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approval_report = models.JSONField(_("approval report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(what_if=True, state="approved"),
                                   name="matching_run_what_if_never_approved"),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year} #{self.pk}"


class MatchingOverride(models.Model):
    """The coordinator's change of one assignment of a run (to another placement or to
    none), with the reason. One per applicant and run; changing it again replaces it."""

    run = models.ForeignKey(MatchingRun, verbose_name=_("matching run"),
                            on_delete=models.CASCADE, related_name="overrides")
    application = models.ForeignKey(Application, verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="+")
    placement_proposed = models.ForeignKey(
        Placement, verbose_name=_("placement proposed"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    placement_chosen = models.ForeignKey(
        Placement, verbose_name=_("placement chosen"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("changed assignment")
        verbose_name_plural = _("changed assignments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"],
                                    name="matching_override_one_per_application"),
        ]

    def __str__(self) -> str:
        return f"{self.run} – {self.application_id}"
