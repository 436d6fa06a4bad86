from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from accounts.login_protection import account_email_allowed, lockout_client_ip


class KernFormMixin:
    """Adds the KERN UX classes to every widget so templates render fields uniformly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "kern-form-input__input"
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
                # includes/form_field.html wraps these in KERN's select wrapper (border, arrow).
                css = "kern-form-input__select"
            widget.attrs.setdefault("class", css)


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Please enter a correct email address and password. Both fields are "
            "case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email",
                                                     "type": "email"})


class ThrottledResetMixin:
    """Sends the reset link only while the address and the client are within their limits.

    The page answers the same either way, so it tells nobody whether a mail went out.
    """

    def save(self, *args, request=None, **kwargs):
        client = lockout_client_ip(request) if request is not None else ""
        if not account_email_allowed(purpose="password-reset",
                                     email=self.cleaned_data["email"], client=client):
            return
        super().save(*args, request=request, **kwargs)


class ResetForm(ThrottledResetMixin, KernFormMixin, PasswordResetForm):
    pass


class AdminResetForm(ThrottledResetMixin, WagtailPasswordResetForm):
    """Wagtail's reset form (/admin/password_reset/) with the same limits as the site's."""


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin login form; its password field has no label of its own, so Django
    showed the field's name, "Password", untranslated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class NewPasswordForm(KernFormMixin, SetPasswordForm):
    pass
