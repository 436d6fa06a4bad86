"""The xAPI endpoint's cost: a fixed, small number of SQL queries per statement, however
many statements and lessons there are."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from accounts.models import User
from courses.catalogue.models import CourseIndexPage
from courses.h5p.models import H5PStatement
from courses.services import enrolment_create
from tests.factories import make_course, statement
from tests.utils import attempt_for, progress, send

pytestmark = pytest.mark.django_db

# The session; the lesson with the H5P item posted; the learner with their enrolment and
# progress in the lesson; the statement.
CHILD_STATEMENT_QUERIES = 4
# A statement that counts but changes nothing (the lesson is answered already) costs the
# same; one that changes the progress records it and checks the course's rule as well.
COUNTED_STATEMENT_QUERIES = 4


@pytest.fixture
def enrolled(h5p_content):
    Page.get_first_root_node().add_child(instance=CourseIndexPage(title="Kurse", slug="kurse"))
    course, lesson = make_course(content=h5p_content, completion="answered",
                                 requirement="answered")
    make_course(content=h5p_content, slug="zweiter-kurs")  # more lessons, another course
    learner = User.objects.create_user(email="lerner@example.org", password="x")
    client = Client()
    client.force_login(learner)
    return client, enrolment_create(learner=learner, course=course), lesson


def queries_of(client, lesson, content, body) -> int:
    """The endpoint's queries (the attempt token is made before, as the lesson page does)."""
    attempt = attempt_for(User.objects.get(email="lerner@example.org"), lesson, content)
    with CaptureQueriesContext(connection) as captured:
        response = send(client, lesson, content, body, csrf=False, attempt=attempt)
    assert response.status_code == 200, response.content
    return len(captured)


def test_a_statement_costs_a_fixed_small_number_of_queries(enrolled, h5p_content):
    client, enrolment, lesson = enrolled
    send(client, lesson, h5p_content, statement(raw=1, max_=1), csrf=False)  # warms up
    first_child = queries_of(client, lesson, h5p_content, statement(verb="interacted",
                                                                     parent=True))
    first_counted = queries_of(client, lesson, h5p_content, statement(raw=1, max_=1))
    for _ in range(15):  # more statements stored
        send(client, lesson, h5p_content, statement(verb="interacted", parent=True),
             csrf=False)
    assert queries_of(client, lesson, h5p_content,
                      statement(verb="interacted", parent=True)) == first_child
    assert queries_of(client, lesson, h5p_content, statement(raw=1, max_=1)) == first_counted
    assert first_child <= CHILD_STATEMENT_QUERIES
    assert first_counted <= COUNTED_STATEMENT_QUERIES
    # and what the learner notices is unchanged: stored, counted, the lesson done
    assert H5PStatement.objects.filter(enrolment=enrolment).count() == 20
    assert progress(enrolment, lesson).answered_at is not None


def test_a_statement_sent_again_is_stored_once_and_not_counted_again(enrolled, h5p_content):
    client, enrolment, lesson = enrolled
    body = statement(raw=1, max_=1)
    assert send(client, lesson, h5p_content, body, csrf=False).json()["stored"] is True
    again = send(client, lesson, h5p_content, body, csrf=False).json()
    assert (again["stored"], again["counted"], again["lesson_done"]) == (False, False, True)
    assert H5PStatement.objects.filter(enrolment=enrolment).count() == 1
