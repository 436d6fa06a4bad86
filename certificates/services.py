"""Writes for certificates. Other apps call `certificate_request` with an
`AchievementSnapshot` (importable from here, as are `CertificateRequest` for bulk issuance
and `certificate_batch_zip_write`); nothing else of theirs.

Every status change goes through `certificate_transition`, which checks the table
`CERTIFICATE_STATES` and records a `CertificateEvent`. Jobs are enqueued after commit and
receive ids only. The job's work (`certificate_issue`) renders the plain data the models
give (`Certificate.pdf_data`): the snapshot, never the account's current name.
"""

import hashlib
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.audit import CERTIFICATE_REVOKE, audit_log
from accounts.models import User
from certificates.archive import certificate_batch_zip_write  # noqa: F401 - public path
from certificates.codes import code_generate
from certificates.exceptions import ReasonRequired
from certificates.issue_load import certificates_for_issue, current_certificate_id
from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateEvent,
    CertificateStatus,
    CertificateTemplate,
)
from certificates.pdf import certificate_pdf_render
from certificates.selectors import template_default
from certificates.signing import pdf_sign, signing_configured
from certificates.snapshot import AchievementSnapshot, CertificateRequest
from certificates.transitions import (
    certificate_transition,
    certificate_transition_if_unchanged,
)
from core.jobs import enqueue_on_commit
from core.urls import absolute_url

logger = logging.getLogger(__name__)
RENDER_TASK = "certificates.tasks.certificate_render_task"
RENDER_CHUNK_TASK = "certificates.tasks.certificate_render_chunk_task"
# A bulk issuance renders this many certificates per job: one worker renders them in a row
# with fonts, logo and signing key loaded, and the queue carries one job instead of 25.
CHUNK_SIZE = 25
S = CertificateStatus


def _render_enqueue_on_commit(certificate_id: int) -> None:
    # save=False: a success is recorded on the certificate itself (status, events), so
    # django-q2 keeps only failures. Saving successes made its monitor load up to
    # save_limit rows per finished job, holding SQLite's write lock while it did.
    enqueue_on_commit(RENDER_TASK, certificate_id, group="certificates", timeout=120,
                      task_name=f"certificate-{certificate_id}", save=False)


def _chunks_enqueue_on_commit(certificate_ids: list[int]) -> None:
    """One job per CHUNK_SIZE certificates, after commit; each job renders its chunk."""
    for start in range(0, len(certificate_ids), CHUNK_SIZE):
        chunk = certificate_ids[start:start + CHUNK_SIZE]
        enqueue_on_commit(RENDER_CHUNK_TASK, chunk, group="certificates",
                          timeout=max(120, 10 * len(chunk)),
                          task_name=f"certificates-{chunk[0]}-{chunk[-1]}", save=False)


def _retry_schedule(certificate_id: int, attempt: int) -> None:
    """Run the job again later; django-q2 acknowledges failed tasks, so it won't by itself."""
    # This module is loaded while the app registry is still being populated (courses'
    # services import it), and django_q's models need a ready registry.
    from django_q.models import Schedule  # late import: django_q needs the app registry
    from django_q.tasks import schedule  # late import: django_q needs the app registry

    delay = getattr(settings, "CERTIFICATE_RETRY_DELAY_SECONDS", 60) * attempt
    schedule(RENDER_TASK, certificate_id, name=f"certificate-{certificate_id}-retry-{attempt}",
             schedule_type=Schedule.ONCE, repeats=1,
             next_run=timezone.now() + timedelta(seconds=delay))


def max_attempts() -> int:
    return int(getattr(settings, "CERTIFICATE_MAX_ATTEMPTS", 3))


