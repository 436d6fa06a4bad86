"""The course cards in "Mein Bereich": where "Continue learning" leads, and when it shows."""

import pytest

from courses.learning.selectors import course_outline, dashboard_courses
from courses.learning.services import enrolment_create, lesson_view_record
from courses.rules import resume_index

pytestmark = pytest.mark.django_db


def test_resume_index_is_the_first_lesson_not_done():
    assert resume_index([True, False, True, False]) == 1
    assert resume_index([False, True]) == 0
    assert resume_index([True, True]) is None
    assert resume_index([]) is None


def test_continue_learning_leads_to_the_first_lesson_not_done_not_the_last_opened(
        client, learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0])
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[2])  # skipped the second
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == ki_lessons[2].pk

    row = dashboard_courses(user=learner)["in_progress"][0]
    assert row["resume_lesson"].pk == ki_lessons[1].pk
    assert course_outline(course=ki_course, enrolment=enrolment).next_lesson.pk == \
        ki_lessons[1].pk

    client.force_login(learner)
    html = client.get("/en/mein-bereich/").content.decode()
    assert "Continue learning" in html and "Start the course" not in html
    assert f'href="{ki_lessons[1].url}"' in html
    assert f'href="{ki_lessons[2].url}"' not in html


def test_a_course_at_zero_percent_offers_start_not_continue(client, learner, ki_course,
                                                            ki_lessons):
    enrolment_create(learner=learner, course=ki_course)
    client.force_login(learner)
    html = client.get("/en/mein-bereich/").content.decode()
    assert "Start the course" in html
    assert "Continue learning" not in html
    assert f'href="{ki_lessons[0].url}"' in html
