"""Two people asking for the last seat at the same moment: exactly one gets it, the other
joins the waiting list. Meant for PostgreSQL (row locks); on SQLite the writers queue.

    DATABASE_URL=postgres://…/<db> pytest tests/courses/seminars/test_concurrency.py
"""

import threading

import pytest
from django.db import connection, connections

from courses.seminars.models import Booking
from courses.seminars.rules import BookingState
from courses.seminars.services import booking_book, booking_cancel
from tests.courses.seminars.attendance_factories import make_seminar_course, make_session, people

BS = BookingState


def race(target, args_list) -> dict:
    barrier = threading.Barrier(len(args_list))
    results: dict = {}

    def run(key, kwargs):
        try:
            barrier.wait(timeout=10)
            results[key] = target(**kwargs).state
        except Exception as error:  # noqa: BLE001 - any error must fail the test
            results[key] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(key, kwargs)) for key, kwargs in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_booking_the_last_seat_at_once_exactly_one_gets_it():
    course, _lessons = make_seminar_course(slug="race-kurs", requires_attendance=False)
    session = make_session(course, seats=2)
    first, second, third = people(3)
    booking_book(session_id=session.pk, person=first)
    results = race(booking_book, [(p.pk, {"session_id": session.pk, "person": p})
                                  for p in (second, third)])
    assert sorted(results.values()) == [BS.BOOKED, BS.WAITING], (connection.vendor, results)
    assert Booking.objects.filter(session=session, state=BS.BOOKED).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_at_the_same_moment_makes_one_booking():
    course, _lessons = make_seminar_course(slug="doppel-kurs", requires_attendance=False)
    session = make_session(course, seats=5)
    person, = people(1)
    results = race(booking_book, [(n, {"session_id": session.pk, "person": person})
                                  for n in (1, 2)])
    assert set(results.values()) == {BS.BOOKED}, (connection.vendor, results)
    assert Booking.objects.filter(session=session).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cancellation_racing_a_new_booking_never_overbooks():
    course, _lessons = make_seminar_course(slug="tausch-kurs", requires_attendance=False)
    session = make_session(course, seats=1)
    holder, waiting, newcomer = people(3)
    held = booking_book(session_id=session.pk, person=holder)
    booking_book(session_id=session.pk, person=waiting)
    race(lambda **kw: kw.pop("fn")(**kw), [
        ("cancel", {"fn": booking_cancel, "booking_id": held.pk, "person": holder}),
        ("book", {"fn": booking_book, "session_id": session.pk, "person": newcomer})])
    booked = list(Booking.objects.filter(session=session, state=BS.BOOKED)
                  .values_list("person__email", flat=True))
    # the freed seat goes to the one who waited, never to the newcomer, never to both
    assert booked == [waiting.email], (connection.vendor, booked)
