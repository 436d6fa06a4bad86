"""Admin screens of the seminar days: a seminar with its days and the group's progress,
and the attendance sheet of one seminar day (a row per volunteer of the group).

The seminar's pädagogische Begleitung and whoever may record every seminar (the
coordination) open them; everybody else gets 403.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.errors import DomainError
from volunteers.seminar_days.forms import DaySheetForm, field_name
from volunteers.seminar_days.models import Seminar
from volunteers.seminar_days.selectors import (
    day_attendance_history,
    day_recorded_counts,
    day_sheet_rows,
    may_record,
    seminar_dates,
    seminar_states,
    volunteer_name,
)
from volunteers.seminar_days.services import attendance_record


def day_label(day: datetime.date) -> str:
    return formats.date_format(day, "l, j. F Y")


class SeminarMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.seminar = get_object_or_404(
            Seminar.objects.select_related("group", "programme_year", "responsible"),
            pk=kwargs["pk"])
        if not may_record(user=request.user, seminar=self.seminar):
            raise PermissionDenied
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def seminar_breadcrumbs(self):
        return [*self.breadcrumbs_items,
                {"url": reverse(Seminar.snippet_viewset.get_url_name("list")),
                 "label": _("Seminars")},
                {"url": reverse("seminar_days_admin:seminar", args=[self.seminar.pk]),
                 "label": str(self.seminar)}]


class SeminarDetailView(SeminarMixin, TemplateView):
    template_name = "volunteers/seminar_days/seminar_detail.html"

    def get_page_title(self):
        return self.seminar.title

    def get_page_subtitle(self):
        return self.seminar.get_kind_display()

    def get_breadcrumbs_items(self):
        return self.seminar_breadcrumbs()

    def get_context_data(self, **kwargs):
        seminar = self.seminar
        recorded = day_recorded_counts(seminar)
        services = list(seminar.group.services.select_related("application", "volunteer")
                        .order_by("application__last_name", "application__first_name"))
        states = seminar_states(services, today=self.today)
        days = [{"date": day, "label": day_label(day), "recorded": recorded.get(day, 0),
                 "url": reverse("seminar_days_admin:day", args=[seminar.pk, day.isoformat()])}
                for day in seminar_dates(seminar)]
        return super().get_context_data(seminar=seminar, days=days,
                                        states=[states[s.pk] for s in services], **kwargs)


class DaySheetView(SeminarMixin, TemplateView):
    template_name = "volunteers/seminar_days/day_sheet.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.day = datetime.date.fromisoformat(kwargs["day"])
        except ValueError as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def setup_sheet(self):
        if self.day not in seminar_dates(self.seminar):
            raise Http404
        self.rows = day_sheet_rows(seminar=self.seminar, day=self.day, today=self.today)

    def get_page_title(self):
        return _("Attendance on %(day)s") % {"day": day_label(self.day)}

    def get_page_subtitle(self):
        return str(self.seminar)

    def get_breadcrumbs_items(self):
        return [*self.seminar_breadcrumbs(), {"url": "", "label": day_label(self.day)}]

    def get(self, request, *args, **kwargs):
        self.setup_sheet()
        return self.render_to_response(self.get_context_data(form=DaySheetForm(rows=self.rows)))

    def post(self, request, *args, **kwargs):
        self.setup_sheet()
        form = DaySheetForm(request.POST, rows=self.rows)
        if form.is_valid():
            try:
                changed = attendance_record(seminar=self.seminar, day=self.day,
                                            marks=form.marks(), actor=request.user)
            except DomainError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, str(_("Attendance saved: %(count)s record(s) changed.")
                                 % {"count": changed}))
                return redirect(request.path)
        else:
            messages.error(request, str(_("Please correct the marked entries.")))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        form = kwargs["form"]
        days = seminar_dates(self.seminar)
        index = days.index(self.day)
        neighbours = {
            "previous": days[index - 1] if index else None,
            "next": days[index + 1] if index + 1 < len(days) else None}
        links = {key: {"label": day_label(day), "url": reverse(
            "seminar_days_admin:day", args=[self.seminar.pk, day.isoformat()])}
            for key, day in neighbours.items() if day}
        return super().get_context_data(
            seminar=self.seminar, day=self.day, day_label=day_label(self.day),
            rows=[{"row": row, "field": form[field_name(row.service.pk)]} for row in self.rows],
            links=links, begun=self.day <= self.today,
            history=[{"change": change, "name": volunteer_name(change.attendance.service)}
                     for change in day_attendance_history(seminar=self.seminar, day=self.day)],
            **kwargs)


urlpatterns = [
    path("seminar/<int:pk>/", SeminarDetailView.as_view(), name="seminar"),
    path("seminar/<int:pk>/<str:day>/", DaySheetView.as_view(), name="day"),
]
