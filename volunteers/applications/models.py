"""Applications: one applicant's application per programme year with its ranked placements,
history, notes, documents and the emails sent on each event. Status changes never happen
here: see volunteers.applications.transitions.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import extension_for, safe_download_name
from core.storage import private_storage  # also named by this app's migrations
from volunteers.placements.models import Placement, ProgrammeYear, StartDate
from volunteers.workflow import ApplicationStatus


class SchoolSituation(models.TextChoices):
    AT_SCHOOL = "school", _("I am still at school")
    LEFT_SCHOOL = "left", _("I have left school")
    TRAINING = "training", _("I am in or have finished vocational training")
    STUDYING = "studying", _("I am studying or have studied")
    OTHER = "other", _("Other")


class Application(models.Model):
    """One applicant's application for one programme year, from draft to accepted offer.

    `placement` names the placement the current state is about: the one offered, accepted
    or waited for. Move `status` only through
    volunteers.applications.transitions.application_transition.
    """

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applicant"),
                                  on_delete=models.CASCADE, related_name="applications")
    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    language = models.CharField(_("language"), max_length=5, default="de",
                                choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # personal data
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email address"), blank=True)
    # school
    school_obligation_completed = models.BooleanField(
        _("full-time school obligation completed"), null=True, blank=True)
    school_situation = models.CharField(_("school situation"), max_length=20, blank=True,
                                        choices=SchoolSituation.choices)
    school_details = models.CharField(_("school or qualification"), max_length=200,
                                      blank=True)
    # availability
    start_date = models.ForeignKey(StartDate, verbose_name=_("start date"), null=True,
                                   blank=True, on_delete=models.PROTECT,
                                   related_name="applications")
    part_time = models.BooleanField(_("part-time"), default=False)
    weekly_hours = models.PositiveSmallIntegerField(_("weekly hours"), null=True, blank=True)
    availability_notes = models.TextField(_("notes on availability"), blank=True)
    # requirements some placements have (the matching proposal excludes a placement whose
    # requirement the applicant has not confirmed)
    confirms_extended_certificate = models.BooleanField(
        _("can present an extended certificate of good conduct"), default=False,
        help_text=_("Some placements (for example with children) require an extended "
                    "certificate of good conduct (erweitertes Führungszeugnis). Tick this "
                    "if you can present one before the start."))
    has_driving_licence = models.BooleanField(
        _("has a driving licence"), default=False,
        help_text=_("Some placements require a driving licence (class B)."))
    # motivation
    motivation = models.TextField(_("motivation"), blank=True)
    # consent
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    consent_text = models.TextField(_("consent text as shown"), blank=True)
    # guardian (applicants under 18 at start)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_email = models.EmailField(_("guardian's email address"), blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=40, blank=True)
    guardian_consent_requested_at = models.DateTimeField(_("guardian consent requested"),
                                                         null=True, blank=True)
    guardian_consent_at = models.DateTimeField(_("guardian consent given"), null=True,
                                               blank=True)
    # Evidence of the confirmation, recorded by guardian_consent_confirm (applications
    # services): the name and address the link was sent to, and where it came from.
    guardian_consent_name = models.CharField(_("guardian consent: name"), max_length=150,
                                             blank=True)
    guardian_consent_email = models.EmailField(_("guardian consent: email address"),
                                               blank=True)
    guardian_consent_ip = models.GenericIPAddressField(_("guardian consent: IP address"),
                                                       null=True, blank=True)
    guardian_consent_user_agent = models.CharField(_("guardian consent: browser"),
                                                   max_length=300, blank=True)
    # workflow
    placement = models.ForeignKey(Placement, verbose_name=_("placement concerned"), null=True,
                                  blank=True, on_delete=models.PROTECT,
                                  related_name="current_applications")
    offer_deadline = models.DateTimeField(_("offer deadline"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True,
                                         blank=True)
    interview_opened_at = models.DateTimeField(
        _("interview stage opened"), null=True, blank=True,
        help_text=_("When the coordination first opened an interview stage. Hosts see who "
                    "applied per placement: see the preferences."))

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "programme_year"],
                                    name="application_one_per_applicant_and_year"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["offered", "accepted", "waiting_list"])
                | models.Q(placement__isnull=False),
                name="application_placement_when_offered"),
        ]
        indexes = [models.Index(fields=["status", "offer_deadline"])]

    def __str__(self) -> str:
        return f"{self.full_name or self.applicant.email} – {self.programme_year}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


class ApplicationPreference(models.Model):
    """One ranked placement of an application, with the host's verdict on it."""

    class Verdict(models.TextChoices):
        PENDING = "", _("No verdict yet")
        SUITABLE = "suitable", _("Suitable")
        NOT_SUITABLE = "not_suitable", _("Not suitable")

    application = models.ForeignKey(Application, verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="preferences")
    placement = models.ForeignKey(Placement, verbose_name=_("placement"),
                                  on_delete=models.PROTECT, related_name="preferences")
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(8)])
    verdict = models.CharField(_("verdict"), max_length=20, blank=True,
                               choices=Verdict.choices, default=Verdict.PENDING)
    verdict_comment = models.TextField(_("comment on the verdict"), blank=True)
    host_rank = models.PositiveSmallIntegerField(_("host's ranking"), null=True, blank=True)
    interview_proposal = models.TextField(_("proposed interview dates"), blank=True)
    verdict_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    verdict_at = models.DateTimeField(_("verdict recorded"), null=True, blank=True)
    # Set by volunteers.applications.transitions when the coordination opens the interview
    # stage for this placement (or offers it): only then do its host contacts see who applied.
    interview_opened_at = models.DateTimeField(
        _("interview stage opened"), null=True, blank=True,
        help_text=_("From then on the host contacts of this placement see the applicant's "
                    "name, contact data and documents."))

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"],
                                    name="preference_unique_rank"),
            models.UniqueConstraint(fields=["application", "placement"],
                                    name="preference_unique_placement"),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=8),
                                   name="preference_rank_1_to_8"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.placement.title}"


