"""Admin wiring of the seminar days: the seminar plan, the groups and the seminar rules per
programme year as snippets (in the programme's admin menu, see volunteers.wagtail_hooks),
the seminar and day-sheet screens under /admin/seminar-days/.

volunteers.wagtail_hooks imports this module (Wagtail only loads each app's own
wagtail_hooks), and adds `SEMINAR_VIEWSETS` to the programme's menu group.
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permissions import register_permission_policy

from accounts.permissions import (
    CheckedSnippetViewSet,
    ScopedModelPermissionPolicy,
    ScopedViewSetMixin,
)
from volunteers.seminar_days import admin_views
from volunteers.seminar_days.models import Seminar, SeminarGroup, SeminarTerms
from volunteers.seminar_days.selectors import in_year_scope

# A coordinator limited to some programme years sees and edits only their seminar plans.
for _model in (Seminar, SeminarGroup, SeminarTerms):
    register_permission_policy(_model, ScopedModelPermissionPolicy(
        _model, scope=lambda user, queryset: in_year_scope(user=user, queryset=queryset)),
        exact_class=True)


class SeminarViewSet(ScopedViewSetMixin, CheckedSnippetViewSet):
    model = Seminar
    icon = "group"
    menu_label = _("Seminars")
    list_display = [
        "title", "kind", "first_day", "last_day", "group", "place",
        TitleColumn("attendance", label=_("Attendance"), url_name="seminar_days_admin:seminar",
                    accessor=lambda seminar: _("Days and attendance sheets")),
    ]
    list_filter = ["programme_year", "kind", "group"]
    list_export = ["title", "kind", "first_day", "last_day", "group", "place", "responsible"]
    export_filename = "seminarplan"
    panels = [
        FieldRowPanel([FieldPanel("programme_year"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("group")]),
        FieldPanel("responsible"),
    ]


class SeminarGroupViewSet(ScopedViewSetMixin, CheckedSnippetViewSet):
    model = SeminarGroup
    icon = "group"
    menu_label = _("Seminar groups")
    list_display = ["name", "programme_year",
                    Column("size", label=_("Volunteers"),
                           accessor=lambda group: group.services.count())]
    list_filter = ["programme_year"]
    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("programme_year")]),
              FieldPanel("services", widget=forms.CheckboxSelectMultiple)]


class SeminarTermsViewSet(ScopedViewSetMixin, CheckedSnippetViewSet):
    model = SeminarTerms
    icon = "cog"
    menu_label = _("Seminar rules")
    list_display = ["programme_year", "extra_digital_days", "rounding"]
    panels = [FieldPanel("programme_year"), FieldPanel("extra_digital_days"),
              FieldPanel("rounding")]


SEMINAR_VIEWSETS = (SeminarViewSet, SeminarGroupViewSet, SeminarTermsViewSet)


@hooks.register("register_admin_urls")
def register_seminar_days_urls():
    return [path("seminar-days/", (admin_views.urlpatterns, "seminar_days_admin",
                                    "seminar_days_admin"))]
