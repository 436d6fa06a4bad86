"""Admin screens of the courses app.

Enrolments are seen only by roles with `courses.view_enrolment`, and only for learners
whose home unit lies within the coordinator's scope.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.permissions import (
    AuditedModelIndexView,
    CheckedSnippetViewSet,
    ScopedModelPermissionPolicy,
    ScopedViewSetMixin,
)
from accounts.selectors import person_in_scope_q

# Importing them registers the approval requests' admin list and the mail text snippets.
from courses.approvals import wagtail_hooks as approvals_wagtail_hooks  # noqa: F401
from courses.catalogue.models import (
    PAGE_CONTEXT_HOOK,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    LessonPage,
)
from courses.catalogue.selectors import catalogue_page
from courses.learning import admin_views as learning_admin_views
from courses.learning.models import Enrolment
from courses.learning.selectors import course_page_context
from courses.learning.views import lesson_serve
from courses.reminders import wagtail_hooks as reminders_wagtail_hooks  # noqa: F401

register_permission_policy(CourseTopic, ModelPermissionPolicy(CourseTopic), exact_class=True)
register_permission_policy(Enrolment, ScopedModelPermissionPolicy(
    Enrolment, scope=lambda user, queryset: queryset.filter(
        person_in_scope_q(user=user, field="learner"))), exact_class=True)


class CourseTopicViewSet(CheckedSnippetViewSet):
    model = CourseTopic
    icon = "tag"
    menu_label = _("Course topics")
    list_display = ["name", "name_en", "slug"]


class EnrolmentIndexView(AuditedModelIndexView):
    """Coordinators enrol people by assigning a course: the list's button leads there."""

    add_item_label = _("Assign a course")

    def get_add_url(self):
        if self.request.user.has_perm("courses.add_assignment"):
            return reverse("assignments_admin:add")
        return None


def enrolment_add_redirect(request):
    """/admin/enrolments/new/: enrolling someone is assigning them the course."""
    if not request.user.has_perm("courses.add_assignment"):
        raise PermissionDenied
    return redirect("assignments_admin:add")


class EnrolmentViewSet(ScopedViewSetMixin, ModelViewSet):
    """Coordinators see who is enrolled where, with status, due date and completed version."""

    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = EnrolmentIndexView
    list_display = ["learner", "course_title", "status", "due_date", "completed_at",
                    "completed_version"]
    list_filter = ["status", "source", "course"]
    search_fields = ["course_title", "learner.email", "learner__last_name"]
    list_export = ["learner", "learner.email", "course_title", "get_status_display",
                   "get_source_display", "due_date", "enrolled_at", "completed_at",
                   "completed_version"]
    export_headings = {"learner.email": _("Email address"),
                       "get_status_display": _("Status"), "get_source_display": _("Source")}
    export_filename = "einschreibungen"
    inspect_view_enabled = True
    copy_view_enabled = False
    # Status changes go through courses.services (state machine with history), never a form.
    form_fields = ["due_date"]

    @property
    def add_view(self):
        return enrolment_add_redirect


register_snippet(CourseTopicViewSet)
enrolment_viewset = EnrolmentViewSet("enrolments")

@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return enrolment_viewset

@hooks.register("register_admin_urls")
def register_courses_admin_urls():
    return [path("courses-actions/", (learning_admin_views.urlpatterns, "courses_admin",
                                       "courses_admin"))]


@hooks.register(PAGE_CONTEXT_HOOK)
def catalogue_and_course_context(*, page, request) -> dict:
    """The catalogue's filtered cards and a course's outline for the learner."""
    if isinstance(page, CourseIndexPage):
        return catalogue_page(index=page, params=request.GET, user=request.user)
    if isinstance(page, CoursePage):
        return course_page_context(course=page, user=request.user,
                                   preview=getattr(request, "is_preview", False))
    return {}


# order=1: runs inside Wagtail's own view-restriction check (order 0), as page.serve did.
@hooks.register("on_serve_page", order=1)
def serve_lessons_to_enrolled_learners(next_serve):
    """Lessons are only for enrolled learners; the page model stays free of views."""

    def serve(page, request, serve_args, serve_kwargs):
        if not isinstance(page, LessonPage):
            return next_serve(page, request, serve_args, serve_kwargs)
        return lesson_serve(request, lesson=page, page_serve=lambda request: next_serve(
            page, request, serve_args, serve_kwargs))

    return serve


# The assignment screens live with the assignments; importing them registers them.
from courses.assignments import wagtail_hooks as assignments_wagtail_hooks  # noqa: E402, F401

# The H5P screens live with the H5P code; importing them registers them.
from courses.h5p import wagtail_hooks as h5p_wagtail_hooks  # noqa: E402, F401

# The training reports and the coordinator's home panel live with the reports.
from courses.reports import wagtail_hooks as reports_wagtail_hooks  # noqa: E402, F401

# The seminar sessions: the coordinators' screens and the course page's dates route.
from courses.seminars import wagtail_hooks as seminars_wagtail_hooks  # noqa: E402, F401

# Seminar attendance: the occupancy report in the Reports menu.
from courses.seminars.attendance import wagtail_hooks as attendance_hooks  # noqa: E402, F401
