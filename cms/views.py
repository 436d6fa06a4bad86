from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from accounts.roles import ADMIN_ROLES, Role
from certificates.selectors import certificates_for_recipient
from courses.selectors import dashboard_courses
from volunteers.selectors import dashboard_section

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search over the published, public pages."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = Page.objects.live().public().specific()
    results = pages.search(query) if query else Page.objects.none()
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "cms/search.html", {"query": query, "page_obj": page_obj,
                                               "search_query": urlencode({"q": query})})


@login_required
def dashboard(request):
    """"Mein Bereich": the logged-in person's own data, and nothing of anyone else's.

    Each domain app contributes a section through its own selector; this view only
    composes them.
    """
    user = request.user
    role_names = set(user.groups.values_list("name", flat=True))
    roles = [role for role in Role if role.value in role_names]
    return render(request, "cms/dashboard.html", {
        "roles": roles,
        "unit_path": [*user.home_unit.ancestors(), user.home_unit] if user.home_unit else [],
        "works_in_admin": user.is_superuser or any(role in ADMIN_ROLES for role in roles),
        "volunteering": dashboard_section(user=user),
        "courses": dashboard_courses(user=user),
        "certificates": list(certificates_for_recipient(user=user)),
    })
