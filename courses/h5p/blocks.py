"""The lesson block that places an H5P content item and says what counts as done."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.h5p.attempts import h5p_attempt_token_make


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

    def get_context(self, value, parent_context=None):
        """Adds `attempt_token`: the lesson page's proof for the player and the xAPI endpoint."""
        context = super().get_context(value, parent_context=parent_context)
        request, page = (parent_context or {}).get("request"), context.get("page")
        user = getattr(request, "user", None)
        if value.get("content") is not None and page is not None and page.pk \
                and user is not None and user.is_authenticated:
            context["attempt_token"] = h5p_attempt_token_make(
                learner=user, lesson=page, content=value["content"])
        return context

    class Meta:
        icon = "media"
        label = _("H5P interactive content")
        template = "courses/h5p/block.html"
