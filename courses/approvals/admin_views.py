"""Admin screen for coordinators: approval requests the coordination team decides.

Listed are pending requests that were escalated (their supervisor did not answer within
APPROVAL_ESCALATION_DAYS days) or that have no supervisor, for learners within the
coordinator's scope; never the coordinator's own. Each is approved or refused (with a
reason) right in the list. Coordinators and superusers only
(`courses.decide_approvalrequest`).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.approvals.selectors import is_approval_coordinator, requests_for_coordinator
from courses.approvals.views import decision_handle


class ApprovalListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/approvals/admin_index.html"
    header_icon = "tick"
    page_title = _("Approval requests")

    def dispatch(self, request, *args, **kwargs):
        if not is_approval_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["escalation_days"] = settings.APPROVAL_ESCALATION_DAYS
        context["approval_requests"] = list(
            requests_for_coordinator(user=self.request.user).order_by("created_at", "pk"))
        return context


@require_POST
def decide(request, request_id: int):
    if not is_approval_coordinator(request.user):
        raise PermissionDenied
    return decision_handle(request, request_id, back="approvals_admin:index")


urlpatterns = [
    path("", ApprovalListView.as_view(), name="index"),
    path("<int:request_id>/entscheiden/", decide, name="decide"),
]
