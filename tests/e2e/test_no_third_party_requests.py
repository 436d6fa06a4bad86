"""No page asks another host for anything (the admin once asked gravatar.com for an
avatar, with a hash of the email address): a superuser walks the admin dashboard, an
application, the certificate list, the batch start screen and the home page, and every
request the browser makes goes to the site itself. axe-core runs on the admin screens
changed for the coordinators."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from volunteers.models import Application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, seeded):
    seeded()
    return live_server.url


def test_superuser_walk_requests_nothing_from_other_hosts(page, site, assert_accessible):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    own = urlparse(site).netloc
    foreign = []

    def watch(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own:
            foreign.append(request.url)

    page.on("request", watch)
    page.goto(site + "/admin/login/")
    page.locator("input[name=username]").fill("admin@demo.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("main, #main").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    application = Application.objects.exclude(status="draft").order_by("pk").first()
    assert application is not None
    for path in (f"/admin/volunteers-actions/application/{application.pk}/",
                 "/admin/certificates/certificate/",
                 "/admin/courses-actions/certificate-batch/"):
        page.goto(site + path)
        expect(page.locator("main, #main").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert_accessible(page)
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert foreign == []
