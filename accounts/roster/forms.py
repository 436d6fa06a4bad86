from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roster.rules import MAX_FILE_BYTES


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8, separated by commas or semicolons) or Excel (.xlsx), "
                    "at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))
    full_roster = forms.BooleanField(
        label=_("This is the full roster"), required=False,
        help_text=_("Roster-imported people in your scope who are missing from the file "
                    "are deactivated (never deleted; their history is kept)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
