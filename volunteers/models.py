"""The Freiwilliges Digitales Jahr: programme pages (Wagtail) and the application records.

Editorial text lives on `ProgrammePage`; everything transactional (programme years, host
organisations, placements, applications and their history) is a plain model with foreign
keys and constraints. Status changes never happen here: see volunteers.services.
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts.models import OrgUnit
from accounts.roles import Role
from core.files import extension_for, safe_download_name
from volunteers.workflow import ApplicationStatus


def private_storage():
    """Applicant documents live in `storages["private"]`, which has no public URL."""
    return storages["private"]


class ProgrammePage(RoutablePageMixin, Page):
    """The programme's public page at /freiwilliges-digitales-jahr/: text above the placements.

    Routes: the listing (with filters) at the page's own URL and each published placement
    at `stelle/<slug>/`.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("volunteer programme page")

    @path("")
    def listing(self, request):
        return programme_route_serve(page=self, request=request, route="listing")

    @path("stelle/<slug:slug>/")
    def placement(self, request, slug):
        return programme_route_serve(page=self, request=request, route="placement", slug=slug)


PROGRAMME_ROUTE_HOOK = "volunteers_programme_route"


def programme_route_serve(*, page: ProgrammePage, request, route: str, **kwargs):
    """Answer one of the programme page's routes (live and in previews).

    The views sit above the models, so the page asks Wagtail's hook registry instead of
    importing them: volunteers/wagtail_hooks.py registers the function that answers.
    """
    for answer in hooks.get_hooks(PROGRAMME_ROUTE_HOOK):
        response = answer(page=page, request=request, route=route, **kwargs)
        if response is not None:
            return response
    raise Http404


class ProgrammeYear(models.Model):
    """One cohort ("Jahrgang 2027/28") with its application window and statutory limits."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    application_opens = models.DateField(_("applications open"))
    application_closes = models.DateField(_("applications close"))
    default_duration_months = models.PositiveSmallIntegerField(
        _("default duration (months)"), default=12,
        validators=[MinValueValidator(6), MaxValueValidator(18)])
    min_duration_months = models.PositiveSmallIntegerField(
        _("minimum duration (months)"), default=6,
        validators=[MinValueValidator(1), MaxValueValidator(18)])
    max_duration_months = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), default=18,
        validators=[MinValueValidator(1), MaxValueValidator(24)])
    part_time_allowed = models.BooleanField(
        _("part-time allowed"), default=True,
        help_text=_("Part-time service must exceed 20 hours a week."))
    part_time_min_weekly_hours = models.PositiveSmallIntegerField(
        _("minimum weekly hours for part-time"), default=21,
        validators=[MinValueValidator(21), MaxValueValidator(39)])
    min_age = models.PositiveSmallIntegerField(
        _("minimum age at start"), default=16,
        validators=[MinValueValidator(14), MaxValueValidator(30)])
    max_age_exclusive = models.PositiveSmallIntegerField(
        _("age limit at start"), default=27,
        validators=[MinValueValidator(16), MaxValueValidator(40)],
        help_text=_("Applicants must be younger than this on the start date."))
    max_preferences = models.PositiveSmallIntegerField(
        _("number of preferences"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("How many placements an applicant may rank (1 to 8)."))
    offer_deadline_days = models.PositiveSmallIntegerField(
        _("days to accept an offer"), default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)])
    consent_text = models.TextField(
        _("consent text"),
        default=("Ich willige ein, dass meine Angaben und Unterlagen zur Durchführung des "
                 "Bewerbungsverfahrens für das Freiwillige Digitale Jahr verarbeitet und an "
                 "die von mir gewählten Einsatzstellen weitergegeben werden. Ich kann die "
                 "Einwilligung jederzeit widerrufen."))
    consent_version = models.CharField(
        _("consent text version"), max_length=20, default="1",
        help_text=_("Change it whenever the consent text changes; each consent records it."))
    # Coordination scope (see volunteers.selectors.programme_year_ids_in_scope).
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("coordination scope: coordinators"),
        blank=True, related_name="scoped_programme_years",
        limit_choices_to={"groups__name": Role.COORDINATOR.value},
        help_text=_("Coordinators named on any programme year see the applications of those "
                    "years only. A coordinator named on none sees every year."))

    class Meta:
        verbose_name = _("programme year")
        verbose_name_plural = _("programme years")
        ordering = ["-application_opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(application_closes__gte=models.F(
                "application_opens")), name="programmeyear_window_order"),
            models.CheckConstraint(condition=models.Q(max_preferences__gte=1,
                                                      max_preferences__lte=8),
                                   name="programmeyear_preferences_1_to_8"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.application_opens <= day <= self.application_closes


class StartDate(models.Model):
    """A start date the programme year offers (the 1st of a month)."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.CASCADE, related_name="start_dates")
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("start date")
        verbose_name_plural = _("start dates")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["programme_year", "date"],
                                    name="startdate_unique_per_year"),
        ]

    def __str__(self) -> str:
        return date_format(self.date, "j. F Y")


class HostKind(models.TextChoices):
    STATE_AUTHORITY = "landesbehoerde", _("State authority")
    MUNICIPALITY = "kommune", _("Municipality")
    SCHOOL = "schule", _("School")
    YOUTH = "jugendeinrichtung", _("Youth facility")
    CULTURE = "kultur", _("Library or cultural institution")
    ASSOCIATION = "verein", _("Association")
    CARE = "pflege", _("Care facility")


