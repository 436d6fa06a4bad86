"""Issue 9, findings 11 and 12: the H5P player is isolated however it is opened, and a result
counts only when it comes from a player the lesson page opened, with a sane score."""

import json
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from courses.h5p.models import H5PStatement
from courses.models import Enrolment
from courses.services import enrolment_create
from tests.factories import make_course, statement
from tests.utils import attempt_for, client_for, progress, send, xapi_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(demo):
    return User.objects.get(email="vorgesetzte@demo.example")


@pytest.fixture
def enrolled(learner, h5p_course):
    course, lesson = h5p_course
    return enrolment_create(learner=learner, course=course), lesson


def old_token(user, lesson, content, *, seconds: int) -> str:
    """An attempt token made `seconds` ago."""
    with mock.patch("time.time", return_value=time.time() - seconds):
        return attempt_for(user, lesson, content)


def assert_nothing_counted(enrolment, lesson):
    assert not H5PStatement.objects.exists()
    assert progress(enrolment, lesson) is None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"
    assert not Certificate.objects.filter(recipient=enrolment.learner).exists()


# --- finding 12: no result without opening the player ------------------------------------

def test_full_marks_without_an_attempt_token_are_refused(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                    attempt="")
    assert response.status_code == 403
    assert "player" in response.json()["error"]
    assert_nothing_counted(enrolment, lesson)


def test_a_forged_attempt_token_is_refused(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    token = attempt_for(learner, lesson, h5p_content)
    for forged in (token[:-2] + "xx", "abc:def:ghi", "x" * 5000):
        response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                        attempt=forged)
        assert response.status_code == 403
    assert_nothing_counted(enrolment, lesson)


def test_attempt_token_of_another_learner_is_refused(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    colleague = User.objects.get(email="lernende@demo.example")
    response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                    attempt=attempt_for(colleague, lesson, h5p_content))
    assert response.status_code == 403
    assert response.json()["error"]
    assert_nothing_counted(enrolment, lesson)


def test_attempt_token_of_another_lesson_is_refused(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    other_course, other_lesson = make_course(content=h5p_content, slug="zweiter-h5p-kurs")
    enrolment_create(learner=learner, course=other_course)
    response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                    attempt=attempt_for(learner, other_lesson, h5p_content))
    assert response.status_code == 403
    assert_nothing_counted(enrolment, lesson)


def test_expired_attempt_token_is_refused(enrolled, learner, h5p_content, settings):
    enrolment, lesson = enrolled
    settings.H5P_ATTEMPT_MAX_AGE = 3600
    response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                    attempt=old_token(learner, lesson, h5p_content, seconds=3700))
    assert response.status_code == 403
    assert "too long" in response.json()["error"]
    assert_nothing_counted(enrolment, lesson)
    # Still within its age, the same kind of token is fine.
    response = send(client_for(learner), lesson, h5p_content, statement(raw=5, max_=5),
                    attempt=old_token(learner, lesson, h5p_content, seconds=3500))
    assert response.status_code == 200


