"""Writes of the data rights: export requests and builds, account erasure, retention.

Every function here is safe to run twice: a second export request within a minute gives
the first one, a built export is not built again, an erased account is not erased again,
and a retention run finds nothing left to do from the run before.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.audit import ACCOUNT_ERASURE, DATA_EXPORT, audit_log
from accounts.data_rights import rules
from accounts.data_rights.models import AccountErasure, DataExport, InactivityWarning
from accounts.data_rights.registry import ErasureResult, Kept, data_rights_contributors
from accounts.data_rights.selectors import erasure_allowed_for, self_registered_accounts
from accounts.models import PendingRegistration, User
from core.errors import DomainError
from core.jobs import enqueue_on_commit
from core.urls import absolute_url

logger = logging.getLogger(__name__)

BUILD_TASK = "accounts.data_rights.tasks.export_build_task"
EXPORT_EMAIL_TASK = "accounts.data_rights.tasks.export_email_task"
WARNING_EMAIL_TASK = "accounts.data_rights.tasks.inactivity_warning_email_task"


class ErasureRefused(DomainError):
    default_message = _("This account cannot be deleted here.")


def export_valid_days() -> int:
    return getattr(settings, "DATA_EXPORT_VALID_DAYS", rules.EXPORT_VALID_DAYS)


def inactive_retention_days() -> int:
    return settings.INACTIVE_ACCOUNT_RETENTION_DAYS


def inactive_warning_days() -> int:
    return settings.INACTIVE_ACCOUNT_WARNING_DAYS


# --- export -------------------------------------------------------------------------

def export_request(*, user: User) -> tuple[DataExport, bool]:
    """Ask for a new export of `user`'s data; (export, created).

    An export still being prepared, or one asked for within the last minute, is returned
    instead of a new one: a double submit makes one request.
    """
    recent = timezone.now() - timedelta(seconds=rules.EXPORT_REPEAT_SECONDS)
    with transaction.atomic():
        existing = (DataExport.objects.select_for_update()
                    .filter(Q(state=DataExport.State.REQUESTED) | Q(requested_at__gte=recent),
                            user=user)
                    .order_by("-requested_at").first())
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                export = DataExport.objects.create(user=user)
        except IntegrityError:  # a parallel request won the race: that one counts
            return DataExport.objects.get(user=user, state=DataExport.State.REQUESTED), False
        audit_log(action=DATA_EXPORT, user=user, instance=user, data={"export": export.pk})
        enqueue_on_commit(BUILD_TASK, export.pk, group="data-rights", timeout=110)
    return export, True


def _account_part(user: User) -> dict:
    unit = user.home_unit
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": user.display_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "org_unit": ({"code": unit.code, "name": unit.name,
                      "path": [a.name for a in unit.ancestors()] + [unit.name]}
                     if unit else None),
        "supervisor": user.supervisor.get_display_name() if user.supervisor_id else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "exports": [{"requested_at": e.requested_at, "state": e.state}
                    for e in user.data_exports.all()],
    }


def export_zip_build(*, user: User) -> bytes:
    """The ZIP: `data.json` (everything about the person, one section per app) and
    their files under `files/<app>/…`."""
    data = {"generated_at": timezone.now(), "account": _account_part(user)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        used = set()
        for contributor in data_rights_contributors():
            part = contributor.export(user)
            data[contributor.key] = part.data
            for item in part.files:
                name = f"files/{contributor.key}/{item.name}"
                stem, dot, ext = name.rpartition(".")
                counter = 1
                while name in used:
                    counter += 1
                    name = f"{stem}-{counter}{dot}{ext}" if dot else f"{name}-{counter}"
                used.add(name)
                try:
                    with item.open() as handle:
                        archive.writestr(name, handle.read())
                except (FileNotFoundError, OSError, ValueError):
                    logger.warning("data export: file %s of user %s missing", name, user.pk)
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2,
                                                 ensure_ascii=False, default=str))
    return buffer.getvalue()


def export_build(*, export_id: int) -> bool:
    """Build the ZIP of a requested export and store it privately; False if there was
    nothing to do (built already, expired, gone)."""
    export = DataExport.objects.filter(pk=export_id, state=DataExport.State.REQUESTED).first()
    if export is None:
        return False
    content = export_zip_build(user=export.user)
    with transaction.atomic():
        export = (DataExport.objects.select_for_update()
                  .filter(pk=export_id, state=DataExport.State.REQUESTED).first())
        if export is None:
            return False
        export.file.save(export.file_name(), ContentFile(content), save=False)
        now = timezone.now()
        export.size = len(content)
        export.state = DataExport.State.READY
        export.ready_at = now
        export.expires_at = rules.export_expires_at(now, days=export_valid_days())
        export.save(update_fields=["file", "size", "state", "ready_at", "expires_at"])
        enqueue_on_commit(EXPORT_EMAIL_TASK, export.pk, group="data-rights")
    return True


def export_build_failed(*, export_id: int) -> None:
    DataExport.objects.filter(pk=export_id, state=DataExport.State.REQUESTED).update(
        state=DataExport.State.FAILED)


def export_email_send(*, export_id: int) -> bool:
    """Tell the person their export is ready (once); the link leads to the login."""
    export = DataExport.objects.select_related("user").filter(
        pk=export_id, state=DataExport.State.READY, emailed_at__isnull=True).first()
    if export is None or not export.user.is_active:
        return False
    context = {"user": export.user, "export": export,
               "url": absolute_url(reverse("accounts:data_rights")),
               "days": export_valid_days()}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/data_rights/email/export_ready_subject.txt",
                                   context).strip()
        body = render_to_string("accounts/data_rights/email/export_ready.txt", context)
    send_mail(subject, body, None, [export.user.email])
    DataExport.objects.filter(pk=export.pk).update(emailed_at=timezone.now())
    return True


def exports_expire(*, now: datetime | None = None) -> int:
    """Delete the files of exports past their expiry (and of failed or stuck requests
    older than the same period); returns how many were expired."""
    now = now or timezone.now()
    stale = now - timedelta(days=export_valid_days())
    due = DataExport.objects.filter(
        Q(state=DataExport.State.READY, expires_at__lte=now)
        | Q(state__in=[DataExport.State.FAILED, DataExport.State.REQUESTED],
            requested_at__lte=stale))
    count = 0
    for export in due:
        if export.file:
            export.file.delete(save=False)
        export.file = ""
        export.state = DataExport.State.EXPIRED
        export.save(update_fields=["file", "state"])
        count += 1
    return count


# --- erasure ------------------------------------------------------------------------

def _kept_record(kept: Kept) -> dict:
    with translation.override("en"):
        return {"what": str(kept.what), "reason": str(kept.reason),
                "until": kept.until.isoformat() if kept.until else None}


def account_erase(*, user: User, actor: User | None, via: str, reason: str = ""
                  ) -> AccountErasure:
    """Erase what may be erased of `user`, keep what must be kept with the least personal
    data, anonymise the account (it stays as the anchor of what is kept) and record it.

    `actor` is the person themselves (via "self"), a coordinator acting on a request by
    letter ("coordinator", reason required) or None for the retention job.
    """
    if user.is_superuser:
        raise ErasureRefused(_("An administrator's account cannot be deleted this way."))
    if via == AccountErasure.Via.COORDINATOR:
        if actor is None or not erasure_allowed_for(actor=actor, person=user):
            raise ErasureRefused(_("You may not delete this person's account."))
        if not reason.strip():
            raise ErasureRefused(_("Give the reason, e.g. the date of the person's letter."))
    already = AccountErasure.objects.filter(user=user).first()
    if already is not None and not user.is_active and not user.first_name \
            and user.email == rules.erased_email(user.pk):
        return already
    files: list = []
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        total = ErasureResult()
        for contributor in data_rights_contributors():
            result = contributor.erase(user)
            for key, count in result.erased.items():
                total.erased[f"{contributor.key}.{key}"] = count
            total.kept.extend(result.kept)
        total.erased["accounts.pending_registrations"] = \
            PendingRegistration.objects.filter(user=user).delete()[0]
        for export in DataExport.objects.filter(user=user):
            if export.file:
                files.append(export.file.name)
        total.erased["accounts.data_exports"] = DataExport.objects.filter(user=user).delete()[0]
        InactivityWarning.objects.filter(user=user).delete()
        total.erased["accounts.supervised_people_unlinked"] = \
            User.objects.filter(supervisor=user).update(supervisor=None)
        user.email = rules.erased_email(user.pk)
        user.first_name = user.last_name = user.display_name = ""
        user.is_active = False
        user.is_staff = False
        user.registration_pending = False
        user.home_unit = None
        user.supervisor = None
        user.set_unusable_password()
        user.save()
        user.groups.set(Group.objects.none())
        user.scope_units.clear()
        total.kept.append(Kept(
            what=_("Your account, without name, email address or organisation unit"),
            reason=_("The records that must be kept point at it. Nobody can log in with "
                     "it any more.")))
        erasure = AccountErasure.objects.create(
            user=user, via=via, requested_by=actor if via != "self" else user,
            reason=reason.strip(), erased=total.erased,
            kept=[_kept_record(kept) for kept in total.kept])
        audit_log(action=ACCOUNT_ERASURE, user=actor, instance=user,
                  data={"via": via, "erasure": erasure.pk})
        transaction.on_commit(lambda: _files_delete(files))
    return erasure


def _files_delete(names: list[str]) -> None:
    # late import: the private storage is resolved at run time
    from core.storage import private_storage

    storage = private_storage()
    for name in names:
        storage.delete(name)


# --- retention ----------------------------------------------------------------------

def registrations_unconfirmed_erase(*, now: datetime | None = None) -> int:
    """Registrations never confirmed within 7 days: their attempts and their (never used)
    accounts go; returns the number of accounts removed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=rules.UNCONFIRMED_REGISTRATION_DAYS)
    PendingRegistration.objects.filter(created_at__lt=cutoff).delete()
    stale = (User.objects.filter(registration_pending=True, is_active=False,
                                 last_login__isnull=True, is_superuser=False,
                                 date_joined__lt=cutoff)
             .exclude(pending_registrations__created_at__gte=cutoff))
    count = 0
    for user in stale:
        with transaction.atomic():
            if user.certificates.exists():  # cannot be, but never lose a certificate
                continue
            user.delete()
            count += 1
    return count


