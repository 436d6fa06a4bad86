"""The service year on the site: the volunteer's page (agreement to sign, service data,
leave), the host contact's list and service page (sign, record leave and sick days), and
the private download of an agreement version. Thin: reads from selectors, writes through
the services; a domain error becomes a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from volunteers.exceptions import VolunteersError
from volunteers.models import Agreement, Party, Service
from volunteers.selectors import is_coordinator, user_is_host_contact
from volunteers.service.agreement_services import (
    agreement_sign,
    party_may_sign_in_app,
    party_may_upload,
    required_parties,
)
from volunteers.service.forms import AbsenceForm, ScanForm
from volunteers.service.scope import services_in_scope
from volunteers.service.selectors import (
    host_contact_of,
    service_current_agreement,
    service_leave_balance,
    services_of_host_contact,
    services_of_volunteer,
)
from volunteers.service.services import absence_record


def agreement_state(*, service: Service, user) -> dict:
    """The current agreement with who has signed, who is missing, and what this person
    may do: sign in the app (which party) or upload a signed scan (for which parties)."""
    agreement = service_current_agreement(service=service)
    if agreement is None:
        return {"agreement": None}
    signatures = {signature.party: signature for signature in agreement.signatures.all()}
    rows, sign_as, upload_for = [], None, []
    for party in required_parties(agreement=agreement):
        rows.append({"party": Party(party).label, "signature": signatures.get(party)})
        if party in signatures or agreement.completed_at:
            continue
        if sign_as is None and party_may_sign_in_app(agreement=agreement, party=party,
                                                     user=user):
            sign_as = party
        if party_may_upload(agreement=agreement, party=party, user=user):
            upload_for.append(party)
    return {"agreement": agreement, "signature_rows": rows, "sign_as": sign_as,
            "sign_as_label": Party(sign_as).label if sign_as else "",
            "scan_form": ScanForm(parties=upload_for) if upload_for else None}


def signature_from_post(request, service: Service) -> None:
    """Record the person's signature (in the app or a scan) from a POST."""
    agreement = service_current_agreement(service=service)
    if agreement is None:
        raise Http404
    try:
        if request.FILES.get("scan"):
            form = ScanForm(request.POST, request.FILES,
                            parties=required_parties(agreement=agreement))
            if not form.is_valid():
                messages.error(request, _("Please choose who signed and the signed document."))
                return
            agreement_sign(agreement=agreement, party=form.cleaned_data["party"],
                           actor=request.user, scan=form.cleaned_data["scan"])
        else:
            agreement_sign(agreement=agreement, party=request.POST.get("party", ""),
                           actor=request.user)
    except VolunteersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The signature has been recorded."))


@login_required
def my_service(request):
    """The volunteer's own service ("Mein Freiwilligendienst")."""
    service = services_of_volunteer(user=request.user).first()
    if service is None:
        raise Http404
    if request.method == "POST":
        signature_from_post(request, service)
        return redirect("volunteers:my_service")
    return render(request, "volunteers/service/my_service.html", {
        "service": service, "balance": service_leave_balance(service=service),
        "absences": service.absences.all(), **agreement_state(service=service,
                                                               user=request.user)})


def _require_host(request) -> None:
    if not user_is_host_contact(user=request.user):
        raise PermissionDenied


def _host_service(request, pk: int) -> Service:
    _require_host(request)
    service = services_of_host_contact(user=request.user).filter(pk=pk).first()
    if service is None:
        raise Http404  # another host's service: do not even confirm it exists
    return service


@login_required
def host_services(request):
    _require_host(request)
    services = services_of_host_contact(user=request.user)
    return render(request, "volunteers/service/host_services.html", {"services": services})


@login_required
def host_service_detail(request, pk: int):
    service = _host_service(request, pk)
    form = AbsenceForm()
    if request.method == "POST" and "kind" in request.POST:
        form = AbsenceForm(request.POST)
        if form.is_valid():
            try:
                absence_record(service=service, actor=request.user, **form.cleaned_data)
            except VolunteersError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The days have been recorded."))
                return redirect("volunteers:host_service", pk=service.pk)
    elif request.method == "POST":
        signature_from_post(request, service)
        return redirect("volunteers:host_service", pk=service.pk)
    return render(request, "volunteers/service/host_service_detail.html", {
        "service": service, "balance": service_leave_balance(service=service),
        "absences": service.absences.all(), "absence_form": form,
        **agreement_state(service=service, user=request.user)},
        status=400 if form.is_bound and form.errors else 200)


@login_required
def agreement_download(request, pk: int):
    """An agreement version's PDF for the volunteer, a contact of the host and the
    coordination (in scope); everyone else gets 404."""
    agreement = get_object_or_404(Agreement.objects.select_related("service__placement__host"),
                                  pk=pk)
    service, user = agreement.service, request.user
    allowed = (user.pk == service.volunteer_id or host_contact_of(user=user, service=service)
               or (is_coordinator(user)
                   and services_in_scope(user=user).filter(pk=service.pk).exists()))
    if not allowed:
        raise Http404
    response = FileResponse(agreement.pdf.open("rb"), as_attachment=True,
                            filename=f"vereinbarung-{service.pk}-{agreement.number}.pdf",
                            content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

