"""Admin screens of the staff roster import: upload → preview → apply → progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.roles import Role
from accounts.roster.forms import RosterUploadForm
from accounts.roster.models import RosterImport
from accounts.roster.rules import COLUMNS, REQUIRED_COLUMNS, error_text
from accounts.roster.selectors import roster_imports_for
from accounts.roster.services import RosterHasErrors, roster_import_create, roster_import_queue

PERMISSION = "accounts.add_rosterimport"
RECENT = 10


class _RosterPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RosterUploadView(_RosterPermissionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = RosterUploadForm
    template_name = "accounts/roster/upload.html"
    header_icon = "upload"
    page_title = _("Staff roster import")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS, required_columns=REQUIRED_COLUMNS,
            role_names=[role.value for role in Role],
            imports=roster_imports_for(self.request.user)[:RECENT], **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        roster_import = roster_import_create(
            content=upload.read(), file_name=upload.name, actor=self.request.user,
            full=form.cleaned_data["full_roster"])
        return redirect(reverse("roster_admin:detail", args=[roster_import.pk]))


class RosterImportView(_RosterPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """The preview of one upload (with the apply button), later its progress and result."""

    template_name = "accounts/roster/detail.html"
    header_icon = "upload"
    page_title = _("Staff roster import")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.roster_import = get_object_or_404(roster_imports_for(request.user),
                                               pk=kwargs["import_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.roster_import.file_name

    def get_context_data(self, **kwargs):
        roster_import = self.roster_import
        preview = roster_import.preview or {}
        return super().get_context_data(
            roster_import=roster_import, preview=preview,
            error_texts=[error_text(item) for item in roster_import.errors],
            in_progress=roster_import.state in (RosterImport.State.QUEUED,
                                                RosterImport.State.RUNNING),
            **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            roster_import_queue(roster_import_id=self.roster_import.pk, actor=request.user)
        except RosterHasErrors as failure:
            messages.error(request, str(failure.message))
        return redirect(reverse("roster_admin:detail", args=[self.roster_import.pk]))


urlpatterns = [
    path("", RosterUploadView.as_view(), name="upload"),
    path("<int:import_id>/", RosterImportView.as_view(), name="detail"),
]
