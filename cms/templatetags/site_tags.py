"""Header navigation and footer links from the site settings, cached per site and language.

The cache key carries a version that `cms.signals` bumps whenever navigation settings or
any page is saved, published or unpublished, so editors see their change at once.
"""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, Site

from cms.models import NavigationSettings
from core.pagecache import request_site, shared_fragment

register = template.Library()
VERSION_KEY = "cms:navigation-version"


def navigation_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def navigation_invalidate() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


ADMIN_ACCESS_SECONDS = 300


@register.filter
def page_title(page) -> str:
    """The page's title as the window shows it: its `display_title` where its type has
    one (the interface language's), else its title. (A template's `page.display_title`
    on a type without one costs a failed lookup: Django then lists the page's attributes.)
    """
    return getattr(page, "display_title", "") or page.title


@register.simple_tag(takes_context=True)
def userbar(context):
    """Wagtail's user bar for people who may use the admin, nothing for everyone else.

    Whether someone may use the admin is remembered for a few minutes per person, so a
    learner's page asks the database for no permissions; the user bar checks them itself
    before it shows anything.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    key = f"cms:admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    return wagtailuserbar(context) if allowed else ""


@register.simple_tag(takes_context=True)
def header_navigation(context):
    """The header's links, the current page's marked; rendered once per site, language and
    current link (the same for everyone)."""
    request = context["request"]
    items = []
    for item in _links(request)["header"]:
        url = item["url"]
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({**item, "current": current})
    current = [index for index, item in enumerate(items) if item["current"]]
    return _rendered("header-navigation", request, current,
                     template="includes/header_navigation.html", context={"items": items})


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's links and text, rendered once per site and language."""
    request = context["request"]
    links = _links(request)
    return _rendered("footer-links", request, template="includes/footer_links.html",
                     context={"links": links["footer"], "footer_text": links["footer_text"]})


def _rendered(name: str, request, *parts, template: str, context: dict) -> str:
    site = request_site(request)
    html = shared_fragment(name, [get_language(), site.pk if site else "", *parts],
                           build=lambda: render_to_string(template, context))
    return mark_safe(html)  # noqa: S308 - our own template's output


def _links(request) -> dict:
    """The site's header and footer links in the current language (read once a request:
    the header and the footer both ask)."""
    site = request_site(request)
    if site is None:
        return {"header": [], "footer": [], "footer_text": ""}
    language = get_language()
    known = getattr(request, "_site_links", None)
    if known is not None and known[0] == (site.pk, language):
        return known[1]
    key = f"cms:navigation:{site.pk}:{language}:{navigation_version()}"
    links = cache.get(key)
    if links is None:
        links = _build_links(request, site)
        cache.set(key, links, 60 * 60)
    request._site_links = ((site.pk, language), links)
    return links


def _label_is_german(link, page) -> bool:
    """Whether the label shown in a non-German interface is the German one (no English)."""
    if (get_language() or "de").split("-")[0] == "de" or link.label_en:
        return False
    return bool(link.label) or not getattr(page, "title_en", "")


def _build_links(request, site: Site) -> dict:
    nav = NavigationSettings.for_site(site)
    rows = {"header": list(nav.header_links.all()), "footer": list(nav.footer_links.all())}
    page_ids = [row.page_id for group in rows.values() for row in group]
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids).specific()}
    result = {"footer_text": nav.footer_text}
    for group, links in rows.items():
        result[group] = [
            {"url": pages[link.page_id].get_url(request),
             "label": link.display_label_for(pages[link.page_id]),
             "german": _label_is_german(link, pages[link.page_id])}
            for link in links if link.page_id in pages]
    return result
