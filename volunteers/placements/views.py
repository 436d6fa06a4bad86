"""The public placement pages: the listing with its filters and each placement, answered
for the ProgrammePage's routes (see volunteers.wagtail_hooks)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from volunteers import forms as step_forms
from volunteers.models import Placement
from volunteers.selectors import (
    PlacementFilters,
    placement_seats_free,
    placement_start_dates,
    placements_published,
    placements_with_free_seats,
    programme_year_current,
)

PLACEMENTS_PER_PAGE = 12


def placement_listing(request, *, page):
    """The programme page with its filterable placement listing."""
    year = programme_year_current()
    start_dates = placement_start_dates(programme_year=year)
    form = step_forms.PlacementFilterForm(request.GET or None, start_dates=start_dates)
    filters = PlacementFilters(**form.cleaned_data) if form.is_valid() else PlacementFilters()
    placements = placements_published(programme_year=year, filters=filters)
    page_obj = Paginator(placements, PLACEMENTS_PER_PAGE).get_page(request.GET.get("seite"))
    extra_query = {key: value for key, value in request.GET.items()
                   if key != "seite" and value}
    return page.render(request, context_overrides={
        "programme_year": year, "filter_form": form, "page_obj": page_obj,
        "placements": placements_with_free_seats(page_obj.object_list),
        "extra_query": extra_query,
        "is_filtered": any(vars(filters).values())})


def placement_detail(request, *, page, slug: str):
    placement = get_object_or_404(
        Placement.objects.select_related("host", "programme_year")
        .prefetch_related("start_dates"), slug=slug, published=True)
    placement.seats_free = placement_seats_free(placement=placement)
    return page.render(request, template="volunteers/placement_detail.html",
                       context_overrides={"placement": placement,
                                          "programme_page": page})
