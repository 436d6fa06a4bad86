"""Context every page needs: the other-language link for the language switch."""

from django.urls import translate_url
from django.utils.translation import get_language


def site_chrome(request) -> dict:
    current = get_language() or "de"
    other = "en" if current == "de" else "de"
    return {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }
