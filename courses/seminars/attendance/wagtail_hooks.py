"""The seminar occupancy report in the admin's "Reports" menu (/admin/reports/seminars/)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.seminars.attendance.report_views import OccupancyReportView, may_see_occupancy


@hooks.register("register_admin_urls")
def register_occupancy_urls():
    patterns = [
        path("occupancy/", OccupancyReportView.as_view(), name="occupancy"),
        path("occupancy/results/", OccupancyReportView.as_view(results_only=True),
             name="occupancy_results"),
    ]
    return [path("reports/seminars/", (patterns, "seminar_reports", "seminar_reports"))]


class OccupancyMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_occupancy(request.user)


@hooks.register("register_reports_menu_item")
def register_occupancy_menu_item():
    return OccupancyMenuItem(_("Seminar occupancy"), reverse("seminar_reports:occupancy"),
                             name="report-seminar-occupancy", icon_name="group", order=150)
