"""Domain errors raised by certificates.services; views and the admin turn them into messages."""


class CertificateError(Exception):
    """Base class of every certificates domain error."""


class InvalidTransition(CertificateError):
    """The certificate's status does not allow the requested move."""

    def __init__(self, from_status: str, to_status: str):
        super().__init__(f"A certificate cannot move from {from_status!r} to {to_status!r}.")
        self.from_status, self.to_status = from_status, to_status


class ReasonRequired(CertificateError):
    """Revocations and corrections must say why."""


class SigningNotConfigured(CertificateError):
    """Signing was asked for but no key and certificate are configured."""
