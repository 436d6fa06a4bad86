"""Seminar sessions: statuses, the booking state machine and the pure rules (no database).

A session ("Termin") belongs to a course, has one or more days, a place (address, room or
an online link) and seats. People book it; when it is full they join the waiting list, and
a freed seat goes to the first in line: booked directly or offered with a deadline, as the
session says. The same core is meant to carry the volunteer programme's seminar days later:
nothing here knows about courses beyond the foreign key.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class FreedSeat(models.TextChoices):
    """What happens to a seat someone gives back."""

    BOOK = "book", _("The first on the waiting list is booked directly")
    OFFER = "offer", _("The first on the waiting list is offered the seat with a deadline")


class BookingState(models.TextChoices):
    APPROVAL_PENDING = "approval_pending", _("Waiting for approval")
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Not approved")


BS = BookingState
# Bookings that hold a seat, and bookings that are "alive" (one per person and session).
SEAT_STATES = (BS.BOOKED, BS.OFFERED)
OPEN_STATES = (BS.APPROVAL_PENDING, BS.BOOKED, BS.WAITING, BS.OFFERED)

# Actors: "person" (the learner), "coordinator", None for the system (jobs, seat passing).
BOOKING_MACHINE = StateMachine({
    BS.APPROVAL_PENDING: {BS.BOOKED: None, BS.WAITING: None, BS.REFUSED: None,
                          BS.CANCELLED: None},
    BS.WAITING: {BS.BOOKED: None, BS.OFFERED: None, BS.CANCELLED: None},
    BS.OFFERED: {BS.BOOKED: {"person"}, BS.CANCELLED: None},
    BS.BOOKED: {BS.CANCELLED: None},
    BS.CANCELLED: {},
    BS.REFUSED: {},
})


class BookingRefusal(models.TextChoices):
    """Why a booking is not possible (each has its own message in the services)."""

    CANCELLED = "cancelled"
    PAST = "past"
    DEADLINE = "deadline"
    NO_SEATS = "no_seats"


@dataclass(frozen=True)
class SessionTimes:
    starts_at: datetime
    ends_at: datetime
    booking_deadline: datetime | None
    cancellation_deadline: datetime | None


def booking_deadline(times: SessionTimes) -> datetime:
    """Booking closes at the deadline given, else when the session starts."""
    return times.booking_deadline or times.starts_at


def cancellation_deadline(times: SessionTimes) -> datetime:
    """Cancelling (free of charge) is possible until the deadline given, else the start."""
    return times.cancellation_deadline or times.starts_at


def booking_refusal(*, times: SessionTimes, cancelled: bool, seats: int,
                    now: datetime) -> str | None:
    """Why nobody can book or join the waiting list now; None when they can."""
    if cancelled:
        return BookingRefusal.CANCELLED
    if now >= times.starts_at:
        return BookingRefusal.PAST
    if now > booking_deadline(times):
        return BookingRefusal.DEADLINE
    if seats == 0:
        return BookingRefusal.NO_SEATS
    return None


def may_cancel(*, times: SessionTimes, now: datetime, free_cancellation: bool) -> bool:
    """A person may cancel until the cancellation deadline; after the session was moved,
    until it starts."""
    if now >= times.starts_at:
        return False
    return free_cancellation or now <= cancellation_deadline(times)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Whether two periods share a moment (touching ends do not overlap)."""
    return a_start < b_end and b_start < a_end


def seats_left(*, seats: int, taken: int) -> int:
    return max(seats - taken, 0)


def offer_expires(*, now: datetime, hours: int, starts_at: datetime) -> datetime:
    """An offered seat must be taken within `hours`, and before the session starts."""
    return min(now + timedelta(hours=hours), starts_at)


def day_rows(*, starts_at: datetime, ends_at: datetime) -> list[tuple[date, time, time]]:
    """One (date, start, end) per calendar day of a session given as local datetimes:
    the first day from the start time, the last until the end time, days between with the
    same hours as the first and last day (a multi-day seminar runs the same hours)."""
    first, last = starts_at.date(), ends_at.date()
    if first == last:
        return [(first, starts_at.time(), ends_at.time())]
    rows = []
    day = first
    while day <= last:
        rows.append((day, starts_at.time(), ends_at.time()))
        day += timedelta(days=1)
    return rows
