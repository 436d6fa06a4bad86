"""Registration form and the confirmation link (see accounts.registration)."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.forms import KernFormMixin
from accounts.login_protection import lockout_client_ip
from accounts.models import User
from accounts.registration import (
    RegistrationTokenInvalid,
    registration_confirm,
    registration_start,
)


class RegistrationForm(KernFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete":
                                                                  "new-password"}),
                                help_text=_("At least 10 characters; not only digits."))
    password2 = forms.CharField(label=_("Repeat the password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete":
                                                                  "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            candidate = User(email=data.get("email", ""), first_name=data.get("first_name", ""),
                             last_name=data.get("last_name", ""))
            try:
                validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _safe_next(request, value: str) -> str:
    allowed = url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return value if value and allowed else ""


def registration(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration_start(email=form.cleaned_data["email"],
                           password=form.cleaned_data["password1"],
                           first_name=form.cleaned_data["first_name"],
                           last_name=form.cleaned_data["last_name"],
                           language=get_language() or "de", next_url=next_url,
                           client=lockout_client_ip(request))
        return render(request, "accounts/registration_sent.html",
                      {"email": form.cleaned_data["email"]})
    return render(request, "accounts/registration.html", {"form": form, "next": next_url},
                  status=400 if form.is_bound else 200)


def registration_confirm_view(request, token: str):
    try:
        user, next_url = registration_confirm(token=token)
    except RegistrationTokenInvalid:
        return render(request, "accounts/registration_confirmed.html", {"invalid": True},
                      status=400)
    return render(request, "accounts/registration_confirmed.html",
                  {"confirmed_user": user, "next": _safe_next(request, next_url)})
