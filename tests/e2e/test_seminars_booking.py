"""Booking seminar dates in Chromium: a learner books the last seat, a second learner
lands on the waiting list and sees the position, the first cancels, the second gets the
seat and the confirmation mail with the .ics (parsed here: DTSTART in Europe/Berlin).
axe-core on every page visited. Mails are sent inline, as the worker would."""


import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses.seminars.models import Booking
from courses.seminars.rules import BookingState
from tests.courses.seminars.attendance_factories import make_seminar_course, make_session, people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Geheim-12345"  # tests.factories.role_user
LINK = "https://konferenz.example/ki-werkstatt"


def log_in(page, demo_site, email):
    page.goto(demo_site + "/en/konto/anmelden/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My area")


def test_last_seat_waiting_list_cancel_and_move_up(new_page, demo_site, assert_accessible):
    course, _lessons = make_seminar_course(slug="ki-termine", title="KI-Termine",
                                           requires_attendance=False)
    session = make_session(course, seats=1, online_url=LINK)
    first, second = people(2)
    dates = f"{demo_site}/en/kurse/{course.slug}/termine/"

    # The course page links its dates.
    one = new_page()
    log_in(one, demo_site, first.email)
    one.goto(f"{demo_site}/en/kurse/{course.slug}/")
    one.get_by_role("link", name="Dates: book a seminar session").click()
    expect(one.get_by_role("heading", level=1)).to_contain_text("Dates")
    expect(one.get_by_text(LINK)).to_have_count(0)  # only for people who booked
    assert_accessible(one)

    # The first learner books the last seat and sees the online link.
    one.get_by_role("button", name="Book a seat").click()
    expect(one.get_by_role("status").first).to_contain_text("Your seat is booked")
    expect(one.get_by_role("link", name=f"Online link: {LINK}")).to_be_visible()
    assert_accessible(one)

    # The second learner finds no seat left and joins the waiting list.
    two = new_page()
    log_in(two, demo_site, second.email)
    two.goto(dates)
    expect(two.get_by_text("0 / 1")).to_be_visible()
    two.get_by_role("button", name="Join the waiting list").click()
    expect(two.get_by_role("status").first).to_contain_text("waiting list at position 1")
    expect(two.get_by_text("Your position on the waiting list: 1")).to_be_visible()
    assert_accessible(two)

    # The first cancels: the seat goes to the second, who gets the mail with the .ics.
    mail.outbox.clear()
    one.reload()
    one.get_by_role("button", name="Cancel the booking").click()
    expect(one.get_by_role("status").first).to_contain_text("Your booking is cancelled")
    assert_accessible(one)

    two.reload()
    expect(two.get_by_text("Booked", exact=True)).to_be_visible()
    expect(two.get_by_role("link", name=f"Online link: {LINK}")).to_be_visible()
    assert_accessible(two)
    assert Booking.objects.get(session=session, person=second).state == BookingState.BOOKED

    confirmation, = [m for m in mail.outbox if m.to == [second.email]]
    (name, content, mimetype), = confirmation.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert event.get("DTSTART").params["TZID"] == "Europe/Berlin"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == timezone.localtime(session.starts_at)
    assert str(event["SUMMARY"]) == course.title
    assert "Erfurt" in str(event["LOCATION"])  # a room; the link is in the description
    assert LINK in str(event["DESCRIPTION"])
