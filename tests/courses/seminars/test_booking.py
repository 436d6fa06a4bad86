"""Booking a seminar session: seats, the waiting list, deadlines, overlaps, approval,
moving and cancelling sessions, and the mails with their calendar files."""

import datetime

import icalendar
import pytest
from django.utils import timezone, translation

from courses.approvals.services import approval_decide
from courses.models import CoursePage
from courses.seminars.exceptions import (
    BookingClosed,
    CancellationClosed,
    NoSeatsToBook,
    OfferExpired,
    OverlappingBooking,
    ReasonRequired,
    SessionCancelled,
)
from courses.seminars.models import Booking, SessionMail
from courses.seminars.rules import BookingState, FreedSeat
from courses.seminars.selectors import course_session_rows, waiting_position
from courses.seminars.services import (
    approvals_settle,
    booking_book,
    booking_cancel,
    booking_offer_accept,
    offers_expire,
    reminders_record,
    session_cancel,
    session_changed,
)
from tests.courses.seminars.seminar_factories import at, learners, session_for

BS = BookingState
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def course(demo) -> CoursePage:
    return CoursePage.objects.get(slug="ki-dienstanweisung")


@pytest.fixture
def people(demo):
    return learners(4)


def book(session, person, **kwargs):
    return booking_book(session_id=session.pk, person=person, **kwargs)


def calendar_of(message) -> icalendar.Calendar:
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def event_of(message):
    return calendar_of(message).walk("VEVENT")[0]


def test_booking_takes_a_seat_and_mails_a_calendar_file_in_berlin_time(
        course, people, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    session = session_for(course, seats=2, online_url="https://konferenz.example/raum-1")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, people[0])
    assert booking.state == BS.BOOKED
    assert [m.to for m in mailoutbox] == [[people[0].email]]
    calendar = calendar_of(mailoutbox[0])
    assert calendar["METHOD"] == "REQUEST"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    event = calendar.walk("VEVENT")[0]
    assert event.get("DTSTART").params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == timezone.localtime(session.starts_at)
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Berlin"
    assert str(event["SUMMARY"]) == course.title
    assert "Erfurt" in str(event["LOCATION"])
    assert "konferenz.example" in str(event["DESCRIPTION"])
    assert str(event["UID"]).startswith(f"seminar-booking-{booking.pk}@")
    assert "Raum 2.14" in mailoutbox[0].body
    with translation.override("de"):  # the recipient's language (German by default)
        assert f"{course.url}termine/" in mailoutbox[0].body
    assert "/en/" not in mailoutbox[0].body


def test_double_submit_keeps_one_booking_and_one_mail(course, people, jobs_queued):
    session = session_for(course)
    first = book(session, people[0])
    second = book(session, people[0])
    assert first.pk == second.pk
    assert Booking.objects.filter(session=session).count() == 1
    assert SessionMail.objects.filter(booking=first).count() == 1


def test_full_session_puts_people_on_the_waiting_list_with_their_position(course, people):
    session = session_for(course, seats=1)
    assert book(session, people[0]).state == BS.BOOKED
    second, third = book(session, people[1]), book(session, people[2])
    assert (second.state, third.state) == (BS.WAITING, BS.WAITING)
    assert (waiting_position(second), waiting_position(third)) == (1, 2)
    row, = [r for r in course_session_rows(course=course, user=people[2])
            if r.session.pk == session.pk]
    assert (row.seats_left, row.position, row.may_cancel) == (0, 2, True)


def test_a_freed_seat_goes_to_the_first_in_line_directly(
        course, people, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    session = session_for(course, seats=1, freed_seat=FreedSeat.BOOK)
    first = book(session, people[0])
    second, third = book(session, people[1]), book(session, people[2])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking_id=first.pk, person=people[0])
    second.refresh_from_db(), third.refresh_from_db()
    assert (second.state, third.state) == (BS.BOOKED, BS.WAITING)
    assert waiting_position(third) == 1
    by_person = {m.to[0]: m for m in mailoutbox}
    assert calendar_of(by_person[people[0].email])["METHOD"] == "CANCEL"
    assert event_of(by_person[people[0].email])["STATUS"] == "CANCELLED"
    assert calendar_of(by_person[people[1].email])["METHOD"] == "REQUEST"


def test_a_freed_seat_is_offered_with_a_deadline_and_passes_on_when_it_runs_out(
        course, people, jobs_queued):
    session = session_for(course, seats=1, freed_seat=FreedSeat.OFFER, offer_hours=24)
    first = book(session, people[0])
    second, third = book(session, people[1]), book(session, people[2])
    now = timezone.now()
    booking_cancel(booking_id=first.pk, person=people[0], now=now)
    second.refresh_from_db()
    assert second.state == BS.OFFERED
    assert second.offer_expires_at == now + datetime.timedelta(hours=24)
    later = now + datetime.timedelta(hours=25)
    with pytest.raises(OfferExpired):
        booking_offer_accept(booking_id=second.pk, person=people[1], now=later)
    assert offers_expire(now=later) == 1
    second.refresh_from_db(), third.refresh_from_db()
    assert (second.state, third.state) == (BS.CANCELLED, BS.OFFERED)
    accepted = booking_offer_accept(booking_id=third.pk, person=people[2], now=later)
    assert accepted.state == BS.BOOKED
    assert booking_offer_accept(booking_id=third.pk, person=people[2]).state == BS.BOOKED


