"""Reads of quizzes: what a lesson page shows of its quiz for one learner."""

from courses.catalogue.models import LessonPage
from courses.learning.models import Enrolment
from courses.quizzes.models import QuizAttempt
from courses.quizzes.scoring import presented_order, quiz_score


def quiz_context(*, quiz, lesson: LessonPage, enrolment: Enrolment, attempt_id=None) -> dict:
    """The quiz's questions in this attempt's order, earlier attempts and one's feedback."""
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson))
    limit = quiz.value["max_attempts"]
    shown = next((a for a in attempts if str(a.pk) == str(attempt_id)), None)
    return {
        "block": quiz,
        "questions": presented_order(quiz.value, seed=f"{enrolment.pk}:{len(attempts) + 1}"),
        "attempts": attempts,
        "attempts_left": (limit - len(attempts)) if limit else None,
        "passed": any(a.passed for a in attempts),
        "shown_attempt": shown,
        "shown_result": _attempt_feedback(quiz, shown) if shown else None,
    }


def _attempt_feedback(quiz, attempt: QuizAttempt):
    return quiz_score(quiz_value=quiz.value, answers=attempt.answers) \
        if attempt.quiz_block_id == str(quiz.id) else None
