"""What every coordinator report shares: the permissions, the number formats, the chart
colours, and the view over selector rows with its chart."""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from core.exports import NeutralisedSpreadsheetExportMixin
from courses.assignments.models import PersonAssignment
from courses.rules import ComplianceState

from .filters import ReportFilterSet

REPORTS_PERMISSION = "courses.view_personassignment"
CERTIFICATES_PERMISSION = "certificates.view_certificate"
CHART_ROWS = 30  # a chart longer than this is unreadable; the table has every row
CS = ComplianceState
# Fills per state: green done, blue started, grey not started, red overdue, brown expired.
STATE_COLOURS = {CS.COMPLETED: "#1b6e3c", CS.IN_PROGRESS: "#1f5fa8",
                 CS.NOT_STARTED: "#6b6b6b", CS.OVERDUE: "#b3261e", CS.EXPIRED: "#8a4b00"}


def may_see_reports(user) -> bool:
    return user.is_active and user.has_perm(REPORTS_PERMISSION)


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "F Y")


def percent(value: float) -> str:
    return formats.number_format(value, 1) + " %"


class PlainColumn(Column):
    """A table column whose cells are written here, with the value Wagtail's Column gives,
    rather than through a template each (a report page has up to 800 cells)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        classes = format_html(' class="{}"', self.classname) if self.classname else ""
        return format_html("<td{}>{}</td>", classes, "" if value is None else value)


class CoordinatorReportView(NeutralisedSpreadsheetExportMixin, ReportView):
    """A report over selector rows (lists of small objects) rather than a model listing."""

    results_template_name = "courses/reports/report_results.html"
    filterset_class = ReportFilterSet
    paginate_by = 100
    permission = REPORTS_PERMISSION
    url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not (may_see_reports(request.user) and request.user.has_perm(self.permission)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_index_url(self):
        return reverse(f"course_reports:{self.url_name}")

    def get_index_results_url(self):
        return reverse(f"course_reports:{self.url_name}_results")

    def get_queryset(self):
        return PersonAssignment.objects.none()  # the filter form needs a model; rows below

    @cached_property
    def choices(self) -> dict:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def get_filtered_queryset(self):
        return self.rows()

    def rows(self) -> list:
        """Each report's rows; every concrete report view defines it (an abstract hook)."""
        raise NotImplementedError

    def chart(self, rows):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = self.chart(self.object_list)
        context["chart_note"] = self.chart_note(self.object_list)
        return context

    def chart_note(self, rows) -> str:
        return ""
