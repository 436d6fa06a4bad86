"""Writes for accounts: org units and users. Views, commands and the admin call these."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import ROLE_CHANGE, audit_log
from accounts.exceptions import RoleChangeForbidden
from accounts.models import OrgUnit, User
from accounts.roles import ROLES_GRANTED_WITHIN_SCOPE, Role, roles_grantable_by
from accounts.selectors import person_within_actor_scope, scope_within_actor


def org_unit_ensure(*, code: str, name: str, kind: str, parent: OrgUnit | None = None,
                    short_name: str = "") -> OrgUnit:
    """Create the unit with this code, or bring an existing one in line; validates the tree."""
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit(code=code)
    unit.name, unit.kind, unit.parent, unit.short_name = name, kind, parent, short_name
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def user_ensure(*, email: str, password: str | None, first_name: str, last_name: str,
                roles: list[Role], home_unit: OrgUnit | None = None,
                supervisor: User | None = None, is_superuser: bool = False) -> User:
    """Create the user with this email, or update names, unit and roles of an existing one.

    A password is set only when the user is created, so a person's own change survives.
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    user.first_name, user.last_name = first_name, last_name
    user.home_unit, user.supervisor = home_unit, supervisor
    user.is_superuser = is_superuser
    user.is_staff = is_superuser
    user.save()
    user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    return user


@dataclass
class RoleChange:
    """What `user_roles_change` would do (or did): group names and unit ids before/after."""

    groups_before: set[str] = field(default_factory=set)
    groups_after: set[str] = field(default_factory=set)
    scope_before: set[int] = field(default_factory=set)
    scope_after: set[int] = field(default_factory=set)
    flags: dict[str, list[bool]] = field(default_factory=dict)

    @property
    def added(self) -> set[str]:
        return self.groups_after - self.groups_before

    @property
    def removed(self) -> set[str]:
        return self.groups_before - self.groups_after

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.scope_before != self.scope_after
                    or self.flags)


def user_roles_change_check(*, actor: User, user: User, groups: Iterable[Group],
                            scope_units: Iterable[OrgUnit] | None = None,
                            is_superuser: bool | None = None,
                            is_staff: bool | None = None) -> RoleChange:
    """Decide whether `actor` may give `user` exactly these groups, scope and flags.

    `groups` is the complete new set of groups; `scope_units`, `is_superuser` and
    `is_staff` left at None stay as they are. Writes nothing; raises RoleChangeForbidden
    with a readable reason, following the table in accounts/roles.py.
    """
    existing = user.pk is not None
    change = RoleChange(
        groups_before=set(user.groups.values_list("name", flat=True)) if existing else set(),
        groups_after={group.name for group in groups},
        scope_before=set(user.scope_units.values_list("pk", flat=True)) if existing else set(),
    )
    change.scope_after = (change.scope_before if scope_units is None
                          else {unit.pk for unit in scope_units})
    for name, wanted in (("is_superuser", is_superuser), ("is_staff", is_staff)):
        current = bool(getattr(user, name)) if existing else False
        if wanted is not None and bool(wanted) != current:
            change.flags[name] = [current, bool(wanted)]
    if not change.changed:
        return change

    if not (actor.is_active and actor.has_perm("accounts.change_user" if existing
                                               else "accounts.add_user")):
        raise RoleChangeForbidden(_("You are not allowed to change people's roles."))
    if actor.is_superuser:
        return change
    if existing and user.is_superuser:
        raise RoleChangeForbidden(_("Only an administrator can change an administrator's "
                                    "account."))
    if change.flags:
        raise RoleChangeForbidden(_("Only an administrator can grant administrator or staff "
                                    "rights."))
    if existing and user.pk == actor.pk:
        raise RoleChangeForbidden(_("You cannot change your own roles or coordination "
                                    "scope."))
    if not person_within_actor_scope(actor, user):
        raise RoleChangeForbidden(_("This person's home unit is outside your coordination "
                                    "scope."))
    grantable = roles_grantable_by(actor) or frozenset()
    for name in sorted(change.added | change.removed):
        if name not in grantable:
            raise RoleChangeForbidden(_("You are not allowed to give or take the role "
                                        "“%(role)s”.") % {"role": name})
    scoped_roles = {str(role) for role in ROLES_GRANTED_WITHIN_SCOPE}
    scope_changed = change.scope_before != change.scope_after
    if scope_changed or (change.added | change.removed) & scoped_roles:
        if change.groups_before & scoped_roles and not scope_within_actor(
                actor, change.scope_before):
            raise RoleChangeForbidden(_("This person coordinates units outside your own "
                                        "scope, so only an administrator can change their "
                                        "coordination rights."))
        if not scope_within_actor(actor, change.scope_after):
            raise RoleChangeForbidden(_("You can give coordination rights only for "
                                        "organisation units within your own scope. Choose "
                                        "at least one unit within your scope."))
    return change


@transaction.atomic
def user_roles_change(*, actor: User, user: User, groups: Iterable[Group],
                      scope_units: Iterable[OrgUnit] | None = None,
                      is_superuser: bool | None = None,
                      is_staff: bool | None = None) -> RoleChange:
    """Give and take `user`'s groups, coordination scope and admin flags as `actor` may.

    The one way roles change in the admin (user editor, bulk "assign role"). Refuses a
    change the table in accounts/roles.py does not allow with RoleChangeForbidden and
    changes nothing then; records one `dk.role_change` audit entry when something changed.
    """
    groups = list(groups)
    scope_units = None if scope_units is None else list(scope_units)
    change = user_roles_change_check(actor=actor, user=user, groups=groups,
                                     scope_units=scope_units, is_superuser=is_superuser,
                                     is_staff=is_staff)
    if not change.changed:
        return change
    if change.flags:
        for name, (_before, after) in change.flags.items():
            setattr(user, name, after)
        user.save(update_fields=list(change.flags))
    if change.added or change.removed:
        user.groups.set(groups)
    if change.scope_before != change.scope_after:
        user.scope_units.set(scope_units)
    audit_log(action=ROLE_CHANGE, user=actor, instance=user, data={
        "added": sorted(change.added), "removed": sorted(change.removed),
        "scope_before": sorted(change.scope_before), "scope_after": sorted(change.scope_after),
        **change.flags,
    })
    return change
