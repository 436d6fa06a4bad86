"""The Zeugnis on the site: the volunteer asks for it (from their service page), a contact
of the host drafts the assessment. Thin: reads and writes through
volunteers.service.zeugnis; a domain error becomes a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from volunteers.exceptions import VolunteersError
from volunteers.selectors import user_is_host_contact
from volunteers.service.selectors import services_of_host_contact, services_of_volunteer
from volunteers.service.zeugnis import EDITABLE, zeugnis_draft, zeugnis_of, zeugnis_request
from volunteers.service.zeugnis_forms import ZeugnisRequestForm, ZeugnisTextForm


@login_required
@require_POST
def zeugnis_request_view(request):
    """The volunteer asks for a Zeugnis of their service; asked twice, still one."""
    service = services_of_volunteer(user=request.user).first()
    if service is None:
        raise Http404
    form = ZeugnisRequestForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    try:
        zeugnis_request(service=service, actor=request.user,
                        with_performance=form.cleaned_data.get("with_performance", False))
    except VolunteersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have asked for your Zeugnis. Your host organisation "
                                    "writes it, the coordination checks it; we will let you "
                                    "know when it is ready."))
    return redirect("volunteers:my_service")


@login_required
def host_zeugnis(request, pk: int):
    """A contact of the host writes the assessment while the coordination has not approved
    it; afterwards the page shows its state."""
    if not user_is_host_contact(user=request.user):
        raise PermissionDenied
    service = services_of_host_contact(user=request.user).filter(pk=pk).first()
    if service is None:
        raise Http404  # another host's service: do not even confirm it exists
    zeugnis = zeugnis_of(service=service)
    editable = zeugnis is not None and zeugnis.status in EDITABLE
    form = ZeugnisTextForm(zeugnis=zeugnis) if editable else None
    if request.method == "POST" and editable:
        form = ZeugnisTextForm(request.POST, zeugnis=zeugnis)
        if form.is_valid():
            try:
                zeugnis_draft(zeugnis=zeugnis, actor=request.user, text=form.text())
            except VolunteersError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Thank you. The draft has been passed to the "
                                            "coordination for approval."))
                return redirect("volunteers:host_service", pk=service.pk)
    return render(request, "volunteers/service/host_zeugnis.html", {
        "service": service, "zeugnis": zeugnis, "form": form},
        status=400 if form is not None and form.is_bound and form.errors else 200)
