"""xAPI results: who may send them, what is stored, and what counts for the lesson."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from courses.h5p.models import H5PStatement
from courses.models import Enrolment, LessonRequirement
from courses.services import enrolment_create
from tests.factories import make_course, statement
from tests.utils import client_for, progress, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(demo):
    return User.objects.get(email="vorgesetzte@demo.example")


@pytest.fixture
def enrolled(learner, h5p_course):
    course, lesson = h5p_course
    return enrolment_create(learner=learner, course=course), lesson


def test_not_enrolled_learner_gets_403(learner, h5p_course, h5p_content):
    _course, lesson = h5p_course
    response = send(client_for(learner), lesson, h5p_content, statement(raw=1, max_=1))
    assert response.status_code == 403
    assert not H5PStatement.objects.exists()


def test_anonymous_gets_403(h5p_course, h5p_content):
    _course, lesson = h5p_course
    client = Client()
    response = client.post(reverse("h5p_xapi:xapi", args=[lesson.pk]), data="{}",
                           content_type="application/json")
    assert response.status_code == 403


def test_csrf_token_is_required(enrolled, learner, h5p_content):
    _enrolment, lesson = enrolled
    response = send(client_for(learner), lesson, h5p_content, statement(raw=1, max_=1),
                    csrf=False)
    assert response.status_code == 403
    assert not H5PStatement.objects.exists()


def test_content_that_is_not_in_the_lesson_is_refused(enrolled, learner, h5p_content):
    import io

    from courses.h5p.services import h5p_content_import
    from tests.courses.h5p.builder import valid_package

    _enrolment, lesson = enrolled
    other = h5p_content_import(source=io.BytesIO(valid_package(question="Andere"))).content
    response = send(client_for(learner), lesson, other, statement(raw=1, max_=1))
    assert response.status_code == 404
    assert not H5PStatement.objects.exists()


def test_content_of_another_course_is_refused(enrolled, learner, h5p_content):
    _enrolment, _lesson = enrolled
    # A second course with the same content; the learner is not enrolled there.
    _course, foreign_lesson = make_course(content=h5p_content, slug="anderer-kurs")
    response = send(client_for(learner), foreign_lesson, h5p_content,
                    statement(raw=1, max_=1))
    assert response.status_code == 403


def test_statement_is_stored_once_without_personal_data(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    client = client_for(learner)
    body = statement(raw=1, max_=2, success=False)
    first = send(client, lesson, h5p_content, body)
    again = send(client, lesson, h5p_content, body)
    assert first.status_code == again.status_code == 200
    assert first.json()["stored"] is True and again.json()["stored"] is False
    record = H5PStatement.objects.get()
    assert (record.verb_name, record.score_raw, record.score_max, record.score_percent,
            record.success, record.completion, record.duration, record.top_level) == \
        ("answered", 1.0, 2.0, 50, False, True, "PT3.2S", True)
    assert record.enrolment == enrolment and record.content == h5p_content
    raw = json.dumps(record.raw)
    for personal in ("actor", "authority", "instructor", "Max Muster", "max@example.org"):
        assert personal not in raw


def test_child_statements_are_stored_but_never_count(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    response = send(client_for(learner), lesson, h5p_content,
                    statement(raw=1, max_=1, parent=True))
    assert response.json()["counted"] is False
    assert H5PStatement.objects.get().top_level is False
    assert progress(enrolment, lesson) is None  # not even "answered"


def test_pass_mark_is_applied_on_the_server(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    client = client_for(learner)
    # The content claims success, but 3 of 4 is 75 %, below the pass mark of 80 %.
    answer = send(client, lesson, h5p_content, statement(raw=3, max_=4, success=True)).json()
    assert answer["counted"] and not answer["passed"] and answer["score_percent"] == 75
    assert progress(enrolment, lesson).passed_at is None
    assert progress(enrolment, lesson).answered_at is not None
    enrolment.refresh_from_db()
    assert enrolment.status == "active"

    answer = send(client, lesson, h5p_content, statement(raw=4, max_=5)).json()
    assert answer["passed"] and answer["lesson_done"] and answer["course_completed"]
    assert progress(enrolment, lesson).best_score == 80
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_scaled_score_is_used_when_raw_and_max_are_missing(enrolled, learner, h5p_content):
    _enrolment, lesson = enrolled
    answer = send(client_for(learner), lesson, h5p_content, statement(scaled=0.9)).json()
    assert answer["score_percent"] == 90 and answer["passed"]


def test_a_failed_attempt_never_completes_a_lesson_that_requires_passing(
        enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    client = client_for(learner)
    for body in (statement(verb="failed", raw=0, max_=1, success=False),
                 statement(verb="completed", raw=1, max_=10),
                 statement(verb="answered"),  # no score at all
                 statement(verb="experienced", raw=1, max_=1)):  # not a finishing verb
        send(client, lesson, h5p_content, body)
    assert progress(enrolment, lesson).passed_at is None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"


@pytest.mark.parametrize(("completion", "verb", "counts"), [
    ("completed", "completed", True),
    ("completed", "answered", True),
    ("completed", "experienced", False),
    ("answered", "answered", True),
    ("answered", "completed", False),
])
def test_editor_completion_choice(demo, learner, h5p_content, completion, verb, counts):
    course, lesson = make_course(content=h5p_content, completion=completion,
                                 requirement=LessonRequirement.ANSWERED)
    enrolment = enrolment_create(learner=learner, course=course)
    answer = send(client_for(learner), lesson, h5p_content, statement(verb=verb)).json()
    assert answer["counted"] is counts
    record = progress(enrolment, lesson)
    assert (record is not None and record.answered_at is not None) is counts
    assert answer["lesson_done"] is counts


def test_invalid_statements_are_refused(enrolled, learner, h5p_content):
    _enrolment, lesson = enrolled
    client = client_for(learner)
    no_id = statement()
    no_id.pop("id")
    for body in (None, [], "text", no_id, {**statement(), "verb": {}}):
        assert send(client, lesson, h5p_content, body).status_code == 400
    assert not H5PStatement.objects.exists()
