"""Certificates: immutable snapshots of an achievement, issued as PDFs by background jobs.

`CertificateTemplate` (a snippet) says how a certificate looks; `Certificate` says what was
certified, frozen at the moment it was requested; `CertificateEvent` is its history;
`CertificateBatch` groups a bulk issuance. Writes go through `certificates.services`.

Below this module are only pure helpers: `codes`, `snapshot` and `rendering` (plain data in,
PDF bytes out). The models turn themselves into that plain data (`pdf_data`), which is how
a template's preview panel shows a sample PDF without reaching up into services or views.
"""

import string
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from certificates.codes import check_character, code_display
from certificates.pdf import certificate_pdf_render
from certificates.rendering import (
    CertificatePdfData,
    Signatory,
    identity_statement,
)
from core.state import StateMachine
from core.storage import private_storage  # also named by this app's migrations
from core.urls import absolute_url

PLACEHOLDERS = ("name", "course", "date", "hours", "version", "result", "issuer", "code")



class CertificateKind(models.TextChoices):
    COURSE = "course", _("Course completion")
    VOLUNTEER_SERVICE = "volunteer_service", _("Volunteer service certificate")
    ZEUGNIS = "zeugnis", _("Reference (Zeugnis)")


class CertificateLanguage(models.TextChoices):
    DE = "de", "Deutsch"
    EN = "en", "English"


class CertificateStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    ISSUED = "issued", _("Issued")
    FAILED = "failed", _("Failed")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


S = CertificateStatus
# The only moves a certificate may make; certificates.services.certificate_transition
# enforces this table and records each move as a CertificateEvent. Revoked and superseded
# are final.
CERTIFICATE_STATES = StateMachine({
    S.QUEUED: {S.ISSUED: None, S.FAILED: None, S.SUPERSEDED: None},
    S.FAILED: {S.QUEUED: None, S.ISSUED: None, S.FAILED: None, S.SUPERSEDED: None},
    S.ISSUED: {S.REVOKED: None, S.SUPERSEDED: None},
    S.REVOKED: {},
    S.SUPERSEDED: {},
})

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$",
                            _("Enter a colour as # followed by six hex digits, e.g. #0b5394."))


def placeholders_validate(text: str) -> None:
    """Only the documented placeholders, without attribute access or format specs."""
    try:
        fields = [(name, spec, conv) for _lit, name, spec, conv in string.Formatter().parse(text)
                  if name is not None]
    except ValueError as exc:
        raise ValidationError(_("The text has an unmatched brace. Write {{ or }} for a "
                                "literal brace.")) from exc
    unknown = sorted({name for name, spec, conv in fields
                      if name not in PLACEHOLDERS or spec or conv})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Allowed are %(allowed)s."),
            params={"names": ", ".join(f"{{{name}}}" for name in unknown),
                    "allowed": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)})


