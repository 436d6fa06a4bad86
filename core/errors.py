"""The base of every app's domain errors: a whole, translated sentence to show as it is."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Raised by services; views and the admin turn it into a message for the person."""

    default_message = _("The action could not be carried out.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))
