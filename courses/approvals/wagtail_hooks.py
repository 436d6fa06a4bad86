"""Admin wiring of approvals: the coordinators' list under /admin/freigaben/."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.approvals import admin_views
from courses.approvals.selectors import is_approval_coordinator


@hooks.register("register_admin_urls")
def register_approval_admin_urls():
    return [path("freigaben/", (admin_views.urlpatterns, "approvals_admin", "approvals_admin"))]


class ApprovalMenuItem(MenuItem):
    def is_shown(self, request):
        return is_approval_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_approval_menu_item():
    return ApprovalMenuItem(_("Approval requests"), reverse("approvals_admin:index"),
                            name="approvals", icon_name="tick", order=215)
