"""The render job's own load of a certificate gives what the ORM's select_related gives."""

from decimal import Decimal

import pytest

from certificates.issue_load import certificates_for_issue
from certificates.models import Certificate
from certificates.services import certificate_request
from tests.factories import make_image, snapshot


def fields_of(instance) -> dict:
    return {field.attname: getattr(instance, field.attname)
            for field in type(instance)._meta.concrete_fields}


@pytest.mark.django_db
def test_the_job_loads_certificate_recipient_template_and_images_in_one_query(
        learner, other_learner, template, enqueued, django_assert_num_queries):
    template.logo = make_image("logo", "darkblue", (300, 100))
    template.signatory_2_signature = make_image("unterschrift", "black", (200, 60))
    template.save()
    with_template = certificate_request(
        recipient=learner, kind="course", achievement_key="course:1",
        snapshot=snapshot(hours=Decimal("6.5")), template=template)
    without_template = certificate_request(recipient=other_learner, kind="course",
                                           achievement_key="course:2", snapshot=snapshot())
    Certificate.objects.filter(pk=without_template.pk).update(template=None)

    with django_assert_num_queries(1):
        loaded = certificates_for_issue([with_template.pk, without_template.pk, 987654])
        first, second = loaded[with_template.pk], loaded[without_template.pk]
        # all of it in memory, as select_related would have it: no further query
        images = (first.template.logo, first.template.signatory_1_signature,
                  first.template.signatory_2_signature)
        email, no_template = first.recipient.email, second.template

    assert sorted(loaded) == [with_template.pk, without_template.pk]
    orm = Certificate.objects.select_related(
        "recipient", "template", "template__logo", "template__signatory_2_signature").get(
        pk=with_template.pk)
    assert fields_of(first) == fields_of(orm)
    assert {name: type(value) for name, value in fields_of(first).items()} == {
        name: type(value) for name, value in fields_of(orm).items()}
    assert first.hours == Decimal("6.5") and first.requested_at.tzinfo is not None
    assert fields_of(first.recipient) == fields_of(orm.recipient) and email == learner.email
    assert fields_of(first.template) == fields_of(orm.template)
    assert images[0].pk == template.logo.pk and images[1] is None
    assert images[2].pk == template.signatory_2_signature.pk
    assert fields_of(images[0]) == fields_of(orm.template.logo)
    assert no_template is None and second.recipient.email == other_learner.email
    assert first.pdf_data() == orm.pdf_data()
    assert not first._state.adding and first._state.db == "default"


@pytest.mark.django_db
def test_a_request_finds_the_current_certificate_never_a_superseded_one(
        issued, learner, enqueued):
    from certificates.services import certificate_correct

    corrected = certificate_correct(certificate=issued, snapshot=snapshot(name="Ayşe Yılmaz"),
                                    actor=None, reason="Name geändert")
    again = certificate_request(recipient=learner, kind="course", achievement_key="course:1",
                                snapshot=snapshot())
    assert again.pk == corrected.pk != issued.pk
    assert again.recipient_name == "Ayşe Yılmaz"
    assert Certificate.objects.filter(recipient=learner).count() == 2
    other = certificate_request(recipient=learner, kind="course", achievement_key="course:2",
                                snapshot=snapshot())
    assert other.pk not in (issued.pk, corrected.pk) and other.status == "queued"
