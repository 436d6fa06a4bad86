"""The pure seminar rules, and the hourly job and mail sending (once, retried on failure)."""

import datetime

import pytest
from django.utils import timezone

from courses.seminars.rules import (
    BOOKING_MACHINE,
    BookingRefusal,
    BookingState,
    SessionTimes,
    booking_refusal,
    day_rows,
    may_cancel,
    offer_expires,
    overlaps,
)

BS = BookingState
UTC = datetime.UTC


def t(day, hour=9):
    return datetime.datetime(2030, 5, day, hour, tzinfo=UTC)


TIMES = SessionTimes(t(10), t(10, 12), booking_deadline=t(8), cancellation_deadline=t(5))


@pytest.mark.parametrize(("now", "cancelled", "seats", "expected"), [
    (t(1), False, 5, None),
    (t(8), False, 5, None),               # the deadline itself still books
    (t(9), False, 5, BookingRefusal.DEADLINE),
    (t(10), False, 5, BookingRefusal.PAST),
    (t(1), True, 5, BookingRefusal.CANCELLED),
    (t(1), False, 0, BookingRefusal.NO_SEATS),
])
def test_booking_refusal(now, cancelled, seats, expected):
    assert booking_refusal(times=TIMES, cancelled=cancelled, seats=seats, now=now) == expected


def test_deadlines_default_to_the_start():
    open_times = SessionTimes(t(10), t(10, 12), None, None)
    assert booking_refusal(times=open_times, cancelled=False, seats=1, now=t(9)) is None
    assert may_cancel(times=open_times, now=t(9), free_cancellation=False)


def test_cancelling_until_the_deadline_or_free_after_a_move_but_never_after_the_start():
    assert may_cancel(times=TIMES, now=t(5), free_cancellation=False)
    assert not may_cancel(times=TIMES, now=t(6), free_cancellation=False)
    assert may_cancel(times=TIMES, now=t(6), free_cancellation=True)
    assert not may_cancel(times=TIMES, now=t(10), free_cancellation=True)


def test_overlaps_share_a_moment_touching_ends_do_not():
    assert overlaps(t(1, 9), t(1, 12), t(1, 11), t(1, 13))
    assert not overlaps(t(1, 9), t(1, 12), t(1, 12), t(1, 13))


def test_an_offer_ends_at_its_hours_or_the_start_whichever_is_first():
    assert offer_expires(now=t(1), hours=48, starts_at=t(10)) == t(3)
    assert offer_expires(now=t(9), hours=48, starts_at=t(10)) == t(10)


def test_day_rows_one_per_calendar_day():
    rows = day_rows(starts_at=datetime.datetime(2030, 5, 1, 9, 30),
                    ends_at=datetime.datetime(2030, 5, 3, 16, 0))
    assert [(d.day, s.hour, e.hour) for d, s, e in rows] == [(1, 9, 16), (2, 9, 16), (3, 9, 16)]


def test_the_booking_machine():
    assert BOOKING_MACHINE.allowed(BS.WAITING, BS.OFFERED)
    assert BOOKING_MACHINE.allowed(BS.OFFERED, BS.BOOKED, actor_kind="person")
    assert not BOOKING_MACHINE.allowed(BS.CANCELLED, BS.BOOKED)
    assert not BOOKING_MACHINE.allowed(BS.BOOKED, BS.WAITING)


# --- jobs ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_failing_mail_is_given_back_and_sent_by_a_later_run(demo, monkeypatch, jobs_queued,
                                                              mailoutbox):
    from courses.models import CoursePage
    from courses.seminars.models import SessionMail
    from courses.seminars.services import booking_book, session_mails_unsent
    from courses.seminars.tasks import session_mails_send_task
    from tests.courses.seminars.seminar_factories import learners, session_for

    course = CoursePage.objects.get(slug="ki-dienstanweisung")
    session = session_for(course)
    booking_book(session_id=session.pk, person=learners(1)[0])
    row = SessionMail.objects.get(booking__session=session)

    def broken(self, *args, **kwargs):
        raise ConnectionError("mail server away")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", broken)
        with pytest.raises(ConnectionError):
            session_mails_send_task([row.pk])
    row.refresh_from_db()
    assert row.sent_at is None
    later = timezone.now() + datetime.timedelta(minutes=30)
    assert session_mails_unsent(now=later) == [row.pk]
    assert session_mails_send_task([row.pk]) == 1
    assert session_mails_send_task([row.pk]) == 0  # never twice
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_hourly_job_runs_and_its_schedule_exists(demo, jobs_queued):
    from django_q.models import Schedule

    from courses.seminars.tasks import SCHEDULE_NAME, hourly_schedule_ensure, seminars_hourly_task

    result = seminars_hourly_task()
    assert set(result) == {"offers_expired", "approvals_settled", "reminders", "resent"}
    hourly_schedule_ensure()
    assert Schedule.objects.filter(name=SCHEDULE_NAME, schedule_type="H").count() == 1
