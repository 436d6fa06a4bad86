"""The host contact's area: applications ranking the contact's placements, anonymised until
the coordination opens the interview stage for that placement, and the verdict form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from volunteers import forms as step_forms
from volunteers.applications.services import preference_verdict_record
from volunteers.selectors import (
    host_is_identified,
    host_preferences,
    user_is_host_contact,
)


def _require_host(request) -> None:
    if not user_is_host_contact(user=request.user):
        raise PermissionDenied


@login_required
def host_applications(request):
    """Applications ranking the contact's placements; anonymised until the interview stage."""
    _require_host(request)
    rows = [{"preference": preference, "identified": host_is_identified(preference=preference)}
            for preference in host_preferences(user=request.user)]
    return render(request, "volunteers/host_applications.html", {"rows": rows})


@login_required
def host_application_detail(request, pk: int):
    _require_host(request)
    preference = host_preferences(user=request.user).filter(pk=pk).first()
    if preference is None:
        raise Http404  # another host's application: do not even confirm it exists
    form = step_forms.VerdictForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        preference_verdict_record(
            preference=preference, actor=request.user,
            verdict=form.cleaned_data["verdict"],
            comment=form.cleaned_data["verdict_comment"],
            host_rank=form.cleaned_data["host_rank"],
            interview_proposal=form.cleaned_data["interview_proposal"])
        messages.success(request, _("Your verdict has been saved."))
        return redirect("volunteers:host_applications")
    identified = host_is_identified(preference=preference)
    return render(request, "volunteers/host_application_detail.html", {
        "preference": preference, "application": preference.application,
        "identified": identified, "form": form,
        "documents": preference.application.documents.all() if identified else []},
        status=400 if form.is_bound and form.errors else 200)
