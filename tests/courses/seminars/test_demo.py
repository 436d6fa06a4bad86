"""The seminar demo: the AI course's dates, a full session with a waiting list, the demo
learner's booking; seeding again changes nothing."""

import pytest

from courses.models import CoursePage
from courses.seminars.demo import ERFURT, seed_seminars_demo
from courses.seminars.models import Booking, Session
from courses.seminars.rules import BookingState
from courses.seminars.selectors import course_session_rows, person_bookings_upcoming

pytestmark = pytest.mark.django_db


def test_the_ai_course_has_online_and_erfurt_dates_and_a_waiting_list(demo):
    from accounts.models import User

    course = CoursePage.objects.get(slug="ki-dienstanweisung")
    learner = User.objects.get(email="lernende@demo.example")
    rows = course_session_rows(course=course, user=learner)
    assert len(rows) == 3
    assert sum(1 for r in rows if r.session.online_url) == 2
    erfurt, = [r for r in rows if r.session.title == ERFURT]
    assert "Erfurt" in erfurt.session.address
    assert erfurt.seats_left == 0 and erfurt.session.waiting_count == 1
    booked = person_bookings_upcoming(user=learner)
    assert [b.state for b in booked] == [BookingState.BOOKED]
    assert booked[0].session.online_url
    assert all(r.session.trainer_display for r in rows)


def test_seeding_again_changes_nothing(demo):
    before = (Session.objects.count(), Booking.objects.count())
    seed_seminars_demo()
    assert (Session.objects.count(), Booking.objects.count()) == before
