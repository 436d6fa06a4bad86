"""Admin hooks of the second factor: the reset action on a user, the reset screen.

Imported by accounts/wagtail_hooks.py (Wagtail reads only an app's top-level hooks).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from accounts.two_factor import admin_views
from accounts.two_factor.services import can_reset


@hooks.register("register_admin_urls")
def register_two_factor_admin_urls():
    return [path("two-factor-reset/", include((admin_views.urlpatterns, "two_factor_admin")))]


@hooks.register("register_user_listing_buttons")
def user_listing_two_factor_reset_button(user, request_user):
    if not can_reset(request_user, user):
        return []
    return [ListingButton(_("Reset two-factor authentication …"),
                          url=reverse("two_factor_admin:reset", args=[user.pk]),
                          icon_name="key", priority=85)]
