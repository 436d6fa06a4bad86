"""The demo's completed service has its Zeugnis issued and verifiable at /nachweis/."""

import pytest
from django.test import Client

from volunteers.models import Zeugnis

pytestmark = pytest.mark.django_db


def test_the_completed_demo_service_has_a_verifiable_zeugnis(demo):
    zeugnis = Zeugnis.objects.select_related("certificate").get(
        service__volunteer__email="anna.schmidt@demo.example")
    assert zeugnis.status == "issued" and zeugnis.with_performance
    certificate = zeugnis.certificate
    assert certificate.status == "issued" and certificate.kind == "zeugnis"
    page = Client().get(f"/en/nachweis/{certificate.code_display}/").content.decode()
    assert "This certificate is valid." in page and "Anna Schmidt" in page
    assert "Stadtrundgang" not in page and "vorbildlich" not in page
