"""Wagtail report views for coordinators: compliance per organisation unit (rolled up),
the overdue list, completions per month, certificates issued, and the AI-Act evidence
report with its CSV, XLSX and PDF files.

Each report shows a chart (core.charts: an SVG image with a name and a description) and
the same numbers as a table; filters are django-filter forms; CSV/XLSX come from Wagtail's
export (through core.exports: no formulas, Berlin time, a "CSV (Excel)" variant). Every
figure is limited to the coordinator's scope by the selectors.
"""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton

from certificates.selectors import certificate_titles, certificates_issued_counts
from core.charts import Series, bar_chart_svg
from core.exports import NeutralisedSpreadsheetExportMixin
from courses.assignments.models import PersonAssignment
from courses.reports.evidence import (
    CONTENT_TYPES,
    FORMATS,
    evidence_filename,
    evidence_render,
)
from courses.reports.selectors import (
    completions_per_month,
    compliance_by_unit,
    evidence_courses,
    evidence_report,
    orgunits_for_reports,
    overdue_assignments,
)
from courses.rules import ComplianceState

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


# --- filters ---------------------------------------------------------------------------


def _courses(request):
    return evidence_courses()


def _units(request):
    return orgunits_for_reports(user=request.user)


class ReportFilterSet(WagtailFilterSet):
    """Choices only: each report's selector applies them (with the scope)."""

    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=_courses, method="chosen",
        empty_label=gettext_lazy("All courses"))
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation unit"), queryset=_units, method="chosen",
        empty_label=gettext_lazy("All units in your scope"),
        help_text=gettext_lazy("Counts include every unit below the chosen one."))
    mandatory = django_filters.ChoiceFilter(
        label=gettext_lazy("Assignments"), method="chosen",
        choices=[("mandatory", gettext_lazy("Mandatory courses only"))],
        empty_label=gettext_lazy("All assigned courses"))

    class Meta:
        model = PersonAssignment
        fields = []

    def chosen(self, queryset, name, value):
        return queryset


class CompletionsFilterSet(ReportFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Completed between"), method="chosen",
        widget=DateRangePickerWidget)
    mandatory = None


class CertificatesFilterSet(WagtailFilterSet):
    title = django_filters.ChoiceFilter(
        label=gettext_lazy("Achievement"), method="chosen",
        empty_label=gettext_lazy("All achievements"))
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Issued between"), method="chosen",
        widget=DateRangePickerWidget)

    class Meta:
        model = PersonAssignment
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["title"].extra["choices"] = [
            (title, title) for title in certificate_titles(user=request.user)]

    def chosen(self, queryset, name, value):
        return queryset


class EvidenceFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=_courses, method="chosen",
        empty_label=gettext_lazy("Choose a course"))
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Authority or organisation unit"), queryset=_units,
        method="chosen", empty_label=gettext_lazy("All units in your scope"),
        help_text=gettext_lazy("The report covers the unit and every unit below it."))

    class Meta:
        model = PersonAssignment
        fields = []

    def chosen(self, queryset, name, value):
        return queryset


# --- the views -------------------------------------------------------------------------


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


class ComplianceReportView(CoordinatorReportView):
    page_title = gettext_lazy("Compliance per organisation unit")
    header_icon = "tasks"
    url_name = "compliance"
    export_filename = "compliance-einheiten"
    columns = [
        Column("indented_name", label=gettext_lazy("Organisation unit")),
        Column("total", label=gettext_lazy("Assigned")),
        Column("completed", label=gettext_lazy("Completed")),
        Column("in_progress", label=gettext_lazy("In progress")),
        Column("not_started", label=gettext_lazy("Not started")),
        Column("overdue", label=gettext_lazy("Overdue")),
        Column("expired", label=gettext_lazy("Expired")),
        Column("rate", label=gettext_lazy("Completion rate"),
               accessor=lambda row: percent(row.rate)),
    ]
    list_export = ["name", "code", "parent_name", "total", "completed", "in_progress",
                   "not_started", "overdue", "expired", "rate"]
    export_headings = {
        "name": gettext_lazy("Organisation unit"), "code": gettext_lazy("Code"),
        "parent_name": gettext_lazy("Parent unit"), "total": gettext_lazy("Assigned"),
        "completed": gettext_lazy("Completed"), "in_progress": gettext_lazy("In progress"),
        "not_started": gettext_lazy("Not started"), "overdue": gettext_lazy("Overdue"),
        "expired": gettext_lazy("Expired"), "rate": gettext_lazy("Completion rate (%)")}

    def rows(self):
        self.report = compliance_by_unit(
            user=self.request.user, course=self.choices.get("course"),
            unit=self.choices.get("unit"),
            mandatory_only=self.choices.get("mandatory") == "mandatory", today=self.today)
        return self.report.rows

    def chart_rows(self, rows):
        top_depth = min((row.depth for row in rows), default=0)
        return [row for row in rows if row.depth <= top_depth + 1][:CHART_ROWS]

    def chart(self, rows):
        shown = self.chart_rows(rows)
        if not shown:
            return None
        total = self.report.total
        return bar_chart_svg(
            chart_id="compliance-chart", title=_("Compliance per organisation unit"),
            description=_(
                "Stacked bars per unit: completed, in progress, not started, overdue and "
                "expired. Altogether %(total)s assigned, %(completed)s completed "
                "(%(rate)s), %(overdue)s overdue. The table below has every figure."
            ) % {"total": total.total, "completed": total.completed,
                 "rate": percent(total.rate), "overdue": total.overdue},
            categories=[row.name for row in shown],
            series=[Series(str(state.label), [getattr(row, state) for row in shown],
                           STATE_COLOURS[state]) for state in CS])

    def chart_note(self, rows):
        if len(self.chart_rows(rows)) < len(rows):
            return _("The chart shows the top two levels; the table lists every unit.")
        return ""


class OverdueReportView(CoordinatorReportView):
    page_title = gettext_lazy("Overdue training")
    header_icon = "warning"
    url_name = "overdue"
    export_filename = "ueberfaellig"
    paginate_by = 50
    columns = [
        Column("person", label=gettext_lazy("Person"),
               accessor=lambda row: row.user.get_full_name() or row.user.email),
        Column("unit", label=gettext_lazy("Organisation unit"),
               accessor=lambda row: row.user.home_unit.name if row.user.home_unit_id else "—"),
        Column("course", label=gettext_lazy("Course"),
               accessor=lambda row: row.course.title if row.course else row.course_title),
        Column("due_date", label=gettext_lazy("Due on"),
               accessor=lambda row: formats.date_format(row.due_date, "SHORT_DATE_FORMAT")),
        Column("days_overdue", label=gettext_lazy("Days overdue")),
    ]
    list_export = ["person", "email", "unit", "course", "due_date", "days_overdue",
                   "mandatory"]
    export_headings = {
        "person": gettext_lazy("Person"), "email": gettext_lazy("Email address"),
        "unit": gettext_lazy("Organisation unit"), "course": gettext_lazy("Course"),
        "due_date": gettext_lazy("Due on"), "days_overdue": gettext_lazy("Days overdue"),
        "mandatory": gettext_lazy("Mandatory")}

    def rows(self):
        return overdue_assignments(
            user=self.request.user, course=self.choices.get("course"),
            unit=self.choices.get("unit"),
            mandatory_only=self.choices.get("mandatory") == "mandatory", today=self.today)

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row.days_overdue = (self.today - row.due_date).days
        return object_list

    def to_row_dict(self, item):
        return {
            "person": item.user.get_full_name(), "email": item.user.email,
            "unit": item.user.home_unit.name if item.user.home_unit_id else "",
            "course": item.course.title if item.course else item.course_title,
            "due_date": item.due_date, "days_overdue": (self.today - item.due_date).days,
            "mandatory": item.mandatory}

    def chart(self, rows):
        per_course: dict[str, int] = {}
        for title in rows.values_list("course_title", flat=True):
            per_course[title] = per_course.get(title, 0) + 1
        if not per_course:
            return None
        shown = sorted(per_course.items(), key=lambda item: -item[1])[:CHART_ROWS]
        return bar_chart_svg(
            chart_id="overdue-chart", title=_("Overdue training per course"),
            description=_("Bars per course: how many people are overdue. Altogether "
                          "%(count)s overdue.") % {"count": sum(per_course.values())},
            categories=[title for title, _count in shown],
            series=[Series(_("Overdue"), [count for _title, count in shown],
                           STATE_COLOURS[CS.OVERDUE])])


