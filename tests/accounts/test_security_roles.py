"""Finding 1: a coordinator could make anyone a superuser through Wagtail's user editor.

Every attack is a forged POST to the real admin URL; afterwards the database must be
exactly as before. Roles and who may grant them: accounts/roles.py.
"""

import pytest
from django.contrib.auth.models import Group

from accounts.exceptions import RoleChangeForbidden
from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import user_roles_change

pytestmark = pytest.mark.django_db

PASSWORD = "Sicher-genug-2024!"


def make_user(email, *roles, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, first_name="Vor",
                                    last_name=email.split("@")[0], **extra)
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    return user


def group(role) -> Group:
    return Group.objects.get(name=str(role))


def state(user: User) -> tuple:
    """Everything an attack might change, read fresh from the database."""
    user = User.objects.get(pk=user.pk)
    return (user.is_superuser, user.is_staff, user.is_active, user.email, user.password,
            sorted(user.groups.values_list("name", flat=True)),
            sorted(user.scope_units.values_list("pk", flat=True)))


def edit_post(user: User, **overrides) -> dict:
    """The POST the edit form would send for `user`, unchanged unless overridden."""
    data = {"email": user.email, "first_name": user.first_name or "Vor",
            "last_name": user.last_name or "Name", "display_name": "", "is_active": "on",
            "groups": list(user.groups.values_list("pk", flat=True)),
            "home_unit": user.home_unit_id}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard
    (and a "no permission" message); plain views answer 403."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


@pytest.fixture
def units(db):
    land = OrgUnit.objects.create(name="Land", code="land", kind="land")
    ressort_a = OrgUnit.objects.create(name="Ressort A", code="ra", kind="ressort", parent=land)
    ressort_b = OrgUnit.objects.create(name="Ressort B", code="rb", kind="ressort", parent=land)
    behoerde_a = OrgUnit.objects.create(name="Behörde A", code="ba", kind="behoerde",
                                        parent=ressort_a)
    return {"land": land, "a": ressort_a, "b": ressort_b, "a_below": behoerde_a}


@pytest.fixture
def coordinator(db):
    return make_user("koordination@test.example", Role.COORDINATOR)


@pytest.fixture
def learner(db):
    return make_user("lernende@test.example", Role.LEARNER)


@pytest.fixture
def editor(db):
    return make_user("redaktion@test.example", Role.EDITOR)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="admin@test.example", password=PASSWORD,
                                         first_name="Ad", last_name="Min")


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_coordinator_cannot_make_a_learner_superuser_by_forged_post(as_coordinator, learner):
    before = state(learner)
    response = as_coordinator.post(f"/admin/users/edit/{learner.pk}/",
                                   edit_post(learner, is_superuser="on"))
    assert response.status_code in (200, 302)
    assert state(learner) == before


def test_coordinator_cannot_make_themselves_superuser(as_coordinator, coordinator):
    before = state(coordinator)
    as_coordinator.post(f"/admin/users/edit/{coordinator.pk}/",
                        edit_post(coordinator, is_superuser="on"))
    assert state(coordinator) == before


def test_coordinator_cannot_set_staff_status(as_coordinator, learner):
    before = state(learner)
    as_coordinator.post(f"/admin/users/edit/{learner.pk}/", edit_post(learner, is_staff="on"))
    assert state(learner) == before


def test_coordinator_cannot_set_another_persons_password(as_coordinator, learner):
    before = state(learner)
    as_coordinator.post(f"/admin/users/edit/{learner.pk}/",
                        edit_post(learner, password1="Uebernommen-123!",
                                  password2="Uebernommen-123!"))
    assert state(learner) == before
    assert not User.objects.get(pk=learner.pk).check_password("Uebernommen-123!")


def test_coordinator_cannot_give_themselves_the_editor_role(as_coordinator, coordinator):
    before = state(coordinator)
    groups = [group(Role.COORDINATOR).pk, group(Role.EDITOR).pk]
    response = as_coordinator.post(f"/admin/users/edit/{coordinator.pk}/",
                                   edit_post(coordinator, groups=groups))
    assert response.status_code in (200, 302)
    assert state(coordinator) == before


def test_coordinator_cannot_give_themselves_a_grantable_role(as_coordinator, coordinator):
    before = state(coordinator)
    groups = [group(Role.COORDINATOR).pk, group(Role.LEARNER).pk]
    as_coordinator.post(f"/admin/users/edit/{coordinator.pk}/",
                        edit_post(coordinator, groups=groups))
    assert state(coordinator) == before


def test_coordinator_cannot_give_the_editor_role_to_another_person(as_coordinator, learner):
    before = state(learner)
    response = as_coordinator.post(f"/admin/users/edit/{learner.pk}/", edit_post(
        learner, groups=[group(Role.LEARNER).pk, group(Role.EDITOR).pk]))
    assert response.status_code == 200  # the form again, with the reason
    assert state(learner) == before


