"""Writes for accounts: org units and users. Views, commands and the admin call these."""

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import OrgUnit, User
from accounts.roles import Role


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
