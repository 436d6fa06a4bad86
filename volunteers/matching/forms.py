"""Forms of the coordinator's matching screens: run a proposal (or a what-if), change one
assignment with a reason, choose a run to compare with. Writes go through
volunteers.matching.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.matching.services import SEED_LIMIT

SEED_HELP = _("Leave empty for a random seed. The seed is stored with the run: the same "
              "seed on the same data gives the same proposal.")


def _seed_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Seed"), required=False, min_value=0,
                              max_value=SEED_LIMIT - 1, help_text=SEED_HELP)


class RunForm(forms.Form):
    seed = _seed_field()


class WhatIfForm(forms.Form):
    placement = forms.ModelChoiceField(label=_("Placement"), queryset=None,
                                       empty_label=_("Please choose"))
    extra_seats = forms.IntegerField(
        label=_("Seats to add"), initial=1, min_value=-20, max_value=20,
        help_text=_("A negative number takes seats away."))
    description = forms.CharField(label=_("Description"), required=False, max_length=300,
                                  help_text=_("Optional: what this what-if is about."))
    seed = _seed_field()

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda p: f"{p.title} – {p.host.name}"

    def clean_extra_seats(self) -> int:
        extra = self.cleaned_data["extra_seats"]
        if extra == 0:
            raise forms.ValidationError(_("Add or take away at least one seat."))
        return extra


class OverrideForm(forms.Form):
    placement = forms.ChoiceField(label=_("Placement"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Please give a reason for the "
                                                           "change.")},
                             help_text=_("Recorded with the change and shown on the "
                                         "proposal."))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].choices = [("", _("No placement")), *choices]

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason for the change."))
        return reason


class CompareForm(forms.Form):
    other = forms.ChoiceField(label=_("Compare with run"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = choices