def test_coordinator_cannot_take_the_editor_role_from_an_editor(as_coordinator, editor):
    before = state(editor)
    as_coordinator.post(f"/admin/users/edit/{editor.pk}/", edit_post(editor, groups=[]))
    assert state(editor) == before


def test_coordinator_cannot_change_the_login_address_of_an_editor(as_coordinator, editor):
    before = state(editor)
    as_coordinator.post(f"/admin/users/edit/{editor.pk}/",
                        edit_post(editor, email="attacker@test.example"))
    assert state(editor) == before


def test_coordinator_cannot_open_or_edit_a_superuser(as_coordinator, superuser):
    before = state(superuser)
    assert_denied(as_coordinator.get(f"/admin/users/edit/{superuser.pk}/"))
    assert_denied(as_coordinator.post(f"/admin/users/edit/{superuser.pk}/", edit_post(
        superuser, email="attacker@test.example", is_active=None)))
    assert state(superuser) == before


def test_coordinator_gives_and_takes_the_learner_role(as_coordinator, editor):
    response = as_coordinator.post(f"/admin/users/edit/{editor.pk}/", edit_post(
        editor, groups=[group(Role.LEARNER).pk]))
    assert response.status_code == 302
    assert sorted(editor.groups.values_list("name", flat=True)) == ["Lernende", "Redaktion"]
    response = as_coordinator.post(f"/admin/users/edit/{editor.pk}/", edit_post(
        editor, groups=[]))
    assert response.status_code == 302
    # The learner role is gone; the editor role, which a coordinator cannot grant, stays.
    assert list(editor.groups.values_list("name", flat=True)) == ["Redaktion"]


