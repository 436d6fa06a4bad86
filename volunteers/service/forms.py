"""Forms of the service year: the coordinator's planning and period actions, the host's
leave and sick days, a signed scan. They only collect input; writes go through
volunteers.service.services and agreement_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.forms import DATE_INPUT, KernSelectMixin
from volunteers.models import AbsenceKind, Party


class ServicePlanForm(forms.Form):
    """The coordinator plans a service from an accepted offer (admin)."""

    start_date = forms.DateField(label=_("First day of service"), widget=DATE_INPUT,
                                 help_text=_("The 1st of a month."))
    months = forms.IntegerField(label=_("Duration in months"), min_value=1, max_value=24)
    part_time = forms.BooleanField(label=_("Part-time"), required=False)
    weekly_hours = forms.IntegerField(label=_("Weekly hours"), min_value=1, max_value=48)
    pocket_money = forms.DecimalField(label=_("Pocket money per month (euros)"), min_value=0,
                                      max_digits=7, decimal_places=2)
    benefits_in_kind = forms.CharField(label=_("Benefits in kind"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    leave_days_agreed = forms.IntegerField(label=_("Leave days agreed (per 12 months)"),
                                           min_value=0, max_value=60)


class ExtendForm(forms.Form):
    new_end = forms.DateField(label=_("New last day"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note"), required=False)


class TerminateForm(forms.Form):
    last_day = forms.DateField(label=_("Last day of service"), widget=DATE_INPUT)
    by = forms.ChoiceField(label=_("Ended by"), choices=[
        (Party.VOLUNTEER.value, Party.VOLUNTEER.label), (Party.TRAEGER.value, Party.TRAEGER.label),
        (Party.HOST.value, Party.HOST.label)])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class InterruptionForm(forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    last_day = forms.DateField(label=_("Last day"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"))


class ScanForm(KernSelectMixin, forms.Form):
    """A signed copy of the agreement for one party (PDF or image, checked by content)."""

    party = forms.ChoiceField(label=_("Signed by"))
    scan = forms.FileField(label=_("Signed agreement (PDF or image)"))

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(party, Party(party).label) for party in parties]


class AbsenceForm(KernSelectMixin, forms.Form):
    """Leave or sick days, recorded by the host contact."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    first_day = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    last_day = forms.DateField(label=_("Last day"), widget=DATE_INPUT)
    days = forms.DecimalField(label=_("Working days"), min_value=0.5, max_digits=4,
                              decimal_places=1,
                              help_text=_("Only working days count, half days as 0.5."))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