def _certificate_create(*, recipient: User, kind: str, achievement_key: str,
                        snapshot: AchievementSnapshot, template: CertificateTemplate | None,
                        actor: User | None, supersedes: Certificate | None = None,
                        enqueue: bool = True) -> Certificate:
    template = template or template_default(kind=kind)
    # No look-up of the code first: its unique index finds a code in use (75 random bits, so
    # vanishingly rare), and _certificate_request then tries again with another.
    certificate = Certificate.objects.create(
        recipient=recipient, template=template, kind=kind, achievement_key=achievement_key,
        recipient_name=snapshot.recipient_name, title=snapshot.title,
        content_version=snapshot.content_version, completed_on=snapshot.completed_on,
        hours=snapshot.hours, result=snapshot.result, body=snapshot.body,
        issuer_name=snapshot.issuer or (template.issuer_name if template else "")
        or settings.WAGTAIL_SITE_NAME,
        language=template.language if template else settings.LANGUAGE_CODE[:2],
        valid_until=snapshot.valid_until, identity_basis=recipient.identity_source,
        code=code_generate(), status=S.QUEUED,
        supersedes=supersedes, version=supersedes.version + 1 if supersedes else 1)
    CertificateEvent.objects.create(certificate=certificate, actor=actor, from_status="",
                                    to_status=S.QUEUED)
    if enqueue:
        _render_enqueue_on_commit(certificate.pk)
    return certificate


def certificate_request(*, recipient: User, kind: str, achievement_key: str,
                        snapshot: AchievementSnapshot,
                        template: CertificateTemplate | None = None,
                        actor: User | None = None) -> Certificate:
    """The one entry point for other apps: the current certificate for this achievement.

    Creates it (queued) and enqueues the render job after commit; asked again, returns the
    existing one unchanged. A database constraint makes duplicates impossible even when two
    requests race.
    """
    return _certificate_request(recipient=recipient, kind=kind, achievement_key=achievement_key,
                                snapshot=snapshot, template=template, actor=actor)[0]


def _current(*, recipient: User, achievement_key: str) -> Certificate | None:
    # Usually there is none (a request comes with a new completion): a plain look-up of
    # the id first, the whole row through the ORM only when there is one.
    current_id = current_certificate_id(recipient_id=recipient.pk,
                                        achievement_key=achievement_key)
    if current_id is None:
        return None
    return _one(Certificate.objects.filter(pk=current_id))


def _one(queryset) -> Certificate | None:
    """The single row a filter names, or None (no ORDER BY to build and run, unlike first())."""
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None


def _certificate_request(*, recipient: User, kind: str, achievement_key: str,
                         snapshot: AchievementSnapshot, template: CertificateTemplate | None,
                         actor: User | None, enqueue: bool = True
                         ) -> tuple[Certificate, bool]:
    """(the current certificate, whether this call created it)."""
    tries = 3
    while True:
        current = _current(recipient=recipient, achievement_key=achievement_key)
        if current is not None:
            return current, False
        tries -= 1
        try:
            with transaction.atomic():
                return _certificate_create(
                    recipient=recipient, kind=kind, achievement_key=achievement_key,
                    snapshot=snapshot, template=template, actor=actor, enqueue=enqueue), True
        except IntegrityError:
            # Another request won the race between our check and our insert (the check
            # finds its certificate next round), or the drawn code was in use already.
            if not tries:
                raise


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: User | None, reason: str
                       ) -> Certificate:
    """Revoke an issued certificate; it stays, marked revoked with date and reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(_("Please give a reason for the revocation."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate_transition(certificate=certificate, to_status=S.REVOKED, actor=actor,
                           reason=reason)
    audit_log(action=CERTIFICATE_REVOKE, user=actor, instance=certificate,
              data={"code": certificate.code})
    return certificate


@transaction.atomic
def certificate_retry(*, certificate: Certificate, actor: User | None) -> Certificate:
    """Queue a failed certificate again (a coordinator's action) with fresh attempts."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate_transition(certificate=certificate, to_status=S.QUEUED, actor=actor,
                           reason="retry")
    Certificate.objects.filter(pk=certificate.pk).update(attempts=0)
    certificate.attempts = 0
    _render_enqueue_on_commit(certificate.pk)
    return certificate


