"""Seminar mails: recorded once in an outbox (SessionMail) and sent after commit, in the
recipient's language, with the session's .ics file."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.jobs import enqueue_on_commit
from core.urls import absolute_url
from courses.reminders.services import recipient_language
from courses.seminars.ics import booking_ics, session_location
from courses.seminars.models import Booking, Session, SessionMail

SEND_TASK = "courses.seminars.tasks.session_mails_send_task"


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
