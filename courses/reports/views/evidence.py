"""The AI-Act evidence report: who of an authority completed which content version of a
course, with the report as CSV, XLSX and PDF files."""

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton

from core.charts import Series, bar_chart_svg
from courses.reports.evidence import CONTENT_TYPES, FORMATS, evidence_filename, evidence_render
from courses.reports.selectors import evidence_report

from .base import CS, STATE_COLOURS, CoordinatorReportView, percent
from .filters import EvidenceFilterSet


class EvidenceReportView(CoordinatorReportView):
    """Choose a course and an authority; the page lists everyone assigned with their state
    and completed content version, and offers the report as CSV, XLSX and PDF."""

    page_title = gettext_lazy("Evidence of training (AI Act)")
    header_icon = "doc-full"
    url_name = "evidence"
    filterset_class = EvidenceFilterSet
    results_template_name = "courses/reports/evidence_results.html"
    paginate_by = 100
    list_export = []  # the files are the evidence report's own (CSV, XLSX, PDF)
    columns = [
        Column("person_name", label=gettext_lazy("Name")),
        Column("unit_name", label=gettext_lazy("Organisation unit")),
        Column("state", label=gettext_lazy("Status"),
               accessor=lambda row: CS(row.state).label),
        Column("due_date", label=gettext_lazy("Due on"),
               accessor=lambda row: formats.date_format(row.due_date, "SHORT_DATE_FORMAT")
               if row.due_date else "—"),
        Column("completed_at", label=gettext_lazy("Completed at"),
               accessor=lambda row: formats.date_format(
                   timezone.localtime(row.completed_at), "SHORT_DATE_FORMAT")
               if row.completed_at else "—"),
        Column("completed_version", label=gettext_lazy("Content version"),
               accessor=lambda row: row.completed_version or "—" if row.completed_at else "—"),
        Column("valid_until", label=gettext_lazy("Valid until"),
               accessor=lambda row: formats.date_format(row.valid_until, "SHORT_DATE_FORMAT")
               if row.valid_until and row.completed_at else "—"),
    ]

    @cached_property
    def report(self):
        course = self.choices.get("course")
        if course is None:
            return None
        return evidence_report(course=course, unit=self.choices.get("unit"),
                               user=self.request.user, today=self.today)

    def rows(self):
        return self.report.rows if self.report else []

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in FORMATS and self.report is not None:
            response = HttpResponse(evidence_render(self.report, export_format),
                                    content_type=CONTENT_TYPES[export_format])
            response["Content-Disposition"] = (
                f'attachment; filename="{evidence_filename(self.report, export_format)}"')
            return response
        self.is_export = False  # nothing to export before a course is chosen
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.report is not None:
            for priority, (export_format, label) in enumerate((
                    ("pdf", _("Download PDF")), ("xlsx", _("Download XLSX")),
                    ("csv", _("Download CSV")))):
                buttons.append(HeaderButton(label, url=self.get_export_url(export_format),
                                            icon_name="download", priority=priority))
        return buttons

    def chart(self, rows):
        if self.report is None or not rows:
            return None
        counts = self.report.counts
        states = list(CS)
        return bar_chart_svg(
            chart_id="evidence-chart", title=_("State of the people assigned"),
            description=_("One bar per state. %(completed)s of %(total)s completed "
                          "(%(rate)s).") % {"completed": counts.completed,
                                            "total": counts.total, "rate": percent(counts.rate)},
            categories=[str(state.label) for state in states],
            series=[Series(_("People"), [getattr(counts, state) for state in states],
                           STATE_COLOURS[CS.IN_PROGRESS])])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context
