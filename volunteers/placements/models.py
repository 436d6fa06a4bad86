"""Placements and hosts: the programme page (Wagtail), programme years, start dates, host
organisations and their placements. Transactional rows are plain models with foreign keys
and constraints; seats are counted by volunteers.applications.transitions.
"""

from django.conf import settings
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
        return date_format(self.date, "DATE_FORMAT")


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


class Placement(index.Indexed, models.Model):
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
    # Accepted offers, counted by volunteers.applications.transitions under a row lock; the
    # check constraint is the backstop. Free seats also subtract open offers: see workflow.
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

    # The site search finds placements by their texts and by their host's name and town.
    search_fields = [
        index.SearchField("title", boost=2), index.AutocompleteField("title"),
        index.SearchField("tasks"), index.SearchField("digital_focus"),
        index.SearchField("other_requirements"),
        index.RelatedFields("host", [index.SearchField("name"), index.SearchField("town"),
                                     index.SearchField("gemeinde"),
                                     index.SearchField("description")]),
        index.FilterField("published"), index.FilterField("programme_year"),
    ]

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
