"""The occupancy report: per session and per course seats, booked, waiting and attended;
filters; CSV export; coordinators only."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.attendance.selectors import occupancy_rows
from courses.seminars.attendance.services import attendance_record
from courses.seminars.models import Booking
from courses.seminars.rules import BookingState
from tests.courses.seminars.attendance_factories import (
    book,
    make_seminar_course,
    make_session,
    people,
    trainer_user,
)
from tests.factories import role_user

pytestmark = pytest.mark.django_db
URL = "/admin/reports/seminars/occupancy/"


@pytest.fixture
def world(jobs_queued):
    course, _lessons = make_seminar_course(title="Präsenzkurs")
    other, _lessons = make_seminar_course(title="Anderer Kurs", slug="anderer-kurs")
    trainer = trainer_user()
    persons = people(4)
    start = timezone.localdate() - datetime.timedelta(days=3)
    past = make_session(course, trainer=trainer, seats=2, starts_at=timezone.make_aware(
        datetime.datetime(start.year, start.month, start.day, 9)))
    book(past, persons[0])
    book(past, persons[1])
    Booking.objects.create(session=past, person=persons[2], state=BookingState.WAITING,
                           waiting_since=timezone.now())
    attendance_record(session=past, actor=trainer, marks={
        (past.days.get().pk, persons[0].pk): AttendanceStatus.PRESENT,
        (past.days.get().pk, persons[1].pk): AttendanceStatus.ABSENT})
    upcoming = make_session(course, seats=5)
    book(upcoming, persons[3])
    make_session(other, seats=8)
    return {"course": course, "other": other, "past": past, "upcoming": upcoming}


def test_rows_per_session_and_course_totals(world):
    rows = occupancy_rows(course_id=world["course"].pk)
    sessions = [row for row in rows if not row.is_total]
    total = rows[-1]
    assert [(r.seats, r.booked, r.waiting, r.attended) for r in sessions] == [
        (2, 2, 1, 1), (5, 1, 0, 0)]
    assert total.is_total and (total.seats, total.booked, total.waiting,
                               total.attended) == (7, 3, 1, 1)
    assert len(occupancy_rows()) == 5  # two courses: 3 sessions + 2 totals


def test_date_filter(world):
    today = timezone.localdate()
    rows = occupancy_rows(date_from=today)
    assert {row.session_id for row in rows if not row.is_total} == {
        world["upcoming"].pk, world["other"].sessions.get().pk}


def test_coordinator_sees_the_report_and_exports_csv(client, world):
    client.force_login(role_user("koord@example.org", Role.COORDINATOR))
    with_filter = client.get(URL, {"course": world["course"].pk})
    assert with_filter.status_code == 200
    assert "Präsenzkurs".encode() in with_filter.content
    assert b"Anderer Kurs" not in with_filter.content.split(b"<tbody")[-1]
    export = client.get(URL, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Präsenzkurs" in text and "Anderer Kurs" in text
    assert client.get(URL, {"export": "xlsx"}).status_code == 200


def test_trainers_and_learners_do_not_see_it(client, world):
    client.force_login(trainer_user("t2@example.org"))
    assert client.get(URL).status_code in (302, 403)
    client.force_login(people(1, prefix="lern")[0])
    assert client.get(URL).status_code in (302, 403)