def inactive_accounts_process(*, now: datetime | None = None) -> dict[str, int]:
    """Self-registered accounts unused for the retention period: warn first (once per
    absence, `INACTIVE_ACCOUNT_WARNING_DAYS` before), erase once the period is over and
    the warning is at least that old."""
    now = now or timezone.now()
    days = inactive_warning_days()
    erase_before, warn_before = rules.inactivity_cutoffs(
        now, retention_days=inactive_retention_days(), warning_days=days)
    candidates = self_registered_accounts().filter(is_active=True,
                                                   last_activity__lt=warn_before)
    warned = erased = 0
    for user in candidates.select_related("inactivity_warning").distinct():
        warning = getattr(user, "inactivity_warning", None)
        if warning is not None and warning.last_activity != user.last_activity:
            warning.delete()  # they came back since: this warning is void
            warning = None
        if warning is None:
            with transaction.atomic():
                warning = InactivityWarning.objects.create(user=user, sent_at=now,
                                                           last_activity=user.last_activity)
                enqueue_on_commit(WARNING_EMAIL_TASK, warning.pk, group="data-rights")
            warned += 1
            continue
        if user.last_activity < erase_before and warning.sent_at <= now - timedelta(days=days):
            account_erase(user=user, actor=None, via=AccountErasure.Via.RETENTION,
                          reason="inactive")
            erased += 1
    return {"warned": warned, "erased": erased}


def inactivity_warning_email_send(*, warning_id: int) -> bool:
    warning = InactivityWarning.objects.select_related("user").filter(pk=warning_id).first()
    if warning is None or not warning.user.is_active:
        return False
    erase_on: date = timezone.localdate(warning.sent_at) + timedelta(days=inactive_warning_days())
    context = {"user": warning.user, "erase_on": erase_on,
               "url": absolute_url(reverse("accounts:login"))}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/data_rights/email/inactivity_subject.txt",
                                   context).strip()
        body = render_to_string("accounts/data_rights/email/inactivity.txt", context)
    send_mail(subject, body, None, [warning.user.email])
    return True


def retention_run(*, now: datetime | None = None) -> dict[str, int]:
    """The daily retention run; returns (and logs) the counts."""
    now = now or timezone.now()
    counts = {"unconfirmed_registrations": registrations_unconfirmed_erase(now=now),
              **{f"inactive_{k}": v for k, v in inactive_accounts_process(now=now).items()},
              "exports_expired": exports_expire(now=now)}
    logger.info("data retention: %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return counts
