"""Issue 9, finding 16 for enrolments: a coordinator limited to organisation units sees
only the enrolments of learners whose home unit lies in scope (list, export, inspect,
edit), and gets 404 for the others."""

import pytest

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from courses.models import Enrolment
from tests.factories import role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolments(db):
    land = org_unit_ensure(code="th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    tlrz = org_unit_ensure(code="th-tlrz", name="Thüringer Landesrechenzentrum",
                           kind=OrgUnitKind.BEHOERDE, parent=land)
    security = org_unit_ensure(code="th-tlrz-sec", name="Referat IT-Sicherheit",
                               kind=OrgUnitKind.ORGANISATIONSEINHEIT, parent=tlrz)
    tls = org_unit_ensure(code="th-tls", name="Landesamt für Statistik",
                          kind=OrgUnitKind.BEHOERDE, parent=land)
    inside = role_user("jonas@example.org", Role.LEARNER, first_name="Jonas",
                       last_name="Wagner", home_unit=security)
    outside = role_user("petra@example.org", Role.LEARNER, first_name="Petra",
                        last_name="Lindqvist", home_unit=tls)
    homeless = role_user("olaf@example.org", Role.LEARNER, first_name="Olaf",
                         last_name="Ohnestelle")
    return {
        "units": {"tlrz": tlrz},
        "inside": Enrolment.objects.create(learner=inside, course_title="Datenschutz"),
        "outside": Enrolment.objects.create(learner=outside, course_title="Datenschutz"),
        "homeless": Enrolment.objects.create(learner=homeless, course_title="Datenschutz"),
    }


@pytest.fixture
def unit_coordinator(enrolments):
    user = role_user("tlrz-koordination@example.org", Role.COORDINATOR)
    user.scope_units.add(enrolments["units"]["tlrz"])
    return user


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_unit_coordinator_lists_and_exports_only_learners_of_their_units(
        client, enrolments, unit_coordinator):
    client.force_login(unit_coordinator)
    for response in (client.get("/admin/enrolments/"),
                     client.get("/admin/enrolments/", {"export": "csv"})):
        assert response.status_code == 200
        content = text(response)
        assert "Wagner" in content  # home unit below the scope unit
        assert "Lindqvist" not in content and "Ohnestelle" not in content


def test_unit_coordinator_gets_404_for_an_enrolment_outside_the_scope(
        client, enrolments, unit_coordinator):
    client.force_login(unit_coordinator)
    for view in ("inspect", "edit", "history"):
        inside = client.get(f"/admin/enrolments/{view}/{enrolments['inside'].pk}/")
        assert inside.status_code == 200, view
        for key in ("outside", "homeless"):
            response = client.get(f"/admin/enrolments/{view}/{enrolments[key].pk}/")
            assert response.status_code == 404, (view, key)
    # a forged edit changes nothing
    client.post(f"/admin/enrolments/edit/{enrolments['outside'].pk}/",
                {"due_date": "2030-01-01"})
    enrolments["outside"].refresh_from_db()
    assert enrolments["outside"].due_date is None


def test_unscoped_coordinator_sees_every_enrolment(client, enrolments):
    client.force_login(role_user("koordination@example.org", Role.COORDINATOR))
    content = text(client.get("/admin/enrolments/"))
    assert "Wagner" in content and "Lindqvist" in content and "Ohnestelle" in content
