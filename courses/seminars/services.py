"""Writes of seminar sessions: booking, the waiting list, cancelling, moving; mails after
commit.

Every change of a session's seats runs with the session row locked (select_for_update on
PostgreSQL; SQLite serialises writers), so two people asking for the last seat at the same
moment are served one after the other: exactly one gets it, the other joins the waiting
list. A person has at most one open booking per session, so a double submit finds the
first one and changes nothing.

Courses that need approval: booking enrols the person (t2's approval flow asks the
supervisor) and the booking waits in "approval pending" WITHOUT holding a seat. Once the
enrolment is approved, `approvals_settle` (the seminar job, and each visit of the dates
page) books the person if a seat is free, else puts them on the waiting list; a refused
request ends the booking as "refused".

A freed seat (cancelled booking, expired offer, more seats) goes to the first in line:
booked directly or offered until a deadline, as the session says (`freed_seat`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.jobs import enqueue_on_commit
from core.urls import absolute_url
from courses.approvals.services import approval_request_for_enrolment, course_enrolment_request
from courses.learning.selectors import enrolment_of
from courses.reminders.services import recipient_language
from courses.rules import EnrolmentStatus
from courses.seminars.exceptions import (
    BookingClosed,
    BookingNotFound,
    CancellationClosed,
    NoSeatsToBook,
    NotApproved,
    OfferExpired,
    OverlappingBooking,
    ReasonRequired,
    SessionCancelled,
    SessionNotFound,
    SessionStarted,
)
from courses.seminars.ics import booking_ics, session_location
from courses.seminars.models import Booking, Session, SessionDay, SessionMail
from courses.seminars.rules import (
    BOOKING_MACHINE,
    OPEN_STATES,
    SEAT_STATES,
    BookingRefusal,
    BookingState,
    FreedSeat,
    SessionState,
    booking_refusal,
    day_rows,
    may_cancel,
    offer_expires,
)
from courses.seminars.selectors import overlapping_booking, seats_taken, waiting_list

BS = BookingState
ES = EnrolmentStatus
SEND_TASK = "courses.seminars.tasks.session_mails_send_task"
REFUSALS = {BookingRefusal.CANCELLED: SessionCancelled, BookingRefusal.PAST: SessionStarted,
            BookingRefusal.DEADLINE: BookingClosed, BookingRefusal.NO_SEATS: NoSeatsToBook}
# What changes the calendar entry: people booked are told and the .ics SEQUENCE rises.
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("address", "room", "online_url")


class MailKind:
    BOOKED = "booked"
    OFFERED = "offered"
    CANCELLED = "cancelled"            # the person cancelled (METHOD:CANCEL)
    SESSION_CANCELLED = "session_cancelled"
    SESSION_MOVED = "session_moved"    # updated time or place (higher SEQUENCE)
    REMINDER = "reminder"


# ---------------------------------------------------------------- mails (outbox)

def mail_record(*, booking: Booking, kind: str, key: str, reason: str = "") -> SessionMail | None:
    """Record one mail under `key` (once) and send it after commit."""
    if SessionMail.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            row = SessionMail.objects.create(key=key, kind=kind, booking=booking, reason=reason)
    except IntegrityError:  # recorded at the same moment by another run
        return None
    enqueue_on_commit(SEND_TASK, [row.pk], group="mails", timeout=110)
    return row


def _mail(booking: Booking, kind: str, *, suffix: str = "", reason: str = "") -> None:
    mail_record(booking=booking, kind=kind, key=f"seminar:{kind}:{booking.pk}{suffix}",
                reason=reason)


# ---------------------------------------------------------------- sessions

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


# ---------------------------------------------------------------- bookings

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


# ---------------------------------------------------------------- jobs

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


# ---------------------------------------------------------------- sending

def dates_path(session: Session, *, language: str) -> str:
    """The course's dates page, in the recipient's language."""
    with translation.override(settings.LANGUAGE_CODE):  # the page's path without prefix
        path = session.course.url or "/"
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return f"{prefix}{path}termine/"


def mail_subject(kind: str, session: Session) -> str:
    title = session.course.title
    subjects = {
        MailKind.BOOKED: _("Booking confirmed: %(title)s"),
        MailKind.OFFERED: _("A seat is free for you: %(title)s"),
        MailKind.CANCELLED: _("Booking cancelled: %(title)s"),
        MailKind.SESSION_CANCELLED: _("Session cancelled: %(title)s"),
        MailKind.SESSION_MOVED: _("Session changed: %(title)s"),
        MailKind.REMINDER: _("Reminder: %(title)s tomorrow"),
    }
    return subjects[kind] % {"title": title}


ICS_KINDS = {MailKind.BOOKED: False, MailKind.SESSION_MOVED: False, MailKind.REMINDER: False,
             MailKind.CANCELLED: True, MailKind.SESSION_CANCELLED: True}


def mail_message(row: SessionMail) -> EmailMessage:
    """The mail of an outbox row, in the recipient's language, with its .ics file."""
    booking = row.booking
    session = booking.session
    person = booking.person
    language = recipient_language(person)
    with translation.override(language):
        context = {"booking": booking, "session": session, "person": person,
                   "reason": row.reason,
                   "starts_at": timezone.localtime(session.starts_at),
                   "ends_at": timezone.localtime(session.ends_at),
                   "days": list(session.days.all()),
                   "location": session_location(session),
                   "link": absolute_url(dates_path(session, language=language))}
        subject = " ".join(mail_subject(row.kind, session).split())
        body = render_to_string(f"courses/seminars/mail/{row.kind}.txt", context)
    message = EmailMessage(subject, body, None, [person.email])
    if row.kind in ICS_KINDS:
        cancel = ICS_KINDS[row.kind]
        method = "CANCEL" if cancel else "REQUEST"
        message.attach("termin.ics", booking_ics(booking, cancel=cancel),
                       f"text/calendar; method={method}; charset=utf-8")
    return message


def session_mail_send(*, mail_id: int) -> bool:
    """Send one recorded seminar mail unless it went out before; True if this call did."""
    claimed_at = timezone.now()
    claimed = SessionMail.objects.filter(pk=mail_id, sent_at__isnull=True).update(
        sent_at=claimed_at)
    if not claimed:
        return False
    row = (SessionMail.objects.select_related("booking__person", "booking__session__course",
                                              "booking__session__trainer").get(pk=mail_id))
    try:
        mail_message(row).send()
    except Exception:
        SessionMail.objects.filter(pk=mail_id, sent_at=claimed_at).update(sent_at=None)
        raise
    return True


def session_mails_unsent(*, now: datetime | None = None) -> list[int]:
    """Mails recorded in the last two days but not sent (the worker stopped before)."""
    now = now or timezone.now()
    return list(SessionMail.objects.filter(sent_at__isnull=True,
                                           created_at__gte=now - timedelta(days=2),
                                           created_at__lt=now - timedelta(minutes=10))
                .order_by("pk").values_list("pk", flat=True))
