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
        # to pick H5P content for a lesson: the snippet chooser asks for a permission
        "courses.view_h5pcontent",
    ],
}
# Page-tree permissions the editorial team holds from the root page down.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Wagtail checks images and documents per collection: the editorial team works in all.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
]

# Who may give and take which role. A superuser grants every group and is the only one
# who sets the administrator flag (is_superuser), staff status or another person's
# password, or edits a superuser's account at all. Roles not listed grant nothing.
# Nobody changes their own roles or scope.
ROLE_GRANTS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset({Role.LEARNER, Role.SUPERVISOR, Role.HOST, Role.VOLUNTEER,
                                 Role.COORDINATOR}),
}
# Roles a non-superuser may grant only within their own coordination scope: the new
# coordinator's units must lie inside the granter's (an unscoped granter may grant any).
ROLES_GRANTED_WITHIN_SCOPE = frozenset({Role.COORDINATOR})


def roles_grantable_by(actor) -> frozenset[str] | None:
    """Names of the groups `actor` may give and take; None means every group (superuser).

    Roles in ROLES_GRANTED_WITHIN_SCOPE are included here; whether a given grant lies
    within the actor's scope is checked by `scope_within_actor`.
    """
    if not actor.is_active:
        return frozenset()
    if actor.is_superuser:
        return None
    held = set(actor.groups.values_list("name", flat=True))
    return frozenset().union(*(ROLE_GRANTS.get(name, frozenset()) for name in held))


def scope_within_actor(actor, unit_ids) -> bool:
    """Whether a coordination scope made of `unit_ids` (empty: all units) lies inside
    `actor`'s own scope. Superusers and unscoped coordinators cover every scope."""
    from accounts.selectors import orgunit_ids_in_scope

    if actor.is_superuser:
        return True
    allowed = orgunit_ids_in_scope(actor)
    if allowed is None:
        return True
    unit_ids = set(unit_ids)
    return bool(unit_ids) and unit_ids <= allowed


def person_within_actor_scope(actor, person) -> bool:
    """Whether `actor` coordinates `person`: their home unit lies in the actor's scope.

    Always true for superusers and unscoped coordinators; people without a home unit are
    outside every limited scope.
    """
    from accounts.selectors import orgunit_ids_in_scope

    allowed = orgunit_ids_in_scope(actor)
    return allowed is None or person.home_unit_id in allowed


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
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

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
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        roles_sync_permissions()
