"""The catalogue and learning content are Wagtail pages (editorial):
CourseIndexPage → CoursePage → ModulePage → LessonPage, with the catalogue's vocabularies.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pagecache import page_data, pages_version
from courses.blocks import LessonBodyBlock
from courses.rules import LessonRequirement

PAGE_CONTEXT_HOOK = "courses_page_context"
COURSE_ROUTE_HOOK = "courses_course_route"


def page_context_from_hooks(*, page: Page, request) -> dict:
    """What the app's interface adds to a page's template context, live and in previews.

    The readers (selectors) sit above the models, so the page asks Wagtail's hook registry
    instead of importing them: courses/wagtail_hooks.py registers the functions.
    """
    context: dict = {}
    for provide in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        context.update(provide(page=page, request=request))
    return context


def course_route_serve(*, page: Page, request, route: str, **kwargs):
    """Answer one of the course page's routes (e.g. its dates, /kurse/<course>/termine/).

    The views sit above the models, so the page asks Wagtail's hook registry instead of
    importing them: courses/seminars/wagtail_hooks.py registers the function that answers.
    """
    for answer in hooks.get_hooks(COURSE_ROUTE_HOOK):
        response = answer(page=page, request=request, route=route, **kwargs)
        if response is not None:
            return response
    raise Http404


class CompetenceArea(models.Model):
    """One of the five competence areas of DigComp 2.2 (a fixed vocabulary)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_en if get_language() == "en" else self.name


