"""The programme's reports in the admin's "Reports" menu: compliance at a glance per
programme year (and per volunteer), the funnel, placements filled per Landkreis (a tile map
with the same numbers as a table) and seminar attendance.

CSV/XLSX through the audited export (accounts.permissions.AuditedExportMixin: no formulas,
Berlin time, a "CSV (Excel)" variant, each export in the audit log). Every figure is
limited to the coordinator's scope by the selectors.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from accounts.audit import EXPORT, audit_log
from accounts.permissions import AuditedExportMixin
from core.charts import Series, bar_chart_svg
from volunteers.models import Application, Landkreis
from volunteers.reports.compliance import (
    CHECKS,
    services_compliance,
    services_for_compliance,
)
from volunteers.reports.landkreis_map import landkreis_map_svg
from volunteers.reports.selectors import (
    funnel,
    placements_per_landkreis,
    programme_years_for,
    seminar_attendance,
    services_in_scope,
)
from volunteers.seminar_days.rules import Signal
from volunteers.seminar_days.selectors import seminar_states

REPORT_PERMISSION = "volunteers.view_application"
FUNNEL_LABELS = {
    "applications": gettext_lazy("Applications"), "offers": gettext_lazy("Offers"),
    "agreements": gettext_lazy("Agreements signed"), "started": gettext_lazy("Started service"),
    "completed": gettext_lazy("Completed service")}


def may_see_volunteer_reports(user) -> bool:
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def percent(value: float) -> str:
    return formats.number_format(value, 1) + " %"


def _years(request):
    return programme_years_for(user=request.user)


class YearFilterSet(WagtailFilterSet):
    programme_year = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Programme year"), queryset=_years, method="chosen",
        empty_label=gettext_lazy("The newest programme year with volunteers"))

    class Meta:
        model = Application
        fields = []

    def chosen(self, queryset, name, value):
        return queryset


class SignalColumn(Column):
    cell_template_name = "volunteers/reports/signal_cell.html"


class VolunteerReportView(AuditedExportMixin, ReportView):
    """A report over selector rows for one programme year (the filter's or the newest)."""

    results_template_name = "volunteers/reports/report_results.html"
    filterset_class = YearFilterSet
    paginate_by = 100
    url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_volunteer_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_index_url(self):
        return reverse(f"volunteer_reports:{self.url_name}")

    def get_index_results_url(self):
        return reverse(f"volunteer_reports:{self.url_name}_results")

    def get_queryset(self):
        return Application.objects.none()  # the filter form needs a model; rows below

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def programme_year(self):
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("programme_year")
            if chosen is not None:
                return chosen
        years = programme_years_for(user=self.request.user)
        return years.filter(services__isnull=False).first() or years.first()

    def get_filtered_queryset(self):
        return self.rows() if self.programme_year else []

    def rows(self) -> list:
        """Each report's rows; every concrete report view defines it (an abstract hook)."""
        raise NotImplementedError

    def figure(self, rows):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme_year"] = self.programme_year
        context["figure"] = self.figure(self.object_list) if self.programme_year else None
        return context

    def export_done(self, *, queryset, export_format: str) -> None:
        audit_log(action=EXPORT, user=self.request.user, data={
            "export": f"volunteers.report.{self.url_name}", "format": export_format,
            "rows": len(queryset),
            "programme_year": self.programme_year.pk if self.programme_year else None})


def _check_accessor(key):
    return lambda row: row.check(key)


class ComplianceReportView(VolunteerReportView):
    page_title = gettext_lazy("Compliance of the volunteers")
    header_icon = "success"
    url_name = "compliance"
    export_filename = "freiwillige-compliance"
    results_template_name = "volunteers/reports/compliance_results.html"
    columns = [
        TitleColumn("name", label=gettext_lazy("Volunteer"),
                    get_url=lambda row: reverse("volunteer_reports:compliance_service",
                                                args=[row.service.pk])),
        *[SignalColumn(key, label=label, accessor=_check_accessor(key))
          for key, label in CHECKS],
    ]
    list_export = ["name", "placement", "start_date", "last_day", "worst",
                   *[part for key, _check in CHECKS for part in (key, f"{key}_reason")]]
    export_headings = {
        "name": gettext_lazy("Volunteer"), "placement": gettext_lazy("Placement"),
        "start_date": gettext_lazy("First day"), "last_day": gettext_lazy("Last day"),
        "worst": gettext_lazy("Overall"),
        **dict(CHECKS),
        **{f"{key}_reason": format_lazy(gettext_lazy("{check}: reason"), check=label)
           for key, label in CHECKS}}

    def rows(self):
        services = services_for_compliance().filter(pk__in=services_in_scope(
            user=self.request.user, programme_year=self.programme_year))
        return services_compliance(services, today=self.today)

    def to_row_dict(self, item):
        row = {"name": item.name, "placement": item.service.placement.title,
               "start_date": item.service.start_date, "last_day": item.service.last_day,
               "worst": str(Signal(item.worst).label)}
        for check in item.checks:
            row[check.key] = str(Signal(check.signal).label)
            row[f"{check.key}_reason"] = check.reason
        return row

    def figure(self, rows):
        counts = {signal: sum(1 for row in rows if row.worst == signal) for signal in Signal}
        return {"counts": [(Signal(signal).label, count) for signal, count in counts.items()]}


class ComplianceServiceView(WagtailAdminTemplateMixin, TemplateView):
    """One volunteer's five checks, each with its reason."""

    template_name = "volunteers/reports/compliance_service.html"
    header_icon = "success"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_volunteer_reports(request.user):
            raise PermissionDenied
        service = get_object_or_404(services_for_compliance().filter(
            pk__in=services_in_scope(user=request.user)), pk=kwargs["pk"])
        today = timezone.localdate()
        self.compliance = services_compliance([service], today=today)[0]
        self.seminars = seminar_states([service], today=today)[service.pk]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Compliance: %(name)s") % {"name": self.compliance.name}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("volunteer_reports:compliance"),
                 "label": _("Compliance of the volunteers")},
                {"url": "", "label": self.compliance.name}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(compliance=self.compliance, seminars=self.seminars,
                                        service=self.compliance.service, **kwargs)


