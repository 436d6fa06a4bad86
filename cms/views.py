from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search over the published, public pages."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = Page.objects.live().public().specific()
    results = pages.search(query) if query else Page.objects.none()
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "cms/search.html", {"query": query, "page_obj": page_obj})
