"""The compliance reports over assigned people: compliance per organisation unit (rolled
up) and the overdue list. Both take the same filters (course, unit, mandatory only)."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column

from core.charts import Series, bar_chart_svg
from courses.reports.selectors import compliance_by_unit, overdue_assignments

from .base import CHART_ROWS, CS, STATE_COLOURS, CoordinatorReportView, PlainColumn, percent


class AssignmentReportView(CoordinatorReportView):
    """A report over assigned people, filtered by course, unit and mandatory only."""

    def selection(self) -> dict:
        """The chosen filters as the compliance selectors take them, with the scope."""
        return {"user": self.request.user, "course": self.choices.get("course"),
                "unit": self.choices.get("unit"),
                "mandatory_only": self.choices.get("mandatory") == "mandatory",
                "today": self.today}


class ComplianceReportView(AssignmentReportView):
    page_title = gettext_lazy("Compliance per organisation unit")
    header_icon = "tasks"
    url_name = "compliance"
    export_filename = "compliance-einheiten"
    columns = [
        PlainColumn("indented_name", label=gettext_lazy("Organisation unit")),
        PlainColumn("total", label=gettext_lazy("Assigned")),
        PlainColumn("completed", label=gettext_lazy("Completed")),
        PlainColumn("in_progress", label=gettext_lazy("In progress")),
        PlainColumn("not_started", label=gettext_lazy("Not started")),
        PlainColumn("overdue", label=gettext_lazy("Overdue")),
        PlainColumn("expired", label=gettext_lazy("Expired")),
        PlainColumn("rate", label=gettext_lazy("Completion rate"),
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
        self.report = compliance_by_unit(**self.selection())
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


class OverdueReportView(AssignmentReportView):
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
        return overdue_assignments(**self.selection())

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
