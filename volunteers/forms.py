"""Forms of the application steps, the host verdict and the coordinator's actions.

Forms only collect and shape input; every write goes through volunteers.services.
"""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import KernFormMixin
from volunteers.eligibility import (
    guardian_email_is_applicants,
    guardian_own_address_message,
    part_time_problem,
)
from volunteers.models import (
    Application,
    ApplicationPreference,
    ApplicationStatus,
    DocumentKind,
    Focus,
    HostKind,
    Landkreis,
    Placement,
)

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
PHONE_CHARACTERS = re.compile(r"[0-9 +/()\-]+")
PHONE_MIN_DIGITS = 6


def clean_phone_number(value: str) -> str:
    """Digits, spaces, + / - and parentheses, with at least six digits (or nothing)."""
    value = (value or "").strip()
    if not value:
        return value
    if not PHONE_CHARACTERS.fullmatch(value):
        raise forms.ValidationError(_(
            "A phone number may contain only digits, spaces and the characters + / - ( )."),
            code="phone_characters")
    if sum(ch.isdigit() for ch in value) < PHONE_MIN_DIGITS:
        raise forms.ValidationError(_("A phone number has at least %(count)s digits.")
                                    % {"count": PHONE_MIN_DIGITS}, code="phone_short")
    return value


class KernSelectMixin(KernFormMixin):
    """KernFormMixin plus the KERN select class for drop-downs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "kern-form-input__select"


class PlacementFilterForm(KernSelectMixin, forms.Form):
    landkreis = forms.ChoiceField(label=_("District"), required=False,
                                  choices=[("", _("All districts")), *Landkreis.choices])
    focus = forms.ChoiceField(label=_("Digital focus"), required=False,
                              choices=[("", _("All topics")), *Focus.choices])
    start = forms.ChoiceField(label=_("Start date"), required=False)
    host_kind = forms.ChoiceField(label=_("Kind of host organisation"), required=False,
                                  choices=[("", _("All kinds")), *HostKind.choices])

    def __init__(self, *args, start_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [("", _("All start dates")),
                                        *[(d.date.isoformat(), str(d)) for d in start_dates]]


class PersonalForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["first_name", "last_name", "date_of_birth", "street", "postcode", "town",
                  "phone", "contact_email"]
        widgets = {"date_of_birth": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "date_of_birth", "town", "contact_email"):
            self.fields[name].required = True
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["date_of_birth"].widget.attrs["autocomplete"] = "bday"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["street"].widget.attrs["autocomplete"] = "street-address"
        self.fields["town"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["postcode"].widget.attrs["inputmode"] = "numeric"

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth lies in the future."),
                                        code="future")
        if born and born < EARLIEST_BIRTH_DATE:
            raise forms.ValidationError(_("Please check the date of birth: it lies before "
                                          "1900."), code="implausible")
        return born

    def clean_postcode(self) -> str:
        postcode = (self.cleaned_data["postcode"] or "").strip()
        if postcode and not re.fullmatch(r"[0-9]{5}", postcode):
            raise forms.ValidationError(_("A German postcode has exactly five digits."),
                                        code="postcode")
        return postcode

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])


class SchoolForm(KernSelectMixin, forms.ModelForm):
    obligation = forms.ChoiceField(
        label=_("Have you completed your full-time school obligation?"), choices=YES_NO,
        help_text=_("In Thuringia after ten school years. Your own statement is enough."))

    class Meta:
        model = Application
        fields = ["school_situation", "school_details"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_situation"].required = True
        value = self.instance.school_obligation_completed
        self.initial["obligation"] = "" if value is None else ("yes" if value else "no")
        self.order_fields(["obligation", "school_situation", "school_details"])

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["school_obligation_completed"] = self.cleaned_data["obligation"] == "yes"
        return data


class AvailabilityForm(KernSelectMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["start_date", "part_time", "weekly_hours", "confirms_extended_certificate",
                  "has_driving_licence", "availability_notes"]
        widgets = {"availability_notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"part_time": _("Part-time needs the agreement of the host organisation.")}
        labels = {"confirms_extended_certificate": _(
                      "I can present an extended certificate of good conduct "
                      "(erweitertes Führungszeugnis)"),
                  "has_driving_licence": _("I have a driving licence (class B)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start = self.fields["start_date"]
        start.queryset = self.instance.programme_year.start_dates.all()
        start.required = True
        start.empty_label = _("Please choose")
        year = self.instance.programme_year
        if not year.part_time_allowed:
            del self.fields["part_time"], self.fields["weekly_hours"]
        else:
            self.fields["weekly_hours"].help_text = _(
                "Only for part-time: more than %(limit)s hours a week, that is at least "
                "%(hours)s hours.") % {"limit": year.part_time_min_weekly_hours - 1,
                                       "hours": year.part_time_min_weekly_hours}

    def clean(self):
        data = super().clean()
        if "part_time" in self.fields:
            problem = part_time_problem(self.instance.programme_year,
                                        part_time=data.get("part_time", False),
                                        weekly_hours=data.get("weekly_hours"))
            if problem:
                self.add_error("weekly_hours", problem.message)
        return data


class MotivationForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 10, "maxlength": 5000})}
        labels = {"motivation": _("Why do you want to do the Freiwilliges Digitales Jahr?")}
        help_texts = {"motivation": _(
            "What interests you, what would you like to learn or try out? Host organisations "
            "first see this text without your name.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivation"].required = True

    def clean_motivation(self) -> str:
        text = self.cleaned_data["motivation"].strip()
        if len(text) > 5000:
            raise forms.ValidationError(_("Please write at most 5000 characters."))
        return text


class DocumentForm(KernSelectMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF or image (JPEG, PNG, WebP), at most %(mb)s MB.")
        % {"mb": getattr(settings, "VOLUNTEER_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024)
           // (1024 * 1024)})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.webp"


ORDINALS = [_("1st choice"), _("2nd choice"), _("3rd choice"), _("4th choice"),
            _("5th choice"), _("6th choice"), _("7th choice"), _("8th choice")]


class PreferencesForm(KernSelectMixin, forms.Form):
    """One drop-down per rank; the service checks duplicates, limits and publication."""

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        year = application.programme_year
        queryset = (Placement.objects.filter(programme_year=year, published=True)
                    .select_related("host").order_by("title"))
        current = {p.rank: p.placement_id for p in application.preferences.all()}
        for rank in range(1, year.max_preferences + 1):
            field = forms.ModelChoiceField(
                queryset=queryset, label=ORDINALS[rank - 1], required=rank == 1,
                empty_label=_("Please choose") if rank == 1 else _("No further choice"))
            field.label_from_instance = lambda p: f"{p.title} – {p.host.name}"
            self.fields[f"rank_{rank}"] = field
            self.initial[f"rank_{rank}"] = current.get(rank)
        for field in self.fields.values():
            field.widget.attrs["class"] = "kern-form-input__select"

    def placements(self) -> list[Placement]:
        return [value for name, value in self.cleaned_data.items()
                if name.startswith("rank_") and value is not None]


class ConsentForm(KernFormMixin, forms.Form):
    agree = forms.BooleanField(label=_("I agree to the processing of my data as described "
                                       "above."), required=True)


class GuardianForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["guardian_name", "guardian_email", "guardian_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian_name"].required = True
        self.fields["guardian_email"].required = True

    def clean_guardian_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["guardian_phone"])

    def clean_guardian_email(self) -> str:
        email = self.cleaned_data["guardian_email"]
        if guardian_email_is_applicants(self.instance, email):
            raise forms.ValidationError(guardian_own_address_message(), code="own_address")
        return email


class VerdictForm(KernSelectMixin, forms.ModelForm):
    class Meta:
        model = ApplicationPreference
        fields = ["verdict", "verdict_comment", "host_rank", "interview_proposal"]
        widgets = {"verdict_comment": forms.Textarea(attrs={"rows": 3}),
                   "interview_proposal": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"host_rank": _("Optional: your ranking among the applicants (1 = first)."),
                      "interview_proposal": _("Proposed dates for getting to know each "
                                              "other.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].required = True
        self.fields["verdict"].choices = [("", _("Please choose")),
                                          *ApplicationPreference.Verdict.choices[1:]]


class TransitionForm(forms.Form):
    """The coordinator moves an application (admin)."""

    to_status = forms.ChoiceField(label=_("New status"))
    placement = forms.ModelChoiceField(
        label=_("Placement (for interviews, offers and the waiting list)"),
        queryset=Placement.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, application: Application, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (value, ApplicationStatus(value).label) for value in choices]
        self.fields["placement"].queryset = Placement.objects.filter(
            preferences__application=application).order_by("preferences__rank")
        self.fields["placement"].initial = application.placement_id


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)
