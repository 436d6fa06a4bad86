"""Pages of the pädagogische Begleitung in "Mein Bereich" (/mein-bereich/seminartage/): the
seminars they run with their days, and the attendance sheet of one seminar day, outside the
admin. Coordinators see every seminar of their programme years. Recording goes through the
same service as the admin sheet (services.attendance_record); everybody else gets 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from volunteers.seminar_days.admin_views import day_label
from volunteers.seminar_days.forms import DaySheetForm, field_name
from volunteers.seminar_days.models import Seminar
from volunteers.seminar_days.selectors import (
    RECORD_PERMISSION,
    day_attendance_history,
    day_last_recorders,
    day_sheet_rows,
    may_record,
    recorded_counts_of,
    seminar_dates,
    seminars_led,
    volunteer_name,
)
from volunteers.seminar_days.services import attendance_record


def _day_url(seminar: Seminar, day: datetime.date) -> str:
    return reverse("seminar_days:day", args=[seminar.pk, day.isoformat()])


@login_required
def seminars(request):
    led = list(seminars_led(user=request.user).order_by("first_day", "pk"))
    all_seminars = request.user.has_perm(RECORD_PERMISSION)
    if not led and not all_seminars:
        raise Http404
    today = timezone.localdate()
    recorded = recorded_counts_of(led)
    items = [{"seminar": seminar, "ended": seminar.last_day < today, "days": [
        {"label": day_label(day), "url": _day_url(seminar, day), "today": day == today,
         "begun": day <= today, "recorded": recorded.get((seminar.pk, day), 0)}
        for day in seminar_dates(seminar)]} for seminar in led]
    return render(request, "volunteers/seminar_days/begleitung/seminars.html", {
        "upcoming": [item for item in items if not item["ended"]],
        "ended": [item for item in items if item["ended"]],
        "all_seminars": all_seminars})


@login_required
@require_http_methods(["GET", "POST"])
def day_sheet(request, pk: int, day: str):
    seminar = (Seminar.objects.select_related("group", "programme_year", "responsible")
               .filter(pk=pk).first())
    if seminar is None or not may_record(user=request.user, seminar=seminar):
        raise Http404
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    days = seminar_dates(seminar)
    if date not in days:
        raise Http404
    today = timezone.localdate()
    rows = day_sheet_rows(seminar=seminar, day=date, today=today)
    # bound on every POST: a sheet sent with no choice at all is valid and changes nothing
    form = DaySheetForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = attendance_record(seminar=seminar, day=date, marks=form.marks(),
                                            actor=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                if changed:
                    messages.success(request, _("Attendance saved: %(count)s record(s) "
                                                "changed.") % {"count": changed})
                else:
                    messages.info(request, _("Nothing changed: the attendance was already "
                                             "recorded like this."))
                return redirect(request.path)
        else:
            messages.error(request, _("Please correct the marked entries."))
    index = days.index(date)
    neighbours = {"previous": days[index - 1] if index else None,
                  "next": days[index + 1] if index + 1 < len(days) else None}
    recorders = day_last_recorders(seminar=seminar, day=date)
    history = [{"change": change, "name": volunteer_name(change.attendance.service)}
               for change in day_attendance_history(seminar=seminar, day=date)]
    return render(request, "volunteers/seminar_days/begleitung/day_sheet.html", {
        "seminar": seminar, "day": date, "day_label": day_label(date),
        "begun": date <= today, "form": form, "history": history,
        "rows": [{"row": row, "field": form[field_name(row.service.pk)],
                  "record": recorders.get(row.service.pk)} for row in rows],
        "links": {key: {"label": day_label(value), "url": _day_url(seminar, value)}
                  for key, value in neighbours.items() if value}})
