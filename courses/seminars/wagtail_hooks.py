"""Seminar sessions in Wagtail: the course page's dates route, the coordinators' session
screens (create, edit, move, cancel with a reason) and the course page's context."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.pagecache import page_data
from courses.catalogue.models import COURSE_ROUTE_HOOK, PAGE_CONTEXT_HOOK, CoursePage
from courses.seminars import views
from courses.seminars.admin_views import session_viewset
from courses.seminars.models import Session
from courses.seminars.selectors import course_has_sessions

# An explicit policy (model permissions, granted to the coordination in courses/roles.py),
# never Wagtail's fallback.
register_permission_policy(Session, ModelPermissionPolicy(Session), exact_class=True)


@hooks.register(COURSE_ROUTE_HOOK)
def serve_course_routes(*, page, request, route: str, **kwargs):
    """/kurse/<course>/termine/ (see CoursePage.sessions_route)."""
    if route == "sessions":
        return views.sessions_page(request, page=page)
    return None


@hooks.register(PAGE_CONTEXT_HOOK)
def course_sessions_context(*, page, request) -> dict:
    """Whether the course page links its dates."""
    if isinstance(page, CoursePage):
        return {"has_sessions": page_data("course-has-sessions", page.pk,
                                          build=lambda: course_has_sessions(course=page))}
    return {}


@hooks.register("register_admin_viewset")
def register_session_viewset():
    return session_viewset
