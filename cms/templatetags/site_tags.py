from django import template
from wagtail.models import Site

from cms.models import NavigationSettings

register = template.Library()


@register.inclusion_tag("includes/header_navigation.html", takes_context=True)
def header_navigation(context):
    request = context["request"]
    items = []
    for link in _links(request, "header_links"):
        url = link.page.get_url(request)
        current = request.path == url or (url != "/" and request.path.startswith(url or "~"))
        items.append({"url": url, "label": link.display_label, "current": current})
    return {"items": items}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    return {"links": _links(request, "footer_links"), "request": request}


def _links(request, relation: str) -> list:
    site = Site.find_for_request(request)
    if site is None:
        return []
    nav = NavigationSettings.for_site(site)
    return list(getattr(nav, relation).select_related("page").filter(page__live=True))
