"""Admin screens of the Freiwilliges Digitales Jahr for the coordination.

Programme years, start dates, host organisations, placements and email templates are
snippets edited with generic forms. Applications are read-only listings (filters, CSV/XLSX
export, a bulk action) with a detail screen; status changes go through
volunteers.applications.transitions only, never through a generic edit form.

Applications are seen only by roles with `volunteers.view_application` and only within
the coordinator's scope (volunteers.selectors.applications_in_scope); nothing chooses an
application, so it has no chooser.
"""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from accounts.audit import audit_scope_register
from accounts.permissions import (
    AuditedSnippetIndexView,
    CheckedSnippetViewSet,
    ScopedBulkActionMixin,
    ScopedReadOnlyPermissionPolicy,
    ScopedViewSetMixin,
    ScopedWritePermissionPolicy,
    ScopedWriteViewSetMixin,
)
from core.panels import CountItem, CountPanel
from volunteers import admin_views
from volunteers.applications.transitions import application_transition
from volunteers.exceptions import VolunteersError
from volunteers.matching.admin_views import MatchingViewSet
from volunteers.models import (
    PROGRAMME_ROUTE_HOOK,
    Application,
    ApplicationStatus,
    EmailTemplate,
    HostOrganisation,
    Placement,
    ProgrammeYear,
    StartDate,
)
from volunteers.placements import views as placement_views
from volunteers.reports import wagtail_hooks as report_hooks  # noqa: F401 - registers hooks
from volunteers.selectors import (
    applications_in_scope,
    applications_to_review_count,
    hosts_in_scope,
    placements_in_scope,
)
from volunteers.seminar_days.wagtail_hooks import SEMINAR_VIEWSETS
from volunteers.service.wagtail_hooks import SERVICE_VIEWSETS

for _model in (ProgrammeYear, StartDate, EmailTemplate):
    register_permission_policy(_model, ModelPermissionPolicy(_model), exact_class=True)
# Every coordinator reads all hosts and placements; a limited one changes only those in
# their scope (else they could move others' hosts or placements into it).
register_permission_policy(HostOrganisation, ScopedWritePermissionPolicy(
    HostOrganisation, scope=lambda user, queryset: hosts_in_scope(
        user=user, hosts=queryset)), exact_class=True)
register_permission_policy(Placement, ScopedWritePermissionPolicy(
    Placement, scope=lambda user, queryset: placements_in_scope(
        user=user, placements=queryset)), exact_class=True)
register_permission_policy(Application, ScopedReadOnlyPermissionPolicy(
    Application, scope=lambda user, queryset: applications_in_scope(
        user=user, applications=queryset)), exact_class=True)
# The audit log shows a coordinator only the entries about applications in scope.
audit_scope_register(Application, lambda user: applications_in_scope(user=user))


class ProgrammeYearViewSet(CheckedSnippetViewSet):
    model = ProgrammeYear
    icon = "date"
    menu_label = _("Programme years")
    list_display = ["name", "application_opens", "application_closes", "max_preferences",
                    "offer_deadline_days"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("application_opens"), FieldPanel("application_closes")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("default_duration_months"),
                                        FieldPanel("min_duration_months"),
                                        FieldPanel("max_duration_months")]),
                         FieldRowPanel([FieldPanel("part_time_allowed"),
                                        FieldPanel("part_time_min_weekly_hours")])],
                        heading=_("Duration and working time")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("min_age"),
                                        FieldPanel("max_age_exclusive")])],
                        heading=_("Age limits at the start date")),
        MultiFieldPanel([FieldPanel("max_preferences"), FieldPanel("offer_deadline_days")],
                        heading=_("Applications and offers")),
        MultiFieldPanel([FieldPanel("consent_text"), FieldPanel("consent_version")],
                        heading=_("Consent to data processing")),
        # Only superusers set who is limited to which year: a coordinator could otherwise
        # widen their own scope (the form drops the field for everyone else).
        FieldPanel("coordinators", permission="superuser",
                   widget=forms.CheckboxSelectMultiple),
    ]


class StartDateViewSet(CheckedSnippetViewSet):
    model = StartDate
    icon = "calendar"
    menu_label = _("Start dates")
    list_display = ["date", "programme_year"]
    list_filter = ["programme_year"]


class HostOrganisationViewSet(ScopedWriteViewSetMixin, CheckedSnippetViewSet):
    model = HostOrganisation
    icon = "home"
    menu_label = _("Host organisations")
    list_display = ["name", "kind", "town", "landkreis"]
    list_filter = ["kind", "landkreis"]
    search_fields = ["name", "town", "gemeinde"]
    list_export = ["name", "kind", "street", "postcode", "town", "gemeinde", "landkreis",
                   "mentor_name", "mentor_email"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        MultiFieldPanel([FieldPanel("street"), FieldRowPanel([FieldPanel("postcode"),
                                                              FieldPanel("town")]),
                         FieldRowPanel([FieldPanel("gemeinde"), FieldPanel("landkreis")]),
                         FieldPanel("org_unit")],
                        heading=_("Address")),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("contacts"), FieldRowPanel([FieldPanel("mentor_name"),
                                                                FieldPanel("mentor_email")])],
                        heading=_("People")),
    ]


