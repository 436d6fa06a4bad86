"""Why attendance cannot be recorded: whole sentences."""

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class AttendanceError(DomainError):
    default_message = _("The attendance could not be recorded.")


class NotYourSession(AttendanceError):
    default_message = _("You are not the trainer of this session.")


class SessionWasCancelled(AttendanceError):
    default_message = _("This session was cancelled; there is no attendance to record.")


class DayNotBegun(AttendanceError):
    def __init__(self, day):
        super().__init__(_("Attendance for %(date)s can be recorded only once that day's "
                           "session has begun.") % {"date": formats.date_format(day.date)})


class NotAParticipant(AttendanceError):
    default_message = _("Attendance can be recorded only for people booked on the session.")


class UnknownStatus(AttendanceError):
    default_message = _("Please choose present, absent or excused.")
