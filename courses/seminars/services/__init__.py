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

The modules: `mails` (the outbox and sending), `bookings` (seats, the waiting list,
offers), `sessions` (creating, changing and cancelling sessions), `jobs` (expired offers,
settled approvals, reminders). Every public name is importable from here.
"""

from .bookings import booking_book, booking_cancel, booking_offer_accept
from .jobs import approvals_settle, offers_expire, reminders_record
from .mails import (
    ICS_KINDS,
    SEND_TASK,
    MailKind,
    dates_path,
    mail_message,
    mail_record,
    mail_subject,
    session_mail_send,
    session_mails_unsent,
)
from .sessions import session_cancel, session_changed, session_create, session_days_sync

__all__ = [
    "ICS_KINDS",
    "SEND_TASK",
    "MailKind",
    "approvals_settle",
    "booking_book",
    "booking_cancel",
    "booking_offer_accept",
    "dates_path",
    "mail_message",
    "mail_record",
    "mail_subject",
    "offers_expire",
    "reminders_record",
    "session_cancel",
    "session_changed",
    "session_create",
    "session_days_sync",
    "session_mail_send",
    "session_mails_unsent",
]
