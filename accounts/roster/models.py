"""The staff roster import: one row per uploaded roster file and what became of it.

Registered with the accounts app through accounts/models.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class RosterImport(models.Model):
    """An uploaded roster: its preview, then (when applied) the job's progress and counts."""

    class State(models.TextChoices):
        PREVIEWED = "previewed", _("checked, not applied")
        QUEUED = "queued", _("waiting to be applied")
        RUNNING = "running", _("being applied")
        DONE = "done", _("applied")
        FAILED = "failed", _("failed")

    file = models.FileField(_("file"), storage=private_storage, upload_to="roster-imports/",
                            max_length=200)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_hash = models.CharField(_("file hash (SHA-256)"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    full_roster = models.BooleanField(
        _("full roster"), default=False,
        help_text=_("Deactivate roster-imported people in your scope who are missing from "
                    "the file."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.PREVIEWED)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    deactivated_count = models.PositiveIntegerField(_("deactivated"), default=0)
    progress_done = models.PositiveIntegerField(_("progress: done"), default=0)
    progress_total = models.PositiveIntegerField(_("progress: total"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("staff roster import")
        verbose_name_plural = _("staff roster imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} {self.uploaded_at:%Y-%m-%d %H:%M} ({self.state})"

    @property
    def can_apply(self) -> bool:
        return self.state == self.State.PREVIEWED and not self.errors
