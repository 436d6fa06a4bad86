"""`{% shared "name" part ... %}…{% endshared %}`: a piece of a page rendered once for
everyone and kept in the page cache.

What sits between the tags must show published content only — never anything of the
person (their name, progress, enrolment, permissions, forms with a CSRF token, messages).
The key carries the pages version (raised on every publish, unpublish, move and delete,
see core.pagecache), the language, the site and the parts named in the tag (e.g. the page
and the catalogue's filters), so the piece is rendered again whenever any of them differs.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.pagecache import request_site, shared_fragment

register = template.Library()


class SharedNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # an editor's preview shows a draft
        site = request_site(request)
        parts = [get_language() or "", site.pk if site is not None else "",
                 *(part.resolve(context) for part in self.parts)]
        html = shared_fragment(self.name.resolve(context), parts,
                               build=lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - our templates' output, escaped as they rendered


@register.tag("shared")
def do_shared(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared %} needs a name")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(parser.compile_filter(bits[1]),
                      [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
