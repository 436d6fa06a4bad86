"""Admin screens of assignments under /admin/assignments/: the list, the form to assign a
course (to a person, a unit with or without its sub-units, or a role) and each
assignment's page with the fan-out job's progress, the people's states and "withdraw".

Coordinators (`courses.add_assignment`) and superusers; a coordinator sees and assigns only
within their scope.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.errors import DomainError
from courses.assignments.forms import AssignmentForm
from courses.assignments.models import JobState
from courses.assignments.selectors import assignments_visible, compliance_state_expression
from courses.assignments.services import assignment_create, assignment_end
from courses.rules import ComplianceState

PERMISSION = "courses.add_assignment"


class AssignmentPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AssignmentIndexView(AssignmentPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/assignments/admin/index.html"
    header_icon = "group"
    page_title = _("Assignments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = assignments_visible(user=self.request.user)
        if self.request.GET.get("ended") != "1":
            rows = rows.filter(ended_at__isnull=True)
        context["page_obj"] = Paginator(rows, 50).get_page(self.request.GET.get("p"))
        context["show_ended"] = self.request.GET.get("ended") == "1"
        return context


class AssignmentCreateView(AssignmentPermissionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = AssignmentForm
    template_name = "courses/assignments/admin/create.html"
    header_icon = "group"
    page_title = _("Assign a course")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("assignments_admin:index"), "label": _("Assignments")},
                {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            assignment, created = assignment_create(actor=self.request.user,
                                                    **form.service_kwargs())
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, str(_(
                "The course has been assigned. The people it reaches are being added now.")))
        else:
            messages.info(self.request, str(_(
                "This course is already assigned to this target; nothing was changed.")))
        return redirect(reverse("assignments_admin:detail", args=[assignment.pk]))


class AssignmentDetailView(AssignmentPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/assignments/admin/detail.html"
    header_icon = "group"

    def get_assignment(self):
        assignment = assignments_visible(user=self.request.user).filter(
            pk=self.kwargs["pk"]).first()
        if assignment is None:
            raise Http404
        return assignment

    def get_page_title(self):
        return _("Assignment: %(course)s") % {"course": self.assignment.course_title}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("assignments_admin:index"), "label": _("Assignments")},
                {"url": "", "label": self.assignment.course_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.assignment = self.get_assignment()
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "end":
            if self.assignment.ended_at is None:
                ended = assignment_end(assignment=self.assignment, actor=request.user)
                messages.success(request, str(_(
                    "The assignment has been withdrawn. %(count)s people are no longer "
                    "assigned the course; their history is kept.") % {"count": ended}))
            else:
                messages.info(request, str(_("This assignment had already been withdrawn.")))
        return redirect(reverse("assignments_admin:detail", args=[self.assignment.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        counts = dict(assignment.person_assignments.filter(ended_at__isnull=True)
                      .annotate(state=compliance_state_expression())
                      .values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
        context.update({
            "assignment": assignment,
            "running": assignment.ended_at is None
            and assignment.job_state in (JobState.QUEUED, JobState.RUNNING),
            "states": [(label, counts.get(value, 0))
                       for value, label in ComplianceState.choices],
        })
        return context


urlpatterns = [
    path("", AssignmentIndexView.as_view(), name="index"),
    path("new/", AssignmentCreateView.as_view(), name="add"),
    path("<int:pk>/", AssignmentDetailView.as_view(), name="detail"),
]