class ApplicationEvent(models.Model):
    """The history of an application: every status change with who, when and why."""

    application = models.ForeignKey(Application, verbose_name=_("application"),
                                    on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(_("from"), max_length=20,
                                   choices=ApplicationStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    placement = models.ForeignKey(Placement, verbose_name=_("placement"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    email_sent_at = models.DateTimeField(_("email sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ApplicationNote(models.Model):
    """An internal note of the coordination on an application; never shown to hosts."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    REFERENCE = "reference", _("Report or reference")
    OTHER = "other", _("Other document")


def _document_path(instance: "ApplicationDocument", filename: str) -> str:
    # The stored name never contains the user's file name: a random name and the extension
    # of the type detected from the content.
    return (f"volunteers/applications/{instance.application_id}/"
            f"{uuid.uuid4().hex}.{extension_for(instance.content_type)}")


class ApplicationDocument(models.Model):
    """A CV or other document; private storage, served only by a permission-checking view."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_document_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The name offered on download: the uploader's base name, sanitised, with the
        extension of the detected type (also for documents stored before that rule)."""
        return safe_download_name(self.original_name, self.content_type)


class EmailEvent(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted")
    IN_REVIEW = "in_review", _("Application in review")
    INTERVIEW = "interview", _("Invited to interview")
    WAITING_LIST = "waiting_list", _("Put on the waiting list")
    OFFERED = "offered", _("Offer made")
    ACCEPTED = "accepted", _("Offer accepted")
    DECLINED = "declined", _("Offer declined")
    EXPIRED = "expired", _("Offer expired")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    REJECTED = "rejected", _("Application rejected")
    GUARDIAN_CONSENT = "guardian_consent", _("Guardian consent requested")
    # To the host contacts and the coordination, about a volunteer's Zeugnis.
    ZEUGNIS_REQUESTED = "zeugnis_requested", _("Zeugnis requested (to the host)")
    ZEUGNIS_DRAFTED = "zeugnis_drafted", _("Zeugnis drafted (to the coordination)")


class EmailTemplate(models.Model):
    """The email sent on one event, in German and English; editable in the admin.

    Placeholders: $name, $placement, $deadline, $link, $reason (string.Template syntax, so
    editors cannot run template code).
    """

    event = models.CharField(_("event"), max_length=30, choices=EmailEvent.choices,
                             unique=True)
    subject_de = models.CharField(_("subject (German)"), max_length=200)
    body_de = models.TextField(_("text (German)"))
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_en = models.TextField(_("text (English)"))

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["event"]

    def __str__(self) -> str:
        return self.get_event_display()
