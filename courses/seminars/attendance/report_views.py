"""The occupancy report for coordinators (admin: Reports → Seminar occupancy): per session
and per course the seats, booked, waiting and attended; filters by course and date;
CSV/XLSX export through Wagtail's report export (formulas neutralised by core.exports)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from core.exports import NeutralisedSpreadsheetExportMixin
from courses.catalogue.models import CoursePage
from courses.seminars.attendance.selectors import occupancy_rows
from courses.seminars.models import Session
from courses.seminars.rules import SessionState

OCCUPANCY_PERMISSION = "courses.view_attendance"


def may_see_occupancy(user) -> bool:
    return user.is_active and user.has_perm(OCCUPANCY_PERMISSION)


def _courses(request):
    return CoursePage.objects.filter(sessions__isnull=False).distinct().order_by("title")


class OccupancyFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=_courses, method="chosen",
        empty_label=gettext_lazy("All courses"))
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Sessions starting between"), method="chosen",
        widget=DateRangePickerWidget)

    class Meta:
        model = Session
        fields = []

    def chosen(self, queryset, name, value):
        return queryset


def _when(row) -> str:
    if row.starts_at is None:
        return "—"
    return formats.date_format(timezone.localtime(row.starts_at), "SHORT_DATETIME_FORMAT")


def _session(row) -> str:
    if row.is_total:
        return str(gettext_lazy("All sessions of the course"))
    if row.state == SessionState.CANCELLED:
        return f"{row.session_label} ({SessionState.CANCELLED.label})"
    return row.session_label


class OccupancyReportView(NeutralisedSpreadsheetExportMixin, ReportView):
    page_title = gettext_lazy("Seminar occupancy")
    header_icon = "group"
    export_filename = "seminar-belegung"
    filterset_class = OccupancyFilterSet
    paginate_by = 100
    index_url_name = "seminar_reports:occupancy"
    index_results_url_name = "seminar_reports:occupancy_results"
    columns = [
        Column("course_title", label=gettext_lazy("Course")),
        Column("session", label=gettext_lazy("Session"), accessor=_session),
        Column("starts", label=gettext_lazy("Starts"), accessor=_when),
        Column("seats", label=gettext_lazy("Seats")),
        Column("booked", label=gettext_lazy("Booked")),
        Column("waiting", label=gettext_lazy("Waiting list")),
        Column("attended", label=gettext_lazy("Attended")),
        Column("percent", label=gettext_lazy("Occupancy"),
               accessor=lambda row: formats.number_format(row.percent_booked, 0) + " %"),
    ]
    list_export = ["course_title", "session", "starts_at", "state", "seats", "booked",
                   "waiting", "attended"]
    export_headings = {
        "course_title": gettext_lazy("Course"), "session": gettext_lazy("Session"),
        "starts_at": gettext_lazy("Starts"), "state": gettext_lazy("State"),
        "seats": gettext_lazy("Seats"), "booked": gettext_lazy("Booked"),
        "waiting": gettext_lazy("Waiting list"), "attended": gettext_lazy("Attended")}

    def dispatch(self, request, *args, **kwargs):
        if not may_see_occupancy(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Session.objects.none()  # the filter form needs a model; rows below

    @cached_property
    def choices(self) -> dict:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def get_filtered_queryset(self):
        course = self.choices.get("course")
        period = self.choices.get("period")
        return occupancy_rows(course_id=course.pk if course else None,
                              date_from=period.start.date() if period and period.start
                              else None,
                              date_to=period.stop.date() if period and period.stop else None)

    def to_row_dict(self, item):
        return {"course_title": item.course_title, "session": _session(item),
                "starts_at": item.starts_at, "state": (SessionState(item.state).label
                                                       if item.state else ""),
                "seats": item.seats, "booked": item.booked, "waiting": item.waiting,
                "attended": item.attended}

    def get_index_url(self):
        return reverse(self.index_url_name)

    def get_index_results_url(self):
        return reverse(self.index_results_url_name)
