"""Reads of seminar sessions: the course's dates with seats left, a person's bookings and
waiting-list positions, participant lists."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from courses.catalogue.models import CoursePage
from courses.seminars.models import Booking, Session
from courses.seminars.rules import (
    OPEN_STATES,
    SEAT_STATES,
    BookingState,
    SessionState,
    booking_refusal,
    may_cancel,
    seats_left,
)

BS = BookingState


def with_seats_taken(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """Annotate `seats_taken` (booked or offered) and `waiting_count`."""
    return queryset.annotate(
        seats_taken=Count("bookings", filter=Q(bookings__state__in=SEAT_STATES), distinct=True),
        waiting_count=Count("bookings", filter=Q(bookings__state=BS.WAITING), distinct=True))


def seats_taken(session: Session) -> int:
    return session.bookings.filter(state__in=SEAT_STATES).count()


def course_sessions_upcoming(*, course: CoursePage, now: datetime | None = None
                             ) -> QuerySet[Session]:
    """The course's sessions that have not ended, scheduled or cancelled, by start."""
    now = now or timezone.now()
    return (with_seats_taken(Session.objects.filter(course=course, ends_at__gt=now))
            .select_related("trainer").prefetch_related("days").order_by("starts_at", "pk"))


def course_has_sessions(*, course: CoursePage, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return Session.objects.filter(course=course, ends_at__gt=now,
                                  state=SessionState.SCHEDULED).exists()


def waiting_position(booking: Booking) -> int | None:
    """1 for the first in line; None when the booking is not on the waiting list."""
    if booking.state != BS.WAITING or booking.waiting_since is None:
        return None
    ahead = Booking.objects.filter(session_id=booking.session_id, state=BS.WAITING).filter(
        Q(waiting_since__lt=booking.waiting_since)
        | Q(waiting_since=booking.waiting_since, pk__lt=booking.pk)).count()
    return ahead + 1


def waiting_list(session: Session) -> QuerySet[Booking]:
    """The waiting list in order: first joined, first in line."""
    return (Booking.objects.filter(session=session, state=BS.WAITING)
            .order_by("waiting_since", "pk"))


def open_booking(*, session: Session, person) -> Booking | None:
    if not person.is_authenticated:
        return None
    return Booking.objects.filter(session=session, person=person,
                                  state__in=OPEN_STATES).first()


@dataclass
class SessionRow:
    """One session as a learner sees it on the course's dates page."""

    session: Session
    seats_left: int
    booking: Booking | None
    position: int | None
    refusal: str | None
    may_cancel: bool

    @property
    def show_online_link(self) -> bool:
        return bool(self.booking and self.booking.state == BS.BOOKED
                    and self.session.online_url)


def course_session_rows(*, course: CoursePage, user, now: datetime | None = None
                        ) -> list[SessionRow]:
    now = now or timezone.now()
    sessions = list(course_sessions_upcoming(course=course, now=now))
    bookings: dict[int, Booking] = {}
    if user.is_authenticated:
        bookings = {b.session_id: b for b in Booking.objects.filter(
            person=user, session__in=sessions, state__in=OPEN_STATES)}
    rows = []
    for session in sessions:
        booking = bookings.get(session.pk)
        if session.is_cancelled and booking is None:
            rows.append(SessionRow(session, 0, None, None, "cancelled", False))
            continue
        rows.append(SessionRow(
            session=session,
            seats_left=seats_left(seats=session.seats, taken=session.seats_taken),
            booking=booking,
            position=waiting_position(booking) if booking else None,
            refusal=booking_refusal(times=session.times, cancelled=session.is_cancelled,
                                    seats=session.seats, now=now),
            may_cancel=bool(booking) and (
                booking.state not in SEAT_STATES
                or may_cancel(times=session.times, now=now,
                              free_cancellation=booking.free_cancellation))))
    return rows


def person_bookings_upcoming(*, user, now: datetime | None = None) -> list[Booking]:
    """A person's open bookings of sessions that have not ended (for "Mein Bereich")."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return []
    return list(Booking.objects.filter(person=user, state__in=OPEN_STATES,
                                       session__ends_at__gt=now,
                                       session__state=SessionState.SCHEDULED)
                .select_related("session", "session__course").order_by("session__starts_at"))


def participants(session: Session) -> QuerySet[Booking]:
    """The people booked on a session (the participant list), by name."""
    return (Booking.objects.filter(session=session, state=BS.BOOKED)
            .select_related("person", "person__home_unit")
            .order_by("person__last_name", "person__first_name", "person__email"))


def sessions_for_trainer(user) -> QuerySet[Session]:
    return (with_seats_taken(Session.objects.filter(trainer=user))
            .select_related("course").order_by("starts_at"))


def overlapping_booking(*, session: Session, person) -> Booking | None:
    """The person's open booking of another scheduled session at an overlapping time."""
    return (Booking.objects.filter(person=person, state__in=OPEN_STATES,
                                   session__state=SessionState.SCHEDULED,
                                   session__starts_at__lt=session.ends_at,
                                   session__ends_at__gt=session.starts_at)
            .exclude(session=session).select_related("session", "session__course")
            .order_by("session__starts_at").first())
