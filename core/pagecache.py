"""Page cache: whole pages for anonymous visitors, Wagtail's routing and page data for everyone.

Every entry's key carries the *pages version*, a counter that `pages_invalidate()` raises
whenever published content may have changed (publish, unpublish, move, delete, view
restrictions, sites; the apps add their own models, e.g. cms.signals). The counter lives in
the `pagecache` cache alias, which every worker shares (the database cache table, or Redis
with REDIS_URL), so a publish in one worker is seen by all; the entries themselves may sit
in each worker's local memory (the `default` alias).

What is never cached, so that nobody is served somebody else's data:

- whole pages only for requests without a session or messages cookie (nobody logged in, no
  pending message), only pages whose class opted in (`page_cache_anonymous = True`),
  only their own URL (no routable sub-page), only 200 responses that set no cookie, used
  no CSRF token and no CSP nonce, and are not marked private;
- routing and page data hold published content only, never anything of a person.
"""

import contextvars
import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language, get_language_from_path

VERSION_KEY = "pagecache:version"
SECONDS = getattr(settings, "PAGE_CACHE_SECONDS", 300)
NO_STORE = {"private", "no-store", "no-cache"}
# The version read once per request (the middleware opens a holder for each request).
_request_version: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "pages_version", default=None)


def _versions():
    return caches["pagecache"]


def _fresh_version() -> int:
    # A counter that was lost (evicted, or its table emptied) restarts at a value no old
    # key carries, so an entry made before can never be read again.
    return time.time_ns()


def pages_version() -> int:
    """The current pages version (one read of the shared cache per request)."""
    holder = _request_version.get()
    if holder is not None and "version" in holder:
        return holder["version"]
    version = _versions().get_or_set(VERSION_KEY, _fresh_version, None)
    if holder is not None:
        holder["version"] = version
    return version


def pages_invalidate(**_signal_kwargs) -> None:
    """Forget every cached page, route and page datum (as a signal receiver too)."""
    holder = _request_version.get()
    if holder is not None:
        holder.pop("version", None)
    try:
        _versions().incr(VERSION_KEY)
    except ValueError:  # not set yet, or lost
        _versions().set(VERSION_KEY, _fresh_version(), None)


class _LocalEntries:
    """This process's own copy of the page cache's entries, read before the shared cache.

    A hit is a dictionary lookup: no lock, no unpickling and, with Redis, no round trip.
    Entries are published content only, handed to every request of this process as the
    same objects: code never writes anything of a person onto them. They keep the shared
    cache's lifetime, and all go when the pages version changes (or too many gather).
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.version = None
        self.entries: dict[str, tuple[float, object]] = {}

    def get(self, key: str, version: int):
        if version != self.version:
            self.entries, self.version = {}, version
            return None
        entry = self.entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def set(self, key: str, value, version: int) -> None:
        if version != self.version or len(self.entries) >= self.max_entries:
            self.entries, self.version = {}, version
        self.entries[key] = (time.monotonic() + SECONDS, value)

    def clear(self) -> None:
        self.entries, self.version = {}, None


# At most this many copies per process (then all go at once): routes hold whole page
# objects and fragments whole lesson bodies, some tens of kilobytes each.
_local = _LocalEntries(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 2000))


def local_clear() -> None:
    """Forget this process's copies (the tests do between tests, with the caches)."""
    _local.clear()


def _cached(key: str, version: int, build):
    """`build()`'s value under `key` (which carries `version`): this process's copy, else
    the shared cache's, else built and kept in both (None is never kept: it is built
    again next time, as a cache miss)."""
    value = _local.get(key, version)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = build()
            if value is None:
                return None
            cache.set(key, value, SECONDS)
        _local.set(key, value, version)
    return value


def page_data(name: str, *parts, build):
    """`build()`'s value, cached for the current pages version under `name` and `parts`.

    Only for values that depend on published content alone (never on the person).
    """
    version = pages_version()
    key = f"pagecache:data:{version}:{name}:" + ":".join(str(part) for part in parts)
    return _cached(key, version, build)


def page_data_many(name: str, keys: list, *, build_missing) -> dict:
    """{key: value} for each of `keys`, cached one by one like `page_data`;
    `build_missing(missing_keys)` returns a dict for those not cached, in one go."""
    if not keys:
        return {}
    version = pages_version()
    prefix = f"pagecache:data:{version}:{name}:"
    values = {}
    for key in keys:
        value = _local.get(f"{prefix}{key}", version)
        if value is not None:
            values[key] = value
    absent = [key for key in keys if key not in values]
    if absent:
        found = cache.get_many([f"{prefix}{key}" for key in absent])
        for key in absent:
            if f"{prefix}{key}" in found:
                values[key] = found[f"{prefix}{key}"]
                _local.set(f"{prefix}{key}", values[key], version)
    missing = [key for key in keys if key not in values]
    if missing:
        built = build_missing(missing)
        stored = {f"{prefix}{key}": built[key] for key in missing if key in built}
        cache.set_many(stored, SECONDS)
        for full_key, value in stored.items():
            _local.set(full_key, value, version)
        values.update(built)
    return values


