"""The issue's "done when", in Chromium: a coordinator assigns the AI course to an authority
with a due date; a learner there sees it as mandatory; after the due date (time moved
forward) the learner and the supervisor see it overdue and the reminder mails went out
once although the job ran twice; the learner completes; the supervisor's team view and
the evidence report show it completed, with the content version. axe-core on every page.

Time moves by replacing `django.utils.timezone.now` (the live server runs in this
process, so its pages move too); the daily job gets no date of its own, it reads the
moved clock like the pages. Jobs run inline (`jobs_inline`), as the worker would.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from accounts.demo import DEMO_PASSWORD
from accounts.models import OrgUnit, User
from courses.assignments.models import PersonAssignment
from courses.learning.services import Outcome, lesson_progress_record
from courses.models import CoursePage, Enrolment, LessonPage
from courses.reminders.tasks import reminders_daily_task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LEARNER = "lernende@demo.example"
SUPERVISOR = "vorgesetzte@demo.example"
COORDINATOR = "koordination@demo.example"


def log_in(page, site, email):
    page.context.clear_cookies()
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")


def move_clock_to(monkeypatch, day: datetime.date) -> None:
    """From now on it is `day` (same time of day) for the pages and the jobs."""
    real_now = timezone.now.__wrapped__ if hasattr(timezone.now, "__wrapped__") \
        else timezone.now
    shift = day - timezone.localdate(real_now())

    def moved_now():
        return real_now() + shift

    moved_now.__wrapped__ = real_now
    monkeypatch.setattr(timezone, "now", moved_now)


def mails(to: str, subject_part: str, course: CoursePage) -> list:
    return [m for m in mail.outbox if m.to == [to] and subject_part in m.subject
            and course.title in m.subject + m.body]


def test_assign_remind_overdue_complete_and_evidence(page, live_server, assert_accessible,
                                                     admin_accessible, jobs_inline, monkeypatch,
                                                     seeded):
    seeded()
    site = live_server.url
    ki = CoursePage.objects.get(slug="ki-dienstanweisung")
    tlrz = OrgUnit.objects.get(code="th-tlrz")
    learner = User.objects.get(email=LEARNER)
    coordinator = User.objects.get(email=COORDINATOR)
    # The admin in English, so that the labels read here do not depend on the catalogue.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    today = timezone.localdate()
    due = today + datetime.timedelta(days=3)

    # The coordinator assigns the AI course to the Landesrechenzentrum (with its units).
    log_in(page, site, COORDINATOR)
    admin_accessible(page)
    page.goto(site + "/admin/assignments/new/")
    admin_accessible(page)
    # Wagtail puts a "*" into the labels of required fields: the fields by their ids.
    page.locator("#id_course").select_option(label=ki.title)
    page.get_by_label("An organisation unit").check()
    page.locator("#id_unit").select_option(label=tlrz.name)
    page.locator("#id_mandatory").check()
    page.locator("#id_due_date").fill(due.isoformat())
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("The course has been assigned.")).to_be_visible()
    admin_accessible(page)
    row = PersonAssignment.objects.get(user=learner, course=ki, ended_at__isnull=True)
    assert row.mandatory
    due = row.due_date  # the earlier one, should the demo have assigned it already

    # The learner there sees it as mandatory.
    log_in(page, site, LEARNER)
    page.goto(site + "/en/mein-bereich/")
    card = page.locator(f'li[data-course="{ki.pk}"]')
    expect(card.get_by_text("Mandatory", exact=True)).to_be_visible()
    assert_accessible(page)

    # A day after the due date: the daily job runs twice, the overdue notice goes out once.
    move_clock_to(monkeypatch, due + datetime.timedelta(days=1))
    reminders_daily_task()
    reminders_daily_task()
    assert len(mails(LEARNER, "Überfällig", ki)) == 1
    # Two weeks overdue: the supervisor is told, once; the learner not again.
    move_clock_to(monkeypatch, due + datetime.timedelta(days=14))
    reminders_daily_task()
    reminders_daily_task()
    # (the demo supervisor leads more people; this is the notice about Jonas)
    assert len(mails(SUPERVISOR, "Überfällige Pflichtschulung in Ihrem Team: Jonas Wagner",
                     ki)) == 1
    assert len(mails(LEARNER, "Überfällig", ki)) == 1

    log_in(page, site, LEARNER)
    page.goto(site + "/en/mein-bereich/")
    card = page.locator(f'li[data-course="{ki.pk}"]')
    expect(card).to_have_attribute("data-state", "overdue")
    expect(card.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(site + "/en/mein-bereich/benachrichtigungen/")
    assert_accessible(page)

    log_in(page, site, SUPERVISOR)
    page.goto(site + "/en/mein-bereich/")
    page.get_by_role("link", name="Open my team").click()
    team_row = page.locator(f'tr[data-person="{learner.pk}"][data-course="{ki.pk}"]')
    expect(team_row).to_have_attribute("data-state", "overdue")
    expect(team_row.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(page)

    # The learner completes the course (every lesson done, the quiz passed).
    enrolment = Enrolment.objects.get(learner=learner, course=ki)
    for lesson in LessonPage.objects.live().descendant_of(ki).order_by("path"):
        lesson_progress_record(enrolment=enrolment, lesson=lesson, outcome=Outcome(
            viewed=True, answered=True, passed=True, score_percent=100))
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"

    page.reload()
    expect(team_row).to_have_attribute("data-state", "completed")
    expect(team_row.get_by_text("Completed", exact=True)).to_be_visible()
    expect(team_row).to_contain_text(ki.content_version)
    assert_accessible(page)

    # The evidence report for the authority lists the completion with its content version.
    log_in(page, site, COORDINATOR)
    page.goto(site + f"/admin/reports/training/evidence/?course={ki.pk}&unit={tlrz.pk}")
    evidence = page.locator("tr").filter(has_text="Jonas Wagner")
    expect(evidence).to_contain_text(ki.content_version)
    expect(evidence).to_contain_text("Completed")
    admin_accessible(page)

    # The demo's approval request went unanswered for more than a week (the clock moved),
    # so the daily job passed it to the coordination team, who decide it in the admin.
    page.goto(site + "/admin/freigaben/")
    expect(page.get_by_role("cell", name="Projektmanagement in der Verwaltung",
                            exact=True)).to_be_visible()
    admin_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Approve\b.*Jonas Wagner")).click()
    expect(page.get_by_text("You approved the request")).to_be_visible()
    # axe runs on the list again, without the success banner.
    page.goto(site + "/admin/freigaben/")
    expect(page.get_by_text("No request is waiting for the coordination team.")).to_be_visible()
    admin_accessible(page)
