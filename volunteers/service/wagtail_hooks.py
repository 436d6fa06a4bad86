"""Admin wiring of the service year: the service screens (volunteers.service.admin_views),
the agreement templates and the programme years' service terms as snippets.

volunteers.wagtail_hooks imports `SERVICE_VIEWSETS` into the programme's menu group
(Wagtail loads only each app's own wagtail_hooks).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.permissions import CheckedSnippetViewSet
from volunteers.service.admin_views import ServiceViewSet
from volunteers.service.models import AgreementTemplate, ServiceTerms
from volunteers.service.zeugnis_admin import ZeugnisViewSet

for _model in (AgreementTemplate, ServiceTerms):
    register_permission_policy(_model, ModelPermissionPolicy(_model), exact_class=True)


class AgreementTemplateViewSet(CheckedSnippetViewSet):
    model = AgreementTemplate
    icon = "doc-full-inverse"
    menu_label = _("Agreement templates")
    list_display = ["version", "title_de", "active", "created_at"]
    panels = [
        FieldRowPanel([FieldPanel("version"), FieldPanel("active")]),
        MultiFieldPanel([FieldPanel("title_de"), FieldPanel("text_de")],
                        heading=_("German (binding)")),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("text_en")],
                        heading=_("English translation (for information)")),
    ]


class ServiceTermsViewSet(CheckedSnippetViewSet):
    model = ServiceTerms
    icon = "cog"
    menu_label = _("Pocket money and leave")
    list_display = ["programme_year", "pocket_money_cap", "default_leave_days"]
    panels = [FieldPanel("programme_year"), FieldPanel("pocket_money_cap"),
              FieldPanel("default_leave_days")]


SERVICE_VIEWSETS = (ServiceViewSet, ZeugnisViewSet, AgreementTemplateViewSet,
                    ServiceTermsViewSet)
