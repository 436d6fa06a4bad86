"""Admin hooks of the staff roster import: its screens and a menu entry.

Imported by accounts/wagtail_hooks.py (Wagtail reads only an app's top-level hooks).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roster import admin_views


class RosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_roster_admin_urls():
    return [path("staff-roster/", include((admin_views.urlpatterns, "roster_admin")))]


@hooks.register("register_admin_menu_item")
def register_roster_menu_item():
    return RosterMenuItem(_("Staff roster import"), reverse("roster_admin:upload"),
                          name="staff-roster", icon_name="upload", order=310)
