"""A certificate's status moves: each checked against the table in certificates.models and
recorded as a CertificateEvent."""

from django.utils import timezone

from accounts.models import User
from certificates.exceptions import InvalidTransition
from certificates.models import (
    CERTIFICATE_STATES,
    Certificate,
    CertificateEvent,
    CertificateStatus,
)


def _move(from_status: str, to_status: str, now, reason: str = "") -> dict:
    """The fields a move sets besides the status. Raises InvalidTransition."""
    if not CERTIFICATE_STATES.allowed(from_status, to_status):
        raise InvalidTransition(from_status, to_status)
    if to_status == CertificateStatus.ISSUED:
        return {"issued_at": now, "last_error": ""}
    if to_status == CertificateStatus.REVOKED:
        return {"revoked_at": now, "revoked_reason": reason}
    return {}


def certificate_transition(*, certificate: Certificate, to_status: str,
                           actor: User | None = None, reason: str = "") -> Certificate:
    """Move the certificate to `to_status` if the table allows it, and record the move.

    Raises InvalidTransition. The caller holds the row (select_for_update) when it matters.
    """
    from_status, now = certificate.status, timezone.now()
    for name, value in _move(from_status, to_status, now, reason).items():
        setattr(certificate, name, value)
    certificate.status = to_status
    certificate.save()
    CertificateEvent.objects.create(certificate=certificate, actor=actor, created_at=now,
                                    from_status=from_status, to_status=to_status,
                                    reason=reason)
    return certificate


def certificate_transition_if_unchanged(*, certificate: Certificate, to_status: str,
                                        fields: dict) -> bool:
    """`certificate_transition` for a row loaded without a lock (a job renders before it
    locks anything): the move happens only if the row is still as loaded (the same status
    and attempts), in one conditional UPDATE of `fields` and the status, which takes the
    lock; recorded like any move. True if it happened; False leaves the row and
    `certificate` untouched (the caller locks the row and looks again).

    Raises InvalidTransition.
    """
    from_status, now = certificate.status, timezone.now()
    values = {**_move(from_status, to_status, now), **fields, "status": to_status}
    if not Certificate.objects.filter(pk=certificate.pk, status=from_status,
                                      attempts=certificate.attempts).update(**values):
        return False
    for name, value in values.items():
        setattr(certificate, name, value)
    CertificateEvent.objects.create(certificate=certificate, created_at=now,
                                    from_status=from_status, to_status=to_status)
    return True