class Landkreis(models.TextChoices):
    """Thuringia's 17 districts and 5 independent cities (Stand 2024)."""

    ALTENBURGER_LAND = "altenburger-land", "Altenburger Land"
    EICHSFELD = "eichsfeld", "Eichsfeld"
    GOTHA = "gotha", "Gotha"
    GREIZ = "greiz", "Greiz"
    HILDBURGHAUSEN = "hildburghausen", "Hildburghausen"
    ILM_KREIS = "ilm-kreis", "Ilm-Kreis"
    KYFFHAEUSERKREIS = "kyffhaeuserkreis", "Kyffhäuserkreis"
    NORDHAUSEN = "nordhausen", "Nordhausen"
    SAALE_HOLZLAND = "saale-holzland-kreis", "Saale-Holzland-Kreis"
    SAALE_ORLA = "saale-orla-kreis", "Saale-Orla-Kreis"
    SAALFELD_RUDOLSTADT = "saalfeld-rudolstadt", "Saalfeld-Rudolstadt"
    SCHMALKALDEN_MEININGEN = "schmalkalden-meiningen", "Schmalkalden-Meiningen"
    SOEMMERDA = "soemmerda", "Sömmerda"
    SONNEBERG = "sonneberg", "Sonneberg"
    UNSTRUT_HAINICH = "unstrut-hainich-kreis", "Unstrut-Hainich-Kreis"
    WARTBURGKREIS = "wartburgkreis", "Wartburgkreis"
    WEIMARER_LAND = "weimarer-land", "Weimarer Land"
    ERFURT = "erfurt", "Erfurt"
    GERA = "gera", "Gera"
    JENA = "jena", "Jena"
    SUHL = "suhl", "Suhl"
    WEIMAR = "weimar", "Weimar"


class HostOrganisation(models.Model):
    """An Einsatzstelle: the organisation that offers placements."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=HostKind.choices)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    gemeinde = models.CharField(_("municipality"), max_length=100, blank=True)
    landkreis = models.CharField(_("district"), max_length=40, choices=Landkreis.choices)
    description = models.TextField(_("about the organisation"), blank=True)
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("contact persons"), blank=True,
        related_name="host_organisations",
        help_text=_("Users with the host-organisation role who review applications."))
    mentor_name = models.CharField(_("mentor"), max_length=150, blank=True)
    mentor_email = models.EmailField(_("mentor's email address"), blank=True)
    # Coordination scope: coordinators limited to organisation units see the applications
    # to this host only when this unit is within their scope.
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("organisation unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="host_organisations",
        help_text=_("The district, city or municipality the host belongs to. Coordinators "
                    "limited to organisation units see its applications only if this unit "
                    "lies within their scope."))

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Focus(models.TextChoices):
    SOCIAL_MEDIA = "social-media", _("Social media")
    MEDIA_EDUCATION = "medienbildung", _("Media education")
    IT_SUPPORT = "it-support", _("IT support")
    DATA = "datenprojekte", _("Data projects")
    WEB = "web", _("Websites and online services")
    ACCESSIBILITY = "barrierefreiheit", _("Digital accessibility")


class Placement(models.Model):
    """A placement (Einsatzplatz) a host offers in one programme year."""

    host = models.ForeignKey(HostOrganisation, verbose_name=_("host organisation"),
                             on_delete=models.PROTECT, related_name="placements")
    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("programme year"),
                                       on_delete=models.PROTECT, related_name="placements")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    focus = models.CharField(_("digital focus"), max_length=30, choices=Focus.choices)
    tasks = models.TextField(_("tasks"))
    digital_focus = models.TextField(_("the digital project"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    # Accepted offers, counted by volunteers.services under a row lock; the check constraint
    # is the backstop. Free seats also subtract open offers: volunteers.workflow.
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)
    start_dates = models.ManyToManyField(StartDate, verbose_name=_("start dates"),
                                         related_name="placements")
    weekly_hours = models.PositiveSmallIntegerField(
        _("weekly hours"), default=39, validators=[MinValueValidator(21), MaxValueValidator(40)])
    part_time_possible = models.BooleanField(_("part-time possible"), default=False)
    requires_extended_certificate = models.BooleanField(
        _("extended certificate of good conduct required"), default=False,
        help_text=_("Erweitertes Führungszeugnis (§ 72a SGB VIII), e.g. when working with "
                    "children."))
    requires_driving_licence = models.BooleanField(_("driving licence required"),
                                                   default=False)
    other_requirements = models.TextField(_("other requirements"), blank=True)
    accessibility = models.TextField(_("accessibility of the place"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats_taken__lte=models.F("seats")),
                                   name="placement_seats_taken_within_seats"),
            models.CheckConstraint(condition=models.Q(seats__gte=1),
                                   name="placement_at_least_one_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.host})"


class SchoolSituation(models.TextChoices):
    AT_SCHOOL = "school", _("I am still at school")
    LEFT_SCHOOL = "left", _("I have left school")
    TRAINING = "training", _("I am in or have finished vocational training")
    STUDYING = "studying", _("I am studying or have studied")
    OTHER = "other", _("Other")


class Application(models.Model):
    """One applicant's application for one programme year, from draft to accepted offer.

    `placement` names the placement the current state is about: the one offered, accepted
    or waited for. Move `status` only through volunteers.services.application_transition.
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
    # Evidence of the confirmation, recorded by volunteers.services.guardian_consent_confirm:
    # the name and address the link was sent to, and where the confirmation came from.
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
        name = f"{self.first_name} {self.last_name}".strip() or self.applicant.email
        return f"{name} – {self.programme_year}"

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
    # Set by volunteers.services when the coordination opens the interview stage for this
    # placement (or offers it): only then do this placement's host contacts see who applied.
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
