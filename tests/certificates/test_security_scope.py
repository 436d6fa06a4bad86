"""Issue 9, finding 16 for certificates: a coordinator limited to organisation units sees,
revokes and retries only certificates of people whose home unit is in scope, and only
batches wholly within it (a batch's ZIP holds every PDF)."""

import pytest
from django.urls import reverse

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from certificates.models import Certificate, CertificateBatch
from tests.factories import role_user

pytestmark = pytest.mark.django_db


def certificate_for(person, code: str, status: str = "issued") -> Certificate:
    return Certificate.objects.create(
        recipient=person, kind="course", achievement_key=f"course:{code}",
        recipient_name=person.get_full_name(), title="Datenschutz im Büro",
        completed_on="2026-03-02", language="de", code=code, status=status,
        pdf_sha256="0" * 64 if status == "issued" else "")


@pytest.fixture
def certificates(db):
    land = org_unit_ensure(code="th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    tlrz = org_unit_ensure(code="th-tlrz", name="Thüringer Landesrechenzentrum",
                           kind=OrgUnitKind.BEHOERDE, parent=land)
    tls = org_unit_ensure(code="th-tls", name="Landesamt für Statistik",
                          kind=OrgUnitKind.BEHOERDE, parent=land)
    inside = role_user("jonas@example.org", Role.LEARNER, first_name="Jonas",
                       last_name="Wagner", home_unit=tlrz)
    outside = role_user("petra@example.org", Role.LEARNER, first_name="Petra",
                        last_name="Lindqvist", home_unit=tls)
    result = {"tlrz": tlrz, "inside": certificate_for(inside, "INSIDE000001"),
              "outside": certificate_for(outside, "OUTSIDE00001"),
              "outside_failed": certificate_for(outside, "OUTSIDE00002", status="failed")}
    own = CertificateBatch.objects.create(label="Batch TLRZ", total=1)
    own.certificates.add(result["inside"])
    mixed = CertificateBatch.objects.create(label="Batch gemischt", total=2)
    mixed.certificates.add(result["inside"], result["outside"])
    result.update(own_batch=own, mixed_batch=mixed)
    return result


@pytest.fixture
def unit_coordinator(certificates):
    user = role_user("tlrz-koordination@example.org", Role.COORDINATOR)
    user.scope_units.add(certificates["tlrz"])
    return user


def test_unit_coordinator_lists_only_certificates_and_batches_in_scope(
        client, certificates, unit_coordinator):
    client.force_login(unit_coordinator)
    listing = client.get(reverse("certificates_certificate:index")).content.decode()
    assert "Wagner" in listing and "Lindqvist" not in listing
    batches = client.get(reverse("certificates_batch:index")).content.decode()
    assert "Batch TLRZ" in batches and "Batch gemischt" not in batches


def test_unit_coordinator_gets_404_outside_the_scope(client, certificates, unit_coordinator):
    client.force_login(unit_coordinator)
    inside, outside = certificates["inside"], certificates["outside"]
    assert client.get(reverse("certificates_certificate:inspect",
                              args=[inside.pk])).status_code == 200
    for url in (reverse("certificates_certificate:inspect", args=[outside.pk]),
                reverse("certificates_certificate:history", args=[outside.pk]),
                reverse("certificates_admin:revoke", args=[outside.pk]),
                reverse("certificates_admin:retry", args=[certificates["outside_failed"].pk]),
                reverse("certificates_admin:batch", args=[certificates["mixed_batch"].pk]),
                reverse("certificates_admin:batch_zip",
                        args=[certificates["mixed_batch"].pk])):
        assert client.get(url).status_code == 404, url
    # forged revocation and retry change nothing
    client.post(reverse("certificates_admin:revoke", args=[outside.pk]), {"reason": "Test"})
    client.post(reverse("certificates_admin:retry", args=[certificates["outside_failed"].pk]))
    outside.refresh_from_db()
    certificates["outside_failed"].refresh_from_db()
    assert outside.status == "issued" and certificates["outside_failed"].status == "failed"
    assert client.get(reverse("certificates_admin:batch",
                              args=[certificates["own_batch"].pk])).status_code == 200


def test_unscoped_coordinator_sees_every_certificate(client, certificates):
    client.force_login(role_user("koordination@example.org", Role.COORDINATOR))
    listing = client.get(reverse("certificates_certificate:index")).content.decode()
    assert "Wagner" in listing and "Lindqvist" in listing
    assert client.get(reverse("certificates_admin:batch",
                              args=[certificates["mixed_batch"].pk])).status_code == 200


def test_unit_coordinator_downloads_pdfs_only_of_people_in_scope(client, issued, certificates,
                                                                  unit_coordinator):
    """`issued` (a real rendered PDF) belongs to a learner without a home unit."""
    url = f"/nachweis/{issued.code_display}/pdf/"
    client.force_login(unit_coordinator)
    assert client.get(url).status_code == 404
    issued.recipient.home_unit = certificates["tlrz"]
    issued.recipient.save()
    assert client.get(url).status_code == 200
    client.force_login(role_user("koordination@example.org", Role.COORDINATOR))
    issued.recipient.home_unit = None
    issued.recipient.save()
    assert client.get(url).status_code == 200
