"""Domain errors raised by volunteers.services; views and the admin turn them into messages.

Each carries a whole, translated sentence in `message` that can be shown as it is.
"""

from django.utils.translation import gettext_lazy as _


class VolunteersError(Exception):
    """Base class of every volunteers domain error."""

    default_message = _("The action could not be carried out.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class InvalidTransition(VolunteersError):
    """The application's status does not allow the requested move, or not by this person."""

    def __init__(self, from_status: str, to_status: str, message=None):
        self.from_status, self.to_status = from_status, to_status
        super().__init__(message or _("This step is not possible in the application's "
                                      "current state."))


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
