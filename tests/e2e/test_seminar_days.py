"""In Chromium: the coordinator opens the demo's seminar plan of "Jahrgang 2025/26", marks
a volunteer absent on a day sheet with the keyboard alone, and sees the volunteer flagged
(the remaining plan can no longer reach the minimum) on the sheet, on the compliance report
and among the reds of the admin home. axe-core on every page.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from volunteers.models import Seminar, SeminarAttendance
from volunteers.seminar_days.demo import seed_seminar_days

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COORDINATOR = "koordination@demo.example"


def log_in(page, site, email):
    page.context.clear_cookies()
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")


def test_coordinator_records_attendance_and_sees_the_flag(page, live_server, admin_accessible,
                                                         seeded):
    seeded()
    seed_seminar_days()  # a no-op once the demo seed makes the plan itself
    coordinator = User.objects.get(email=COORDINATOR)
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    # the last seminar day of group "Süd" that has begun: Jonas Wagner was present
    today = timezone.localdate()
    attendance = (SeminarAttendance.objects.filter(
        seminar__group__name="Süd", day__lte=today,
        service__volunteer__email="jonas.wagner@demo.example").order_by("-day").first())
    seminar: Seminar = attendance.seminar
    site = live_server.url

    log_in(page, site, COORDINATOR)
    page.goto(f"{site}/admin/seminar-days/seminar/{seminar.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(seminar.title)
    admin_accessible(page)
    page.locator(f'main a[href$="/{seminar.pk}/{attendance.day.isoformat()}/"]').click()
    jonas = page.get_by_role("group", name="Jonas Wagner")
    expect(jonas.get_by_role("radio", name="Present")).to_be_checked()
    jonas_row = page.locator("tr", has=page.get_by_role("rowheader", name="Jonas Wagner"))
    expect(jonas_row).not_to_contain_text("Plan catch-up days")
    admin_accessible(page)

    # keyboard only: into the radio group, arrow keys to "Absent", Enter submits the form
    jonas.get_by_role("radio", name="Present").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(jonas.get_by_role("radio", name="Absent")).to_be_checked()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Attendance saved: 1 record(s) changed.")).to_be_visible()
    expect(jonas_row).to_contain_text("Amber:")
    expect(jonas_row).to_contain_text("Plan catch-up days.")
    admin_accessible(page)
    attendance.refresh_from_db()
    assert attendance.status == "absent" and attendance.recorded_by == coordinator

    page.goto(f"{site}/admin/reports/volunteers/compliance/?programme_year="
              f"{seminar.programme_year_id}")
    row = page.locator("tr", has=page.get_by_role("link", name="Jonas Wagner"))
    expect(row).to_contain_text("Plan catch-up days.")
    admin_accessible(page)
    page.get_by_role("link", name="Jonas Wagner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas Wagner")
    admin_accessible(page)

    page.goto(f"{site}/admin/reports/volunteers/landkreise/?programme_year="
              f"{seminar.programme_year_id}")
    expect(page.get_by_role("img", name="Seats filled per Landkreis, Jahrgang 2025/26")
           ).to_be_visible()
    admin_accessible(page)
    for report in ("funnel", "seminars"):
        page.goto(f"{site}/admin/reports/volunteers/{report}/?programme_year="
                  f"{seminar.programme_year_id}")
        expect(page.locator("main table").first).to_be_visible()
        admin_accessible(page)
    page.goto(f"{site}/admin/")
    panel = page.locator("#panel-volunteer-compliance-section")
    expect(panel.get_by_role("heading", name="Volunteers: red checks")).to_be_visible()
    expect(panel.get_by_role("link", name="Show the compliance of all volunteers")
           ).to_be_visible()
    admin_accessible(page)
