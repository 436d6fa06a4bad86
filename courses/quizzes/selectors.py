"""Reads of quizzes: what a lesson page shows of its quiz for one learner."""

from courses.catalogue.models import LessonPage
from courses.learning.models import Enrolment
from courses.quizzes.models import QuizAttempt
from courses.quizzes.scoring import presented_order, quiz_score
from courses.rules import AnswersShown, answers_revealed


def quiz_context(*, quiz, lesson: LessonPage, enrolment: Enrolment, attempt_id=None) -> dict:
    """The quiz's questions in this attempt's order, earlier attempts and one's feedback.

    `answers_revealed` says whether the feedback may show the correct answers (and the
    questions' explanations) yet; see courses.rules.answers_revealed.
    """
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson))
    limit = quiz.value["max_attempts"]
    shown = next((a for a in attempts if str(a.pk) == str(attempt_id)), None)
    attempts_left = (limit - len(attempts)) if limit else None
    passed = any(a.passed for a in attempts)
    policy = quiz.value.get("show_answers") or AnswersShown.AFTER
    return {
        "block": quiz,
        "questions": presented_order(quiz.value, seed=f"{enrolment.pk}:{len(attempts) + 1}"),
        "attempts": attempts,
        "attempts_left": attempts_left,
        "passed": passed,
        "answers_shown": policy,
        "answers_revealed": answers_revealed(policy=policy, passed=passed,
                                             attempts_left=attempts_left),
        "shown_attempt": shown,
        "shown_result": _attempt_feedback(quiz, shown) if shown else None,
    }


def _attempt_feedback(quiz, attempt: QuizAttempt):
    return quiz_score(quiz_value=quiz.value, answers=attempt.answers) \
        if attempt.quiz_block_id == str(quiz.id) else None
