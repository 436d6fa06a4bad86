"""Tables of the data rights: export requests, erasure records, inactivity warnings.

Registered with the accounts app through accounts/models.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class DataExport(models.Model):
    """A person's request for their data; a job builds the ZIP into private storage."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.CASCADE, related_name="data_exports")
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.REQUESTED)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    file = models.FileField(_("file"), storage=private_storage, blank=True, max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("email sent"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(state="requested"),
                                    name="data_export_one_open_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.requested_at:%Y-%m-%d %H:%M} ({self.state})"

    def file_name(self) -> str:
        return f"data-exports/{self.pk}-{self.requested_at:%Y%m%d%H%M%S}.zip"


class AccountErasure(models.Model):
    """The record of one account deletion: who asked, why, what was erased and kept.

    Holds no personal data of the person beyond the (anonymised) account it points at.
    """

    class Via(models.TextChoices):
        SELF = "self", _("asked by the person")
        COORDINATOR = "coordinator", _("on request, by a coordinator")
        RETENTION = "retention", _("retention period ended")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True,
                             on_delete=models.SET_NULL, related_name="erasures")
    via = models.CharField(_("how"), max_length=20, choices=Via.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    erased = models.JSONField(_("erased"), default=dict, blank=True)
    kept = models.JSONField(_("kept"), default=list, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("account deletion")
        verbose_name_plural = _("account deletions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d} ({self.via})"


class InactivityWarning(models.Model):
    """The warning mail before an inactive account is erased; sent once per absence."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                                on_delete=models.CASCADE, related_name="inactivity_warning")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    # The last login the warning was about: a later login makes it void.
    last_activity = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_at:%Y-%m-%d}"