class PlacementViewSet(ScopedWriteViewSetMixin, CheckedSnippetViewSet):
    model = Placement
    icon = "pick"
    menu_label = _("Placements")
    list_display = ["title", "host", "focus", "seats", "seats_taken", "published"]
    list_filter = ["programme_year", "focus", "published", "host__landkreis"]
    search_fields = ["title", "host__name"]
    list_export = ["title", "host", "programme_year", "focus", "seats", "seats_taken",
                   "weekly_hours", "published"]
    export_filename = "einsatzplaetze"
    panels = [
        FieldRowPanel([FieldPanel("host"), FieldPanel("programme_year")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
        FieldPanel("focus"), FieldPanel("tasks"), FieldPanel("digital_focus"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("seats"), FieldPanel("weekly_hours"),
                                        FieldPanel("part_time_possible")]),
                         FieldPanel("start_dates")], heading=_("Seats and time")),
        MultiFieldPanel([FieldPanel("requires_extended_certificate"),
                         FieldPanel("requires_driving_licence"),
                         FieldPanel("other_requirements")], heading=_("Requirements")),
        FieldPanel("accessibility"),
        FieldPanel("published"),
    ]


class EmailTemplateViewSet(CheckedSnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Email templates")
    list_display = ["event", "subject_de", "subject_en"]
    panels = [FieldPanel("event"),
              MultiFieldPanel([FieldPanel("subject_de"), FieldPanel("body_de")],
                              heading=_("German")),
              MultiFieldPanel([FieldPanel("subject_en"), FieldPanel("body_en")],
                              heading=_("English"))]


class ApplicationIndexView(AuditedSnippetIndexView):
    """Applications have no edit view (read-only policy): the title and the "Inspect" entry
    of the row's menu lead to the coordinator's detail screen instead."""

    def get_inspect_url(self, instance):
        if self.request.user.has_perm("volunteers.view_application"):
            return reverse("volunteers_admin:application", args=[instance.pk])
        return None


class ApplicationViewSet(ScopedViewSetMixin, CheckedSnippetViewSet):
    model = Application
    icon = "user"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    # "__str__" first (not a plain Column) so that Wagtail makes it the linked title column
    # with the row's buttons.
    list_display = ["__str__", "status", "placement",
                    "submitted_at", "offer_deadline"]
    list_filter = ["status", "programme_year", "placement", "part_time"]
    search_fields = ["first_name", "last_name", "contact_email"]
    list_export = ["pk", "first_name", "last_name", "contact_email", "date_of_birth",
                   "town", "status", "placement", "start_date", "part_time", "weekly_hours",
                   "submitted_at", "offer_deadline", "guardian_consent_at", "consent_version"]
    export_headings = {"pk": _("Number")}
    export_filename = "bewerbungen"
    panels = [FieldPanel("first_name")]  # required by the viewset; never shown (read-only)

    def register_chooser_viewset(self):
        """No chooser: nothing picks an application, and a chooser would list applicants."""


class VolunteersGroup(ViewSetGroup):
    menu_label = _("Freiwilliges Digitales Jahr")
    menu_icon = "group"
    menu_order = 240
    items = (ApplicationViewSet, MatchingViewSet, PlacementViewSet, HostOrganisationViewSet,
             ProgrammeYearViewSet, StartDateViewSet, EmailTemplateViewSet, *SEMINAR_VIEWSETS,
             *SERVICE_VIEWSETS)


@hooks.register(PROGRAMME_ROUTE_HOOK)
def serve_programme_routes(*, page, request, route: str, **kwargs):
    """The programme page's listing and placement pages (see ProgrammePage's routes)."""
    if route == "listing":
        return placement_views.placement_listing(request, page=page)
    if route == "placement":
        return placement_views.placement_detail(request, page=page, slug=kwargs["slug"])
    return None


@hooks.register("register_admin_viewset")
def register_volunteers_viewsets():
    return VolunteersGroup()


@hooks.register("register_admin_urls")
def register_volunteers_admin_urls():
    return [path("volunteers-actions/", (admin_views.urlpatterns, "volunteers_admin",
                                          "volunteers_admin"))]


@hooks.register("register_bulk_action")
class StartReviewBulkAction(ScopedBulkActionMixin, SnippetBulkAction):
    """Move many submitted applications to "in review" at once (each through the service)."""

    display_name = _("Start review")
    action_type = "start_review"
    aria_label = _("Move the selected applications to review")
    template_name = "volunteers/admin/bulk_start_review.html"
    action_priority = 20
    models = [Application]

    def check_perm(self, snippet):
        return self.request.user.has_perm("volunteers.change_application")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user, **kwargs):
        moved = 0
        for application in objects:
            if application.status != ApplicationStatus.SUBMITTED:
                continue
            try:
                application_transition(application=application,
                                       to_status=ApplicationStatus.IN_REVIEW, actor=user)
            except VolunteersError:
                continue
            moved += 1
        return moved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d application is now in review.",
                        "%(count)d applications are now in review.",
                        num_parent_objects) % {"count": num_parent_objects}


class ApplicationDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's snippet delete, limited to the scope. The read-only policy refuses every
    deletion; this keeps applications outside the scope from being listed by name."""

    models = [Application]


# After Wagtail's own snippet actions (higher order), so this one replaces "delete".
hooks.register("register_bulk_action", ApplicationDeleteBulkAction, order=100)


@hooks.register("construct_homepage_panels")
def add_applications_panel(request, panels):
    """Coordinators see on the admin home how many applications wait for a first review."""
    user = request.user
    if not user.has_perm("volunteers.change_application"):
        return
    waiting = applications_to_review_count(user=user)
    url = reverse(Application.snippet_viewset.get_url_name("list")) + "?status=submitted"
    panels.append(CountPanel(
        name="applications", heading=_("Freiwilliges Digitales Jahr"), order=94, items=[
            CountItem(label=_("applications waiting for review"), count=waiting, url=url,
                      link_text=_("Show the submitted applications"))]))
