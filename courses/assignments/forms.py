"""The coordinator's assignment form (admin)."""

from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import orgunits_in_scope
from courses.assignments.models import AssignmentTarget
from courses.catalogue.models import CoursePage
from courses.rules import DueMode


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    target_kind = forms.ChoiceField(
        label=_("Assign to"), choices=AssignmentTarget.choices, widget=forms.RadioSelect,
        initial=AssignmentTarget.UNIT)
    unit = forms.ModelChoiceField(
        label=_("Organisation unit"), queryset=None, required=False,
        help_text=_("When assigning to an organisation unit."))
    include_subunits = forms.BooleanField(
        label=_("Including the units below it"), required=False, initial=True)
    person = forms.EmailField(
        label=_("Person (email address)"), required=False,
        help_text=_("When assigning to one person: their login email address."))
    group = forms.ModelChoiceField(
        label=_("Role"), queryset=Group.objects.none(), required=False,
        help_text=_("When assigning to everyone who holds a role."))
    mandatory = forms.BooleanField(label=_("Mandatory training"), required=False,
                                   initial=True)
    due_mode = forms.ChoiceField(label=_("Due date"), choices=DueMode.choices,
                                 widget=forms.RadioSelect, initial=DueMode.FIXED)
    due_date = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a fixed due date."))
    due_days = forms.IntegerField(
        label=_("Number of days"), required=False, min_value=1, max_value=3650,
        help_text=_("For a due date after the assignment or after joining the unit."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["unit"].queryset = orgunits_in_scope(user=user).order_by("name")
        self.fields["group"].queryset = Group.objects.filter(
            name__in=Role.values).order_by("name")
        self.fields["due_date"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_person(self):
        email = self.cleaned_data.get("person", "").strip().lower()
        if not email:
            return None
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("There is no active account with this email "
                                          "address."))
        return person

    def clean(self):
        data = super().clean()
        kind = data.get("target_kind")
        needed = {AssignmentTarget.UNIT: "unit", AssignmentTarget.PERSON: "person",
                  AssignmentTarget.ROLE: "group"}.get(kind)
        messages = {"unit": _("Choose the organisation unit."),
                    "person": _("Enter the person's email address."),
                    "group": _("Choose the role.")}
        if needed and not data.get(needed) and needed not in self.errors:
            self.add_error(needed, messages[needed])
        mode = data.get("due_mode")
        if mode == DueMode.FIXED and not data.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", _("Enter the due date."))
        if mode in (DueMode.AFTER_ASSIGNMENT, DueMode.AFTER_JOINING) \
                and not data.get("due_days") and "due_days" not in self.errors:
            self.add_error("due_days", _("Enter the number of days."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data["target_kind"]
        return {
            "course": data["course"], "target_kind": kind,
            "person": data["person"] if kind == AssignmentTarget.PERSON else None,
            "unit": data["unit"] if kind == AssignmentTarget.UNIT else None,
            "include_subunits": bool(data.get("include_subunits")),
            "group": data["group"] if kind == AssignmentTarget.ROLE else None,
            "mandatory": bool(data.get("mandatory")), "due_mode": data["due_mode"],
            "due_date": data.get("due_date"), "due_days": data.get("due_days"),
        }
