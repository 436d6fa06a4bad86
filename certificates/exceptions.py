"""Domain errors raised by certificates.services; views and the admin turn them into messages.

Each is a `core.errors.DomainError` (a whole, translated sentence in `.message`), so a
caller may catch the kernel's base, `CertificateError`, or the specific error.
"""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.state import InvalidTransition as KernelInvalidTransition


class CertificateError(DomainError):
    """Base class of every certificates domain error."""

    default_message = _("The action could not be carried out.")


class InvalidTransition(CertificateError, KernelInvalidTransition):
    """The certificate's status does not allow the requested move.

    Also a `core.state.InvalidTransition` (same signature: from_status, to_status, message).
    """

    default_message = _("This change of status is not possible.")

    def __init__(self, from_status: str, to_status: str, message=None):
        KernelInvalidTransition.__init__(self, from_status, to_status, message)


class ReasonRequired(CertificateError):
    """Revocations and corrections must say why."""


class SigningNotConfigured(CertificateError):
    """Signing was asked for but no key and certificate are configured."""
