"""The service year: one `Service` per accepted application, its agreement (Vereinbarung)
with every generated version and each party's signature, interruptions, leave and sick
days, and the history of its status.

Status changes never happen here: see volunteers.service.services.service_transition and
the table in volunteers.service.workflow. The statutory rules live in
volunteers.service.rules (pure functions).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import extension_for
from core.storage import private_storage
from volunteers.applications.models import Application
from volunteers.placements.models import Placement, ProgrammeYear
from volunteers.service.workflow import Party, ServiceStatus


class ServiceTerms(models.Model):
    """The amounts of one programme year that the law lets change from year to year.

    Without a row the settings' defaults apply (volunteers.service.rules.terms_for).
    """

    programme_year = models.OneToOneField(ProgrammeYear, verbose_name=_("programme year"),
                                          on_delete=models.CASCADE,
                                          related_name="service_terms")
    pocket_money_cap = models.DecimalField(
        _("pocket money cap per month (euros)"), max_digits=7, decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("8 % of the pension insurance contribution ceiling of the year."))
    default_leave_days = models.PositiveSmallIntegerField(
        _("leave days of adult volunteers (12 months)"), default=26,
        validators=[MaxValueValidator(60)])

    class Meta:
        verbose_name = _("service terms")
        verbose_name_plural = _("service terms")

    def __str__(self) -> str:
        return str(self.programme_year)


class Service(models.Model):
    """One volunteer's service period at one placement, from the accepted offer to its end.

    `actual_end` is the last day served; for an early termination it is the termination
    date, with `terminated_by` and `termination_reason`. The start on the 1st of a month
    is checked by the rules, not by a database constraint: SQLite would need Django's own
    date function inside the constraint, which other tools reading the file lack.
    """

    application = models.OneToOneField(Application, verbose_name=_("application"),
                                       on_delete=models.CASCADE, related_name="service")
    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.PROTECT, related_name="services")
    placement = models.ForeignKey(Placement, verbose_name=_("placement"),
                                  on_delete=models.PROTECT, related_name="services")
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("volunteer"),
                                  on_delete=models.CASCADE, related_name="volunteer_services")
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices,
                              default=ServiceStatus.PLANNED)
    start_date = models.DateField(_("first day of service"),
                                  help_text=_("Always the 1st of a month."))
    planned_end = models.DateField(_("planned last day"))
    actual_end = models.DateField(_("actual last day"), null=True, blank=True)
    part_time = models.BooleanField(_("part-time"), default=False)
    weekly_hours = models.PositiveSmallIntegerField(
        _("weekly hours"), default=39, validators=[MinValueValidator(1),
                                                   MaxValueValidator(48)])
    pocket_money = models.DecimalField(_("pocket money per month (euros)"), max_digits=7,
                                       decimal_places=2,
                                       validators=[MinValueValidator(Decimal("0"))])
    benefits_in_kind = models.TextField(
        _("benefits in kind"), blank=True,
        help_text=_("For example meals, accommodation, work clothing or a ticket."))
    leave_days_agreed = models.PositiveSmallIntegerField(
        _("leave days agreed (per 12 months)"), validators=[MaxValueValidator(60)])
    termination_reason = models.TextField(_("reason for ending early"), blank=True)
    terminated_by = models.CharField(_("ended early by"), max_length=20, blank=True,
                                     choices=Party.choices)
    termination_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("termination recorded by"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+")
    certificate = models.ForeignKey(
        "certificates.Certificate", verbose_name=_("Bescheinigung"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["programme_year", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_end__gt=models.F("start_date")),
                                   name="service_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(part_time=False) | models.Q(weekly_hours__gt=20),
                name="service_part_time_over_20_hours"),
            models.CheckConstraint(
                condition=~models.Q(status="terminated")
                | (models.Q(actual_end__isnull=False) & ~models.Q(terminated_by="")),
                name="service_termination_has_date_and_party"),
        ]
        indexes = [models.Index(fields=["status", "planned_end"])]

    def __str__(self) -> str:
        return f"{self.application.full_name or self.volunteer} – {self.placement}"

    @property
    def last_day(self):
        """The last day of service: the actual one once known, else the planned one."""
        return self.actual_end or self.planned_end


class ServiceEvent(models.Model):
    """The history of a service: each status change, extension and termination."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        EXTENDED = "extended", _("Extended")
        INTERRUPTION = "interruption", _("Interruption recorded")
        AGREEMENT = "agreement", _("Agreement generated")
        SIGNATURE = "signature", _("Agreement signed")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(_("from"), max_length=20, blank=True,
                                   choices=ServiceStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, blank=True,
                                 choices=ServiceStatus.choices)
    planned_end_before = models.DateField(_("planned last day before"), null=True,
                                          blank=True)
    planned_end_after = models.DateField(_("planned last day after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("service event")
        verbose_name_plural = _("service events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ServiceInterruption(models.Model):
    """A period in which the service rests (e.g. long illness, parental leave)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE,
                                related_name="interruptions")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("interruption")
        verbose_name_plural = _("interruptions")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                   name="interruption_day_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first_day} – {self.last_day}"


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    SICK = "sick", _("Sick")


class Absence(models.Model):
    """Leave taken or days off sick, recorded by the host contact (or the coordination)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=10, choices=AbsenceKind.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    days = models.DecimalField(_("working days"), max_digits=4, decimal_places=1,
                               validators=[MinValueValidator(Decimal("0.5"))])
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("leave or sick days")
        verbose_name_plural = _("leave and sick days")
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                   name="absence_day_order"),
            models.CheckConstraint(condition=models.Q(days__gt=0), name="absence_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first_day} – {self.last_day}"


class AgreementTemplate(models.Model):
    """The text of the agreement (snippet). Each change is saved as a new version; every
    generated agreement names the version it was made from and keeps its text in the PDF.

    The facts of each service (names, dates, amounts) are printed from the service above
    this text (volunteers.service.agreement_pdf); the text holds the clauses.
    """

    version = models.CharField(_("version"), max_length=20, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200,
                                default="Vereinbarung über ein Freiwilliges Digitales Jahr")
    text_de = models.TextField(_("text (German)"),
                               help_text=_("The binding text. Paragraphs are separated by an "
                                           "empty line."))
    title_en = models.CharField(_("title (English)"), max_length=200,
                                default="Agreement on a Voluntary Digital Year")
    text_en = models.TextField(_("English translation (for information)"), blank=True)
    active = models.BooleanField(_("in use"), default=True,
                                 help_text=_("New agreements use the newest version in use."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title_de} ({self.version})"

    def clean(self):
        # A version that agreements were made from is part of those documents of record:
        # changes go into a copy with a new version (the snippet's "Copy" action).
        if self.pk and self.agreements.exists():
            stored = AgreementTemplate.objects.get(pk=self.pk)
            fields = ("version", "title_de", "text_de", "title_en", "text_en")
            if any(getattr(stored, name) != getattr(self, name) for name in fields):
                raise ValidationError(_(
                    "Agreements have been made from this version, so its text cannot change. "
                    "Copy it and save the changes under a new version."))


def _agreement_path(instance: "Agreement", filename: str) -> str:
    return f"volunteers/agreements/{instance.service_id}/{uuid.uuid4().hex}.pdf"


class Agreement(models.Model):
    """One generated version of a service's agreement: the PDF with its SHA-256.

    A new version replaces the previous one (`superseded_at`); signatures belong to one
    version. It is complete when every required party has signed it.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="agreements")
    number = models.PositiveSmallIntegerField(_("version"))
    template = models.ForeignKey(AgreementTemplate, verbose_name=_("template"),
                                 on_delete=models.PROTECT, related_name="agreements")
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to=_agreement_path,
                           max_length=200)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    guardian_required = models.BooleanField(_("guardian signs"), default=False)
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(_("signed by all"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"],
                                    name="agreement_unique_version"),
            models.UniqueConstraint(fields=["service"], condition=models.Q(
                superseded_at__isnull=True), name="agreement_one_current_per_service"),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.number}"


class SignatureMethod(models.TextChoices):
    IN_APP = "in_app", _("Confirmed in the app")
    SCAN = "scan", _("Signed document uploaded")


def _scan_path(instance: "AgreementSignature", filename: str) -> str:
    return (f"volunteers/agreements/{instance.agreement.service_id}/signatures/"
            f"{uuid.uuid4().hex}.{extension_for(instance.scan_content_type)}")


class AgreementSignature(models.Model):
    """One party's signature on one agreement version: who, when and how."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE,
                                  related_name="signatures")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+",
                                  help_text=_("The logged-in person who confirmed or "
                                              "uploaded the signature."))
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    method = models.CharField(_("how"), max_length=10, choices=SignatureMethod.choices)
    scan = models.FileField(_("signed document"), storage=private_storage,
                            upload_to=_scan_path, blank=True, max_length=200)
    scan_content_type = models.CharField(_("type"), max_length=50, blank=True)
    scan_sha256 = models.CharField(_("SHA-256 of the document"), max_length=64, blank=True)
    agreement_sha256 = models.CharField(
        _("SHA-256 of the signed agreement"), max_length=64,
        help_text=_("The hash of the PDF version the party signed."))

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"],
                                    name="signature_one_per_party"),
            models.CheckConstraint(condition=~models.Q(method="scan") | ~models.Q(scan=""),
                                   name="signature_scan_has_file"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.signer_name}"
