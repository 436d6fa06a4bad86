"""Mark editorial content that exists only in German, so screen readers read it in German.

`<p{% german_only %}>` adds ` lang="de"` whenever the interface is not German;
`<p{% german_only page.intro_en %}>` adds it only when the English text is empty (the
page then shows the German one).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()
NOTHING_IN_ENGLISH = object()


@register.simple_tag
def german_only(english=NOTHING_IN_ENGLISH):
    """` lang="de"` when German text is shown inside a page in another language."""
    if (get_language() or "de").split("-")[0] == "de":
        return ""
    if english is not NOTHING_IN_ENGLISH and english:
        return ""
    return mark_safe(' lang="de"')