class CertificateTemplate(PreviewableMixin, models.Model):
    """How a kind of certificate looks and reads; chosen when a certificate is requested."""

    name = models.CharField(_("name"), max_length=120,
                            help_text=_("Internal name, shown only in the administration."))
    kind = models.CharField(_("kind"), max_length=30, choices=CertificateKind.choices,
                            default=CertificateKind.COURSE)
    language = models.CharField(_("language"), max_length=2,
                                choices=CertificateLanguage.choices,
                                default=CertificateLanguage.DE)
    title = models.CharField(_("title"), max_length=120,
                             help_text=_("Large heading, e.g. “Teilnahmebescheinigung”."))
    body = models.TextField(
        _("body text"), blank=True, validators=[placeholders_validate],
        help_text=_("Placeholders: {name} {course} {date} {hours} {version} {result} "
                    "{issuer} {code}. Leave empty for the standard text."))
    issuer_name = models.CharField(_("issuer"), max_length=200)
    logo = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#0b5394",
                                     validators=[hex_colour])
    signatory_1_name = models.CharField(_("first signatory"), max_length=120, blank=True)
    signatory_1_function = models.CharField(_("function"), max_length=120, blank=True)
    signatory_1_signature = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("signature image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    signatory_2_name = models.CharField(_("second signatory"), max_length=120, blank=True)
    signatory_2_function = models.CharField(_("function"), max_length=120, blank=True)
    signatory_2_signature = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("signature image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def signatories(self) -> list[tuple[str, str, object]]:
        return [(name, function, image) for name, function, image in (
            (self.signatory_1_name, self.signatory_1_function, self.signatory_1_signature),
            (self.signatory_2_name, self.signatory_2_function, self.signatory_2_signature),
        ) if name]

    # Wagtail's preview panel shows a sample PDF rendered from the unsaved form.
    preview_modes = [("", _("Sample PDF"))]

    def serve_preview(self, request, mode_name):
        response = HttpResponse(certificate_pdf_render(data=self.sample_pdf_data()),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="sample.pdf"'
        return response

    def sample_pdf_data(self) -> CertificatePdfData:
        """Made-up facts in this template's look, for the preview."""
        data = "7KQ2M9XD4HRT0ZC"
        return pdf_data_build(
            template=self, code=data + check_character(data),
            recipient_name="Zeynep Yılmaz-Müller", title="Beispielkurs / Sample course",
            completed_on=timezone.localdate(), hours=Decimal("8"), content_version="2026.1")


def _image_path(image) -> str | None:
    if image is None:
        return None
    try:
        return image.file.path
    except (NotImplementedError, ValueError):
        return None


def verification_url_for(code: str) -> str:
    """Absolute URL of a code's public verification page, printed on the PDF and its QR code."""
    return absolute_url(f"/nachweis/{code_display(code)}/")


def pdf_data_build(*, template: CertificateTemplate | None, code: str, recipient_name: str,
                   title: str, completed_on: date | None, kind: str | None = None,
                   language: str | None = None, issuer_name: str = "",
                   hours: Decimal | None = None, content_version: str = "", result: str = "",
                   issued_on: date | None = None, valid_until: date | None = None,
                   version: int = 1, identity_basis: str = "",
                   certified_text: str = "") -> CertificatePdfData:
    """Combine a template's look (or the standard look) with the certified facts."""
    return CertificatePdfData(
        code=code, verification_url=verification_url_for(code),
        recipient_name=recipient_name, title=title,
        kind=kind or (template.kind if template else CertificateKind.COURSE.value),
        language=language or (template.language if template else CertificateLanguage.DE.value),
        heading=template.title if template else "", body=template.body if template else "",
        content_version=content_version, completed_on=completed_on,
        issued_on=issued_on or timezone.localdate(), valid_until=valid_until, hours=hours,
        result=result,
        issuer_name=issuer_name or (template.issuer_name if template else "")
        or settings.WAGTAIL_SITE_NAME,
        accent_colour=template.accent_colour if template else "#0b5394",
        logo_path=_image_path(template.logo) if template else None,
        signatories=tuple(Signatory(name, function, _image_path(image))
                          for name, function, image in template.signatories())
        if template else (),
        version=version, identity_basis=identity_basis, certified_text=certified_text)


class Certificate(models.Model):
    """One certificate for one achievement of one person; the snapshot never changes.

    A correction is a new Certificate whose `supersedes` points at the old one.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  on_delete=models.PROTECT, related_name="certificates")
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), null=True,
                                 blank=True, on_delete=models.PROTECT,
                                 related_name="certificates")
    kind = models.CharField(_("kind"), max_length=30, choices=CertificateKind.choices)
    achievement_key = models.CharField(
        _("achievement"), max_length=200,
        help_text=_("Stable key of what was achieved, e.g. course:12."))
    # The snapshot: as spelled and as it was on the day it was requested.
    recipient_name = models.CharField(_("name on the certificate"), max_length=200)
    title = models.CharField(_("achievement"), max_length=300)
    content_version = models.CharField(_("content version"), max_length=60, blank=True)
    completed_on = models.DateField(_("completed on"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True,
                                blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)
    # A longer certified text (e.g. a Zeugnis' assessment), printed across pages; never
    # shown on the public verification page.
    body = models.TextField(_("certified text"), blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=200)
    language = models.CharField(_("language"), max_length=2,
                                choices=CertificateLanguage.choices,
                                default=CertificateLanguage.DE)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # How the holder's identity was established when the certificate was requested (the
    # account's identity source then); printed and shown on the verification page.
    identity_basis = models.CharField(_("identity established by"), max_length=20,
                                      blank=True, editable=False)

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField("self", verbose_name=_("supersedes"), null=True,
                                      blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    status = models.CharField(_("status"), max_length=20, choices=CertificateStatus.choices,
                              default=CertificateStatus.QUEUED)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, blank=True, max_length=200)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("PDF size in bytes"), null=True, blank=True)
    signed = models.BooleanField(_("digitally signed"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    email_sent_at = models.DateTimeField(_("email sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # However often issuance is asked for: one current certificate per achievement.
            models.UniqueConstraint(
                fields=["recipient", "achievement_key"],
                condition=~models.Q(status="superseded"),
                name="certificate_one_current_per_achievement"),
            models.CheckConstraint(
                condition=~models.Q(status="revoked")
                | (models.Q(revoked_at__isnull=False) & ~models.Q(revoked_reason="")),
                name="certificate_revocation_has_date_and_reason"),
            models.CheckConstraint(
                condition=~models.Q(status="issued") | ~models.Q(pdf_sha256=""),
                name="certificate_issued_has_hash"),
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.title} – {self.recipient_name} ({self.code_display})"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", kwargs={"code": self.code_display})

    @property
    def code_display(self) -> str:
        return code_display(self.code)

    @property
    def is_expired(self) -> bool:
        return bool(self.valid_until and self.valid_until < timezone.localdate())

    @property
    def verification_state(self) -> str:
        """What the public verification page says: superseded, revoked, expired or valid."""
        if self.status == CertificateStatus.SUPERSEDED:
            return "superseded"
        if self.status == CertificateStatus.REVOKED:
            return "revoked"
        return "expired" if self.is_expired else "valid"

    @property
    def verification_url(self) -> str:
        """Absolute URL printed on the PDF and in its QR code."""
        return verification_url_for(self.code)

    def pdf_data(self) -> CertificatePdfData:
        """What the PDF prints: the snapshot stored on this row (never the account's current
        name or the course's current title) in its template's look."""
        issued_on = timezone.localdate(self.issued_at) if self.issued_at else None
        return pdf_data_build(
            template=self.template, code=self.code, recipient_name=self.recipient_name,
            title=self.title, completed_on=self.completed_on, kind=self.kind,
            language=self.language, issuer_name=self.issuer_name, hours=self.hours,
            content_version=self.content_version, result=self.result, issued_on=issued_on,
            valid_until=self.valid_until, version=self.version,
            identity_basis=self.identity_basis, certified_text=self.body)

    def identity_statement(self, language: str) -> str:
        """How the holder's identity was established, in `language` ("" if not recorded)."""
        return identity_statement(self.identity_basis, language)

    def pdf_name(self) -> str:
        """Deterministic storage name, so a second render overwrites rather than piles up."""
        return f"certificates/{self.pk}-{self.code}.pdf"


class CertificateEvent(models.Model):
    """One move of a certificate's status: who, when, from, to, and why."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT,
                                    related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, blank=True,
                                   choices=CertificateStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=CertificateStatus.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class CertificateBatch(models.Model):
    """A bulk issuance (e.g. a whole cohort); its progress is read from its certificates."""

    label = models.CharField(_("label"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    total = models.PositiveIntegerField(_("certificates"), default=0)
    certificates = models.ManyToManyField(Certificate, related_name="batches", blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label
