"""The programme's reports in the admin's "Reports" menu (/admin/reports/volunteers/…) and
the coordinator's panel of red compliance checks on the admin home.

volunteers.wagtail_hooks imports this module (Wagtail loads only each app's own hooks).
"""

from dataclasses import dataclass

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from volunteers.reports import views
from volunteers.reports.compliance import services_compliance, services_for_compliance
from volunteers.reports.selectors import services_in_scope

PANEL_ROWS = 10
REPORTS = [
    # (URL segment and name, view, menu label, icon, order)
    ("compliance", views.ComplianceReportView, _("Volunteers: compliance"), "success", 160),
    ("funnel", views.FunnelReportView, _("Volunteers: funnel"), "list-ul", 170),
    ("landkreise", views.LandkreisReportView, _("Volunteers: placements per Landkreis"),
     "site", 180),
    ("seminars", views.SeminarAttendanceReportView, _("Volunteers: seminar attendance"),
     "group", 190),
]


def report_urlpatterns():
    patterns = [path("compliance/<int:pk>/", views.ComplianceServiceView.as_view(),
                     name="compliance_service")]
    for name, view, *_rest in REPORTS:
        patterns += [path(f"{name}/", view.as_view(), name=name),
                     path(f"{name}/results/", view.as_view(results_only=True),
                          name=f"{name}_results")]
    return patterns


@hooks.register("register_admin_urls")
def register_volunteer_report_urls():
    return [path("reports/volunteers/", (report_urlpatterns(), "volunteer_reports",
                                         "volunteer_reports"))]


class VolunteerReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_see_volunteer_reports(request.user)


def _menu_item(name, label, icon, order):
    def register():
        return VolunteerReportMenuItem(label, reverse(f"volunteer_reports:{name}"),
                                       name=f"report-volunteers-{name}", icon_name=icon,
                                       order=order)
    return register


for _name, _view, _label, _icon, _order in REPORTS:
    hooks.register("register_reports_menu_item", _menu_item(_name, _label, _icon, _order))


@dataclass(frozen=True)
class RedItem:
    name: str
    label: str
    reason: str
    url: str


class RedChecksPanel(Component):
    template_name = "volunteers/reports/red_panel.html"
    name = "volunteer-compliance"
    order = 95

    def __init__(self, *, reds: list[RedItem], total: int):
        self.reds, self.total = reds, total

    def get_context_data(self, parent_context=None):
        return {"heading": _("Volunteers: red checks"), "reds": self.reds,
                "total": self.total, "report_url": reverse("volunteer_reports:compliance")}


@hooks.register("construct_homepage_panels")
def add_red_checks_panel(request, panels):
    """Coordinators see the volunteers in service (or about to start) with a red check."""
    user = request.user
    if not views.may_see_volunteer_reports(user):
        return
    services = services_for_compliance().filter(
        pk__in=services_in_scope(user=user), status__in=["planned", "agreed", "active"])
    flagged = [row for row in services_compliance(services, today=timezone.localdate())
               if row.reds]
    reds = [RedItem(name=row.name, label=check.label, reason=check.reason,
                    url=reverse("volunteer_reports:compliance_service", args=[row.service.pk]))
            for row in flagged for check in row.reds][:PANEL_ROWS]
    panels.append(RedChecksPanel(reds=reds, total=len(flagged)))
