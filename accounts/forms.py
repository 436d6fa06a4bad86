from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class KernFormMixin:
    """Adds the KERN UX classes to every widget so templates render fields uniformly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "kern-form-input__input"
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
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


class ResetForm(KernFormMixin, PasswordResetForm):
    pass


class NewPasswordForm(KernFormMixin, SetPasswordForm):
    pass