def shared_fragment(name: str, parts: list, *, build) -> str:
    """A rendered piece of a page the same for everyone (`build()`'s HTML), cached for the
    current pages version under `name` and a digest of `parts` (language, site, page, …).

    Only for HTML made of published content (never anything of the person).
    """
    version = pages_version()
    key = (f"pagecache:fragment:{version}:{name}:"
           f"{_digest(repr([str(part) for part in parts]))}")
    return _cached(key, version, lambda: str(build()))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def anonymous_key(request) -> str | None:
    """The cache key of a request whose page may come from the cache, else None."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    cookies = request.COOKIES
    if (settings.SESSION_COOKIE_NAME in cookies
            or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies):
        return None
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a disallowed host is answered by Django itself
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return (f"pagecache:page:{pages_version()}:{language}:{request.scheme}:"
            f"{_digest(host + request.get_full_path())}")


def storable(request, response) -> bool:
    """Whether a page rendered for an anonymous request may be served to other visitors."""
    if not getattr(request, "page_cache_anonymous", False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return False
    control = {part.split("=")[0].strip().lower()
               for part in cc_delim_re.split(response.get("Cache-Control", "")) if part}
    return not control & NO_STORE


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the cache; prime Wagtail's routing from it.

    Sits before the session middleware: a hit costs one read of the pages version.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set({})
        try:
            key = anonymous_key(request)
            if key is not None:
                stored = cache.get(key)
                if stored is not None:
                    return _response(stored)
            response = self.get_response(request)
            if key is not None and storable(request, response):
                cache.set(key, _snapshot(response), SECONDS)
            return response
        finally:
            _request_version.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # late import: Wagtail's models need a ready app registry; core loads before it
        from wagtail import views as wagtail_views

        if view_func is wagtail_views.serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            prime_route(request, path)


def _snapshot(response) -> tuple:
    return response.status_code, response.content, list(response.items())


def _response(stored):
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def request_site(request):
    """Wagtail's site for the request, from the page cache; Wagtail reuses it."""
    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site"):
        try:
            host = request.get_host()
        except Exception:  # noqa: BLE001 - a disallowed host is answered by Django itself
            return None
        request._wagtail_site = page_data("site", host, request.get_port(),
                                          build=lambda: Site.find_for_request(request))
    return request._wagtail_site


class PageLink(NamedTuple):
    url: str | None
    live: bool


def page_links(request, page_ids) -> dict[int, PageLink]:
    """{page id: its address as `{% pageurl %}` gives it for the request (its site and
    language) and whether it is live}, from the page cache; pages that do not exist are
    left out. The pages missing from the cache are read in one query."""
    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.models import Page

    site = request_site(request)
    suffix = f":{site.pk if site is not None else ''}:{get_language() or ''}"
    keys = {f"{pk}{suffix}": pk for pk in dict.fromkeys(page_ids)}

    def build_missing(missing: list[str]) -> dict[str, PageLink]:
        pages = Page.objects.filter(pk__in=[keys[key] for key in missing]).specific()
        return {f"{page.pk}{suffix}": PageLink(page.get_url(request), page.live)
                for page in pages}

    found = page_data_many("page-link", list(keys), build_missing=build_missing)
    return {pk: found[key] for key, pk in keys.items() if key in found}


def prime_route(request, path: str) -> None:
    """Give Wagtail the site and page of `path` from the cache (they are published content).

    Wagtail reads both from the request (`_wagtail_site`, `_wagtail_route_for_request`);
    the page's view restrictions come along, so serving it asks the database for neither.
    """
    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.models import Page, Site

    version = pages_version()
    key = f"pagecache:route:{version}:{_digest(request.get_host() + '|' + path)}"

    def build():
        site = Site.find_for_request(request)
        route = Page.route_for_request(request, path) if site else None
        if route is None:
            return None  # no page: Wagtail answers, and the next request asks again
        page = route[0]
        components = [part for part in path.split("/") if part]
        rest = components[page.depth - site.root_page.depth:]
        subpath = "/" + "".join(f"{part}/" for part in rest)
        args = None if isinstance(page, RoutablePageMixin) else (route[1], route[2])
        return (site, page, args, subpath, list(page.get_view_restrictions()))

    entry = _cached(key, version, build)
    if entry is None:
        return
    site, page, args, subpath, restrictions = entry
    page.get_view_restrictions = lambda: restrictions  # what Wagtail's check iterates
    if args is None:
        match = page.resolve_subpage(subpath)
        request.routable_resolver_match = match
        args = ((match[0], match[1], match[2]), {})
    request._wagtail_site = site
    request._wagtail_route_for_request = (page, *args)


def before_serve_page(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail hook: mark a request for an opted-in page's own URL as cacheable."""
    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not getattr(page, "page_cache_anonymous", False):
        return
    if isinstance(page, RoutablePageMixin):
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name != "index_route":
            return
    request.page_cache_anonymous = True


def connect() -> None:
    """Raise the pages version on every change Wagtail signals for published pages."""
    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.models import PageViewRestriction, Site, get_page_models

    # late import: Wagtail's models need a ready app registry; core loads before it
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(pages_invalidate, dispatch_uid="pagecache_published")
    page_unpublished.connect(pages_invalidate, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(pages_invalidate, dispatch_uid="pagecache_moved")
    # Any saved or deleted page row too: pages made in code (the demo, imports) are live at
    # once. Each page model by name: a receiver for every model would keep Django from
    # deleting any other model's rows in one statement (its "fast delete").
    for model in (PageViewRestriction, Site, *get_page_models()):
        invalidate_on_change(model)


def invalidate_on_change(model) -> None:
    """Raise the pages version whenever a row of `model` is saved or deleted."""
    name = f"{model._meta.label}"
    post_save.connect(pages_invalidate, sender=model, dispatch_uid=f"pagecache_save_{name}")
    post_delete.connect(pages_invalidate, sender=model, dispatch_uid=f"pagecache_del_{name}")
