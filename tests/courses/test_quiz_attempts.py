"""What a learner notices when submitting a quiz: empty submissions, answers after an attempt."""

import uuid

import pytest
from django.utils import translation

from courses.exceptions import EmptySubmission
from courses.learning.services import enrolment_create
from courses.models import QuizAttempt
from courses.quizzes.services import quiz_attempt_submit
from courses.rules import answers_revealed
from tests.factories import answers_for

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


# --- correct answers after an attempt -------------------------------------------------------

HINT = "The correct answers are shown once you have passed or used all attempts."
NEVER = "This quiz does not show the correct answers."
EXPLANATION = "Man spricht von Halluzinationen."  # the short-text question's explanation


def set_answers_policy(lesson, policy: str) -> None:
    raw = list(lesson.body.raw_data)
    for block in raw:
        if block["type"] == "quiz":
            block["value"]["show_answers"] = policy
    lesson.body = raw
    lesson.save()


def failed_attempts(client, learner, course, lesson, count: int) -> str:
    enrolment_create(learner=learner, course=course)
    client.force_login(learner)
    html = ""
    for _ in range(count):
        html = quiz_post(client, lesson, answers_for(lesson, correct=False)).content.decode()
    return html


def test_answers_revealed_rule():
    assert not answers_revealed(policy="after", passed=False, attempts_left=2)
    assert not answers_revealed(policy="after", passed=False, attempts_left=None)
    assert answers_revealed(policy="after", passed=False, attempts_left=0)
    assert answers_revealed(policy="after", passed=True, attempts_left=None)
    assert answers_revealed(policy="always", passed=False, attempts_left=2)
    assert not answers_revealed(policy="never", passed=True, attempts_left=0)


def test_failed_attempt_shows_wrong_questions_and_feedback_but_not_the_answers(
        client, learner, ki_course, ki_lessons):
    html = failed_attempts(client, learner, ki_course, ki_lessons[-1], 1)
    assert "Not passed yet" in html and "not correct" in html
    assert "Nein: Anbieter übernehmen keine Verantwortung" in html  # feedback on the choice
    assert "data-quiz-correct-answer" not in html and "Correct answer:" not in html
    assert EXPLANATION not in html  # the explanation would give the answer away
    assert HINT in html


def test_answers_are_shown_once_all_attempts_are_used(client, learner, ki_course, ki_lessons):
    html = failed_attempts(client, learner, ki_course, ki_lessons[-1], 3)
    assert "You have used all attempts for this quiz." in html
    assert "Correct answer: Halluzination" in html
    assert "Correct answer: Die Person, die es verwendet und zeichnet" in html
    assert EXPLANATION in html and HINT not in html


def test_answers_are_shown_after_passing(client, learner, ki_course, ki_lessons):
    lesson = ki_lessons[-1]
    enrolment_create(learner=learner, course=ki_course)
    client.force_login(learner)
    answers = answers_for(lesson, correct=True)
    short = next(q for q in lesson.quiz_block().value["questions"]
                 if q.block_type == "short_text")
    answers[str(short.id)] = ["keine Ahnung"]  # 4 of 5: passes at 80 %
    html = quiz_post(client, lesson, answers).content.decode()
    assert "Passed" in html
    assert "Correct answer: Halluzination" in html and EXPLANATION in html


def test_quiz_set_to_always_shows_answers_after_the_first_failed_attempt(
        client, learner, ki_course, ki_lessons):
    set_answers_policy(ki_lessons[-1], "always")
    html = failed_attempts(client, learner, ki_course, ki_lessons[-1], 1)
    assert "Not passed yet" in html
    assert "Correct answer: Halluzination" in html and HINT not in html


def test_quiz_set_to_never_shows_no_answers_even_when_attempts_are_used(
        client, learner, ki_course, ki_lessons):
    set_answers_policy(ki_lessons[-1], "never")
    html = failed_attempts(client, learner, ki_course, ki_lessons[-1], 3)
    assert "You have used all attempts for this quiz." in html
    assert "Correct answer:" not in html and EXPLANATION not in html
    assert NEVER in html
