"""Pages of the admin's second factor: setting it up, showing recovery codes, checking it."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.two_factor import services
from accounts.two_factor.forms import CodeForm, SetupForm

RECOVERY_SESSION_KEY = "two_factor_new_recovery_codes"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return "/admin/"


@login_required
def verify(request):
    if not services.second_factor_required(request.user):
        return redirect("dashboard")
    nxt = _next_url(request)
    if services.confirmed_totp(request.user) is None:
        return redirect(_with_next("accounts:two_factor_setup", nxt))
    if services.session_verified(request):
        return redirect(nxt)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify(request, form.cleaned_data["code"]):
            return redirect(nxt)
        form.add_error("code", _("This code is not valid. Enter the current code from "
                                 "your app, or a recovery code you have not used yet."))
    return render(request, "accounts/two_factor/verify.html", {"form": form, "next": nxt})


def _with_next(name: str, nxt: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': nxt})}"


@login_required
def setup(request):
    if not services.second_factor_required(request.user):
        return redirect("dashboard")
    nxt = _next_url(request)
    if services.confirmed_totp(request.user) is not None:
        return redirect(nxt)
    device = services.enrolment_device(request.user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.enrolment_confirm(request, device, form.cleaned_data["code"])
        if codes is services.THROTTLED:
            form.add_error("code", _("Too many wrong codes. Wait a few seconds, then enter "
                                     "the code the app shows now."))
        elif codes is not None:
            request.session[RECOVERY_SESSION_KEY] = codes
            return redirect(_with_next("accounts:two_factor_recovery", nxt))
        else:
            form.add_error("code", _("This code is not valid. Check the time on your device "
                                     "and enter the code the app shows now."))
    return render(request, "accounts/two_factor/setup.html", {
        "form": form, "next": nxt, **services.enrolment_details(device)})


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once (taken out of the session on display)."""
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return render(request, "accounts/two_factor/recovery_codes.html",
                  {"codes": codes, "next": _next_url(request)})
