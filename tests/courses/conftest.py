import uuid

import pytest

from accounts.models import User
from courses.models import CoursePage, LessonPage
from courses.quiz import quiz_questions


@pytest.fixture
def learner(demo):
    # A learner with no enrolments yet (the demo learner already has some).
    return User.objects.get(email="vorgesetzte@demo.example")


@pytest.fixture
def ki_course(demo) -> CoursePage:
    return CoursePage.objects.get(slug="ki-dienstanweisung")


@pytest.fixture
def ki_lessons(ki_course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(ki_course).order_by("path"))


def answers_for(lesson: LessonPage, *, correct: bool = True) -> dict[str, list[str]]:
    """Answers to every question of the lesson's quiz, all right or all wrong."""
    answers = {}
    for question in quiz_questions(lesson.quiz_block().value):
        value, qid = question.value, str(question.id)
        if question.block_type == "true_false":
            answers[qid] = ["true" if bool(value["correct"]) == correct else "false"]
        elif question.block_type == "short_text":
            answers[qid] = [value["accepted_answers"][0] if correct else "keine Ahnung"]
        else:
            options = value["options"].bound_blocks
            chosen = [str(o.id) for o in options if bool(o.value["correct"]) == correct]
            answers[qid] = chosen[:1] if question.block_type == "single_choice" else chosen
    return answers


@pytest.fixture
def token():
    return lambda: uuid.uuid4()
