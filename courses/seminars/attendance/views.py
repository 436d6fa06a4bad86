"""Thin views of the trainer's pages under /mein-bereich/termine/: the sessions a trainer
leads (coordinators: every session), a session's participants with the attendance form,
and the signature sheet PDF (served only here, after the same check — never public)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import Role
from core.errors import DomainError
from courses.seminars.attendance.forms import AttendanceForm, field_name
from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.attendance.selectors import (
    attendance_history,
    may_manage_session,
    may_record_any,
    participant_rows,
    session_days,
    sessions_managed_split,
)
from courses.seminars.attendance.services import attendance_record, day_starts_at
from courses.seminars.attendance.signature_sheet import sheet_filename, signature_sheet_pdf
from courses.seminars.models import Session


def _is_trainer(user) -> bool:
    return (user.groups.filter(name=Role.TRAINER.value).exists() or may_record_any(user)
            or user.trained_sessions.exists())


def _session_or_404(*, user, session_id: int) -> Session:
    session = Session.objects.select_related("course", "trainer").filter(pk=session_id).first()
    if session is None or not may_manage_session(user=user, session=session):
        raise Http404
    return session


@login_required
def sessions(request):
    if not _is_trainer(request.user):
        raise PermissionDenied
    upcoming, ended = sessions_managed_split(user=request.user)
    return render(request, "courses/seminars/trainer/sessions.html", {
        "upcoming": upcoming, "ended": ended, "all_sessions": may_record_any(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, session_id: int):
    session = _session_or_404(user=request.user, session_id=session_id)
    days = session_days(session)
    rows = participant_rows(session=session)
    now = timezone.now()
    begun = [day for day in days if day_starts_at(day) <= now]
    form = AttendanceForm(request.POST or None, days=days, rows=rows)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = attendance_record(session=session, actor=request.user,
                                           marks=form.marks(), now=now)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                if result.changed:
                    messages.success(request, _("Attendance saved: %(count)s record(s) "
                                                "changed.") % {"count": result.changed})
                else:
                    messages.info(request, _("Nothing changed: the attendance was already "
                                             "recorded like this."))
                if result.completed:
                    messages.success(request, _(
                        "%(count)s person(s) completed the course; their certificates are "
                        "being issued.") % {"count": result.completed})
                return redirect(request.path)
        else:
            messages.error(request, _("Please correct the marked entries."))
    groups = [{"row": row, "days": [{"day": day, "field": form[field_name(day.pk, row.person_id)]}
                                    for day in begun]} for row in rows]
    table = [{"row": row, "cells": [
        (row.status_for(day.pk), AttendanceStatus(row.status_for(day.pk)).label
         if row.status_for(day.pk) else "") for day in days]} for row in rows]
    return render(request, "courses/seminars/trainer/session.html", {
        "session": session, "days": days, "begun": begun, "rows": rows, "groups": groups,
        "table": table, "history": attendance_history(session=session),
        "form": form, "may_record": bool(begun) and not session.is_cancelled})


@login_required
def signature_sheet(request, session_id: int):
    session = _session_or_404(user=request.user, session_id=session_id)
    pdf = signature_sheet_pdf(session=session, days=session_days(session),
                              rows=participant_rows(session=session))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{sheet_filename(session)}"'
    response["Cache-Control"] = "private, no-store"
    return response
