"""The demo's previous programme year: volunteers in service with signed agreements, a
minor's signed by the guardian, an early termination and a Bescheinigung that verifies."""

import pytest

from volunteers.models import Agreement, Party, Service, ServiceStatus
from volunteers.service.demo import YEAR_NAME, seed_service_year

S = ServiceStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def services(demo):
    return {service.volunteer.email: service for service in Service.objects.filter(
        programme_year__name=YEAR_NAME).select_related("volunteer", "certificate")}


def test_the_previous_year_has_volunteers_in_service_with_signed_agreements(services):
    assert {email: service.status for email, service in services.items()} == {
        "anna.schmidt@demo.example": S.ENDED, "ben.krueger@demo.example": S.TERMINATED,
        "clara.hahn@demo.example": S.ACTIVE, "jonas.wagner@demo.example": S.ACTIVE}
    for service in services.values():
        assert service.agreements.get().completed_at is not None


def test_the_minors_agreement_was_signed_by_the_guardian_on_paper(services):
    agreement = services["jonas.wagner@demo.example"].agreements.get()
    guardian = agreement.signatures.get(party=Party.GUARDIAN)
    assert (guardian.signer_name, guardian.method) == ("Katrin Wagner", "scan")
    assert agreement.signatures.count() == 4


def test_the_early_termination_names_date_reason_and_party(services):
    ben = services["ben.krueger@demo.example"]
    assert ben.terminated_by == Party.VOLUNTEER
    assert "Ausbildungsplatz" in ben.termination_reason


def test_the_completed_service_has_a_bescheinigung_that_verifies(services, client):
    certificate = services["anna.schmidt@demo.example"].certificate
    assert certificate.status == "issued"
    page = client.get(f"/en/nachweis/{certificate.code}/").content.decode()
    assert "This certificate is valid." in page
    assert "Anna Schmidt" in page


def test_seeding_again_changes_nothing(services):
    before = Agreement.objects.count()
    seed_service_year()
    assert Agreement.objects.count() == before
    assert Service.objects.filter(programme_year__name=YEAR_NAME).count() == 4
