"""Sessions: their days, changes of time, place or seats (told to everyone booked), and
cancelling a whole session."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.seminars.exceptions import ReasonRequired, SessionNotFound
from courses.seminars.models import Booking, Session, SessionDay
from courses.seminars.rules import OPEN_STATES, SEAT_STATES, BookingState, SessionState, day_rows

from .bookings import _move, _seat_pass_on
from .mails import MailKind, _mail

BS = BookingState
# What changes the calendar entry: people booked are told and the .ics SEQUENCE rises.
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("address", "room", "online_url")


def session_days_sync(session: Session) -> None:
    """One SessionDay per calendar day (local time) of the session; days that are no
    longer part of it are removed."""
    rows = day_rows(starts_at=timezone.localtime(session.starts_at),
                    ends_at=timezone.localtime(session.ends_at))
    dates = [row[0] for row in rows]
    SessionDay.objects.filter(session=session).exclude(date__in=dates).delete()
    for day, start, end in rows:
        SessionDay.objects.update_or_create(session=session, date=day,
                                            defaults={"starts_at": start, "ends_at": end})


@transaction.atomic
def session_create(**fields) -> Session:
    """Create a session with its days."""
    session = Session.objects.create(**fields)
    session_days_sync(session)
    return session


@transaction.atomic
def session_changed(*, session: Session, changed: list[str] | tuple[str, ...],
                    now: datetime | None = None) -> Session:
    """After a coordinator saved `session` (already saved): keep its days in line; a new
    time or place raises the revision and tells everyone booked; a moved session may be
    cancelled free of charge by them until it starts; more seats go to the waiting list."""
    now = now or timezone.now()
    session = Session.objects.select_for_update().get(pk=session.pk)
    session_days_sync(session)
    moved = any(field in changed for field in TIME_FIELDS)
    if moved or any(field in changed for field in PLACE_FIELDS):
        session.sequence += 1
        session.save(update_fields=["sequence", "changed_at"])
        holders = list(session.bookings.filter(state__in=SEAT_STATES))
        if moved:
            Booking.objects.filter(pk__in=[b.pk for b in holders]).update(free_cancellation=True)
        for booking in holders:
            if booking.state == BS.BOOKED:
                _mail(booking, MailKind.SESSION_MOVED, suffix=f":{session.sequence}")
    if "seats" in changed:
        _seat_pass_on(session, now=now)
    return session


def session_cancel(*, session_id: int, reason: str, actor: User | None = None,
                   now: datetime | None = None) -> Session:
    """Cancel a session (a reason is required): every booking and the waiting list end,
    and everyone is told with the reason. Cancelling twice changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired
    now = now or timezone.now()
    with transaction.atomic():
        session = Session.objects.select_for_update().filter(pk=session_id).first()
        if session is None:
            raise SessionNotFound
        if session.is_cancelled:
            return session
        session.state = SessionState.CANCELLED
        session.cancel_reason = reason
        session.cancelled_at = now
        session.sequence += 1
        session.save(update_fields=["state", "cancel_reason", "cancelled_at", "sequence",
                                    "changed_at"])
        for booking in session.bookings.filter(state__in=OPEN_STATES).select_related("person"):
            _move(booking, BS.CANCELLED, reason=_("The session was cancelled."))
            _mail(booking, MailKind.SESSION_CANCELLED, reason=reason)
    return session
