"""Roles are Django groups with fixed names; this module is their single source of truth."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNER = "Lernende", _("Learners")
    SUPERVISOR = "Vorgesetzte", _("Supervisors")
    VOLUNTEER = "Freiwillige/Bewerbende", _("Volunteers and applicants")
    HOST = "Einsatzstelle", _("Host organisation")
    COORDINATOR = "Koordination", _("Coordination")
    EDITOR = "Redaktion", _("Editorial team")


# Roles that work in the Wagtail admin, with the model permissions each needs there.
ADMIN_ROLES = {Role.COORDINATOR, Role.EDITOR}
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "accounts.view_user", "accounts.change_user",
        "accounts.view_orgunit", "accounts.add_orgunit", "accounts.change_orgunit",
        *[f"volunteers.{action}_{model}" for model in (
            "programmeyear", "startdate", "hostorganisation", "placement", "emailtemplate")
          for action in ("view", "add", "change")],
        "volunteers.view_application", "volunteers.change_application",
        "courses.view_enrolment", "courses.change_enrolment",
        "certificates.view_certificate", "certificates.change_certificate",
        "certificates.view_certificatebatch",
        "certificates.view_certificatetemplate", "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "courses.view_coursetopic", "courses.add_coursetopic", "courses.change_coursetopic",
    ],
}
# Page-tree permissions the editorial team holds from the root page down.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def roles_sync_permissions() -> None:
    """Create the role groups if missing and grant each its permissions; safe to repeat."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        for dotted in ROLE_PERMISSIONS.get(role, []):
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)
    editors = Group.objects.get(name=Role.EDITOR.value)
    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=editors, page=root,
                                                      permission=permission)


def roles_sync_permissions_handler(sender, **kwargs) -> None:
    """Run once per migrate, after the last app: only then do all permissions exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        roles_sync_permissions()
