"""What a learner notices when submitting a quiz: empty submissions, answers after an attempt."""

import uuid

import pytest
from django.utils import translation

from courses.exceptions import EmptySubmission
from courses.learning.services import enrolment_create
from courses.models import QuizAttempt
from courses.quizzes.services import quiz_attempt_submit

pytestmark = pytest.mark.django_db


def quiz_post(client, lesson, answers: dict[str, list[str]], *, prefix: str = "/en"):
    data = {"quiz": str(lesson.quiz_block().id), "submission_token": str(uuid.uuid4())}
    for qid, values in answers.items():
        data[f"q-{qid}"] = values
    return client.post(f"{prefix}/lernen/lektion/{lesson.pk}/quiz/", data, follow=True)


def test_empty_quiz_submission_is_refused_and_costs_no_attempt(client, learner, ki_course,
                                                               ki_lessons):
    enrolment_create(learner=learner, course=ki_course)
    client.force_login(learner)
    quiz_lesson = ki_lessons[-1]
    blank_text = {str(q.id): [" "] for q in quiz_lesson.quiz_block().value["questions"]
                  if q.block_type == "short_text"}
    for answers in ({}, blank_text):
        response = quiz_post(client, quiz_lesson, answers)
        assert response.status_code == 200
        assert "Please answer at least one question before submitting." in \
            response.content.decode()
    assert not QuizAttempt.objects.filter(enrolment__learner=learner).exists()
    with translation.override("en"):
        html = client.get(quiz_lesson.url).content.decode()
    assert "3 attempts left." in html


def test_empty_submission_service_raises_and_stores_nothing(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    quiz_lesson = ki_lessons[-1]
    with pytest.raises(EmptySubmission):
        quiz_attempt_submit(enrolment=enrolment, lesson=quiz_lesson,
                            quiz_block_id=str(quiz_lesson.quiz_block().id), answers={},
                            submission_token=uuid.uuid4())
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 0
