"""What the volunteer programme's retention job keeps and records: a row of numbers per
anonymised application, and each run's counts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.placements.models import ProgrammeYear


class AnonymisedApplication(models.Model):
    """What stays of a rejected or withdrawn application after the retention period: the
    numbers the reports count, nothing that names the person."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.CASCADE,
                                       related_name="anonymised_applications")
    status = models.CharField(_("final status"), max_length=20)
    reached_offer = models.BooleanField(_("had an offer"), default=False)
    landkreis = models.CharField(_("district of the first choice"), max_length=40, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymised application")
        verbose_name_plural = _("anonymised applications")
        ordering = ["programme_year", "pk"]

    def __str__(self) -> str:
        return f"{self.programme_year} – {self.status}"


class RetentionRun(models.Model):
    """One run of the programme's retention job and what it removed (counts only)."""

    ran_at = models.DateTimeField(_("ran at"), default=timezone.now)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"
