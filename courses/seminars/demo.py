"""Demo: the AI course's upcoming seminar dates — two online sessions and one in Erfurt
that is full with a waiting list; the demo learner has booked one online session.
Idempotent: each session is found again by its title, each booking by its person."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.catalogue.models import CoursePage
from courses.seminars.models import Booking, Session
from courses.seminars.rules import OPEN_STATES, BookingState, FreedSeat
from courses.seminars.services import session_create

AI_COURSE = "ki-dienstanweisung"
TRAINER = "trainer@demo.example"
LEARNER = "lernende@demo.example"
# Participants without a login, so that the Erfurt session is full and has a waiting list.
EXTRA = [("teilnahme1@demo.example", "Marie", "Schulz"),
         ("teilnahme2@demo.example", "Paul", "Becker"),
         ("teilnahme3@demo.example", "Emma", "Richter")]
ERFURT = "Praxisworkshop KI-Dienstanweisung in Erfurt"
SESSIONS = [
    # title, days from today, start (h, m), hours, seats, online, bookings, waiting
    ("Online-Sprechstunde: KI im Arbeitsalltag", 8, (10, 0), 1.5, 20, True,
     [LEARNER, "vorgesetzte@demo.example"], []),
    ("Online-Workshop: gute Prompts für Verwaltungstexte", 22, (13, 0), 3, 12, True, [], []),
    (ERFURT, 15, (9, 30), 6.5, 4, False,
     ["vorgesetzte@demo.example", "koordination@demo.example", "teilnahme1@demo.example",
      "teilnahme2@demo.example"], ["teilnahme3@demo.example"]),
]


def _extra_people() -> None:
    for email, first, last in EXTRA:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])


@transaction.atomic
def seed_seminars_demo() -> list[Session]:
    course = CoursePage.objects.filter(slug=AI_COURSE).first()
    if course is None:
        return []
    _extra_people()
    trainer = User.objects.filter(email=TRAINER).first()
    made = []
    for title, days, (hour, minute), hours, seats, online, booked, waiting in SESSIONS:
        session = Session.objects.filter(course=course, title=title).first()
        if session is None:
            day = timezone.localdate() + datetime.timedelta(days=days)
            starts = timezone.make_aware(datetime.datetime(day.year, day.month, day.day,
                                                           hour, minute))
            place = ({"online_url": "https://konferenz.demo.example/ki-dienstanweisung"}
                     if online else
                     {"address": "Thüringer Landesrechenzentrum\nRingstraße 8, 99084 Erfurt",
                      "room": "Schulungsraum 3"})
            session = session_create(
                course=course, title=title, starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=hours), trainer=trainer,
                seats=seats, language="de",
                booking_deadline=starts - datetime.timedelta(days=2),
                cancellation_deadline=starts - datetime.timedelta(days=3),
                freed_seat=FreedSeat.BOOK if online else FreedSeat.OFFER,
                notes=("Den Link sehen Sie nach der Buchung." if online
                       else "Bitte eigenen Laptop mitbringen."), **place)
        now = timezone.now()
        for position, email in enumerate([*booked, *waiting]):
            person = User.objects.filter(email=email).first()
            if person is None or Booking.objects.filter(
                    session=session, person=person, state__in=OPEN_STATES).exists():
                continue
            is_waiting = email in waiting
            Booking.objects.create(
                session=session, person=person,
                state=BookingState.WAITING if is_waiting else BookingState.BOOKED,
                waiting_since=now + datetime.timedelta(seconds=position) if is_waiting
                else None)
        made.append(session)
    return made
