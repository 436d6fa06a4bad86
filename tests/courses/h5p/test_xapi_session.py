"""The xAPI endpoint reads the session row itself (without loading the user by a query of
its own): it still accepts only what Django's login would, and a statement that changes
nothing is cheap but answered as before."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from accounts.models import User
from courses.catalogue.models import CourseIndexPage
from courses.h5p.models import H5PStatement
from courses.services import enrolment_create
from tests.factories import make_course, statement
from tests.utils import attempt_for, progress, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(h5p_content):
    Page.get_first_root_node().add_child(instance=CourseIndexPage(title="Kurse", slug="kurse"))
    course, lesson = make_course(content=h5p_content, completion="passed",
                                 requirement="answered")
    learner = User.objects.create_user(email="lerner@example.org", password="alt")
    client = Client()
    client.force_login(learner)
    return client, learner, enrolment_create(learner=learner, course=course), lesson


def post(client, learner, lesson, content, body):
    return send(client, lesson, content, body, csrf=False,
                attempt=attempt_for(learner, lesson, content))


def test_a_session_from_before_a_password_change_sends_no_result(setup, h5p_content):
    client, learner, _enrolment, lesson = setup
    learner.set_password("neu")
    learner.save()
    response = post(client, learner, lesson, h5p_content, statement(raw=1, max_=1))
    assert response.status_code == 403
    assert response.json()["error"] == "Please log in."
    assert not H5PStatement.objects.exists()


def test_a_deactivated_account_sends_no_result(setup, h5p_content):
    client, learner, _enrolment, lesson = setup
    User.objects.filter(pk=learner.pk).update(is_active=False)
    response = post(client, learner, lesson, h5p_content, statement(raw=1, max_=1))
    assert response.status_code == 403
    assert not H5PStatement.objects.exists()


def test_an_expired_or_deleted_session_sends_no_result(setup, h5p_content):
    client, learner, _enrolment, lesson = setup
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert post(client, learner, lesson, h5p_content, statement()).status_code == 403
    Session.objects.all().delete()
    assert post(client, learner, lesson, h5p_content, statement()).status_code == 403
    assert not H5PStatement.objects.exists()


def test_a_forged_session_cookie_sends_no_result(setup, h5p_content):
    client, learner, _enrolment, lesson = setup
    client.cookies["sessionid"] = "x" * 32
    assert post(client, learner, lesson, h5p_content, statement()).status_code == 403
    assert not H5PStatement.objects.exists()


def test_a_result_that_changes_nothing_is_answered_as_before(setup, h5p_content):
    client, learner, enrolment, lesson = setup
    first = post(client, learner, lesson, h5p_content, statement(raw=3, max_=4)).json()
    again = post(client, learner, lesson, h5p_content, statement(raw=3, max_=4)).json()
    lower = post(client, learner, lesson, h5p_content, statement(raw=1, max_=4)).json()
    for answer, percent in ((first, 75), (again, 75), (lower, 25)):
        assert (answer["stored"], answer["counted"], answer["passed"],
                answer["score_percent"], answer["lesson_done"]) == (True, True, False,
                                                                    percent, True)
        assert answer["message"] == (f"Result: {percent} %. You need at least 80 % to pass. "
                                     "Please try again. This lesson is complete.")
    assert progress(enrolment, lesson).best_score == 75
    better = post(client, learner, lesson, h5p_content, statement(raw=4, max_=4)).json()
    assert better["passed"] and better["course_completed"]
    assert progress(enrolment, lesson).best_score == 100
    assert H5PStatement.objects.filter(enrolment=enrolment).count() == 4
