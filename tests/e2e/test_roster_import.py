"""The staff roster import in Chromium: a coordinator uploads the demo roster with its
one bad row and sees the error, uploads the corrected file as a full roster, sees the
preview, applies it (the job runs at once) and a roster-imported person missing from the
file is deactivated. axe-core (WCAG 2.1 AA) on every page visited."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_org_units, seed_users
from accounts.models import IdentitySource, User
from tests.factories import role_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DEMO_ROSTER = Path(settings.BASE_DIR) / "accounts" / "demo" / "roster.csv"


@pytest.fixture
def world(live_server):
    units = seed_org_units()
    seed_users(units)
    leaver = role_user("ausgeschieden@demo.example", first_name="Uwe", last_name="Weg",
                       home_unit=units["th-tls"], identity_source=IdentitySource.STAFF_ROSTER)
    return {"url": live_server.url, "leaver": leaver}


def upload(page, content: bytes):
    page.locator("input[name=file]").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": content}])
    page.locator("input[name=full_roster]").check()
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()


def test_coordinator_imports_the_demo_roster(page, world, admin_accessible, jobs_inline):
    site = world["url"]
    page.goto(site + "/admin/login/")
    page.locator("input[name=username]").fill("koordination@demo.example")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("a[href$='/admin/staff-roster/']").first.click()
    expect(page.locator("input[name=file]")).to_be_visible()
    admin_accessible(page)

    bad = DEMO_ROSTER.read_bytes()
    upload(page, bad)
    errors = page.locator("[data-roster-errors] li")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text("th-tls-unbekannt")
    expect(page.locator("main form[method=post] button[type=submit]")).to_have_count(0)
    admin_accessible(page)

    page.locator("main a[href$='/admin/staff-roster/']").first.click()
    upload(page, bad.replace(b"th-tls-unbekannt", b"th-tls"))
    expect(page.locator("[data-count=create]")).to_have_text("4")
    expect(page.locator("[data-count=change]")).to_have_text("2")
    expect(page.locator("[data-count=deactivate]")).to_have_text("1")
    expect(page.locator("main")).to_contain_text("ausgeschieden@demo.example")
    admin_accessible(page)

    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("[data-roster-state]")).to_have_attribute("data-roster-state", "done")
    expect(page.locator("[data-count=created]")).to_have_text("4")
    expect(page.locator("[data-count=deactivated]")).to_have_text("1")
    admin_accessible(page)

    world["leaver"].refresh_from_db()
    assert world["leaver"].is_active is False
    becker = User.objects.get(email="m.becker@demo.example")
    assert becker.supervisor.email == "n.fischer@demo.example"
