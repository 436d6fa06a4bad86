"""H5P in Chromium: an enrolled learner plays a package; the sandbox keeps the host safe."""

import io
import json

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from courses.h5p.services import h5p_content_import
from courses.models import Enrolment, LessonProgress
from courses.services import enrolment_create
from tests.courses.h5p.builder import valid_package
from tests.factories import make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WRONG = "Auf den Link klicken und das Passwort eingeben"
RIGHT = "Die E-Mail dem IT-Sicherheitsteam melden"
TITLE = "Prüfen Sie Ihr Wissen: Phishing"


@pytest.fixture
def learner_in_h5p_course(live_server, settings, tmp_path, seeded):
    settings.MEDIA_ROOT = tmp_path / "media"
    seeded()

    def setup(**content_params):
        content = h5p_content_import(source=io.BytesIO(valid_package(**content_params))).content
        course, lesson = make_course(content=content, slug=f"h5p-{content.pk}")
        learner = User.objects.get(email="vorgesetzte@demo.example")
        enrolment = enrolment_create(learner=learner, course=course)
        return learner, enrolment, lesson
    return setup


def log_in(page, live_server, user) -> str:
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return session


def test_learner_passes_only_with_the_right_answer(page, live_server, learner_in_h5p_course,
                                                   assert_accessible):
    learner, enrolment, lesson = learner_in_h5p_course()
    log_in(page, live_server, learner)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Neither the lesson page's policy nor the player's own may block what the lesson needs.
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    # The opaque-origin frame loads the player's styles and fonts without a CORS refusal.
    page.on("console", lambda message: errors.append(message.text)
            if "CORS" in message.text or "Access-Control" in message.text else None)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    player_files = []
    page.on("response", lambda response: player_files.append(response)
            if "/h5p/spieler/dateien/" in response.url else None)
    page.goto(live_server.url + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übung")
    player = page.locator("[data-h5p-player]")
    expect(player).to_have_attribute("data-h5p-loaded", "1", timeout=15_000)
    assert any(r.url.endswith("/styles/h5p.css") for r in player_files)
    assert all(r.status == 200 and r.headers.get("access-control-allow-origin") == "*"
               for r in player_files)
    frame = page.frame_locator(f'iframe[title="{TITLE}"]')
    assert page.locator("iframe").get_attribute("sandbox") == "allow-scripts"
    assert page.locator("iframe").bounding_box()["width"] > 300  # laid out without inline CSS
    assert_accessible(page)

    frame.get_by_role("button", name=WRONG).click()
    expect(frame.get_by_text("Leider falsch")).to_be_visible()
    status = page.locator("[data-h5p-status]")
    expect(status).to_contain_text("80")
    expect(player).to_have_attribute("data-h5p-lesson-done", "0")
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.answered_at is not None and progress.passed_at is None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"

    frame.get_by_role("button", name=RIGHT).click()
    expect(player).to_have_attribute("data-h5p-lesson-done", "1")
    assert LessonProgress.objects.get(pk=progress.pk).passed_at is not None
    assert Enrolment.objects.get(pk=enrolment.pk).status == "completed"

    page.reload()
    outline = page.locator(".course-outline")
    expect(outline.locator(".kern-badge--success")).to_have_count(1)
    assert_accessible(page)
    assert errors == []


def test_content_in_the_sandbox_cannot_read_the_host(page, live_server, learner_in_h5p_course):
    learner, _enrolment, lesson = learner_in_h5p_course(probe=True)
    session = log_in(page, live_server, learner)
    page.goto(live_server.url + lesson.url)
    frame = page.frame_locator(f'iframe[title="{TITLE}"]')
    probe = frame.locator("#sandbox-probe[data-done='1']")
    expect(probe).to_be_attached(timeout=15_000)
    found = json.loads(probe.text_content())
    assert found["cookie"].startswith("blocked"), found
    assert found["parentDocument"].startswith("blocked"), found
    assert found["parentCookie"].startswith("blocked"), found
    assert found["topLocation"].startswith("blocked"), found
    assert found["parentStorage"].startswith("blocked"), found
    assert found["fetch"].startswith("blocked"), found
    assert session not in json.dumps(found)
    # The host page itself still has its session: the frame just cannot see it.
    assert page.evaluate("document.title")


def test_player_opened_directly_still_cannot_read_the_site(page, live_server,
                                                           learner_in_h5p_course):
    """The player's own response sandboxes it: opened in a tab of its own, with the learner
    logged in, its content still has an opaque origin and reads no page of the site."""
    learner, _enrolment, lesson = learner_in_h5p_course(probe=True)
    session = log_in(page, live_server, learner)
    page.goto(live_server.url + lesson.url)
    player_src = page.locator(f'iframe[title="{TITLE}"]').get_attribute("src")
    assert "?versuch=" in player_src

    page.goto(live_server.url + player_src)
    probe = page.locator("#sandbox-probe[data-done='1']")
    expect(probe).to_be_attached(timeout=15_000)
    assert page.evaluate("window.origin") == "null"
    found = json.loads(probe.text_content())
    assert found["cookie"].startswith("blocked"), found
    assert found["parentCookie"].startswith("blocked"), found
    assert found["fetch"].startswith("blocked"), found
    assert session not in json.dumps(found)


def test_player_without_the_lesson_pages_token_does_not_start(page, live_server,
                                                              learner_in_h5p_course):
    learner, _enrolment, lesson = learner_in_h5p_course()
    log_in(page, live_server, learner)
    content = lesson.h5p_block().value["content"]
    response = page.goto(f"{live_server.url}/h5p/spieler/{content.public_id}/")
    assert response.status == 403
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.locator("#h5p-container").count() == 0


def test_half_done_exercise_resumes_where_it_was_left(page, live_server, settings, tmp_path,
                                                     seeded):
    """H5P saves the learner's state (contentUserData) through the lesson page; reopening
    the lesson starts the content with it."""
    from courses.h5p.models import H5PUserData
    from tests.courses.h5p.builder import with_resumable_question

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.H5P_SAVE_SECONDS = 1
    seeded()
    content = h5p_content_import(source=io.BytesIO(with_resumable_question())).content
    course, lesson = make_course(content=content, slug="h5p-fortsetzen")
    learner = User.objects.get(email="vorgesetzte@demo.example")
    enrolment_create(learner=learner, course=course)
    log_in(page, live_server, learner)
    page.goto(live_server.url + lesson.url)
    player = page.locator("[data-h5p-player]")
    expect(player).to_have_attribute("data-h5p-loaded", "1", timeout=15_000)
    frame = page.frame_locator('iframe[title="Fortsetzen"]')
    frame.get_by_role("button", name=WRONG).click()
    expect(player).to_have_attribute("data-h5p-state-saved", "1", timeout=15_000)
    saved = H5PUserData.objects.get(learner=learner, lesson=lesson, content=content)
    assert json.loads(saved.data) == {"chosen": WRONG}

    page.reload()
    expect(player).to_have_attribute("data-h5p-loaded", "1", timeout=15_000)
    expect(frame.get_by_text(f"Zuletzt gewählt: {WRONG}")).to_be_visible()
