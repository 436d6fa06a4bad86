"""The programme page answers its routes through the app's interface (a Wagtail hook), so
the page model imports no view; previews in the admin show the listing too."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from volunteers.models import ProgrammePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_page(db):
    from cms.demo import seed_pages

    seed_pages()
    return ProgrammePage.objects.get()


def test_preview_of_the_programme_page_shows_the_placement_listing(
        programme_page, placements, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    with translation.override("en"):
        response = programme_page.serve_preview(request, programme_page.default_preview_mode)
        html = response.render().content.decode()
    assert response.status_code == 200
    assert "Social Media für die Stadt Apolda" in html
    assert "2 seats left" in html


def test_placement_route_of_an_unknown_slug_is_404(client, programme_page, placements):
    assert client.get("/freiwilliges-digitales-jahr/stelle/gibt-es-nicht/").status_code == 404