class CourseTopic(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return (self.name_en or self.name) if get_language() == "en" else self.name


class CourseFormat(models.TextChoices):
    ONLINE = "online", _("Online, self-paced")
    SEMINAR = "seminar", _("Seminar")
    BLENDED = "blended", _("Blended (online and seminar)")


class CourseIndexPage(Page):
    """The course catalogue at /kurse/: editorial text above the filtered list of courses."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    page_cache_anonymous = True  # the same for every visitor (core.pagecache)

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_from_hooks(page=self, request=request))
        return context


class CoursePage(RoutablePageMixin, Page):
    teaser = models.TextField(_("short description"), max_length=400,
                              help_text=_("Shown on the course's card in the catalogue."))
    description = RichTextField(_("description"), blank=True)
    learning_objectives = RichTextField(_("learning objectives"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=60)
    format = models.CharField(_("format"), max_length=20, choices=CourseFormat.choices,
                              default=CourseFormat.ONLINE)
    topic = models.ForeignKey(CourseTopic, verbose_name=_("topic"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    competence_areas = ParentalManyToManyField(CompetenceArea, blank=True,
                                               verbose_name=_("competence areas (DigComp 2.2)"))
    prerequisites = ParentalManyToManyField("self", blank=True, symmetrical=False,
                                            related_name="required_by",
                                            verbose_name=_("prerequisites"))
    is_mandatory = models.BooleanField(_("mandatory training"), default=False)
    self_enrolment = models.BooleanField(_("learners may enrol themselves"), default=True)
    requires_approval = models.BooleanField(
        _("enrolment needs approval"), default=False,
        help_text=_("Enrolments wait for approval by a coordinator or supervisor."))
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"), null=True, blank=True,
        help_text=_("Leave empty if a completion never expires."))
    content_version = models.CharField(
        _("content version"), max_length=30, default="1",
        help_text=_("Raise it when the substance changes (e.g. a new edition of a service "
                    "instruction). Every completion records the version it was earned on."))
    reassign_on_new_version = models.BooleanField(
        _("reassign on a new content version"), default=False,
        help_text=_("When this page is published with a raised content version, everyone "
                    "assigned whose completion is of an older version must complete the "
                    "course again."))
    reassign_due_days = models.PositiveSmallIntegerField(
        _("days to complete the new version"), null=True, blank=True,
        help_text=_("Due date for the people reassigned, in days after publishing. "
                    "Empty: 30 days."))
    # Seminar sessions (issue 12): attendance as a completion requirement.
    requires_attendance = models.BooleanField(
        _("completion needs attendance at a session"), default=False,
        help_text=_("The course is complete only when the person was present on every day "
                    "of a session, in addition to the lessons' requirements. A course "
                    "without lessons then completes on attendance alone."))
    recertify_days_before = models.PositiveSmallIntegerField(
        _("reassign days before expiry"), null=True, blank=True,
        help_text=_("How many days before a completion expires the person is assigned the "
                    "course again. Empty: the platform's default."))

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"), FieldPanel("description"), FieldPanel("learning_objectives"),
        FieldPanel("target_group"),
        MultiFieldPanel([FieldPanel("duration_minutes"), FieldPanel("format"),
                         FieldPanel("topic"), FieldPanel("competence_areas"),
                         FieldPanel("is_mandatory")], heading=_("Catalogue")),
        MultiFieldPanel([FieldPanel("self_enrolment"), FieldPanel("requires_approval"),
                         FieldPanel("prerequisites"), FieldPanel("requires_attendance"),
                         FieldPanel("validity_months"),
                         FieldPanel("recertify_days_before"), FieldPanel("content_version"),
                         FieldPanel("reassign_on_new_version"),
                         FieldPanel("reassign_due_days")],
                        heading=_("Enrolment and completion")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("teaser"),
                     index.SearchField("description"), index.SearchField("learning_objectives"),
                     index.SearchField("target_group"),
                     # "Künstliche Intelligenz" finds the course that only says "KI"
                     index.RelatedFields("topic", [index.SearchField("name"),
                                                   index.SearchField("name_en")]),
                     index.FilterField("format"), index.FilterField("is_mandatory")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.LessonPage"]
    page_cache_anonymous = True  # its own URL; the dates route is not (core.pagecache)

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_from_hooks(page=self, request=request))
        return context

    @path("termine/", name="sessions")
    def sessions_route(self, request):
        """The course's seminar dates: booking, waiting list, cancelling."""
        return course_route_serve(page=self, request=request, route="sessions")


class ModulePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")


class LessonPage(Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("content"))
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=15)
    requirement = models.CharField(
        _("required for completing the course"), max_length=20,
        choices=LessonRequirement.choices, default=LessonRequirement.VIEWED)

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("duration_minutes"),
                      FieldPanel("requirement")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def clean(self):
        super().clean()
        needs_quiz = self.requirement in (LessonRequirement.ANSWERED, LessonRequirement.PASSED)
        h5p = self.h5p_block()
        if needs_quiz and self.quiz_block() is None and h5p is None:
            raise ValidationError({"requirement": _(
                "This requirement needs a quiz in the lesson. Add a quiz block or choose "
                "“Viewed”.")})
        if (self.requirement == LessonRequirement.PASSED and self.quiz_block() is None
                and h5p is not None and h5p.value["completion"] != "passed"):
            raise ValidationError({"requirement": _(
                "This requirement needs a pass mark. Set the H5P block to “Passed with at "
                "least the pass mark” or choose “Quiz answered”.")})

    def quiz_block(self):
        """The lesson's quiz as a bound block (with its id), or None."""
        return next((block for block in self.body if block.block_type == "quiz"), None)

    def h5p_block(self):
        """The lesson's H5P block as a bound block (with its id), or None."""
        return next((block for block in self.body if block.block_type == "h5p"), None)

    def course(self) -> CoursePage | None:
        """The lesson's course (published content, from the page cache; kept on the lesson
        for as long as the cached pages are current)."""
        version = pages_version()
        known = self.__dict__.get("_course")
        if known is None or known[0] != version:
            known = self._course = (version, page_data(
                "lesson-course", self.pk,
                build=lambda: CoursePage.objects.ancestor_of(self).first()))
        return known[1]

    def get_context(self, request, *args, **kwargs):
        # Live requests pass courses.wagtail_hooks' enrolment check, which hands the learner's
        # progress over on the request; editors' previews have none and show the content only.
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "lesson_context", {}))
        return context
