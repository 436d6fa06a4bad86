"""Context every page needs: the other-language link for the language switch."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language


def site_chrome(request) -> dict:
    current = get_language() or "de"
    other = "en" if current == "de" else "de"
    return {
        "other_language": other,
        "other_language_url": _translated(request.get_full_path(), other,
                                          settings.ROOT_URLCONF, get_urlconf()),
    }


@lru_cache(maxsize=4096)
def _translated(path: str, language: str, _root_urlconf, _urlconf) -> str:
    """`translate_url`'s answer, which depends on the address and the URLs alone (both in
    the key), remembered for the addresses asked most."""
    return translate_url(path, language)
