"""An administrator resets another person's second factor (they enrol again)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import User
from accounts.two_factor.services import can_reset, devices_reset, has_devices


class TwoFactorResetView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/two_factor/admin/reset.html"
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        if not can_reset(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Reset two-factor authentication")

    def get_page_subtitle(self):
        return str(self.person)

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person,
                                        enrolled=has_devices(self.person), **kwargs)

    def post(self, request, *args, **kwargs):
        devices_reset(actor=request.user, person=self.person)
        messages.success(request, str(_("Two-factor authentication of %(name)s was reset. They "
                                    "set it up again at their next admin login.")
                         % {"name": self.person.get_display_name()}))
        return redirect(reverse("wagtailusers_users:index"))


urlpatterns = [path("<int:pk>/", TwoFactorResetView.as_view(), name="reset")]
