"""The reports of counts per month: completions recorded and certificates issued. Both
filter by a period and draw one bar per month."""

import datetime

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column

from certificates.selectors import certificates_issued_counts
from core.charts import Series, bar_chart_svg
from courses.reports.selectors import completions_per_month

from .base import (
    CERTIFICATES_PERMISSION,
    CHART_ROWS,
    CS,
    STATE_COLOURS,
    CoordinatorReportView,
    month_label,
)
from .filters import CertificatesFilterSet, CompletionsFilterSet


class MonthlyReportView(CoordinatorReportView):
    """A report of counts per month within the chosen period; its chart shows the last
    `CHART_ROWS` months. Concrete views name the chart's texts and colour and say how
    their rows add up per month (`counts_per_month`)."""

    chart_id = ""
    chart_title = ""
    chart_description = ""  # with %(count)s: the count over every row
    series_label = ""
    series_colour = ""

    def period(self) -> dict:
        """The chosen period as the selectors take it."""
        period = self.choices.get("period")
        return {"since": period.start if period else None,
                "until": period.stop if period else None}

    def counts_per_month(self, rows) -> dict[datetime.date, int]:
        """The rows' counts added up per month (an abstract hook)."""
        raise NotImplementedError

    def chart(self, rows):
        if not rows:
            return None
        per_month = self.counts_per_month(rows)
        months = sorted(per_month)[-CHART_ROWS:]
        return bar_chart_svg(
            chart_id=self.chart_id, title=str(self.chart_title),
            description=str(self.chart_description) % {"count": sum(per_month.values())},
            categories=[month_label(month) for month in months],
            series=[Series(str(self.series_label), [per_month[month] for month in months],
                           self.series_colour)])


class CompletionsReportView(MonthlyReportView):
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
    chart_id = "completions-chart"
    chart_title = gettext_lazy("Completions per month")
    chart_description = gettext_lazy(
        "Bars per month: how many completions were recorded. Altogether %(count)s "
        "completions.")
    series_label = gettext_lazy("Completions")
    series_colour = STATE_COLOURS[CS.COMPLETED]

    def rows(self):
        return completions_per_month(
            user=self.request.user, course=self.choices.get("course"),
            unit=self.choices.get("unit"), **self.period())

    def counts_per_month(self, rows):
        return {row.month: row.count for row in rows}  # one row per month


class CertificatesReportView(MonthlyReportView):
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
    chart_id = "certificates-chart"
    chart_title = gettext_lazy("Certificates issued per month")
    chart_description = gettext_lazy(
        "Bars per month: how many certificates were issued. Altogether %(count)s "
        "certificates.")
    series_label = gettext_lazy("Certificates")
    series_colour = STATE_COLOURS[CS.IN_PROGRESS]

    def rows(self):
        return certificates_issued_counts(
            user=self.request.user, title=self.choices.get("title") or "", **self.period())

    def counts_per_month(self, rows):
        per_month: dict[datetime.date, int] = {}
        for row in rows:
            per_month[row.month] = per_month.get(row.month, 0) + row.count
        return per_month
