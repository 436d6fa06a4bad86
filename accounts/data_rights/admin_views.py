"""The coordinator's deletion of a person's account on their request (e.g. by letter)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.data_rights.forms import CoordinatorErasureForm
from accounts.data_rights.models import AccountErasure
from accounts.data_rights.registry import data_rights_kept_preview
from accounts.data_rights.selectors import erasure_allowed_for
from accounts.data_rights.services import ErasureRefused, account_erase
from accounts.models import User


class AccountEraseView(WagtailAdminTemplateMixin, FormView):
    form_class = CoordinatorErasureForm
    template_name = "accounts/data_rights/admin/erase.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(User, pk=kwargs["pk"], is_active=True)
        if not erasure_allowed_for(actor=request.user, person=self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Delete account on request")

    def get_page_subtitle(self):
        return str(self.person)

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person,
                                        kept=data_rights_kept_preview(self.person), **kwargs)

    def form_valid(self, form):
        try:
            account_erase(user=self.person, actor=self.request.user,
                          via=AccountErasure.Via.COORDINATOR,
                          reason=form.cleaned_data["reason"])
        except ErasureRefused as error:
            messages.error(self.request, str(error.message))
        else:
            messages.success(self.request, str(_("The account has been deleted. Certificates "
                                             "stay verifiable.")))
        return redirect(reverse("wagtailusers_users:index"))


urlpatterns = [path("<int:pk>/", AccountEraseView.as_view(), name="erase")]
