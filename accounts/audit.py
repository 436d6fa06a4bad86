"""The audit trail of sensitive actions, kept in Wagtail's own log entries.

Entries are ordinary `wagtail.models.ModelLogEntry` rows, so they appear in the admin's
site history report (Reports → Site history), filterable by user, action and date, and
in the history of the object they are about. The action names are registered with
Wagtail's `register_log_actions` hook in `accounts/wagtail_hooks.py` (see `AUDIT_ACTIONS`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ROLE_CHANGE = "dk.role_change"
ADMIN_LOGIN = "dk.admin_login"
EXPORT = "dk.export"
CERTIFICATE_REVOKE = "dk.certificate_revoke"
APPLICATION_STATUS = "dk.application_status"
OVERRIDE = "dk.override"

# action → (label shown in the report's action filter, message shown in the entry)
AUDIT_ACTIONS = {
    ROLE_CHANGE: (_("Change roles or permissions"), _("Roles or permissions changed")),
    ADMIN_LOGIN: (_("Admin login"), _("Logged in to the admin")),
    EXPORT: (_("Export"), _("Data exported")),
    CERTIFICATE_REVOKE: (_("Revoke certificate"), _("Certificate revoked")),
    APPLICATION_STATUS: (_("Change application status"), _("Application status changed")),
    OVERRIDE: (_("Manual override"), _("Manual override")),
}


def audit_log(*, action: str, user, instance=None, data: dict | None = None,
              title: str | None = None) -> None:
    """Record that `user` performed `action` on `instance`.

    `instance` is the object the action is about (an application, a certificate, the
    user whose roles changed). Without one — an export of a list, a login — the entry is
    recorded against the acting user. `data` must be JSON-serialisable; it is shown to
    nobody but admins with access to the report, yet keep it to ids and short values
    (no personal data beyond what the object's title already shows). A DB row only, so
    it is safe inside a transaction: it rolls back with the change it describes.
    """
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}; register it in AUDIT_ACTIONS.")
    anchor = instance if instance is not None else user
    if anchor is None or getattr(anchor, "pk", None) is None:
        return
    actor = user if getattr(user, "pk", None) is not None else None
    kwargs = {"user": actor, "data": data or {}}
    if title:
        kwargs["title"] = title
    log(anchor, action, **kwargs)


def admin_login_record(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: record each login of a person who can use the admin.

    Recorded whichever login form was used (the site's or /admin/login/): a session is a
    session, and one that can open the admin is what the audit is about.
    """
    if user is None or not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return
    from core.http import client_ip

    data = {"path": request.path, "ip": client_ip(request)} if request is not None else {}
    audit_log(action=ADMIN_LOGIN, user=user, data=data)
