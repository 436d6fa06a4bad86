"""Wagtail hooks of the site shell."""

from wagtail import hooks

from core.pagecache import before_serve_page

# Pages whose class opts in are kept whole for anonymous visitors (core.pagecache).
hooks.register("before_serve_page", before_serve_page)
