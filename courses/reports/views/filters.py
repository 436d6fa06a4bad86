"""The reports' filter forms: choices only, each report's selector applies them (with the
coordinator's scope)."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from certificates.selectors import certificate_titles
from courses.assignments.models import PersonAssignment
from courses.reports.selectors import evidence_courses, orgunits_for_reports


class UnitSelect(forms.Select):
    """A plain select whose options are written here rather than through two templates
    each: the 500 units of a state-wide tree cost about a third of the compliance page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (option["value"], " selected" if option["selected"] else "", option["label"])
            for _group, choices, _index in widget["optgroups"] for option in choices))
        return format_html('<select name="{}"{}>{}</select>', widget["name"],
                           flatatt(widget["attrs"]), options)


def _courses(request):
    return evidence_courses()


def _units(request):
    return orgunits_for_reports(user=request.user)


class ReportFilterSet(WagtailFilterSet):
    """Choices only: each report's selector applies them (with the scope)."""

    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=_courses, method="chosen",
        empty_label=gettext_lazy("All courses"))
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation unit"), queryset=_units, method="chosen",
        empty_label=gettext_lazy("All units in your scope"), widget=UnitSelect,
        help_text=gettext_lazy("Counts include every unit below the chosen one."))
    mandatory = django_filters.ChoiceFilter(
        label=gettext_lazy("Assignments"), method="chosen",
        choices=[("mandatory", gettext_lazy("Mandatory courses only"))],
        empty_label=gettext_lazy("All assigned courses"))

    class Meta:
        model = PersonAssignment
        fields = []

    def chosen(self, queryset, name, value):
        return queryset


class CompletionsFilterSet(ReportFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Completed between"), method="chosen",
        widget=DateRangePickerWidget)
    mandatory = None


class CertificatesFilterSet(WagtailFilterSet):
    title = django_filters.ChoiceFilter(
        label=gettext_lazy("Achievement"), method="chosen",
        empty_label=gettext_lazy("All achievements"))
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Issued between"), method="chosen",
        widget=DateRangePickerWidget)

    class Meta:
        model = PersonAssignment
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["title"].extra["choices"] = [
            (title, title) for title in certificate_titles(user=request.user)]

    def chosen(self, queryset, name, value):
        return queryset


class EvidenceFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Course"), queryset=_courses, method="chosen",
        empty_label=gettext_lazy("Choose a course"))
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Authority or organisation unit"), queryset=_units,
        method="chosen", empty_label=gettext_lazy("All units in your scope"), widget=UnitSelect,
        help_text=gettext_lazy("The report covers the unit and every unit below it."))

    class Meta:
        model = PersonAssignment
        fields = []

    def chosen(self, queryset, name, value):
        return queryset
