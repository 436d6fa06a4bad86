"""Applicants confirm the requirements some placements have (availability step); the
matching proposal excludes a placement whose requirement is not confirmed."""

import pytest
from django.utils import translation

from tests.volunteers.matching.helpers import pool_application
from volunteers.forms import AvailabilityForm
from volunteers.matching.services import matching_run_create
from volunteers.models import Placement
from volunteers.services import application_step_save

pytestmark = pytest.mark.django_db


def test_the_availability_step_asks_for_both_confirmations_and_stores_them(draft, applicant):
    with translation.override("en"):
        form = AvailabilityForm(instance=draft)
        assert "extended certificate of good conduct" in str(
            form.fields["confirms_extended_certificate"].label)
        assert "driving licence" in str(form.fields["has_driving_licence"].label)
    application_step_save(application=draft, actor=applicant, data={
        "confirms_extended_certificate": True, "has_driving_licence": False})
    draft.refresh_from_db()
    assert draft.confirms_extended_certificate and not draft.has_driving_licence


def test_an_unconfirmed_requirement_excludes_the_placement_until_confirmed(
        year, placements, coordinator):
    school = placements[1]
    Placement.objects.filter(pk=school.pk).update(requires_extended_certificate=True)
    application = pool_application(year, [school])
    run = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    assert run.result["assignment"] == {str(application.pk): None}
    assert run.result["outcomes"][str(application.pk)][0]["reason"] == (
        "requirement_missing:extended_certificate")
    application.confirms_extended_certificate = True
    application.save()
    again = matching_run_create(programme_year=year, actor=coordinator, seed=1)
    assert again.result["assignment"] == {str(application.pk): str(school.pk)}
