"""In Chromium: the pädagogische Begleitung (a trainer, no admin access) opens "Mein
Bereich", follows the link to their seminar days, opens today's sheet, records one volunteer
present and another excused with the keyboard alone, and sees the change listed. axe-core
on every page. Built from factories, without the demo."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import make_placement, role_user
from tests.volunteers.seminar_days.helpers import make_group, make_seminar, make_service
from volunteers.models import (
    HostKind,
    HostOrganisation,
    Landkreis,
    ProgrammeYear,
    SeminarAttendance,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DAY = datetime.timedelta(days=1)


def plan():
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(name="Jahrgang Test", application_opens=today - 90 * DAY,
                                        application_closes=today - 60 * DAY)
    host = HostOrganisation.objects.create(name="Stadtverwaltung Apolda",
                                           kind=HostKind.MUNICIPALITY,
                                           landkreis=Landkreis.WEIMARER_LAND, town="Apolda")
    placement = make_placement(year, host, "social-media-apolda", seats=2)
    start = today.replace(day=1)
    end = start.replace(year=start.year + 1) - DAY
    lea = make_service(year, placement, "lea.e2e@example.org", start=start, end=end)
    max_ = make_service(year, placement, "max.e2e@example.org", first="Max", last="Keller",
                        start=start, end=end)
    trainer = role_user("begleitung@example.org", Role.TRAINER, first_name="Jonas",
                        last_name="Richter")
    seminar = make_seminar(year, make_group(year, lea, max_), today - DAY, today + 3 * DAY,
                           kind="interim", title="Zwischenseminar", responsible=trainer)
    return seminar, today


def test_the_responsible_person_records_a_day_with_the_keyboard(page, live_server,
                                                                assert_accessible):
    seminar, today = plan()
    site = live_server.url
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("begleitung@example.org")
    page.get_by_label("Passwort").fill("Geheim-12345")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")

    page.goto(site + "/en/mein-bereich/")
    assert_accessible(page)
    page.get_by_role("link", name="Open my seminar days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My seminar days")
    assert_accessible(page)
    page.get_by_role("link", name=f"{today:%A}, {today.day}").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance on")
    assert_accessible(page)

    # keyboard only (the sheet lists Keller before Schubert): arrow keys choose within a
    # volunteer's radio group, Tab moves to the next volunteer, Enter sends the form
    lea = page.get_by_role("group", name="Lea Schubert")
    max_ = page.get_by_role("group", name="Max Keller")
    max_.get_by_role("radio", name="Present").focus()
    page.keyboard.press("ArrowRight")
    expect(max_.get_by_role("radio", name="Excused")).to_be_checked()
    page.keyboard.press("Tab")
    expect(lea.get_by_role("radio", name="Present")).to_be_focused()
    page.keyboard.press("Space")
    expect(lea.get_by_role("radio", name="Present")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Attendance saved: 2 record(s) changed.")).to_be_visible()
    page.get_by_text("Show 2 changes").click()
    expect(page.get_by_text("Jonas Richter recorded Max Keller as “Excused”")).to_be_visible()
    assert_accessible(page)
    marks = dict(SeminarAttendance.objects.filter(seminar=seminar, day=today)
                 .values_list("service__application__last_name", "status"))
    assert marks == {"Schubert": "present", "Keller": "excused"}