def test_the_token_from_the_lesson_page_completes_the_lesson(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    client = client_for(learner)
    html = client.get(lesson.url).content.decode()
    token = html.split('data-attempt="', 1)[1].split('"', 1)[0]
    response = send(client, lesson, h5p_content, statement(raw=4, max_=5), attempt=token)
    assert response.status_code == 200
    assert response.json()["lesson_done"] and response.json()["course_completed"]
    assert progress(enrolment, lesson).passed_at is not None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"


# --- finding 12: scores are checked, bad ones are a 400 with a reason, never a 500 --------

NAN_MARK = "__nan__"


@pytest.mark.parametrize("score", [
    {"raw": 1e308, "max": 1e-308},  # was a 500 (overflow)
    {"raw": 10 ** 400, "max": 10 ** 400},  # beyond any float
    {"raw": "NaN", "max": 4},
    {"raw": 3, "max": "Infinity"},
    {"raw": "3", "max": 4},
    {"raw": [3], "max": 4},
    {"raw": True, "max": 1},
    {"raw": -1, "max": 4},
    {"raw": 5, "max": 4},
    {"raw": 1},  # missing max
    {"max": 4},  # missing raw
    {"raw": 0, "max": 0},
    {"raw": 0, "max": -4},
    {"raw": 1, "max": 4, "min": 2},
    {"raw": 1, "max": 4, "min": "x"},
    {"scaled": 1.5},
    {"scaled": -0.1},
    {"raw": 4, "max": 4, "scaled": 2},
    "full marks",
])
def test_malformed_scores_are_refused_with_a_reason(enrolled, learner, h5p_content, score):
    enrolment, lesson = enrolled
    body = statement(verb="answered")
    body["result"]["score"] = score
    response = send(client_for(learner), lesson, h5p_content, body)
    assert response.status_code == 400
    assert "score" in response.json()["error"]
    assert_nothing_counted(enrolment, lesson)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_json_numbers_are_refused(enrolled, learner, h5p_content, literal):
    enrolment, lesson = enrolled
    client = client_for(learner)
    body = statement(verb="answered", raw=4, max_=5)
    body["result"]["score"]["raw"] = NAN_MARK
    payload = json.dumps({"content": str(h5p_content.public_id),
                          "attempt": attempt_for(learner, lesson, h5p_content),
                          "statement": body}).replace(f'"{NAN_MARK}"', literal)
    response = client.post(xapi_url(lesson), data=payload,
                           content_type="application/json",
                           headers={"X-CSRFToken": client.cookies["csrftoken"].value})
    assert response.status_code == 400
    assert response.json()["error"]
    assert_nothing_counted(enrolment, lesson)


def test_deeply_nested_body_is_a_400(enrolled, learner, h5p_content):
    enrolment, lesson = enrolled
    client = client_for(learner)
    response = client.post(xapi_url(lesson),
                           data="[" * 20_000 + "]" * 20_000, content_type="application/json",
                           headers={"X-CSRFToken": client.cookies["csrftoken"].value})
    assert response.status_code == 400
    assert_nothing_counted(enrolment, lesson)


@pytest.mark.parametrize("score", [
    {"raw": 0, "max": 4},
    {"raw": 4, "max": 4, "min": 0},
    {"raw": 2.5, "max": 5, "scaled": 0.5},
    {"scaled": 0},
    {"scaled": 1},
])
def test_sane_scores_are_accepted(enrolled, learner, h5p_content, score):
    _enrolment, lesson = enrolled
    body = statement(verb="answered")
    body["result"]["score"] = score
    response = send(client_for(learner), lesson, h5p_content, body)
    assert response.status_code == 200


# --- finding 11: the player has an opaque origin however it is opened ---------------------

def player_url(content) -> str:
    return reverse("h5p:player", args=[content.public_id])


def assert_sandboxed(response):
    csp = response["Content-Security-Policy"]
    directives = [part.strip() for part in csp.split(";")]
    assert "sandbox allow-scripts" in directives
    assert "allow-same-origin" not in csp
    assert "default-src 'none'" in directives


def test_player_opened_directly_runs_in_an_opaque_origin(enrolled, learner, h5p_content):
    _enrolment, lesson = enrolled
    client = Client()
    client.force_login(learner)  # a learner who opens the player in a tab of their own
    response = client.get(player_url(h5p_content),
                          {"versuch": attempt_for(learner, lesson, h5p_content)})
    assert response.status_code == 200
    assert "main.bundle.js" in response.content.decode()
    assert_sandboxed(response)


@pytest.mark.parametrize("token", ["", "forged", "other content", "expired"])
def test_player_does_not_start_without_a_current_attempt_token(
        enrolled, learner, h5p_content, token, settings):
    import io

    from courses.h5p.services import h5p_content_import
    from tests.courses.h5p.builder import valid_package

    _enrolment, lesson = enrolled
    if token == "other content":
        other = h5p_content_import(source=io.BytesIO(valid_package(question="Andere"))).content
        token = attempt_for(learner, lesson, other)
    elif token == "expired":
        settings.H5P_ATTEMPT_MAX_AGE = 60
        token = old_token(learner, lesson, h5p_content, seconds=120)
    client = Client()
    client.force_login(learner)
    response = client.get(player_url(h5p_content), {"versuch": token} if token else {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "main.bundle.js" not in html and "h5p-config" not in html
    assert_sandboxed(response)
