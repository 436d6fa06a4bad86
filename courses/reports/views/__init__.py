"""Wagtail report views for coordinators: compliance per organisation unit (rolled up),
the overdue list, completions per month, certificates issued, and the AI-Act evidence
report with its CSV, XLSX and PDF files.

Each report shows a chart (core.charts: an SVG image with a name and a description) and
the same numbers as a table; filters are django-filter forms; CSV/XLSX come from Wagtail's
export (through core.exports: no formulas, Berlin time, a "CSV (Excel)" variant). Every
figure is limited to the coordinator's scope by the selectors.

The modules: `base` (the shared view, permissions, number formats), `filters`,
`compliance` (compliance per unit and the overdue list), `monthly` (completions and
certificates per month), `evidence`. Every name is importable from here.
"""

from .base import (
    CERTIFICATES_PERMISSION,
    CHART_ROWS,
    REPORTS_PERMISSION,
    STATE_COLOURS,
    CoordinatorReportView,
    may_see_reports,
    month_label,
    percent,
)
from .compliance import ComplianceReportView, OverdueReportView
from .evidence import EvidenceReportView
from .filters import (
    CertificatesFilterSet,
    CompletionsFilterSet,
    EvidenceFilterSet,
    ReportFilterSet,
)
from .monthly import CertificatesReportView, CompletionsReportView, MonthlyReportView

__all__ = [
    "CERTIFICATES_PERMISSION",
    "CHART_ROWS",
    "REPORTS_PERMISSION",
    "STATE_COLOURS",
    "CertificatesFilterSet",
    "CertificatesReportView",
    "ComplianceReportView",
    "CompletionsFilterSet",
    "CompletionsReportView",
    "CoordinatorReportView",
    "EvidenceFilterSet",
    "EvidenceReportView",
    "MonthlyReportView",
    "OverdueReportView",
    "ReportFilterSet",
    "may_see_reports",
    "month_label",
    "percent",
]
