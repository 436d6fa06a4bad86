"""The lesson block that places an H5P content item and says what counts as done."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PCompletion:
    COMPLETED = "completed"
    ANSWERED = "answered"
    PASSED = "passed"

    choices = [
        (COMPLETED, _("Completed (the content reports “completed” or “answered”)")),
        (ANSWERED, _("Answered (the content reports “answered”)")),
        (PASSED, _("Passed with at least the pass mark")),
    ]


class H5PBlock(blocks.StructBlock):
    """H5P content played in a sandboxed frame; the server decides what a result is worth."""

    content = SnippetChooserBlock("courses.H5PContent", label=_("H5P content"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, required=False,
        help_text=_("Names the player for screen readers. Leave empty to use the content's "
                    "title."))
    completion = blocks.ChoiceBlock(label=_("Counts as done when"), choices=H5PCompletion.choices,
                                    default=H5PCompletion.COMPLETED)
    pass_mark = blocks.IntegerBlock(label=_("Pass mark in percent (for “passed”)"), default=80,
                                    min_value=0, max_value=100)

    class Meta:
        icon = "media"
        label = _("H5P interactive content")
        template = "courses/h5p/block.html"
