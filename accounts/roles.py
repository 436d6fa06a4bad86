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
    # Leads seminar sessions: sees the participants, prints the signature sheet and records
    # attendance of their own sessions (front end, /mein-bereich/termine/).
    TRAINER = "Trainer/in", _("Trainers")


# Roles that work in the Wagtail admin.
ADMIN_ROLES = {Role.COORDINATOR, Role.EDITOR}
# The model permissions each role needs in the admin, for this app's models and Wagtail's.
# Every app declares its own in `<app>/roles.py` as a dict of the same shape;
# `accounts.role_permissions` collects them all.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "accounts.view_user", "accounts.change_user",
        "accounts.view_orgunit", "accounts.add_orgunit", "accounts.change_orgunit",
        # upload and apply staff rosters (accounts.roster), within their scope
        "accounts.add_rosterimport",
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
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
                                 Role.COORDINATOR, Role.TRAINER}),
}
# Roles a non-superuser may grant only within their own coordination scope: the new
# coordinator's units must lie inside the granter's (an unscoped granter may grant any).
ROLES_GRANTED_WITHIN_SCOPE = frozenset({Role.COORDINATOR})


def roles_grantable_by(actor) -> frozenset[str] | None:
    """Names of the groups `actor` may give and take; None means every group (superuser).

    Roles in ROLES_GRANTED_WITHIN_SCOPE are included here; whether a given grant lies
    within the actor's scope is checked by `accounts.selectors.scope_within_actor`.
    """
    if not actor.is_active:
        return frozenset()
    if actor.is_superuser:
        return None
    held = set(actor.groups.values_list("name", flat=True))
    return frozenset().union(*(ROLE_GRANTS.get(name, frozenset()) for name in held))
