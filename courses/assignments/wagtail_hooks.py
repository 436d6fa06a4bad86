"""Admin wiring of assignments: /admin/assignments/ and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.assignments import admin_views


@hooks.register("register_admin_urls")
def register_assignment_admin_urls():
    return [path("assignments/", (admin_views.urlpatterns, "assignments_admin",
                                  "assignments_admin"))]


class AssignmentMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_assignment_menu_item():
    return AssignmentMenuItem(_("Assignments"), reverse("assignments_admin:index"),
                              name="assignments", icon_name="group", order=205)
