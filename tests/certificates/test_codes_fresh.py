"""A certificate's code is drawn once and checked by the database's unique index only: a
code already in use (vanishingly rare) is replaced by another, never shared."""

import pytest

from certificates.models import Certificate
from certificates.services import certificate_request
from tests.factories import snapshot


@pytest.mark.django_db
def test_a_code_in_use_is_replaced_by_a_fresh_one(learner, template, enqueued, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_request(recipient=learner, kind="course",
                                    achievement_key="course:1", snapshot=snapshot(),
                                    template=template)
    drawn = iter([first.code, "0123456789ABCDEF"])
    monkeypatch.setattr("certificates.services.code_generate", lambda: next(drawn))
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_request(recipient=learner, kind="course",
                                     achievement_key="course:2", snapshot=snapshot(),
                                     template=template)
    assert second.code == "0123456789ABCDEF" and second.pk != first.pk
    assert Certificate.objects.filter(code=first.code).count() == 1
    assert len(enqueued) == 2


@pytest.mark.django_db
def test_the_same_achievement_asked_again_still_gives_the_existing_certificate(
        learner, template, enqueued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_request(recipient=learner, kind="course",
                                    achievement_key="course:1", snapshot=snapshot(),
                                    template=template)
    again = certificate_request(recipient=learner, kind="course", achievement_key="course:1",
                                snapshot=snapshot(), template=template)
    assert again.pk == first.pk and Certificate.objects.count() == 1
