"""The coordinator's admin home shows what needs them, counted within their scope, each
with a link to where the work is: failed certificate jobs and applications to review (and
the courses' overdue counts and approvals, tested with the reports)."""

import pytest

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from certificates.models import Certificate
from tests.factories import role_user

pytestmark = pytest.mark.django_db


def certificate_for(person, code: str, status: str) -> Certificate:
    return Certificate.objects.create(
        recipient=person, kind="course", achievement_key=f"course:{code}",
        recipient_name=person.get_full_name(), title="Datenschutz im Büro",
        completed_on="2026-03-02", language="de", code=code, status=status,
        pdf_sha256="0" * 64 if status == "issued" else "")


@pytest.fixture
def world(db):
    land = org_unit_ensure(code="th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    inside = org_unit_ensure(code="th-a", name="Amt A", kind=OrgUnitKind.BEHOERDE,
                             parent=land)
    outside = org_unit_ensure(code="th-b", name="Amt B", kind=OrgUnitKind.BEHOERDE,
                              parent=land)
    jonas = role_user("jonas@example.org", Role.LEARNER, first_name="Jonas",
                      last_name="Wagner", home_unit=inside)
    petra = role_user("petra@example.org", Role.LEARNER, first_name="Petra",
                      last_name="Lindqvist", home_unit=outside)
    certificate_for(jonas, "INSIDE000001", "failed")
    certificate_for(jonas, "INSIDE000002", "issued")
    certificate_for(petra, "OUTSIDE00001", "failed")
    certificate_for(petra, "OUTSIDE00002", "failed")
    coordinator = role_user("koordination@example.org", Role.COORDINATOR)
    coordinator.scope_units.add(inside)
    return {"coordinator": coordinator}


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}-section"')
    return html[start:start + 3000]


def test_coordinator_sees_failed_certificate_jobs_in_scope(client, world):
    html = home(client, world["coordinator"])
    certificates = panel(html, "panel-certificates")
    assert "<strong" in certificates and '>1</strong>' in certificates
    assert "/admin/certificates/certificate/?status=failed" in certificates


def test_unscoped_coordinator_counts_every_failed_job(client, world):
    html = home(client, role_user("alle@example.org", Role.COORDINATOR))
    assert '>3</strong>' in panel(html, "panel-certificates")


def test_coordinator_sees_applications_waiting_for_review(client, world):
    html = home(client, world["coordinator"])
    applications = panel(html, "panel-applications")
    assert '>0</strong>' in applications
    assert "/admin/snippets/volunteers/application/?status=submitted" in applications


def test_editors_see_no_coordination_panels(client, world):
    html = home(client, role_user("redaktion@example.org", Role.EDITOR))
    assert 'id="panel-certificates-section"' not in html
    assert 'id="panel-applications-section"' not in html
