"""Forms of the data rights pages: confirming one's own deletion, a coordinator's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import KernFormMixin


class DeletionConfirmForm(KernFormMixin, forms.Form):
    """The person confirms with their password, or (an account without one, e.g. single
    sign-on) by typing their email address."""

    password = forms.CharField(label=_("Your password"), strip=False, required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))
    email = forms.CharField(label=_("Your email address"), required=False,
                            help_text=_("Type your email address to confirm."))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if user.has_usable_password():
            del self.fields["email"]
            self.fields["password"].required = True
        else:
            del self.fields["password"]
            self.fields["email"].required = True

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct. Your account has "
                                          "not been deleted."))
        return password

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the email address of your account. "
                                          "Your account has not been deleted."))
        return email


class CoordinatorErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text=_("E.g. “Letter of 3 March asking for deletion”. Recorded in the audit "
                    "log."))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give the reason for the deletion."))
        return reason