class FunnelReportView(VolunteerReportView):
    page_title = gettext_lazy("Funnel of the programme year")
    header_icon = "list-ul"
    url_name = "funnel"
    export_filename = "freiwillige-trichter"
    results_template_name = "volunteers/reports/funnel_results.html"
    columns = [Column("label", label=gettext_lazy("Stage")),
               Column("count", label=gettext_lazy("Number")),
               Column("share", label=gettext_lazy("Share of the applications"),
                      accessor=lambda row: percent(row.share))]
    list_export = ["label", "count", "share"]
    export_headings = {"label": gettext_lazy("Stage"), "count": gettext_lazy("Number"),
                       "share": gettext_lazy("Share of the applications (%)")}

    @cached_property
    def report(self):
        return funnel(user=self.request.user, programme_year=self.programme_year,
                      labels={key: str(label) for key, label in FUNNEL_LABELS.items()})

    def rows(self):
        return self.report.rows

    def to_row_dict(self, item):
        return {"label": item.label, "count": item.count, "share": round(item.share, 1)}

    def figure(self, rows):
        if not rows:
            return None
        return {"chart": bar_chart_svg(
            chart_id="funnel-chart", title=_("Funnel of %(year)s") % {
                "year": self.programme_year},
            description=_("One bar per stage: %(stages)s. The table below has every "
                          "figure.") % {"stages": "; ".join(
                              f"{row.label} {row.count}" for row in rows)},
            categories=[row.label for row in rows],
            series=[Series(_("Number"), [row.count for row in rows], "#1f5fa8")]),
            "report": self.report}


