"""Each app declares its roles' permissions; accounts collects them without knowing the apps."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.role_permissions import role_permissions_declared, roles_sync_permissions
from accounts.roles import Role

UPPER_APPS = ("cms", "courses", "volunteers", "certificates")


def test_accounts_names_no_permission_of_the_apps_above_it():
    named = [p for permissions in roles.ROLE_PERMISSIONS.values() for p in permissions]
    assert named and not [p for p in named if p.split(".")[0] in UPPER_APPS]


@pytest.mark.django_db
def test_permissions_declared_by_every_app_reach_the_role_groups():
    declared = role_permissions_declared()
    coordinators = declared[Role.COORDINATOR.value]
    for permission in ("accounts.change_user", "volunteers.change_placement",
                       "courses.change_enrolment", "certificates.view_certificate"):
        assert permission in coordinators
    assert "courses.view_h5pcontent" in declared[Role.EDITOR.value]
    Group.objects.filter(name=Role.COORDINATOR.value).delete()
    roles_sync_permissions()
    held = {f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=Role.COORDINATOR.value).permissions.all()}
    assert set(coordinators) <= held
