"""Thin views of "Mein Team" (/mein-bereich/team/): for people with the supervisor role."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from courses.approvals.selectors import requests_for_approver
from courses.rules import ComplianceState
from courses.team.export import FORMATS, team_export_response
from courses.team.selectors import is_supervisor, team_overview

WHOLE_UNIT = "einheit"
CS = ComplianceState
# KERN badge of each state: overdue and expired need the supervisor's attention.
BADGES = {CS.OVERDUE: "danger", CS.EXPIRED: "warning", CS.NOT_STARTED: "info",
          CS.IN_PROGRESS: "info", CS.COMPLETED: "success"}


def _shown(row) -> dict:
    return {"row": row, "label": CS(row.state).label, "badge": BADGES[row.state]}


def _int_or_404(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


@login_required
def team(request):
    """The supervisor's team: approvals waiting, then each person's assigned training,
    overdue first. `?umfang=einheit` adds the whole home unit with its sub-units,
    `?person=<id>` narrows to one member (404 for anyone outside the team),
    `?format=csv|xlsx` downloads what is shown."""
    supervisor = request.user
    if not is_supervisor(supervisor):
        raise PermissionDenied
    whole_unit = request.GET.get("umfang") == WHOLE_UNIT and supervisor.home_unit_id is not None
    person_id = _int_or_404(request.GET.get("person"))
    overview = team_overview(supervisor=supervisor, whole_unit=whole_unit, person_id=person_id)
    if person_id is not None and not overview.people:
        raise Http404
    export_format = request.GET.get("format")
    if export_format in FORMATS:
        return team_export_response(
            rows=overview.rows, export_format=export_format,
            filename=f"team-{timezone.localdate():%Y-%m-%d}")
    params = {"umfang": WHOLE_UNIT} if whole_unit else {}
    if person_id is not None:
        params["person"] = person_id
    requests = list(requests_for_approver(user=supervisor, pending_only=False))
    return render(request, "courses/team/team.html", {
        "overview": overview, "rows": [_shown(row) for row in overview.rows],
        "counts": [(CS(state).label, BADGES[state], overview.counts.get(state, 0))
                   for state in (CS.OVERDUE, CS.EXPIRED, CS.NOT_STARTED, CS.IN_PROGRESS,
                                 CS.COMPLETED)],
        "whole_unit": whole_unit, "person_id": person_id,
        "scope_param": WHOLE_UNIT,
        "export_links": [(label, "?" + urlencode({**params, "format": export_format}))
                         for label, export_format in (("CSV", "csv"), ("XLSX", "xlsx"))],
        "pending_requests": [r for r in requests if r.is_pending],
        "decided_requests": sorted((r for r in requests if not r.is_pending),
                                   key=lambda r: r.decided_at or r.created_at,
                                   reverse=True)[:10],
    })