def test_booking_after_the_booking_deadline_is_refused(course, people):
    session = session_for(course, booking_deadline=at(3))
    with pytest.raises(BookingClosed, match="booking deadline"):
        book(session, people[0], now=at(4))
    assert book(session, people[0], now=at(2)).state == BS.BOOKED


def test_a_session_with_no_seats_cannot_be_booked(course, people):
    session = session_for(course, seats=0)
    with pytest.raises(NoSeatsToBook, match="no seats"):
        book(session, people[0])
    row, = [r for r in course_session_rows(course=course, user=people[0])
            if r.session.pk == session.pk]
    assert row.refusal == "no_seats"


def test_overlapping_sessions_are_refused_naming_the_other(course, people):
    first = session_for(course, days=10, hours=3, title="Vormittag")
    other = session_for(course, starts_at=at(10, 11), hours=3)
    after = session_for(course, starts_at=at(10, 12), hours=2)  # touches: no overlap
    book(first, people[0])
    with pytest.raises(OverlappingBooking, match="Vormittag"):
        book(other, people[0])
    assert book(after, people[0]).state == BS.BOOKED


def test_cancelling_after_the_deadline_is_refused_unless_the_session_moved(
        course, people, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    session = session_for(course, days=10, cancellation_deadline=at(5))
    booking = book(session, people[0])
    with pytest.raises(CancellationClosed, match="cancellation deadline"):
        booking_cancel(booking_id=booking.pk, person=people[0], now=at(6))
    mailoutbox.clear()
    session.starts_at, session.ends_at = at(12, 10), at(12, 13)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        session_changed(session=session, changed=["starts_at", "ends_at"])
    moved, = mailoutbox
    assert moved.to == [people[0].email]
    assert "kostenfrei stornieren" in moved.body  # German: the mail speaks the recipient's language
    event = event_of(moved)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == at(12, 10)
    assert [d.date for d in session.days.all()] == [at(12).date()]
    booking.refresh_from_db()
    assert booking.free_cancellation
    assert booking_cancel(booking_id=booking.pk, person=people[0],
                          now=at(6)).state == BS.CANCELLED


def test_cancelling_a_session_tells_everyone_booked_and_waiting_with_the_reason(
        course, people, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    session = session_for(course, seats=1)
    book(session, people[0]), book(session, people[1])
    mailoutbox.clear()
    with pytest.raises(ReasonRequired):
        session_cancel(session_id=session.pk, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session_id=session.pk, reason="Die Trainerin ist erkrankt.")
        session_cancel(session_id=session.pk, reason="twice")  # nothing more happens
    assert sorted(m.to[0] for m in mailoutbox) == sorted([people[0].email, people[1].email])
    for message in mailoutbox:
        assert "Die Trainerin ist erkrankt." in message.body
        assert calendar_of(message)["METHOD"] == "CANCEL"
    assert set(session.bookings.values_list("state", flat=True)) == {BS.CANCELLED}
    with pytest.raises(SessionCancelled):
        book(session, people[2])


def test_more_seats_go_to_the_waiting_list(course, people, jobs_queued):
    session = session_for(course, seats=1)
    book(session, people[0])
    waiting = book(session, people[1])
    session.seats = 2
    session.save()
    session_changed(session=session, changed=["seats"])
    waiting.refresh_from_db()
    assert waiting.state == BS.BOOKED


def test_a_course_that_needs_approval_holds_no_seat_until_approved(
        course, people, jobs_queued):
    CoursePage.objects.filter(pk=course.pk).update(requires_approval=True)
    course.refresh_from_db()
    supervisor = people[3]
    people[0].supervisor = supervisor
    people[0].save()
    session = session_for(course, seats=1)
    pending = book(session, people[0])
    assert pending.state == BS.APPROVAL_PENDING and pending.approval is not None
    assert book(session, people[1]).state in (BS.BOOKED, BS.APPROVAL_PENDING)
    approval_decide(request_id=pending.approval_id, actor=supervisor, approve=True)
    assert approvals_settle() >= 1
    pending.refresh_from_db()
    assert pending.state in (BS.BOOKED, BS.WAITING)


def test_the_reminder_is_recorded_once_the_day_before(course, people, jobs_queued):
    session = session_for(course, starts_at=at(1, 9), hours=2)
    later = session_for(course, starts_at=at(3, 9), hours=2)
    booking = book(session, people[0])
    book(later, people[1])
    now = at(0, 10)
    assert reminders_record(now=now) == 1
    assert reminders_record(now=now) == 0
    assert SessionMail.objects.filter(kind="reminder").get().booking == booking


def test_a_session_over_several_days_has_one_row_per_day_and_repeats_in_the_calendar(
        course, people, jobs_inline, mailoutbox, django_capture_on_commit_callbacks):
    session = session_for(course, starts_at=at(20, 9), ends_at=at(22, 16))
    assert [(d.date, d.starts_at.hour, d.ends_at.hour) for d in session.days.all()] == [
        (at(20 + n).date(), 9, 16) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        book(session, people[0])
    event = event_of(mailoutbox[0])
    assert event["RRULE"]["COUNT"] == [3]
    assert event.decoded("DTEND") == at(20, 16)
