"""What a render job loads: certificates with their recipient, template and the template's
images (logo, two signatures), in one SQL statement; and the id of a person's current
certificate for an achievement, which every request looks up first.

The ORM builds that six-table join anew for every query, which costs more than running
it: a tenth of a certificate's whole CPU time (the PDF included). Both are prepared
queries (core.prepared): built once per process, database and number of ids.
"""

from certificates.models import Certificate, CertificateStatus
from core.prepared import PreparedQuery

_for_issue = PreparedQuery(
    lambda ids: Certificate.objects.filter(pk__in=ids).select_related(
        "recipient", "template__logo", "template__signatory_1_signature",
        "template__signatory_2_signature").order_by())
_current_ids = PreparedQuery(
    lambda recipient_id, achievement_key: Certificate.objects.filter(
        recipient_id=recipient_id, achievement_key=achievement_key)
    .exclude(status=CertificateStatus.SUPERSEDED).values_list("pk").order_by())


def certificates_for_issue(ids: list[int]) -> dict[int, Certificate]:
    """The certificates of `ids` that exist, by id, each with recipient, template and
    the template's images loaded (as `select_related` would)."""
    return {certificate.pk: certificate for certificate in _for_issue(tuple(ids))}


def current_certificate_id(*, recipient_id: int, achievement_key: str) -> int | None:
    """The id of the recipient's current (not superseded) certificate for the achievement,
    or None; the database's constraint allows at most one."""
    rows = _current_ids(recipient_id, achievement_key)
    return rows[0][0] if rows else None
