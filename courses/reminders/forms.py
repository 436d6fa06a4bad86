from django import forms
from django.utils.translation import gettext_lazy as _


class MailPreferenceForm(forms.Form):
    optional_reminders = forms.BooleanField(
        label=_("Send me reminders about training that is not mandatory"), required=False,
        help_text=_("Reminders and overdue notices about mandatory training are always sent; "
                    "they cannot be switched off."))
