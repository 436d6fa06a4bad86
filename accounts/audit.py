"""The audit trail of sensitive actions, kept in Wagtail's own log entries.

Entries are ordinary `wagtail.models.ModelLogEntry` rows, so they appear in the admin's
site history report (Reports → Site history), filterable by user, action and date, and
in the history of the object they are about. The action names are registered with
Wagtail's `register_log_actions` hook in `accounts/wagtail_hooks.py` (see `AUDIT_ACTIONS`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import User
from accounts.selectors import orgunit_ids_in_scope
from core.http import client_ip

ROLE_CHANGE = "dk.role_change"
ADMIN_LOGIN = "dk.admin_login"
EXPORT = "dk.export"
CERTIFICATE_REVOKE = "dk.certificate_revoke"
APPLICATION_STATUS = "dk.application_status"
OVERRIDE = "dk.override"
ACCOUNT_ERASURE = "dk.account_erasure"
DATA_EXPORT = "dk.data_export"
TWO_FACTOR_RESET = "dk.two_factor_reset"
ROSTER_IMPORT = "dk.roster_import"

# action → (label shown in the report's action filter, message shown in the entry)
AUDIT_ACTIONS = {
    ROLE_CHANGE: (_("Change roles or permissions"), _("Roles or permissions changed")),
    ADMIN_LOGIN: (_("Admin login"), _("Logged in to the admin")),
    EXPORT: (_("Export"), _("Data exported")),
    CERTIFICATE_REVOKE: (_("Revoke certificate"), _("Certificate revoked")),
    APPLICATION_STATUS: (_("Change application status"), _("Application status changed")),
    OVERRIDE: (_("Manual override"), _("Manual override")),
    ACCOUNT_ERASURE: (_("Delete account"), _("Account deleted (personal data erased)")),
    DATA_EXPORT: (_("Personal data export"), _("Personal data export requested")),
    TWO_FACTOR_RESET: (_("Reset two-factor authentication"),
                       _("Two-factor authentication reset")),
    ROSTER_IMPORT: (_("Staff roster import"), _("Staff roster imported")),
}


# model → function(user) giving the model's objects within the user's scope (None: all)
_SCOPES: dict[type, Callable] = {}


def audit_scope_register(model: type, objects_in_scope: Callable) -> None:
    """Limit the audit-log entries about `model` to the objects in the viewer's scope.

    `objects_in_scope(user)` returns a queryset of the objects the user may see, or None
    for no limit. Apps register their models (applications, certificates) from their
    `wagtail_hooks.py`, so accounts needs to import none of them.
    """
    _SCOPES[model] = objects_in_scope


def audit_entries_in_scope(entries: QuerySet, user) -> QuerySet:
    """The log entries (a `ModelLogEntry` queryset) about objects within the user's scope.

    Entries about models nobody registered stay as they are; superusers see everything.
    """
    if user.is_superuser:
        return entries
    for model, objects_in_scope in _SCOPES.items():
        allowed = objects_in_scope(user)
        if allowed is None:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        allowed_ids = allowed.annotate(_pk_text=Cast("pk", CharField())).values("_pk_text")
        entries = entries.exclude(Q(content_type=content_type)
                                  & ~Q(object_id__in=allowed_ids))
    return entries


def audit_users_in_scope(user):
    unit_ids = orgunit_ids_in_scope(user)
    if unit_ids is None:
        return None
    return User.objects.filter(Q(home_unit__in=unit_ids) | Q(pk=user.pk))


def _unwrapped(obj):
    """The object behind any number of lazy wrappers.

    django-otp wraps `request.user` once more than Django does, and Wagtail's log registry
    unwraps only one level: through two, it finds no log model and silently logs nothing.
    """
    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    return obj


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
    anchor = _unwrapped(instance if instance is not None else user)
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
    data = {"path": request.path, "ip": client_ip(request)} if request is not None else {}
    audit_log(action=ADMIN_LOGIN, user=user, data=data)
