"""The seminar job's work: expired offers end (the seat passes on), decided approvals
settle, and tomorrow's reminders are recorded. Each is safe to run again."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.learning.selectors import enrolment_of
from courses.rules import EnrolmentStatus
from courses.seminars.models import Booking
from courses.seminars.rules import BookingState, SessionState

from .bookings import _locked_session, _move, _place, _seat_pass_on
from .mails import MailKind, mail_record

BS = BookingState
ES = EnrolmentStatus


def offers_expire(*, now: datetime | None = None) -> int:
    """End every offer whose time ran out and pass the seat on; returns how many ended."""
    now = now or timezone.now()
    ended = 0
    session_ids = (Booking.objects.filter(state=BS.OFFERED, offer_expires_at__lt=now)
                   .values_list("session_id", flat=True).distinct())
    for session_id in list(session_ids):
        with transaction.atomic():
            session = _locked_session(session_id)
            for booking in session.bookings.filter(state=BS.OFFERED, offer_expires_at__lt=now):
                _move(booking, BS.CANCELLED, reason=_("The offer expired."))
                ended += 1
            _seat_pass_on(session, now=now)
    return ended


def approvals_settle(*, person: User | None = None, now: datetime | None = None) -> int:
    """Bookings waiting for approval whose enrolment was decided: approved → a seat or the
    waiting list (the session has not started), refused → "refused". Returns how many
    moved."""
    now = now or timezone.now()
    pending = Booking.objects.filter(state=BS.APPROVAL_PENDING)
    if person is not None:
        pending = pending.filter(person=person)
    moved = 0
    for booking_id, session_id in list(pending.values_list("pk", "session_id")):
        with transaction.atomic():
            session = _locked_session(session_id)
            booking = Booking.objects.select_related("person").get(pk=booking_id)
            if booking.state != BS.APPROVAL_PENDING:
                continue
            enrolment = enrolment_of(user=booking.person, course=session.course)
            status = enrolment.status if enrolment else ES.WITHDRAWN
            if status in (ES.ACTIVE, ES.COMPLETED):
                if session.is_cancelled or now >= session.starts_at:
                    _move(booking, BS.CANCELLED, reason=_("Approved after the session began."))
                else:
                    _place(session=session, booking=booking, now=now)
            elif status == ES.REJECTED:
                _move(booking, BS.REFUSED)
            elif status == ES.WITHDRAWN:
                _move(booking, BS.CANCELLED, reason=_("The enrolment was withdrawn."))
            else:
                continue
            moved += 1
    return moved


def reminders_record(*, now: datetime | None = None) -> int:
    """Record the reminder for everyone booked on a session that starts tomorrow (local
    date); each booking is reminded once. Returns how many were recorded."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date().toordinal() + 1
    recorded = 0
    bookings = (Booking.objects.filter(state=BS.BOOKED, session__state=SessionState.SCHEDULED,
                                       session__starts_at__gt=now,
                                       session__starts_at__lt=now + timedelta(days=2))
                .select_related("session"))
    for booking in bookings:
        if timezone.localtime(booking.session.starts_at).date().toordinal() != tomorrow:
            continue
        with transaction.atomic():
            if mail_record(booking=booking, kind=MailKind.REMINDER,
                           key=f"seminar:{MailKind.REMINDER}:{booking.pk}"):
                recorded += 1
    return recorded