@transaction.atomic
def certificate_correct(*, certificate: Certificate, snapshot: AchievementSnapshot,
                        actor: User | None, reason: str,
                        template: CertificateTemplate | None = None) -> Certificate:
    """Issue a corrected version; the old one stays and shows as superseded."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(_("Please give a reason for the correction."))
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate_transition(certificate=old, to_status=S.SUPERSEDED, actor=actor, reason=reason)
    return _certificate_create(recipient=old.recipient, kind=old.kind,
                               achievement_key=old.achievement_key, snapshot=snapshot,
                               template=template or old.template, actor=actor, supersedes=old)


def certificate_issue(*, certificate_id: int) -> Certificate | None:
    """The job's work: render, sign if configured, store, hash, mark issued, then email.

    Idempotent: a gone row returns None; an issued one is not rendered again (only a mail
    that could not be sent is tried again). On failure the certificate is marked failed
    with the error, a later attempt is scheduled while attempts remain, and the exception
    is raised again so django-q2 records it.

    The PDF is rendered before the row is locked: on SQLite a write transaction locks the
    whole database, so rendering inside it would make every other worker (and django-q2's
    own bookkeeping) wait. Storing happens under the lock after checking the status again,
    so when two workers race, both may render but only one stores, records and mails.
    """
    try:
        certificate = certificates_for_issue([certificate_id]).get(certificate_id)
    except Exception as exc:
        _failure_record(certificate_id, exc)
        raise
    return _issue_loaded(certificate_id=certificate_id, certificate=certificate)


def certificate_issue_many(*, certificate_ids: list[int]) -> list[Certificate]:
    """A chunk job's work: `certificate_issue` for each, loaded with one query, mailed
    through one connection. A failure of one is recorded (and retried on its own) and
    the others go on; the first failure is raised at the end so django-q2 records it.
    A second run (a worker stopped mid-chunk) skips what is issued already."""
    loaded = certificates_for_issue(certificate_ids)
    done, failure = [], None
    connection = _mail_connection()
    try:
        for certificate_id in certificate_ids:
            try:
                certificate = _issue_loaded(certificate_id=certificate_id,
                                            certificate=loaded.get(certificate_id),
                                            connection=connection)
            except Exception as exc:  # noqa: BLE001 - recorded by _issue_loaded, raised below
                failure = failure or exc
                continue
            if certificate is not None:
                done.append(certificate)
    finally:
        connection.close()
    if failure is not None:
        raise failure
    return done


def _mail_connection():
    """One mail connection for a chunk; if the server does not answer now, each mail
    tries on its own (and fails on its own, as a single job's would)."""
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - each send below tries again and reports
        logger.warning("Mail server not reachable for a certificate chunk: %s", exc)
    return connection


def _issue_loaded(*, certificate_id: int, certificate: Certificate | None,
                  connection=None) -> Certificate | None:
    try:
        if certificate is None:
            return None
        if certificate.status in (S.QUEUED, S.FAILED):
            certificate.issued_at = timezone.now()  # printed as "issued on"
            pdf = certificate_pdf_render(data=certificate.pdf_data())
            signed = signing_configured()
            if signed:
                pdf = pdf_sign(pdf, reason=certificate.title)
            stored = _pdf_store(certificate=certificate, pdf=pdf, signed=signed)
            if stored is None:
                return None
            if stored is not certificate:
                stored.recipient = certificate.recipient  # the same person, loaded already
            certificate = stored
    except Exception as exc:
        _failure_record(certificate_id, exc)
        raise
    if certificate.status == S.ISSUED and certificate.email_sent_at is None:
        certificate_email_send(certificate=certificate, connection=connection)
    return certificate


@transaction.atomic
def _pdf_store(*, certificate: Certificate, pdf: bytes, signed: bool) -> Certificate | None:
    """Store the PDF and mark the certificate issued, if it is still queued or failed.

    Returns the certificate as stored, or as another worker left it (faster, or a failure
    recorded meanwhile), or None when it is gone. The usual case costs one conditional
    UPDATE (`certificate_transition_if_unchanged`); when the row changed since it was
    loaded, it is locked and looked at again.
    """
    if not _issued_if_unchanged(certificate, pdf=pdf, signed=signed):
        # No select_related here: PostgreSQL refuses FOR UPDATE on the nullable side of
        # a join.
        current = _one(Certificate.objects.select_for_update().filter(pk=certificate.pk))
        if current is None or current.status not in (S.QUEUED, S.FAILED):
            return current  # gone, or another worker was faster: keep what it stored
        current.issued_at = certificate.issued_at  # the date printed on the PDF
        if not _issued_if_unchanged(current, pdf=pdf, signed=signed):  # locked: cannot be
            raise RuntimeError(f"Certificate {certificate.pk} changed under its lock")
        certificate = current
    # Only the worker whose claim succeeded gets here, inside the claim's transaction: a
    # file left by a run that died before its commit is replaced under the same name.
    name = certificate.pdf.name
    storage = certificate.pdf.storage
    if storage.exists(name):
        storage.delete(name)  # a half-finished earlier run; keep the name stable
    stored_name = storage.save(name, ContentFile(pdf))
    if stored_name != name:  # the storage chose another name: record that one
        Certificate.objects.filter(pk=certificate.pk).update(pdf=stored_name)
        certificate.pdf.name = stored_name
    return certificate


def _issued_if_unchanged(certificate: Certificate, *, pdf: bytes, signed: bool) -> bool:
    return certificate_transition_if_unchanged(
        certificate=certificate, to_status=S.ISSUED,
        fields={"issued_at": certificate.issued_at, "attempts": certificate.attempts + 1,
                "signed": signed, "pdf": certificate.pdf_name(),
                "pdf_sha256": hashlib.sha256(pdf).hexdigest(), "pdf_size": len(pdf)})


def _failure_record(certificate_id: int, exc: Exception) -> None:
    logger.warning("Certificate %s failed: %s", certificate_id, exc)
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None or certificate.status not in (S.QUEUED, S.FAILED):
            return
        certificate.attempts += 1
        certificate.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        certificate_transition(certificate=certificate, to_status=S.FAILED,
                               reason=certificate.last_error[:500])
        attempt = certificate.attempts
        if attempt < max_attempts():
            transaction.on_commit(lambda: _retry_schedule(certificate_id, attempt))


def certificate_email_send(*, certificate: Certificate, connection=None) -> bool:
    """Tell the recipient their certificate is ready, once; True if this call sent it."""
    claimed = Certificate.objects.filter(pk=certificate.pk, email_sent_at__isnull=True).update(
        email_sent_at=timezone.now())
    if not claimed:
        return False
    prefix = "" if certificate.language == settings.LANGUAGE_CODE else f"/{certificate.language}"
    context = {"certificate": certificate, "verification_url": certificate.verification_url,
               "mine_url": absolute_url(f"{prefix}/nachweis/meine/"),
               "site_name": settings.WAGTAIL_SITE_NAME}
    try:
        with translation.override(certificate.language):
            subject = render_to_string("certificates/email/issued_subject.txt", context)
            body = render_to_string("certificates/email/issued.txt", context)
        send_mail(" ".join(subject.split()), body, None, [certificate.recipient.email],
                  connection=connection)
    except Exception:
        # Give the next run of the job the chance to send it.
        Certificate.objects.filter(pk=certificate.pk).update(email_sent_at=None)
        raise
    return True


@transaction.atomic
def certificate_batch_issue(*, requests: Iterable[CertificateRequest], actor: User | None,
                            label: str) -> CertificateBatch:
    """Request many certificates at once; existing ones join the batch as they are.

    The new ones are rendered in chunks of CHUNK_SIZE per job, enqueued after commit."""
    batch = CertificateBatch.objects.create(label=label, created_by=actor)
    certificates, created_ids = [], []
    for item in requests:
        certificate, created = _certificate_request(
            recipient=item.recipient, kind=item.kind, achievement_key=item.achievement_key,
            snapshot=item.snapshot, template=item.template, actor=actor, enqueue=False)
        certificates.append(certificate)
        if created:
            created_ids.append(certificate.pk)
    batch.certificates.add(*certificates)
    batch.total = batch.certificates.count()
    batch.save(update_fields=["total"])
    _chunks_enqueue_on_commit(created_ids)
    return batch
