import pytest
from wagtail.models import Page

from accounts.models import OrgUnit, User


@pytest.mark.django_db
def test_editor_opens_the_home_page_in_the_page_editor_with_an_english_tab(client, demo):
    client.force_login(User.objects.get(email="redaktion@demo.example"))
    home = Page.objects.get(slug="home")
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Titel (Englisch)" in html
    assert "Digitalkompetenz Thüringen" in html


@pytest.mark.django_db
def test_coordinator_lists_and_edits_org_units_in_the_admin(client, demo):
    client.force_login(User.objects.get(email="koordination@demo.example"))
    listing = client.get("/admin/snippets/accounts/orgunit/")
    assert listing.status_code == 200
    assert "Thüringer Landesrechenzentrum" in listing.content.decode()
    unit = OrgUnit.objects.get(code="gem-apolda")
    edit = client.get(f"/admin/snippets/accounts/orgunit/edit/{unit.pk}/")
    assert edit.status_code == 200


@pytest.mark.django_db
def test_admin_moves_a_user_to_another_unit_and_supervisor(client, demo):
    client.force_login(User.objects.get(email="admin@demo.example"))
    learner = User.objects.get(email="lernende@demo.example")
    boss = User.objects.get(email="koordination@demo.example")
    unit = OrgUnit.objects.get(code="th-tls")
    form = client.get(f"/admin/users/edit/{learner.pk}/")
    assert "Stammeinheit" in form.content.decode()
    response = client.post(f"/admin/users/edit/{learner.pk}/", {
        "email": learner.email, "first_name": "Jonas", "last_name": "Wagner",
        "display_name": "", "home_unit": unit.pk, "supervisor": boss.pk,
        "is_active": "on", "groups": list(learner.groups.values_list("pk", flat=True)),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    learner.refresh_from_db()
    assert learner.home_unit == unit
    assert learner.supervisor == boss


@pytest.mark.django_db
def test_admin_cannot_make_a_user_their_own_supervisor(client, demo):
    client.force_login(User.objects.get(email="admin@demo.example"))
    learner = User.objects.get(email="lernende@demo.example")
    response = client.post(f"/admin/users/edit/{learner.pk}/", {
        "email": learner.email, "first_name": "Jonas", "last_name": "Wagner",
        "supervisor": learner.pk, "is_active": "on",
    })
    assert response.status_code == 200
    assert "eigene vorgesetzte Person" in response.content.decode()
    learner.refresh_from_db()
    assert learner.supervisor.email == "vorgesetzte@demo.example"
