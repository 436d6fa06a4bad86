"""Bookings: a seat or the waiting list, cancelling, offers of freed seats. Every change of
a session's seats runs with the session row locked."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.approvals.services import approval_request_for_enrolment, course_enrolment_request
from courses.learning.selectors import enrolment_of
from courses.rules import EnrolmentStatus
from courses.seminars.exceptions import (
    BookingClosed,
    BookingNotFound,
    CancellationClosed,
    NoSeatsToBook,
    NotApproved,
    OfferExpired,
    OverlappingBooking,
    SessionCancelled,
    SessionNotFound,
    SessionStarted,
)
from courses.seminars.models import Booking, Session
from courses.seminars.rules import (
    BOOKING_MACHINE,
    OPEN_STATES,
    SEAT_STATES,
    BookingRefusal,
    BookingState,
    FreedSeat,
    booking_refusal,
    may_cancel,
    offer_expires,
)
from courses.seminars.selectors import overlapping_booking, seats_taken, waiting_list

from .mails import MailKind, _mail

BS = BookingState
ES = EnrolmentStatus
REFUSALS = {BookingRefusal.CANCELLED: SessionCancelled, BookingRefusal.PAST: SessionStarted,
            BookingRefusal.DEADLINE: BookingClosed, BookingRefusal.NO_SEATS: NoSeatsToBook}


def _move(booking: Booking, to_state: str, *, actor_kind: str | None = None,
          reason: str = "", **fields) -> Booking:
    BOOKING_MACHINE.check(booking.state, to_state, actor_kind=actor_kind)
    booking.state = to_state
    if to_state == BS.CANCELLED:
        booking.cancel_reason = reason[:200]
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save()
    return booking


def _place(*, session: Session, booking: Booking, now: datetime) -> Booking:
    """Give an approved or new booking a seat if one is free (nobody waiting ahead),
    else a place at the end of the waiting list. The session is locked by the caller."""
    free = session.seats - seats_taken(session)
    if free > 0 and not waiting_list(session).exists():
        _move(booking, BS.BOOKED, offer_expires_at=None)
        _mail(booking, MailKind.BOOKED)
    else:
        _move(booking, BS.WAITING, waiting_since=now)
    return booking


def _seat_pass_on(session: Session, *, now: datetime) -> list[Booking]:
    """Hand free seats to the first in line (session locked by the caller)."""
    if session.is_cancelled or now >= session.starts_at:
        return []
    moved = []
    free = session.seats - seats_taken(session)
    for booking in waiting_list(session)[:max(free, 0)]:
        if session.freed_seat == FreedSeat.OFFER:
            _move(booking, BS.OFFERED, offer_expires_at=offer_expires(
                now=now, hours=session.offer_hours, starts_at=session.starts_at))
            _mail(booking, MailKind.OFFERED)
        else:
            _move(booking, BS.BOOKED)
            _mail(booking, MailKind.BOOKED)
        moved.append(booking)
    return moved


def _locked_session(session_id: int) -> Session:
    session = (Session.objects.select_for_update(of=("self",)).select_related("course")
               .filter(pk=session_id).first())
    if session is None:
        raise SessionNotFound
    return session


def booking_book(*, session_id: int, person: User, course_id: int | None = None,
                 now: datetime | None = None) -> Booking:
    """Book a seat, or join the waiting list when the session is full.

    Asked twice (a double submit), returns the open booking of the first call. Raises
    SessionNotFound, SessionCancelled, SessionStarted, BookingClosed, NoSeatsToBook,
    OverlappingBooking, NotApproved, or the enrolment's errors (EnrolmentNotAllowed,
    PrerequisitesMissing).
    """
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(session_id)
        if course_id is not None and session.course_id != course_id:
            raise SessionNotFound
        existing = Booking.objects.filter(session=session, person=person,
                                          state__in=OPEN_STATES).first()
        if existing is not None:
            return existing
        refusal = booking_refusal(times=session.times, cancelled=session.is_cancelled,
                                  seats=session.seats, now=now)
        if refusal:
            raise REFUSALS[refusal]
        other = overlapping_booking(session=session, person=person)
        if other is not None:
            raise OverlappingBooking(other.session)
        enrolment = enrolment_of(user=person, course=session.course)
        if enrolment is None or enrolment.status == ES.WITHDRAWN:
            enrolment = course_enrolment_request(learner=person, course=session.course)
        if enrolment.status == ES.REJECTED:
            raise NotApproved
        booking = Booking(session=session, person=person, state=BS.APPROVAL_PENDING)
        if enrolment.status == ES.PENDING_APPROVAL:
            booking.approval = approval_request_for_enrolment(enrolment=enrolment)
            booking.save()
            return booking
        booking.save()
        return _place(session=session, booking=booking, now=now)


def _own_booking(*, booking_id: int, person: User) -> Booking:
    booking = Booking.objects.filter(pk=booking_id, person=person).first()
    if booking is None:
        raise BookingNotFound
    return booking


def booking_cancel(*, booking_id: int, person: User, now: datetime | None = None) -> Booking:
    """The person gives up their seat, their offer or their place on the waiting list.

    A seat can be given back until the cancellation deadline (after the session moved:
    until it starts); leaving the waiting list or declining an offer is always possible.
    Cancelling twice changes nothing. A freed seat goes to the first in line.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = _own_booking(booking_id=booking_id, person=person)
        session = _locked_session(booking.session_id)
        booking.refresh_from_db()
        if booking.state not in OPEN_STATES:
            return booking
        if booking.state == BS.BOOKED and not may_cancel(
                times=session.times, now=now, free_cancellation=booking.free_cancellation):
            raise CancellationClosed
        held = booking.state in SEAT_STATES
        was_booked = booking.state == BS.BOOKED
        _move(booking, BS.CANCELLED, reason=_("Cancelled by the participant."))
        if was_booked:
            _mail(booking, MailKind.CANCELLED)
        if held:
            _seat_pass_on(session, now=now)
    return booking


def booking_offer_accept(*, booking_id: int, person: User,
                         now: datetime | None = None) -> Booking:
    """Take an offered seat before the offer runs out (twice: nothing changes)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _own_booking(booking_id=booking_id, person=person)
        session = _locked_session(booking.session_id)
        booking.refresh_from_db()
        if booking.state == BS.BOOKED:
            return booking
        if booking.state != BS.OFFERED or session.is_cancelled:
            raise OfferExpired
        if booking.offer_expires_at is not None and now > booking.offer_expires_at:
            raise OfferExpired
        _move(booking, BS.BOOKED, actor_kind="person", offer_expires_at=None)
        _mail(booking, MailKind.BOOKED)
    return booking