def test_edit_form_for_a_coordinator_has_no_admin_flag_password_or_foreign_roles(
        as_coordinator, learner):
    response = as_coordinator.get(f"/admin/users/edit/{learner.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="password1"' not in html
    assert 'name="password2"' not in html
    assert f'value="{group(Role.EDITOR).pk}"' not in html
    assert f'value="{group(Role.LEARNER).pk}"' in html


def test_superuser_form_offers_admin_flag_and_password(client, superuser, learner):
    client.force_login(superuser)
    html = client.get(f"/admin/users/edit/{learner.pk}/").content.decode()
    assert 'name="is_superuser"' in html
    assert 'name="password1"' in html


def test_superuser_can_grant_everything(client, superuser, learner, units):
    client.force_login(superuser)
    response = client.post(f"/admin/users/edit/{learner.pk}/", edit_post(
        learner, is_superuser="on", groups=[group(Role.EDITOR).pk, group(Role.COORDINATOR).pk],
        scope_units=[units["a"].pk], password1="Neu-und-sicher-42!",
        password2="Neu-und-sicher-42!"))
    assert response.status_code == 302, response.content.decode()[:3000]
    learner.refresh_from_db()
    assert learner.is_superuser
    assert sorted(learner.groups.values_list("name", flat=True)) == [
        "Koordination", "Redaktion"]
    assert list(learner.scope_units.all()) == [units["a"]]
    assert learner.check_password("Neu-und-sicher-42!")


def test_scoped_coordinator_grants_coordination_only_within_own_scope(client, learner, units):
    scoped = make_user("scoped@test.example", Role.COORDINATOR)
    scoped.scope_units.set([units["a"]])
    learner.home_unit = units["a_below"]
    learner.save()
    client.force_login(scoped)
    coordination = group(Role.COORDINATOR).pk
    before = state(learner)
    for scope in ([], [units["b"].pk], [units["land"].pk]):  # all units; outside; above
        response = client.post(f"/admin/users/edit/{learner.pk}/", edit_post(
            learner, groups=[group(Role.LEARNER).pk, coordination], scope_units=scope))
        assert response.status_code == 200
        assert state(learner) == before
    response = client.post(f"/admin/users/edit/{learner.pk}/", edit_post(
        learner, groups=[group(Role.LEARNER).pk, coordination],
        scope_units=[units["a_below"].pk]))
    assert response.status_code == 302
    assert learner.has_role(Role.COORDINATOR)
    assert list(learner.scope_units.all()) == [units["a_below"]]


def test_scoped_coordinator_cannot_demote_an_unscoped_coordinator(client, units):
    scoped = make_user("scoped@test.example", Role.COORDINATOR)
    scoped.scope_units.set([units["a"]])
    unscoped = make_user("chef@test.example", Role.COORDINATOR, home_unit=units["a"])
    client.force_login(scoped)
    before = state(unscoped)
    client.post(f"/admin/users/edit/{unscoped.pk}/", edit_post(unscoped, groups=[]))
    assert state(unscoped) == before


def test_scoped_coordinator_neither_lists_nor_edits_people_outside_scope(client, units):
    scoped = make_user("scoped@test.example", Role.COORDINATOR)
    scoped.scope_units.set([units["a"]])
    inside = make_user("innen@test.example", Role.LEARNER, home_unit=units["a_below"])
    outside = make_user("aussen@test.example", Role.LEARNER, home_unit=units["b"])
    client.force_login(scoped)
    listing = client.get("/admin/users/").content.decode()
    assert inside.email in listing
    assert outside.email not in listing
    assert client.get(f"/admin/users/edit/{outside.pk}/").status_code == 404
    before = state(outside)
    response = client.post(f"/admin/users/edit/{outside.pk}/", edit_post(
        outside, groups=[group(Role.SUPERVISOR).pk]))
    assert response.status_code == 404
    client.post(f"/admin/bulk/accounts/user/assign_role/?id={outside.pk}&next=/admin/users/",
                {"role": group(Role.SUPERVISOR).pk})
    assert state(outside) == before
    with pytest.raises(RoleChangeForbidden):
        user_roles_change(actor=scoped, user=outside, groups=[group(Role.SUPERVISOR)])
    response = client.post(f"/admin/users/edit/{inside.pk}/", edit_post(
        inside, groups=[group(Role.LEARNER).pk, group(Role.SUPERVISOR).pk]))
    assert response.status_code == 302
    assert inside.has_role(Role.SUPERVISOR)


def test_scoped_coordinator_cannot_move_a_person_out_of_scope(client, units):
    scoped = make_user("scoped@test.example", Role.COORDINATOR)
    scoped.scope_units.set([units["a"]])
    inside = make_user("innen@test.example", Role.LEARNER, home_unit=units["a_below"])
    client.force_login(scoped)
    before = state(inside)
    for unit in (units["b"].pk, ""):  # another unit; none at all
        response = client.post(f"/admin/users/edit/{inside.pk}/", edit_post(
            inside, home_unit=unit, groups=[group(Role.SUPERVISOR).pk]))
        assert response.status_code == 200
        assert state(inside) == before
        assert User.objects.get(pk=inside.pk).home_unit == units["a_below"]


def test_unscoped_coordinator_grants_coordination_with_any_scope(as_coordinator, learner,
                                                                  units):
    response = as_coordinator.post(f"/admin/users/edit/{learner.pk}/", edit_post(
        learner, groups=[group(Role.COORDINATOR).pk], scope_units=[units["b"].pk]))
    assert response.status_code == 302
    assert list(learner.groups.values_list("name", flat=True)) == ["Koordination"]


def test_bulk_assign_role_offers_and_grants_only_grantable_roles(as_coordinator, learner,
                                                                 coordinator):
    url = ("/admin/bulk/accounts/user/assign_role/"
           f"?id={learner.pk}&id={coordinator.pk}&next=/admin/users/")
    before_learner, before_self = state(learner), state(coordinator)
    response = as_coordinator.post(url, {"role": group(Role.EDITOR).pk})
    assert response.status_code == 200  # not a valid choice
    assert state(learner) == before_learner
    as_coordinator.post(url, {"role": group(Role.COORDINATOR).pk})
    assert state(coordinator) == before_self  # not on oneself
    assert learner.has_role(Role.COORDINATOR)


def test_bulk_deactivation_skips_superusers(as_coordinator, superuser, learner):
    url = ("/admin/bulk/accounts/user/set_active_state/"
           f"?id={superuser.pk}&id={learner.pk}&next=/admin/users/")
    as_coordinator.post(url, {"mark_as_active": "False"})
    superuser.refresh_from_db()
    learner.refresh_from_db()
    assert superuser.is_active
    assert not learner.is_active


def test_coordinator_cannot_reach_group_editor_or_user_delete(as_coordinator, learner):
    assert_denied(as_coordinator.get("/admin/groups/"))
    assert_denied(as_coordinator.get(f"/admin/groups/edit/{group(Role.COORDINATOR).pk}/"))
    assert_denied(as_coordinator.post(f"/admin/groups/edit/{group(Role.COORDINATOR).pk}/",
                                      {"name": "Koordination", "permissions": []}))
    assert_denied(as_coordinator.get(f"/admin/users/delete/{learner.pk}/"))
    assert_denied(as_coordinator.post(f"/admin/users/delete/{learner.pk}/"))
    assert User.objects.filter(pk=learner.pk).exists()


def test_service_refuses_and_changes_nothing(coordinator, learner):
    before = state(learner)
    with pytest.raises(RoleChangeForbidden):
        user_roles_change(actor=coordinator, user=learner, groups=[group(Role.LEARNER)],
                          is_superuser=True)
    with pytest.raises(RoleChangeForbidden):
        user_roles_change(actor=coordinator, user=learner, groups=[group(Role.EDITOR)])
    with pytest.raises(RoleChangeForbidden):
        user_roles_change(actor=learner, user=learner, groups=[group(Role.SUPERVISOR)])
    assert state(learner) == before
