"""The site shell: home page, editorial content pages, navigation and footer settings."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock


class EnglishContentMixin(models.Model):
    """Optional English texts; the English interface (/en/) shows them where filled in."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("body (English)"), blank=True)

    english_panels = [FieldPanel("title_en"), FieldPanel("intro_en"), FieldPanel("body_en")]

    class Meta:
        abstract = True

    def _in_english(self, german, english):
        return english if get_language() == "en" and english else german

    @property
    def display_title(self) -> str:
        return self._in_english(self.title, self.title_en)

    @property
    def display_intro(self) -> str:
        return self._in_english(self.intro, self.intro_en)

    @property
    def display_body(self):
        return self._in_english(self.body, self.body_en)



def bilingual_edit_handler(content_panels) -> TabbedInterface:
    """The page editor's tabs, with the English texts on a tab of their own."""
    return TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(EnglishContentMixin.english_panels, heading=_("English")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])


class HomePage(EnglishContentMixin, Page):  # noqa: DJ008 - Page has __str__
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_cache_anonymous = True  # the same for every visitor (core.pagecache)

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        return context


HomePage.edit_handler = bilingual_edit_handler(HomePage.content_panels)


class ContentPage(EnglishContentMixin, Page):  # noqa: DJ008 - Page has __str__
    """An editorial page: text, images, calls to action, FAQ. Also the legal pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    page_cache_anonymous = True  # the same for every visitor (core.pagecache)

    class Meta:
        verbose_name = _("content page")


ContentPage.edit_handler = bilingual_edit_handler(ContentPage.content_panels)


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """Header navigation and footer of a site, edited under Settings in the admin."""

    footer_text = models.TextField(
        _("footer text"), blank=True,
        help_text=_("Publisher and contact line shown in the footer."))

    panels = [
        InlinePanel("header_links", heading=_("Header navigation"), label=_("Link")),
        MultiFieldPanel([
            FieldPanel("footer_text"),
            InlinePanel("footer_links", label=_("Link")),
        ], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("navigation and footer")


class NavigationLink(Orderable):
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"),
                             on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("label"), max_length=60, blank=True,
                             help_text=_("Defaults to the page title."))
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)

    panels = [FieldPanel("page"), FieldPanel("label"), FieldPanel("label_en")]

    class Meta(Orderable.Meta):
        abstract = True

    def display_label_for(self, specific_page) -> str:
        """The label in the current language; `specific_page` is this link's page."""
        if get_language() == "en" and self.label_en:
            return self.label_en
        return self.label or getattr(specific_page, "display_title", specific_page.title)


class HeaderLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="header_links",
                          on_delete=models.CASCADE)


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="footer_links",
                          on_delete=models.CASCADE)
