"""A lesson's GET records nothing (a link prefetcher could send it); viewing is a POST."""

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from courses.models import Enrolment, EnrolmentStatus, LessonProgress, LessonRequirement
from courses.services import enrolment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewed_course(ki_course, ki_lessons):
    """The demo KI course reduced to one required lesson whose rule is "viewed"."""
    first, *rest = ki_lessons
    assert first.requirement == LessonRequirement.VIEWED
    for lesson in rest:
        lesson.requirement = LessonRequirement.OPTIONAL
        lesson.save(update_fields=["requirement"])
    return ki_course, first


def viewed_url(lesson) -> str:
    return reverse("courses:lesson_viewed", args=[lesson.pk])


def test_get_of_a_viewed_lesson_leaves_the_course_incomplete_and_issues_nothing(
        client, learner, viewed_course):
    course, lesson = viewed_course
    enrolment = enrolment_create(learner=learner, course=course)
    client.force_login(learner)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert viewed_url(lesson) in response.content.decode()  # the page posts it itself
    assert "0 von 1 Pflichtlektionen erledigt" in response.content.decode()  # progress shown
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.last_lesson is None
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()
    assert not Certificate.objects.filter(recipient=learner).exists()


def test_post_of_the_page_script_records_the_view_and_completes_the_course(
        client, learner, viewed_course):
    course, lesson = viewed_course
    enrolment = enrolment_create(learner=learner, course=course)
    client.force_login(learner)

    response = client.post(viewed_url(lesson), HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json() == {"recorded": True, "course_completed_now": True}
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.last_lesson_id == lesson.pk
    assert Certificate.objects.filter(recipient=learner).count() == 1
    assert "1 von 1 Pflichtlektionen erledigt" in client.get(lesson.url).content.decode()
    again = client.post(viewed_url(lesson), HTTP_ACCEPT="application/json")
    assert again.json() == {"recorded": True, "course_completed_now": False}
    assert Certificate.objects.filter(recipient=learner).count() == 1


def test_mark_as_read_button_records_and_continues_only_to_our_own_pages(
        client, learner, viewed_course, ki_lessons):
    course, lesson = viewed_course
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert f'action="{viewed_url(lesson)}"' in page

    onward = client.post(viewed_url(lesson), {"next": ki_lessons[1].url})
    assert onward.status_code == 302 and onward["Location"] == ki_lessons[1].url
    elsewhere = client.post(viewed_url(lesson), {"next": "https://evil.example/"})
    assert elsewhere.status_code == 302 and elsewhere["Location"] == lesson.url
    assert Enrolment.objects.get(learner=learner, course=course).status == "completed"


def test_viewed_post_needs_csrf_token_and_an_enrolment(learner, viewed_course, ki_lessons):
    course, lesson = viewed_course
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    enrolment = enrolment_create(learner=learner, course=course)
    assert strict.post(viewed_url(lesson), HTTP_ACCEPT="application/json").status_code == 403
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()

    client = Client()
    client.force_login(learner)
    enrolment.delete()
    refused = client.post(viewed_url(lesson), HTTP_ACCEPT="application/json")
    assert refused.status_code == 403
    assert not LessonProgress.objects.filter(enrolment__learner=learner).exists()
    assert client.get(viewed_url(lesson)).status_code == 405
