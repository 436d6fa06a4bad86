"""Demo: a past in-person session of the AI course, led by trainer@demo.example, with its
attendance recorded (one present, one excused). Idempotent: found again by its title."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.catalogue.models import CoursePage
from courses.seminars.attendance.rules import AttendanceStatus
from courses.seminars.attendance.services import attendance_record
from courses.seminars.models import Booking, Session
from courses.seminars.rules import BookingState
from courses.seminars.services import session_create

AI_COURSE = "ki-dienstanweisung"
TITLE = "Auftaktworkshop KI-Dienstanweisung"
TRAINER = "trainer@demo.example"
# (email, attendance)
PARTICIPANTS = [("vorgesetzte@demo.example", AttendanceStatus.PRESENT),
                ("koordination@demo.example", AttendanceStatus.EXCUSED)]


@transaction.atomic
def seed_attendance_demo() -> Session | None:
    course = CoursePage.objects.filter(slug=AI_COURSE).first()
    trainer = User.objects.filter(email=TRAINER).first()
    if course is None or trainer is None:
        return None
    existing = Session.objects.filter(course=course, title=TITLE).first()
    if existing is not None:
        return existing
    day = timezone.localdate() - datetime.timedelta(days=14)
    starts_at = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 9, 30))
    session = session_create(
        course=course, title=TITLE, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6, minutes=30), trainer=trainer,
        address="Thüringer Ministerium für Digitales und Infrastruktur\n"
                "Werner-Seelenbinder-Straße 8, 99096 Erfurt",
        room="Konferenzraum 1", seats=12, language="de",
        notes="Bitte Dienstausweis mitbringen.")
    marks = {}
    day_row = session.days.get()
    for email, status in PARTICIPANTS:
        person = User.objects.filter(email=email).first()
        if person is None:
            continue
        Booking.objects.create(session=session, person=person, state=BookingState.BOOKED)
        marks[(day_row.pk, person.pk)] = status
    attendance_record(session=session, actor=trainer, marks=marks)
    return session
