"""Coordinator screens in the Wagtail admin: an application's detail with its history,
preferences, documents and notes, and the form that moves it through the workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from volunteers.applications.services import application_note_add
from volunteers.applications.transitions import application_transition
from volunteers.exceptions import VolunteersError
from volunteers.forms import NoteForm, TransitionForm
from volunteers.models import Application, ApplicationStatus
from volunteers.selectors import applications_in_scope, offer_has_host_verdict
from volunteers.workflow import coordinator_targets


def coordinator_choices(application: Application) -> list[str]:
    return coordinator_targets(application.status)


class ApplicationDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "volunteers/admin/application_detail.html"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteers.view_application"):
            raise PermissionDenied
        # Outside the coordinator's scope an application does not exist (404).
        self.application = get_object_or_404(applications_in_scope(
            user=request.user, applications=Application.objects.select_related(
                "applicant", "programme_year", "placement", "start_date")), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Application")

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        # Without items of its own, the slim header showed only "Home" as its heading.
        return [*self.breadcrumbs_items,
                {"url": reverse("wagtailsnippets_volunteers_application:list"),
                 "label": _("Applications")},
                {"url": "", "label": self.get_header_title()}]

    def get_context_data(self, **kwargs):
        application = self.application
        choices = coordinator_choices(application)
        return super().get_context_data(
            application=application,
            events=application.events.select_related("actor", "placement"),
            preferences=application.preferences.select_related("placement__host",
                                                               "verdict_by"),
            documents=application.documents.all(),
            notes=application.notes.select_related("author"),
            transition_form=TransitionForm(application=application, choices=choices)
            if choices else None,
            note_form=NoteForm(), **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteers.change_application"):
            raise PermissionDenied
        application = self.application
        if "text" in request.POST:
            form = NoteForm(request.POST)
            if form.is_valid():
                application_note_add(application=application, actor=request.user,
                                     text=form.cleaned_data["text"])
                messages.success(request, str(_("The note has been added.")))
        else:
            form = TransitionForm(request.POST, application=application,
                                  choices=coordinator_choices(application))
            if form.is_valid():
                try:
                    application_transition(
                        application=application, to_status=form.cleaned_data["to_status"],
                        actor=request.user, reason=form.cleaned_data["reason"],
                        placement=form.cleaned_data["placement"])
                except VolunteersError as error:
                    messages.error(request, str(error.message))
                else:
                    messages.success(request, str(_("The status has been changed.")))
                    if form.cleaned_data["to_status"] == ApplicationStatus.OFFERED:
                        self._warn_without_verdict(application)
            else:
                messages.error(request, str(_("Please choose a new status.")))
        return redirect(reverse("volunteers_admin:application", args=[application.pk]))

    def _warn_without_verdict(self, application: Application) -> None:
        """An offer is allowed without the host's verdict, but the coordinator is told."""
        application.refresh_from_db(fields=["placement"])
        if not offer_has_host_verdict(application):
            messages.warning(self.request, str(_(
                "The offer was made without a verdict of the host organisation on this "
                "placement.")))


urlpatterns = [
    path("application/<int:pk>/", ApplicationDetailView.as_view(), name="application"),
]
