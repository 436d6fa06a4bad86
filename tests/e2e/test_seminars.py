"""The issue's "done when" for seminar dates, in Chromium: a learner books the last seat, a
second learner lands on the waiting list, the first cancels, the second gets the seat and
the confirmation mail with the .ics (parsed here); after the session (time moved forward)
the trainer records attendance, the blended course completes and the certificate is
issued. axe-core on every page visited.

Time moves by replacing `django.utils.timezone.now` (the live server runs in this process,
so its pages move too). Jobs (mails, certificate) run inline, as the worker would.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from certificates.models import Certificate
from courses.learning.models import Enrolment
from courses.rules import EnrolmentStatus
from courses.seminars.attendance.models import Attendance
from tests.courses.seminars.attendance_factories import (
    make_seminar_course,
    make_session,
    people,
    trainer_user,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Geheim-12345"  # tests.factories.role_user
ANY_TIME = re.compile(r".+")


def log_in(page, demo_site, email, password=PASSWORD):
    page.goto(demo_site + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Bereich")


def move_clock_by(monkeypatch, shift: datetime.timedelta) -> None:
    real_now = timezone.now

    def moved_now():
        return real_now() + shift

    monkeypatch.setattr(timezone, "now", moved_now)


def test_book_wait_move_up_attend_complete(new_page, demo_site, assert_accessible, monkeypatch):
    course, lessons = make_seminar_course(slug="ki-werkstatt", title="KI-Werkstatt",
                                          lessons=1)
    trainer = trainer_user()
    first, second = people(2)
    session = make_session(course, trainer=trainer, seats=1)
    dates = f"{demo_site}/en/kurse/{course.slug}/termine/"

    # the first learner books the last seat
    one = new_page()
    log_in(one, demo_site, first.email)
    one.goto(dates)
    assert_accessible(one)
    one.get_by_role("button", name="Book a seat").click()
    expect(one.get_by_text("Your booking:")).to_be_visible()
    assert_accessible(one)

    # the second lands on the waiting list and sees the position
    two = new_page()
    log_in(two, demo_site, second.email)
    two.goto(dates)
    two.get_by_role("button", name="Join the waiting list").click()
    expect(two.get_by_text("Your position on the waiting list: 1")).to_be_visible()
    assert_accessible(two)

    # the first cancels: the seat goes to the second, with the mail and its .ics
    mail.outbox.clear()
    one.get_by_role("button", name="Cancel the booking").click()
    expect(one.get_by_role("button", name="Book a seat")).to_have_count(0)
    assert_accessible(one)
    two.reload()
    expect(two.get_by_role("button", name="Cancel the booking")).to_be_visible()
    assert_accessible(two)
    to_second = [m for m in mail.outbox if m.to == [second.email]]
    ics = [a for m in to_second for a in m.attachments if a[0].endswith(".ics")]
    assert ics, [m.subject for m in mail.outbox]
    calendar = icalendar.Calendar.from_ical(ics[0][1])
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == course.title
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == session.starts_at.astimezone(
        ZoneInfo("Europe/Berlin")).utcoffset()
    assert start == session.starts_at
    assert "Erfurt" in str(event["LOCATION"])

    # the online part: the second learner reads the lesson
    two.goto(f"{demo_site}/en/kurse/{course.slug}/{lessons[0].slug}/")
    expect(two.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    two.wait_for_load_state("networkidle")
    assert_accessible(two)
    enrolment = Enrolment.objects.get(learner=second, course=course)
    assert enrolment.status == EnrolmentStatus.ACTIVE  # the session is still missing

    # before the session the trainer cannot record attendance yet
    trainer_page = new_page()
    log_in(trainer_page, demo_site, trainer.email)
    trainer_page.goto(f"{demo_site}/en/mein-bereich/termine/")
    assert_accessible(trainer_page)
    trainer_page.get_by_role("link", name=course.title).first.click()
    expect(trainer_page.get_by_text("can be recorded once the session has begun")
           ).to_be_visible()
    expect(trainer_page.get_by_role("cell", name=second.email)).to_be_visible()
    assert_accessible(trainer_page)

    # the session is over (time moved forward): attendance, completion, certificate
    move_clock_by(monkeypatch, session.ends_at - timezone.now() + datetime.timedelta(hours=2))
    trainer_page.reload()
    group = trainer_page.get_by_role("group", name=second.get_full_name())
    group.get_by_label("Present").check()
    assert_accessible(trainer_page)
    trainer_page.get_by_role("button", name="Save attendance").click()
    expect(trainer_page.get_by_text("1 person(s) completed the course")).to_be_visible()
    assert_accessible(trainer_page)
    assert Attendance.objects.get(person=second).recorded_by == trainer

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    certificate = Certificate.objects.get(recipient=second)
    assert certificate.status == "issued" and certificate.pdf_sha256
    two.goto(f"{demo_site}/en/mein-bereich/")
    expect(two.get_by_text(course.title).first).to_be_visible()
    assert_accessible(two)

    # the coordinator's occupancy report counts the seat, nobody waiting, one attended
    coordinator = User.objects.get(email="koordination@demo.example")
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    admin = new_page()
    log_in(admin, demo_site, coordinator.email, DEMO_PASSWORD)
    admin.goto(f"{demo_site}/admin/reports/seminars/occupancy/?course={course.pk}")
    row = admin.locator("tbody tr").first
    expect(row).to_contain_text(course.title)
    expect(row.locator("td")).to_have_text([course.title, course.title, ANY_TIME,
                                            "1", "1", "0", "1", re.compile(r"100\s*%")])
    admin.evaluate("document.getAnimations().filter("
                   "a => a.effect?.getTiming().iterations !== Infinity)"
                   ".forEach(a => a.finish())")
    assert_accessible(admin)
