"""StreamField blocks of the site's editorial pages; each names its template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Target page"), required=False)
    url = blocks.URLBlock(label=_("or external address"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(block_errors={
                "page": _("Choose a target page or enter an address.")})
        return value


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or heading"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Entries"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "blocks/accordion.html"


class CaptionedImageBlock(ImageBlock):
    """Wagtail's image block (with alt text or "decorative"), rendered with our template."""

    class Meta:
        label = _("Image")
        template = "blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES,
                                     template="blocks/rich_text.html")
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
