"""Admin wiring of reminders: the mail texts, editable in German and English."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.permissions import CheckedSnippetViewSet
from courses.reminders.models import MailText

register_permission_policy(MailText, ModelPermissionPolicy(MailText), exact_class=True)


class MailTextViewSet(CheckedSnippetViewSet):
    model = MailText
    icon = "mail"
    menu_label = _("Training mail texts")
    list_display = ["key", "subject_de", "subject_en"]
    panels = [FieldPanel("key", read_only=True),
              MultiFieldPanel([FieldPanel("subject_de"), FieldPanel("body_de")],
                              heading=_("German")),
              MultiFieldPanel([FieldPanel("subject_en"), FieldPanel("body_en")],
                              heading=_("English"))]


register_snippet(MailTextViewSet)
