"""The training reports in Chromium: a coordinator opens the admin home (the panels that
need them), each report from the "Reports" menu with its chart and table, filters one,
and downloads the evidence report's PDF. axe-core (WCAG 2.1 AA, nothing excluded) on
every page visited."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from courses.assignments.models import Completion, PersonAssignment
from courses.catalogue.models import CourseIndexPage, CoursePage
from tests.factories import role_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Geheim-12345"
REPORTS = ("compliance", "overdue", "completions", "certificates", "evidence")


@pytest.fixture
def world(live_server):
    index = CourseIndexPage.objects.first()
    if index is None:
        index = Page.objects.filter(depth=2).first().add_child(
            instance=CourseIndexPage(title="Kurse", slug="kurse-e2e"))
    course = index.add_child(instance=CoursePage(
        title="KI-Dienstanweisung", slug="ki-e2e", teaser="Pflicht.", content_version="2"))
    course.save_revision().publish()
    land = org_unit_ensure(code="e2e-th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    ministry = org_unit_ensure(code="e2e-tm", name="Ministerium für Digitales",
                               kind=OrgUnitKind.RESSORT, parent=land)
    today, now = timezone.localdate(), timezone.now()
    for number, (state, unit) in enumerate((("done", ministry), ("overdue", ministry),
                                            ("open", land))):
        person = role_user(f"person{number}@example.org", Role.LEARNER,
                           first_name="Person", last_name=f"Nummer {number}", home_unit=unit)
        row = PersonAssignment.objects.create(
            user=person, course=course, course_title=course.title, mandatory=True,
            due_date=today + datetime.timedelta(days=-5 if state == "overdue" else 20))
        if state == "done":
            row.completed_at, row.completed_version, row.started_at = now, "2", now
            row.save()
            Completion.objects.create(learner=person, course=course, course_title=course.title,
                                      content_version="2", completed_at=now)
    coordinator = role_user("koordination-e2e@example.org", Role.COORDINATOR,
                            first_name="Aylin", last_name="Demir")
    return {"url": live_server.url, "course": course, "ministry": ministry,
            "coordinator": coordinator}


def test_coordinator_walks_through_the_reports(page, world, admin_accessible):
    site = world["url"]
    page.goto(site + "/admin/login/")
    page.locator("input[name=username]").fill(world["coordinator"].email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#panel-training-section")).to_be_visible()
    expect(page.locator("#panel-training-section strong").first).to_have_text("1")
    admin_accessible(page)

    for report in REPORTS:
        page.goto(f"{site}/admin/reports/training/{report}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        admin_accessible(page)

    page.goto(f"{site}/admin/reports/training/compliance/")
    chart = page.locator("svg#compliance-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(page.locator("table.listing")).to_contain_text("Ministerium für Digitales")

    page.goto(f"{site}/admin/reports/training/evidence/?course={world['course'].pk}"
              f"&unit={world['ministry'].pk}")
    expect(page.locator("table.listing")).to_contain_text("Person Nummer 0")
    expect(page.locator("main")).to_contain_text("2")
    admin_accessible(page)
    with page.expect_download() as download_info:
        page.locator('a[href*="export=pdf"]').first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("nachweis-ki-e2e-e2e-tm-")
    assert download.suggested_filename.endswith(".pdf")
