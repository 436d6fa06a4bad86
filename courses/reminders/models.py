"""Mail texts (editable), the record of every reminder mail, and each person's choice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.reminders.defaults import MailKind

PLACEHOLDER_HELP = _("Placeholders: {name} (recipient), {learner} (the person concerned), "
                     "{course}, {due_date}, {valid_until}, {days} (days overdue), {reason}, "
                     "{link}. Other text in curly braces is kept as it is.")


class MailText(models.Model):
    """The subject and text of one kind of training mail, in German and English."""

    key = models.CharField(_("mail"), max_length=40, choices=MailKind.choices, unique=True)
    subject_de = models.CharField(_("subject (German)"), max_length=200,
                                  help_text=PLACEHOLDER_HELP)
    body_de = models.TextField(_("text (German)"), help_text=PLACEHOLDER_HELP)
    subject_en = models.CharField(_("subject (English)"), max_length=200,
                                  help_text=PLACEHOLDER_HELP)
    body_en = models.TextField(_("text (English)"), help_text=PLACEHOLDER_HELP)

    class Meta:
        verbose_name = _("training mail text")
        verbose_name_plural = _("training mail texts")
        ordering = ["key"]

    def __str__(self) -> str:
        return str(self.get_key_display())


class ReminderSent(models.Model):
    """One mail, recorded before it is sent; its `key` makes a second record impossible.

    The key names what, to whom and for which date (e.g. ``overdue:12:34:2026-05-01``), so
    a job that runs twice records nothing twice. `sent_at` stays empty until the mail has
    been handed to the mail server; unsent rows are sent by the next run.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("mail"), max_length=40, choices=MailKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(_("values"), default=dict, blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail sent")
        verbose_name_plural = _("mails sent")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return self.key


class MailPreference(models.Model):
    """What a person chose to receive. Mails about mandatory training ignore it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                                on_delete=models.CASCADE, related_name="mail_preference")
    optional_reminders = models.BooleanField(
        _("reminders about training that is not mandatory"), default=True)

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return str(self.user)
