"""Reads for certificates that views, the dashboard and the admin share."""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from accounts.models import User
from accounts.selectors import orgunit_ids_in_scope, person_in_scope_q
from certificates.codes import InvalidCode, code_normalise
from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateStatus,
    CertificateTemplate,
)

S = CertificateStatus
# Only certificates that were ever issued can be verified; queued or failed ones have no
# PDF in anyone's hands yet, so their codes read as unknown.
VERIFIABLE = (S.ISSUED, S.REVOKED, S.SUPERSEDED)


def template_default(*, kind: str) -> CertificateTemplate | None:
    """The most recently edited template of this kind, if any."""
    return CertificateTemplate.objects.filter(kind=kind).order_by("-updated_at", "-pk").first()


def certificate_exists(*, recipient: User, achievement_key: str) -> bool:
    """Whether the person holds a current certificate (any state) for this achievement."""
    return (Certificate.objects.filter(recipient=recipient, achievement_key=achievement_key)
            .exclude(status=S.SUPERSEDED).exists())


def certificates_held(*, achievement_keys) -> set[tuple[int, str]]:
    """(recipient id, achievement key) of every current certificate for these keys: one
    query for a whole list of people, instead of `certificate_exists` per person."""
    return set(Certificate.objects.filter(achievement_key__in=set(achievement_keys))
               .exclude(status=S.SUPERSEDED).values_list("recipient_id", "achievement_key"))


def certificates_for_recipient(*, user: User) -> QuerySet[Certificate]:
    """The person's own certificates, newest first, corrections' old versions left out."""
    return (Certificate.objects.filter(recipient=user).exclude(status=S.SUPERSEDED)
            .select_related("template").order_by("-issued_at", "-requested_at", "-pk"))


def certificate_for_code(*, code: str) -> Certificate | None:
    """The verifiable certificate with this code (any spelling), or None.

    Raises InvalidCode before touching the database when the check character is wrong.
    """
    canonical = code_normalise(code)
    return (Certificate.objects.filter(code=canonical, status__in=VERIFIABLE)
            .select_related("superseded_by").first())


def certificate_downloadable(*, user: User, code: str) -> Certificate | None:
    """The certificate with this code if the user may download its PDF, else None."""
    try:
        canonical = code_normalise(code)
    except InvalidCode:
        return None
    certificate = Certificate.objects.filter(code=canonical).first()
    if certificate is None or not certificate_can_download(user=user, certificate=certificate):
        return None
    return certificate


def certificates_in_scope(user: User, certificates: QuerySet[Certificate]
                          ) -> QuerySet[Certificate]:
    """The certificates whose recipient's home unit lies within the user's scope."""
    return certificates.filter(person_in_scope_q(user=user, field="recipient"))


def batches_in_scope(user: User, batches: QuerySet[CertificateBatch]
                     ) -> QuerySet[CertificateBatch]:
    """The batches all of whose certificates are in scope (their ZIP holds every PDF)."""
    if orgunit_ids_in_scope(user) is None:
        return batches
    outside = Certificate.objects.exclude(person_in_scope_q(user=user, field="recipient"))
    return batches.exclude(certificates__in=outside)


def certificate_can_download(*, user: User, certificate: Certificate) -> bool:
    """Owners download their issued certificates; coordinators any stored PDF of a person
    within their scope."""
    if not user.is_authenticated or not certificate.pdf:
        return False
    if user.is_superuser:
        return True
    if user.has_perm("certificates.view_certificate") and Certificate.objects.filter(
            person_in_scope_q(user=user, field="recipient"), pk=certificate.pk).exists():
        return True
    return certificate.recipient_id == user.pk and certificate.status == S.ISSUED


@dataclass(frozen=True)
class BatchProgress:
    total: int
    done: int
    failed: int

    @property
    def remaining(self) -> int:
        return max(self.total - self.done - self.failed, 0)

    @property
    def finished(self) -> bool:
        return self.remaining == 0

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100


def batch_failed(*, batch: CertificateBatch) -> QuerySet[Certificate]:
    """The batch's certificates whose job gave up, by name."""
    return batch.certificates.filter(status=S.FAILED).order_by("recipient_name")


def batch_progress(*, batch: CertificateBatch) -> BatchProgress:
    """Done (issued, or revoked since), failed, and the rest still queued."""
    counts = batch.certificates.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status__in=[S.ISSUED, S.REVOKED, S.SUPERSEDED])),
        failed=Count("pk", filter=Q(status=S.FAILED)))
    return BatchProgress(total=counts["total"], done=counts["done"], failed=counts["failed"])


def pdf_is_identical(*, certificate: Certificate | None, content: bytes) -> bool:
    """True if the bytes are exactly the issued PDF (compared by SHA-256)."""
    digest = hashlib.sha256(content).hexdigest()
    expected = certificate.pdf_sha256 if certificate and certificate.pdf_sha256 else "0" * 64
    return hmac.compare_digest(digest, expected) and bool(certificate and
                                                          certificate.pdf_sha256)


@dataclass(frozen=True)
class IssuedCount:
    month: datetime.date  # the first day of the month
    title: str
    count: int


def certificates_issued_counts(*, user: User, since: datetime.date | None = None,
                               until: datetime.date | None = None,
                               title: str = "") -> list[IssuedCount]:
    """Certificates issued per month and achievement title within the user's scope (one
    query). Corrections replace what they supersede, so each achievement counts once;
    revoked certificates count (they were issued)."""
    certificates = certificates_in_scope(user, Certificate.objects.filter(
        status__in=[S.ISSUED, S.REVOKED], issued_at__isnull=False))
    if since:
        certificates = certificates.filter(issued_at__date__gte=since)
    if until:
        certificates = certificates.filter(issued_at__date__lte=until)
    if title:
        certificates = certificates.filter(title=title)
    rows = (certificates.annotate(month=TruncMonth("issued_at")).values("month", "title")
            .annotate(count=Count("pk")).order_by("month", "title"))
    return [IssuedCount(month=row["month"].date() if isinstance(row["month"], datetime.datetime)
                        else row["month"], title=row["title"], count=row["count"])
            for row in rows]


def certificate_titles(*, user: User) -> list[str]:
    """The achievement titles of the certificates issued within the user's scope."""
    return list(certificates_in_scope(user, Certificate.objects.filter(
        status__in=[S.ISSUED, S.REVOKED])).order_by("title").values_list(
        "title", flat=True).distinct())


def certificates_failed_count(*, user: User) -> int:
    """How many certificate jobs gave up (status failed) within the user's scope."""
    return certificates_in_scope(user, Certificate.objects.filter(status=S.FAILED)).count()
