"""The state inside an H5P item (H5P's contentUserData) is saved per learner and lesson and
given back to the player when it opens; nobody else can read or write it."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from courses.h5p.models import H5PUserData
from courses.services import enrolment_create
from tests.utils import attempt_for, client_for

pytestmark = pytest.mark.django_db

STATE = json.dumps({"answers": [1, 0], "progress": 2})


@pytest.fixture
def learner(demo):
    return User.objects.get(email="vorgesetzte@demo.example")


@pytest.fixture
def other_learner(demo):
    return User.objects.exclude(email="vorgesetzte@demo.example").filter(
        is_superuser=False).exclude(email="").first()


@pytest.fixture
def lesson(learner, h5p_course):
    course, lesson = h5p_course
    enrolment_create(learner=learner, course=course)
    return lesson


def state_url(lesson) -> str:
    with translation.override("en"):
        return reverse("h5p_xapi:user_data", args=[lesson.pk])


def save(client, user, lesson, content, *, data=STATE, attempt=None, sub="0"):
    token = attempt_for(user, lesson, content) if attempt is None else attempt
    body = {"content": str(content.public_id), "attempt": token, "subContentId": sub,
            "dataType": "state", "data": data}
    return client.post(state_url(lesson), json.dumps(body), content_type="application/json",
                       headers={"X-CSRFToken": client.cookies["csrftoken"].value})


def player_config(client, user, lesson, content) -> dict:
    html = client.get(reverse("h5p:player", args=[content.public_id]),
                      {"versuch": attempt_for(user, lesson, content)}).content.decode()
    return json.loads(html.split('id="h5p-config" type="application/json">')[1]
                      .split("</script>")[0])


def test_state_is_saved_and_given_back_when_the_player_opens(learner, lesson, h5p_content):
    client = client_for(learner)
    assert player_config(client, learner, lesson, h5p_content)["userData"] == {}
    response = save(client, learner, lesson, h5p_content)
    assert response.status_code == 200 and response.json() == {"saved": True}
    assert save(client, learner, lesson, h5p_content, data=json.dumps({"progress": 3})
                ).status_code == 200
    assert H5PUserData.objects.get().data == json.dumps({"progress": 3})
    config = player_config(client, learner, lesson, h5p_content)
    assert config["userData"] == {"0": {"state": json.dumps({"progress": 3})}}
    assert config["saveFreq"] > 0


def test_another_learners_state_is_not_visible(learner, other_learner, lesson, h5p_content,
                                               h5p_course):
    save(client_for(learner), learner, lesson, h5p_content)
    course, _lesson = h5p_course
    enrolment_create(learner=other_learner, course=course)
    other = client_for(other_learner)
    assert player_config(other, other_learner, lesson, h5p_content)["userData"] == {}
    # Nor can the other learner overwrite it with the first learner's token.
    response = save(other, other_learner, lesson, h5p_content, data="{}",
                    attempt=attempt_for(learner, lesson, h5p_content))
    assert response.status_code == 403
    assert H5PUserData.objects.get().data == STATE


def test_oversized_state_is_refused_with_400(learner, lesson, h5p_content):
    client = client_for(learner)
    big = json.dumps({"text": "x" * (64 * 1024)})
    assert save(client, learner, lesson, h5p_content, data=big).status_code == 400
    just_over = json.dumps({"t": "x" * (64 * 1024 - 8)})[:64 * 1024 + 1]
    assert save(client, learner, lesson, h5p_content, data=just_over).status_code == 400
    assert not H5PUserData.objects.exists()


@pytest.mark.parametrize("data,sub", [("not json", "0"), (12, "0"), (STATE, "../x"),
                                      (STATE, "x" * 65)])
def test_malformed_state_is_refused_with_400(learner, lesson, h5p_content, data, sub):
    response = save(client_for(learner), learner, lesson, h5p_content, data=data, sub=sub)
    assert response.status_code == 400
    assert not H5PUserData.objects.exists()


def test_saving_without_the_attempt_token_is_refused_with_403(learner, lesson, h5p_content):
    response = save(client_for(learner), learner, lesson, h5p_content, attempt="")
    assert response.status_code == 403
    assert not H5PUserData.objects.exists()


def test_saving_without_csrf_or_session_is_refused(learner, lesson, h5p_content):
    from django.test import Client

    client = client_for(learner)
    token = attempt_for(learner, lesson, h5p_content)
    body = json.dumps({"content": str(h5p_content.public_id), "attempt": token,
                       "dataType": "state", "data": STATE})
    assert client.post(state_url(lesson), body, content_type="application/json"
                       ).status_code == 403
    assert Client().post(state_url(lesson), body, content_type="application/json"
                         ).status_code == 403
    assert not H5PUserData.objects.exists()


def test_reset_removes_the_saved_state(learner, lesson, h5p_content):
    client = client_for(learner)
    save(client, learner, lesson, h5p_content)
    assert save(client, learner, lesson, h5p_content, data=None).status_code == 200
    assert not H5PUserData.objects.exists()
