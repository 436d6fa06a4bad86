"""The attendance sheet of one seminar day: one radio group per volunteer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.seminar_days.rules import AttendanceStatus


def field_name(service_id: int) -> str:
    return f"s-{service_id}"


class DaySheetForm(forms.Form):
    """Fields `s-<service>`; a volunteer left without a choice stays unrecorded."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys: dict[str, int] = {}
        for row in rows:
            name = field_name(row.service.pk)
            self.keys[name] = row.service.pk
            self.fields[name] = forms.ChoiceField(
                label=row.name, choices=AttendanceStatus.choices, required=False,
                widget=forms.RadioSelect, initial=row.status or None,
                error_messages={"invalid_choice": _(
                    "Please choose present, excused or absent.")})

    def marks(self) -> dict[int, str]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items() if value}