class LandkreisReportView(VolunteerReportView):
    page_title = gettext_lazy("Placements filled per Landkreis")
    header_icon = "site"
    url_name = "landkreise"
    export_filename = "freiwillige-landkreise"
    results_template_name = "volunteers/reports/landkreis_results.html"
    paginate_by = None
    columns = [Column("name", label=gettext_lazy("Landkreis or kreisfreie Stadt")),
               Column("placements", label=gettext_lazy("Placements")),
               Column("seats", label=gettext_lazy("Seats")),
               Column("filled", label=gettext_lazy("Seats filled"))]
    list_export = ["name", "placements", "seats", "filled"]
    export_headings = {"name": gettext_lazy("Landkreis or kreisfreie Stadt"),
                       "placements": gettext_lazy("Placements"),
                       "seats": gettext_lazy("Seats"), "filled": gettext_lazy("Seats filled")}

    def rows(self):
        return placements_per_landkreis(user=self.request.user,
                                        programme_year=self.programme_year)

    def to_row_dict(self, item):
        return {"name": item.name, "placements": item.placements, "seats": item.seats,
                "filled": item.filled}

    def figure(self, rows):
        filled = sum(row.filled for row in rows)
        top = sorted((row for row in rows if row.filled), key=lambda row: -row.filled)[:3]
        return {"map": landkreis_map_svg(
            map_id="landkreis-map",
            title=_("Seats filled per Landkreis, %(year)s") % {"year": self.programme_year},
            description=_("A schematic map of Thuringia's 22 districts and independent "
                          "cities, one tile each, north at the top. %(filled)s seats filled "
                          "altogether; most in %(top)s. The table beside the map has every "
                          "figure.") % {
                "filled": filled,
                "top": ", ".join(f"{row.name} ({row.filled})" for row in top) or "–"},
            values={row.key: row.filled for row in rows},
            names=dict(Landkreis.choices))}


class SeminarAttendanceReportView(VolunteerReportView):
    page_title = gettext_lazy("Seminar attendance")
    header_icon = "group"
    url_name = "seminars"
    export_filename = "freiwillige-seminare"
    columns = [
        TitleColumn("title", label=gettext_lazy("Seminar"), accessor="seminar.title",
                    get_url=lambda row: reverse("seminar_days_admin:seminar",
                                                args=[row.seminar.pk])),
        Column("kind", label=gettext_lazy("Kind"),
               accessor=lambda row: row.seminar.get_kind_display()),
        Column("dates", label=gettext_lazy("Dates"), accessor=lambda row: " – ".join(
            formats.date_format(day, "SHORT_DATE_FORMAT")
            for day in (row.seminar.first_day, row.seminar.last_day))),
        Column("group", label=gettext_lazy("Group"), accessor="seminar.group.name"),
        Column("volunteers", label=gettext_lazy("Volunteers")),
        Column("present", label=gettext_lazy("Present")),
        Column("excused", label=gettext_lazy("Excused")),
        Column("absent", label=gettext_lazy("Absent")),
        Column("unrecorded", label=gettext_lazy("Not yet recorded")),
        Column("rate", label=gettext_lazy("Attendance rate"),
               accessor=lambda row: percent(row.rate)),
    ]
    list_export = ["title", "kind", "first_day", "last_day", "group", "volunteers", "present",
                   "excused", "absent", "unrecorded", "rate"]
    export_headings = {
        "title": gettext_lazy("Seminar"), "kind": gettext_lazy("Kind"),
        "first_day": gettext_lazy("First day"), "last_day": gettext_lazy("Last day"),
        "group": gettext_lazy("Group"), "volunteers": gettext_lazy("Volunteers"),
        "present": gettext_lazy("Present"), "excused": gettext_lazy("Excused"),
        "absent": gettext_lazy("Absent"), "unrecorded": gettext_lazy("Not yet recorded"),
        "rate": gettext_lazy("Attendance rate (%)")}

    def rows(self):
        return seminar_attendance(user=self.request.user, programme_year=self.programme_year)

    def to_row_dict(self, item):
        seminar = item.seminar
        return {"title": seminar.title, "kind": seminar.get_kind_display(),
                "first_day": seminar.first_day, "last_day": seminar.last_day,
                "group": seminar.group.name, "volunteers": item.volunteers,
                "present": item.present, "excused": item.excused, "absent": item.absent,
                "unrecorded": item.unrecorded, "rate": round(item.rate, 1)}

    def figure(self, rows):
        if not rows:
            return None
        return {"chart": bar_chart_svg(
            chart_id="seminar-chart", title=_("Attendance per seminar"),
            description=_("Stacked bars per seminar: days present, excused and absent. The "
                          "table below has every figure."),
            categories=[row.seminar.title for row in rows],
            series=[Series(_("Present"), [row.present for row in rows], "#1b6e3c"),
                    Series(_("Excused"), [row.excused for row in rows], "#8a4b00"),
                    Series(_("Absent"), [row.absent for row in rows], "#b3261e")])}
