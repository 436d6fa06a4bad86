"""Domain errors of approvals; each a whole sentence the person can read."""

from django.utils.translation import gettext_lazy as _

from courses.exceptions import CourseError


class ApprovalError(CourseError):
    default_message = _("The request could not be decided.")


class NotAllowedToDecide(ApprovalError):
    default_message = _("You cannot decide this request. Requests are decided by the "
                        "learner's supervisor or the coordination team, never by the "
                        "learner.")


class AlreadyDecided(ApprovalError):
    default_message = _("This request has already been decided; nothing was changed.")


class ReasonRequired(ApprovalError):
    default_message = _("Please give a reason for refusing the request. The learner will "
                        "read it.")


class RequestWithdrawn(ApprovalError):
    default_message = _("The learner has withdrawn this request; nothing was changed.")
