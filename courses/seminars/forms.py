"""Forms of seminar sessions: the learner's buttons and the coordinator's cancel form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BookingActionForm(forms.Form):
    """One button on the dates page: book a session, cancel or take an offered seat."""

    BOOK, CANCEL, ACCEPT = "book", "cancel", "accept"
    action = forms.ChoiceField(choices=[(BOOK, BOOK), (CANCEL, CANCEL), (ACCEPT, ACCEPT)])
    session = forms.IntegerField(required=False, min_value=1)
    booking = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.BOOK and not data.get("session"):
            raise forms.ValidationError(_("Please choose a session."))
        if action in (self.CANCEL, self.ACCEPT) and not data.get("booking"):
            raise forms.ValidationError(_("Please choose a booking."))
        return data


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text=_("Everyone booked and on the waiting list receives it by mail."))
