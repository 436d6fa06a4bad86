"""The certificate admin reads as people write: no raw "None"/"False", actions named as
verbs, and a screen to start a certificate batch."""

import re

import pytest

from accounts.models import User
from certificates.models import CertificateStatus
from certificates.services import certificate_request, certificate_transition
from tests.factories import snapshot

S = CertificateStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser(email="admin@example.org", password="x")


def _cells(html: str) -> str:
    """The text inside table cells and definition lists (where values are shown)."""
    return " ".join(re.findall(r"<(?:td|dd)[^>]*>(.*?)</(?:td|dd)>", html, re.S))


def test_listing_and_inspect_show_no_raw_none_or_false(client, learner, admin_user, enqueued):
    certificate = certificate_request(recipient=learner, kind="course", achievement_key="c:q",
                                      snapshot=snapshot())
    client.force_login(admin_user)
    listing = client.get("/admin/certificates/certificate/").content.decode()
    inspect = client.get(
        f"/admin/certificates/certificate/inspect/{certificate.pk}/").content.decode()
    for html in (listing, inspect):
        assert not re.search(r">\s*(None|False|True)\s*<", html), _cells(html)


def test_revoke_is_named_as_an_action(client, issued, admin_user):
    client.force_login(admin_user)
    listing = client.get("/admin/certificates/certificate/").content.decode()
    revoke_url = f"/admin/certificates-actions/{issued.pk}/revoke/"
    link = re.search(rf'<a[^>]*href="{revoke_url}"[^>]*>(.*?)</a>', listing, re.S)
    assert link is not None
    assert "…" in link.group(1)  # the button opens a confirmation, it is not a status


def test_failed_certificate_inspect_shows_no_raw_values(client, learner, admin_user, enqueued):
    certificate = certificate_request(recipient=learner, kind="course", achievement_key="c:f",
                                      snapshot=snapshot())
    certificate_transition(certificate=certificate, to_status=S.FAILED, reason="boom")
    client.force_login(admin_user)
    html = client.get(
        f"/admin/certificates/certificate/inspect/{certificate.pk}/").content.decode()
    assert not re.search(r">\s*(None|False)\s*<", html)
