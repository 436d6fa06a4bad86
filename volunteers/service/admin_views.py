"""Coordinator screens of the service year in the Wagtail admin: the services of a
programme year with the accepted offers still to plan, planning a service, and a service's
page with its agreement and every action of the period (generate the agreement, sign as
Träger, record a signed scan, start, extend, interrupt, end, end early, leave and sick
days). Thin: each action calls one service; a domain error becomes a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from volunteers.exceptions import VolunteersError
from volunteers.models import Application, ApplicationStatus, ProgrammeYear, Service
from volunteers.selectors import applications_in_scope
from volunteers.service import rules
from volunteers.service.agreement_services import agreement_generate
from volunteers.service.forms import (
    AbsenceForm,
    ExtendForm,
    InterruptionForm,
    ServicePlanForm,
    TerminateForm,
)
from volunteers.service.scope import services_in_scope
from volunteers.service.selectors import (
    service_leave_balance,
    service_pocket_money_cap,
    service_terms,
)
from volunteers.service.services import (
    absence_record,
    interruption_record,
    service_create,
    service_end,
    service_extend,
    service_start,
    service_terminate,
)
from volunteers.service.views import agreement_state, signature_from_post


class _ServiceAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"
    permission = "volunteers.view_service"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("service_admin:index"), "label": _("Services")},
                {"url": "", "label": self.get_header_title()}]


class ServiceIndexView(_ServiceAdminMixin, TemplateView):
    template_name = "volunteers/service/admin/index.html"
    page_title = gettext_lazy("Services")

    def get_context_data(self, **kwargs):
        years = ProgrammeYear.objects.all()
        year = years.filter(pk=self.request.GET.get("year") or 0).first() or years.first()
        services = (services_in_scope(user=self.request.user)
                    .filter(programme_year=year)
                    .select_related("application", "placement__host")
                    .order_by("start_date", "application__last_name"))
        to_plan = (applications_in_scope(user=self.request.user)
                   .filter(programme_year=year, status=ApplicationStatus.ACCEPTED,
                           service__isnull=True).select_related("placement__host"))
        return super().get_context_data(years=years, year=year, services=services,
                                         to_plan=to_plan, **kwargs)


class ServicePlanView(_ServiceAdminMixin, TemplateView):
    template_name = "volunteers/service/admin/plan.html"
    page_title = gettext_lazy("Plan the service")
    permission = "volunteers.add_service"

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission):  # else the mixin refuses (403)
            self.application = get_object_or_404(applications_in_scope(
                user=request.user, applications=Application.objects.filter(
                    status=ApplicationStatus.ACCEPTED, service__isnull=True)),
                pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.application)

    def _initial(self) -> dict:
        application, year = self.application, self.application.programme_year
        return {"start_date": application.start_date.date if application.start_date else None,
                "months": year.default_duration_months, "part_time": application.part_time,
                "weekly_hours": application.weekly_hours
                or rules.config().full_time_weekly_hours,
                "leave_days_agreed": service_terms(programme_year=year).default_leave_days}

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            application=self.application, form=form or ServicePlanForm(initial=self._initial()),
            **kwargs)

    def post(self, request, *args, **kwargs):
        form = ServicePlanForm(request.POST)
        if form.is_valid():
            try:
                service = service_create(application=self.application, actor=request.user,
                                         **form.cleaned_data)
            except VolunteersError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, str(_("The service has been planned.")))
                return redirect("service_admin:service", pk=service.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ServiceDetailView(_ServiceAdminMixin, TemplateView):
    template_name = "volunteers/service/admin/service.html"
    page_title = gettext_lazy("Service")
    actions = ("generate", "sign", "start", "extend", "terminate", "end", "interruption",
               "absence")

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission):  # else the mixin refuses (403)
            self.service = get_object_or_404(services_in_scope(
                user=request.user).select_related(
                "application", "placement__host", "programme_year", "certificate"),
                pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.service)

    def get_context_data(self, forms=None, **kwargs):
        service = self.service
        forms = forms or {}
        return super().get_context_data(
            service=service, balance=service_leave_balance(service=service),
            cap=service_pocket_money_cap(service=service),
            agreements=service.agreements.prefetch_related("signatures"),
            events=service.events.select_related("actor"),
            interruptions=service.interruptions.all(), absences=service.absences.all(),
            extend_form=forms.get("extend") or ExtendForm(),
            terminate_form=forms.get("terminate") or TerminateForm(),
            interruption_form=forms.get("interruption") or InterruptionForm(),
            absence_form=forms.get("absence") or AbsenceForm(),
            **agreement_state(service=service, user=self.request.user), **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteers.change_service"):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in self.actions:
            messages.error(request, str(_("Please choose an action.")))
            return redirect("service_admin:service", pk=self.service.pk)
        if action == "sign":
            signature_from_post(request, self.service)
            return redirect("service_admin:service", pk=self.service.pk)
        form_class = {"extend": ExtendForm, "terminate": TerminateForm,
                      "interruption": InterruptionForm, "absence": AbsenceForm}.get(action)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, str(_("Please check your input.")))
            return self.render_to_response(self.get_context_data(forms={action: form}),
                                           status=400)
        data = form.cleaned_data if form is not None else {}
        service, actor = self.service, request.user
        calls = {
            "generate": lambda: agreement_generate(service=service, actor=actor),
            "start": lambda: service_start(service=service, actor=actor),
            "end": lambda: service_end(service=service, actor=actor),
            "extend": lambda: service_extend(service=service, actor=actor, **data),
            "terminate": lambda: service_terminate(service=service, actor=actor, **data),
            "interruption": lambda: interruption_record(service=service, actor=actor, **data),
            "absence": lambda: absence_record(service=service, actor=actor, **data),
        }
        try:
            calls[action]()
        except VolunteersError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, str(_("Done: the service has been updated.")))
        return redirect("service_admin:service", pk=service.pk)


class ServiceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("volunteers.view_service")


class ServiceViewSet(ViewSet):
    """The service screens, in the programme's admin menu group."""

    name = "service_admin"
    url_prefix = "volunteer-service"
    icon = "doc-full"
    menu_label = gettext_lazy("Services")
    menu_item_class = ServiceMenuItem

    def get_urlpatterns(self):
        return [path("", ServiceIndexView.as_view(), name="index"),
                path("plan/<int:pk>/", ServicePlanView.as_view(), name="plan"),
                path("<int:pk>/", ServiceDetailView.as_view(), name="service")]

    @property
    def url_namespace(self):
        return "service_admin"


def service_admin_url(service: Service) -> str:
    return reverse("service_admin:service", args=[service.pk])
