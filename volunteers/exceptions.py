"""Domain errors raised by volunteers.services; views and the admin turn them into messages.

Each carries a whole, translated sentence in `message` that can be shown as it is. All are
`core.errors.DomainError`s; views catch `VolunteersError`.
"""

from django.utils.translation import gettext_lazy as _

from core import state
from core.errors import DomainError


class VolunteersError(DomainError):
    """Base class of every volunteers domain error."""


class InvalidTransition(VolunteersError, state.InvalidTransition):
    """The application's status does not allow the requested move, or not by this person.

    Signature as core.state.InvalidTransition: (from_status, to_status, message=None).
    """

    default_message = _("This step is not possible in the application's current state.")


class NotAllowed(VolunteersError):
    default_message = _("You are not allowed to do this.")


class ApplicationIncomplete(VolunteersError):
    """Submission refused: required steps are missing or an eligibility rule fails."""

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__(_("The application cannot be submitted yet."))


class ApplicationsClosed(VolunteersError):
    default_message = _("Applications for this programme year are not open.")


class InvalidPreferences(VolunteersError):
    default_message = _("Please check your ranked placements.")


class NoSeatLeft(VolunteersError):
    default_message = _("All seats of this placement have just been taken. We are sorry.")


class OfferDeadlinePassed(VolunteersError):
    default_message = _("The deadline to accept this offer has passed.")


class InvalidDocument(VolunteersError):
    default_message = _("The file could not be accepted.")


class InvalidToken(VolunteersError):
    default_message = _("This link is invalid or has expired.")


class MatchingError(VolunteersError):
    """A matching run cannot be created, changed or approved as asked."""

    default_message = _("This matching proposal cannot be changed any more.")


class RunAlreadyApproved(MatchingError):
    default_message = _("This proposal has already been approved: its offers were made "
                        "then. Nothing was done a second time.")
