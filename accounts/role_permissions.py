"""Grant each role group the permissions the apps declare for it.

`accounts` knows no app above it: every app that gives a role permissions on its own
models declares them in `<app>/roles.py` as `ROLE_PERMISSIONS = {Role.X: ["app.codename",
…]}`. This module finds those modules by name through the installed app configs.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from accounts.roles import EDITOR_COLLECTION_PERMISSIONS, EDITOR_PAGE_PERMISSIONS, Role

ROLES_MODULE = "roles"


def role_permissions_declared() -> dict[str, list[str]]:
    """Role name → dotted permissions ("app_label.codename"), from every installed app."""
    declared: dict[str, list[str]] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{ROLES_MODULE}"
        if find_spec(module_name) is None:
            continue
        table = getattr(import_module(module_name), "ROLE_PERMISSIONS", None)
        if not isinstance(table, dict):
            continue
        for role, permissions in table.items():
            known = declared.setdefault(str(role), [])
            for permission in permissions:
                if permission not in known:
                    known.append(permission)
    return declared


def roles_sync_permissions() -> None:
    """Create the role groups if missing and grant each its permissions; safe to repeat."""
    declared = role_permissions_declared()
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        for dotted in declared.get(role.value, []):
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)
    editors = Group.objects.get(name=Role.EDITOR.value)
    _grant_collection_permissions(editors)
    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=editors, page=root,
                                                      permission=permission)


def _grant_collection_permissions(group) -> None:
    root = Collection.get_first_root_node()
    if root is None:
        return
    for dotted in EDITOR_COLLECTION_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission)


def roles_sync_permissions_handler(sender, **kwargs) -> None:
    """Run once per migrate, after the last app: only then do all permissions exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        roles_sync_permissions()
