"""The player page and its assets: sandbox-friendly headers, no cookies, no escapes."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.h5p import storage
from courses.models import LessonPage

pytestmark = pytest.mark.django_db


def test_player_sends_a_strict_policy_and_no_cookies(h5p_content, admin_user):
    from courses.h5p.attempts import h5p_attempt_token_make

    client = Client()
    client.force_login(admin_user)
    lesson = LessonPage(pk=1)  # the token only names the lesson
    token = h5p_attempt_token_make(learner=admin_user, lesson=lesson, content=h5p_content)
    response = client.get(reverse("h5p:player", args=[h5p_content.public_id]),
                          {"versuch": token})
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'none'", "script-src 'self' http://testserver",
                      "frame-ancestors 'self'", "connect-src 'self'", "img-src 'self'",
                      "style-src 'self' http://testserver 'unsafe-inline'"):
        assert directive in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert not response.cookies
    html = response.content.decode()
    assert "/static/vendor/h5p/main.bundle.js" in html and "/static/js/h5p-frame.js" in html
    assert "http://" not in html.replace("http://testserver", "")  # nothing external


def test_assets_are_public_for_the_opaque_origin(h5p_content):
    client = Client()
    url = reverse("h5p:content_asset", args=[h5p_content.public_id, "content/content.json"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    library = client.get(reverse("h5p:library_asset",
                                 args=["H5P.TestQuestion-1.0", "question.js"]))
    assert library.status_code == 200
    assert library["Content-Type"].startswith("text/javascript")
    assert "immutable" in library["Cache-Control"]


@pytest.mark.parametrize("path", ["../h5p.json", "content/../../../etc/passwd",
                                  "content/missing.json", "other.json", "content/x.html"])
def test_content_assets_do_not_escape(h5p_content, path):
    response = Client().get(f"/h5p/dateien/inhalt/{h5p_content.public_id}/{path}")
    assert response.status_code == 404


def test_library_assets_only_from_installed_libraries(h5p_content):
    client = Client()
    assert client.get("/h5p/dateien/bibliotheken/H5P.Other-1.0/library.json").status_code \
        == 404
    assert client.get("/h5p/dateien/bibliotheken/H5P.TestQuestion-1.0/../../h5p.json"
                      ).status_code == 404
    assert storage.library_dir("H5P.TestQuestion-1.0").is_dir()


def test_lesson_shows_the_sandboxed_player(h5p_course, demo):
    from accounts.models import User
    from courses.services import enrolment_create

    course, lesson = h5p_course
    learner = User.objects.get(email="vorgesetzte@demo.example")
    enrolment_create(learner=learner, course=course)
    client = Client()
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert 'sandbox="allow-scripts"' in html and "allow-same-origin" not in html
    assert 'title="Prüfen Sie Ihr Wissen: Phishing"' in html
    assert reverse("h5p_xapi:xapi", args=[lesson.pk]) in html
    assert "csrfmiddlewaretoken" in html
    assert reverse("h5p:player", args=[lesson.h5p_block().value["content"].public_id]) \
        + "?versuch=" in html
    assert 'data-attempt="' in html and 'data-attempt=""' not in html


def test_lesson_requirement_passed_needs_a_pass_mark(h5p_content, demo):
    from django.core.exceptions import ValidationError

    from tests.factories import h5p_body

    lesson = LessonPage(title="x", slug="x", requirement="passed",
                        body=h5p_body(h5p_content, completion="completed"))
    with pytest.raises(ValidationError):
        lesson.clean()
    lesson = LessonPage(title="x", slug="x", requirement="answered",
                        body=h5p_body(h5p_content, completion="completed"))
    lesson.clean()
    lesson = LessonPage(title="x", slug="x", requirement="passed",
                        body=h5p_body(h5p_content, completion="passed"))
    lesson.clean()
