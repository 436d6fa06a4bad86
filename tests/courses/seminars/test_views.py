"""The dates page /kurse/<course>/termine/ and the coordinators' session screens."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone, translation

from accounts.models import User
from courses.models import CoursePage
from courses.seminars.models import Booking, Session, SessionMail
from courses.seminars.rules import BookingState, SessionState
from tests.courses.seminars.seminar_factories import at, learners, session_for

BS = BookingState
pytestmark = pytest.mark.django_db
LINK = "https://konferenz.example/ki-raum"


@pytest.fixture
def course(demo) -> CoursePage:
    return CoursePage.objects.get(slug="ki-dienstanweisung")


@pytest.fixture
def dates_url(course) -> str:
    return f"/en{course.url}termine/"


@pytest.fixture
def person(demo):
    return learners(1)[0]


@pytest.fixture
def coordinator(demo):
    return User.objects.get(email="koordination@demo.example")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_dates_page_lists_sessions_and_hides_the_online_link_until_booked(
        client, course, dates_url, person, jobs_queued):
    session = session_for(course, seats=3, address="", room="", online_url=LINK,
                          notes="Kamera bitte einschalten.")
    response = client.get(dates_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Log in to book a seat." in page
    assert LINK not in page
    assert "Kamera bitte einschalten." in page
    assert "3 / 3" in page
    client.force_login(person)
    response = client.post(dates_url, {"action": "book", "session": session.pk})
    assert response.status_code == 302 and response.url == dates_url
    with translation.override("en"):
        assert any("Your seat is booked" in text for text in texts(response))
    page = client.get(dates_url).content.decode()
    assert LINK in page
    assert "2 / 3" in page
    assert "Cancel the booking" in page


def test_anonymous_post_is_sent_to_the_login(client, course, dates_url, jobs_queued):
    session = session_for(course)
    response = client.post(dates_url, {"action": "book", "session": session.pk})
    assert response.status_code == 302 and "/konto/anmelden/?next=" in response.url
    assert not session.bookings.exists()


def test_a_waiting_person_sees_their_position_and_can_leave(
        client, course, dates_url, jobs_queued):
    session = session_for(course, seats=1)
    first, second = learners(2)
    for someone in (first, second):
        client.force_login(someone)
        client.post(dates_url, {"action": "book", "session": session.pk})
    page = client.get(dates_url).content.decode()
    assert "Your position on the waiting list: 1" in page
    assert "Leave the waiting list" in page
    booking = Booking.objects.get(person=second)
    client.post(dates_url, {"action": "cancel", "booking": booking.pk})
    booking.refresh_from_db()
    assert booking.state == BS.CANCELLED


def test_bad_posts_get_a_clear_message(client, course, dates_url, person, demo):
    other_course = CoursePage.objects.exclude(pk=course.pk).first()
    other = session_for(other_course)
    client.force_login(person)
    response = client.post(dates_url, {"action": "book", "session": other.pk})
    with translation.override("en"):
        assert texts(response) == ["This session does not exist (any more)."]
    response = client.post(dates_url, {"action": "explode"}, follow=True)
    with translation.override("en"):
        assert "This action is not possible" in response.content.decode()
    response = client.post(dates_url, {"action": "cancel", "booking": 999999}, follow=True)
    with translation.override("en"):
        assert "This booking does not exist or is not yours." in response.content.decode()
    assert not Booking.objects.filter(person=person).exists()


def test_zero_seats_and_the_deadline_are_explained_on_the_page(
        client, course, dates_url, person):
    session_for(course, seats=0)
    client.force_login(person)
    page = client.get(dates_url).content.decode()
    assert "No seats can be booked for this session." in page
    assert "This session cannot be booked." in page


@pytest.fixture
def quiet_course(course) -> CoursePage:
    """A demo course without seminar dates."""
    return CoursePage.objects.exclude(pk=course.pk).filter(sessions__isnull=True).first()


def test_the_course_page_links_its_dates_only_when_there_are_sessions(client, quiet_course):
    url = f"/en{quiet_course.url}"
    assert "termine/" not in client.get(url).content.decode()
    session_for(quiet_course)
    assert f'href="{url}termine/"' in client.get(url).content.decode()


def test_the_dates_page_of_a_course_without_sessions(client, quiet_course):
    response = client.get(f"/en{quiet_course.url}termine/")
    assert response.status_code == 200
    assert "There are no upcoming sessions" in response.content.decode()


# --- the coordinators' screens ------------------------------------------------------


def test_a_coordinator_creates_a_session_over_two_days(client, course, coordinator):
    client.force_login(coordinator)
    response = client.post("/admin/seminar_sessions/new/", {
        "course": course.pk, "title": "Werkstatt", "starts_at": "2031-03-10 09:00",
        "ends_at": "2031-03-11 16:00", "address": "Erfurt", "room": "", "online_url": "",
        "trainer": "", "trainer_name": "Dr. Beispiel", "seats": "12",
        "booking_deadline": "", "cancellation_deadline": "", "freed_seat": "offer",
        "offer_hours": "24", "language": "de", "notes": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(title="Werkstatt")
    assert [str(d.date) for d in session.days.all()] == ["2031-03-10", "2031-03-11"]


def test_the_session_form_needs_a_place_and_an_end_after_the_start(
        client, course, coordinator):
    client.force_login(coordinator)
    response = client.post("/admin/seminar_sessions/new/", {
        "course": course.pk, "starts_at": "2031-03-10 09:00", "ends_at": "2031-03-10 08:00",
        "seats": "12", "freed_seat": "book", "offer_hours": "24", "language": "de"})
    assert response.status_code == 200
    assert not Session.objects.filter(starts_at__year=2031).exists()


def test_moving_a_session_in_the_admin_tells_the_booked_people(
        client, course, coordinator, person, jobs_queued):
    from courses.seminars.services import booking_book

    session = session_for(course, seats=3)
    booking_book(session_id=session.pk, person=person)
    client.force_login(coordinator)
    starts = timezone.localtime(at(15, 10))
    response = client.post(f"/admin/seminar_sessions/edit/{session.pk}/", {
        "course": course.pk, "title": "", "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": starts.replace(hour=13).strftime("%Y-%m-%d %H:%M"),
        "address": session.address, "room": session.room, "online_url": "",
        "trainer": "", "trainer_name": "", "seats": "3", "booking_deadline": "",
        "cancellation_deadline": "", "freed_seat": "book", "offer_hours": "48",
        "language": "de", "notes": session.notes})
    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    assert session.sequence == 1
    assert SessionMail.objects.filter(kind="session_moved").count() == 1
    assert Booking.objects.get(person=person).free_cancellation


def test_cancelling_in_the_admin_needs_a_reason(client, course, coordinator, person,
                                                jobs_queued):
    from courses.seminars.services import booking_book

    session = session_for(course)
    booking_book(session_id=session.pk, person=person)
    client.force_login(coordinator)
    url = f"/admin/seminar_sessions/cancel/{session.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.state == SessionState.SCHEDULED
    response = client.post(url, {"reason": "Raum nicht verfügbar"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.state, session.cancel_reason) == (SessionState.CANCELLED,
                                                      "Raum nicht verfügbar")
    assert SessionMail.objects.filter(kind="session_cancelled").count() == 1
