"""Why a booking, a cancellation or a session change is refused: whole sentences."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class SeminarError(DomainError):
    default_message = _("This could not be done for the session.")


class SessionNotFound(SeminarError):
    default_message = _("This session does not exist (any more).")


class SessionCancelled(SeminarError):
    default_message = _("This session has been cancelled and can no longer be booked.")


class SessionStarted(SeminarError):
    default_message = _("This session has already started; it can no longer be booked.")


class BookingClosed(SeminarError):
    default_message = _("The booking deadline for this session has passed. Please choose "
                        "another date.")


class NoSeatsToBook(SeminarError):
    default_message = _("This session has no seats to book. Please choose another date.")


class OverlappingBooking(SeminarError):
    def __init__(self, other):
        start = formats.date_format(timezone.localtime(other.starts_at), "DATETIME_FORMAT")
        super().__init__(_("You have already booked “%(title)s” on %(start)s, which overlaps "
                           "this session. Cancel that booking first if you want this one.")
                         % {"title": other.display_title, "start": start})


class NotApproved(SeminarError):
    default_message = _("Your request for this course was not approved, so its sessions "
                        "cannot be booked.")


class BookingNotFound(SeminarError):
    default_message = _("This booking does not exist or is not yours.")


class CancellationClosed(SeminarError):
    default_message = _("The cancellation deadline has passed. If you cannot attend, please "
                        "tell the course coordination.")


class OfferExpired(SeminarError):
    default_message = _("The time to take this seat has run out; the seat has been passed on.")


class ReasonRequired(SeminarError):
    default_message = _("Please give a reason for cancelling the session; everyone booked is "
                        "told.")
