"""The attendance form: one radio group per participant and day (only days that began)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.seminars.attendance.rules import AttendanceStatus


def field_name(day_id: int, person_id: int) -> str:
    return f"a-{day_id}-{person_id}"


class AttendanceForm(forms.Form):
    """Fields `a-<day>-<person>`; an empty choice leaves a day unrecorded."""

    def __init__(self, *args, days, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys: dict[str, tuple[int, int]] = {}
        for row in rows:
            for day in days:
                name = field_name(day.pk, row.person_id)
                self.keys[name] = (day.pk, row.person_id)
                self.fields[name] = forms.ChoiceField(
                    label=row.name, choices=AttendanceStatus.choices, required=False,
                    widget=forms.RadioSelect, initial=row.status_for(day.pk) or None,
                    error_messages={"invalid_choice": _(
                        "Please choose present, absent or excused.")})

    def marks(self) -> dict[tuple[int, int], str]:
        """(day id, person id) → status, for every group that has a choice."""
        return {self.keys[name]: value for name, value in self.cleaned_data.items()
                if value}
