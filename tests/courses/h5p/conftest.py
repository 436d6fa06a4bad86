import io
import json
import uuid

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.models import User
from courses.h5p.attempts import h5p_attempt_token_make
from courses.h5p.services import h5p_content_import
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    LessonRequirement,
)
from tests.courses.h5p.builder import valid_package

LIMITS = {"H5P_MAX_FILES": 20, "H5P_MAX_FILE_BYTES": 64_000, "H5P_MAX_TOTAL_BYTES": 150_000,
          "H5P_MAX_RATIO": 100}


@pytest.fixture(autouse=True)
def english_messages():
    """Unit tests read the validator's English texts; views are checked in German."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def h5p_settings(settings, tmp_path):
    """Small limits, and a media folder of this test's own."""
    for name, value in LIMITS.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def h5p_content(db):
    return h5p_content_import(source=io.BytesIO(valid_package())).content


def h5p_body(content, *, completion: str = "passed", pass_mark: int = 80) -> str:
    return json.dumps([
        {"type": "paragraph", "id": str(uuid.uuid4()), "value": "<p>Spielen Sie die Übung.</p>"},
        {"type": "h5p", "id": str(uuid.uuid4()), "value": {
            "content": content.pk, "title": "", "completion": completion,
            "pass_mark": pass_mark}},
    ])


def make_course(*, content, slug: str = "h5p-kurs", completion: str = "passed",
                pass_mark: int = 80, requirement: str = LessonRequirement.PASSED):
    """A published course with one lesson that holds the H5P block."""
    index = CourseIndexPage.objects.get()
    course = CoursePage(title="H5P-Kurs", slug=slug, teaser="Interaktive Übungen.")
    index.add_child(instance=course)
    course.save_revision().publish()
    lesson = LessonPage(title="Übung", slug="uebung", requirement=requirement,
                        body=h5p_body(content, completion=completion, pass_mark=pass_mark))
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return course, LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def h5p_course(demo, h5p_content):
    return make_course(content=h5p_content)


def statement(*, verb: str = "answered", raw=None, max_=None, scaled=None, success=None,
              parent: bool = False, statement_id: str | None = None) -> dict:
    result = {"completion": True, "duration": "PT3.2S"}
    score = {key: value for key, value in (("raw", raw), ("max", max_), ("scaled", scaled))
             if value is not None}
    if score:
        result["score"] = {"min": 0, **score}
    if success is not None:
        result["success"] = success
    context = {"contextActivities": {"category": [{"id": "http://h5p.org/libraries/"
                                                         "H5P.TestQuestion-1.0"}]}}
    if parent:
        context["contextActivities"]["parent"] = [{"id": "http://example/parent"}]
    return {
        "id": statement_id or str(uuid.uuid4()),
        "actor": {"name": "Max Muster", "mbox": "mailto:max@example.org",
                  "objectType": "Agent"},
        "authority": {"mbox": "mailto:admin@example.org"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}",
                 "display": {"en-US": verb}},
        "object": {"id": "http://testserver/h5p/x", "objectType": "Activity"},
        "context": {**context, "instructor": {"mbox": "mailto:t@example.org"}},
        "result": result,
    }


def client_for(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # sets the CSRF cookie
    return client


def attempt_for(user, lesson, content) -> str:
    """The attempt token the lesson page hands to the player and its parent script."""
    return h5p_attempt_token_make(learner=user, lesson=lesson, content=content)


def send(client, lesson, content, body, *, csrf=True, attempt: str | None = None):
    """Post `body` as the lesson page's script does, by default with a fresh attempt token
    for the client's user (pass `attempt=""` to send none)."""
    if attempt is None:
        user = User.objects.get(pk=client.session[SESSION_KEY])
        attempt = attempt_for(user, lesson, content)
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value} if csrf and \
        "csrftoken" in client.cookies else {}
    payload = {"content": str(content.public_id), "statement": body}
    if attempt:
        payload["attempt"] = attempt
    return client.post(xapi_url(lesson), data=json.dumps(payload),
                       content_type="application/json", headers=headers)


def xapi_url(lesson) -> str:
    """The English endpoint: its answers are read in English whatever the last request set."""
    from django.utils import translation

    with translation.override("en"):
        return reverse("h5p_xapi:xapi", args=[lesson.pk])


def progress(enrolment, lesson):
    return LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
