"""Course catalogue and learning content (Wagtail pages) and learning records (plain rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class CourseIndexPage(Page):
    """The course catalogue at /kurse/: editorial text above the list of courses."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")