class CompletionsReportView(CoordinatorReportView):
    page_title = gettext_lazy("Completions per month")
    header_icon = "date"
    url_name = "completions"
    export_filename = "abschluesse-monat"
    filterset_class = CompletionsFilterSet
    columns = [
        Column("month", label=gettext_lazy("Month"), accessor=lambda row: month_label(row.month)),
        Column("count", label=gettext_lazy("Completions")),
        Column("people", label=gettext_lazy("People")),
    ]
    list_export = ["month", "count", "people"]
    export_headings = {"month": gettext_lazy("Month"), "count": gettext_lazy("Completions"),
                       "people": gettext_lazy("People")}

    def rows(self):
        period = self.choices.get("period")
        return completions_per_month(
            user=self.request.user, course=self.choices.get("course"),
            unit=self.choices.get("unit"), since=period.start if period else None,
            until=period.stop if period else None)

    def chart(self, rows):
        if not rows:
            return None
        shown = rows[-CHART_ROWS:]
        return bar_chart_svg(
            chart_id="completions-chart", title=_("Completions per month"),
            description=_("Bars per month: how many completions were recorded. Altogether "
                          "%(count)s completions.") % {"count": sum(row.count for row in rows)},
            categories=[month_label(row.month) for row in shown],
            series=[Series(_("Completions"), [row.count for row in shown],
                           STATE_COLOURS[CS.COMPLETED])])


class CertificatesReportView(CoordinatorReportView):
    page_title = gettext_lazy("Certificates issued")
    header_icon = "doc-full-inverse"
    url_name = "certificates"
    export_filename = "zertifikate-ausgestellt"
    filterset_class = CertificatesFilterSet
    permission = CERTIFICATES_PERMISSION
    columns = [
        Column("month", label=gettext_lazy("Month"), accessor=lambda row: month_label(row.month)),
        Column("title", label=gettext_lazy("Achievement")),
        Column("count", label=gettext_lazy("Certificates")),
    ]
    list_export = ["month", "title", "count"]
    export_headings = {"month": gettext_lazy("Month"), "title": gettext_lazy("Achievement"),
                       "count": gettext_lazy("Certificates")}

    def rows(self):
        period = self.choices.get("period")
        return certificates_issued_counts(
            user=self.request.user, title=self.choices.get("title") or "",
            since=period.start if period else None, until=period.stop if period else None)

    def chart(self, rows):
        if not rows:
            return None
        per_month: dict[datetime.date, int] = {}
        for row in rows:
            per_month[row.month] = per_month.get(row.month, 0) + row.count
        months = sorted(per_month)[-CHART_ROWS:]
        return bar_chart_svg(
            chart_id="certificates-chart", title=_("Certificates issued per month"),
            description=_("Bars per month: how many certificates were issued. Altogether "
                          "%(count)s certificates.") % {"count": sum(per_month.values())},
            categories=[month_label(month) for month in months],
            series=[Series(_("Certificates"), [per_month[month] for month in months],
                           STATE_COLOURS[CS.IN_PROGRESS])])


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
