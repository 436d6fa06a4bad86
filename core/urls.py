"""Absolute URLs for emails, PDFs and QR codes, where no request is at hand."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the site's public base URL (WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
