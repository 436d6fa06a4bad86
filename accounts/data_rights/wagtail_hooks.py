"""Admin hooks of the data rights: the deletion action on a user, the deletion screen.

Imported by accounts/wagtail_hooks.py (Wagtail reads only an app's top-level hooks).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from accounts.data_rights import admin_views
from accounts.data_rights.selectors import erasure_allowed_for


@hooks.register("register_admin_urls")
def register_data_rights_admin_urls():
    return [path("account-deletion/", include((admin_views.urlpatterns,
                                                "data_rights_admin")))]


@hooks.register("register_user_listing_buttons")
def user_listing_erase_button(user, request_user):
    if not user.is_active or not erasure_allowed_for(actor=request_user, person=user):
        return []
    return [ListingButton(_("Delete account on request …"),
                          url=reverse("data_rights_admin:erase", args=[user.pk]),
                          icon_name="bin", priority=90)]
