"""Writes of quizzes: score and store one attempt, then record the lesson's outcome."""

import uuid

from django.db import transaction

from courses.catalogue.models import LessonPage
from courses.exceptions import (
    AttemptLimitReached,
    EmptySubmission,
    EnrolmentNotActive,
    QuizChanged,
)
from courses.learning.models import Enrolment
from courses.learning.services import Outcome, lesson_progress_record
from courses.quizzes.models import QuizAttempt
from courses.quizzes.scoring import Answers, quiz_score
from courses.rules import RECORDING_STATUSES, answers_empty


@transaction.atomic
def quiz_attempt_submit(*, enrolment: Enrolment, lesson: LessonPage, quiz_block_id: str,
                        answers: Answers, submission_token: uuid.UUID) -> QuizAttempt:
    """Score and store one attempt, then record the lesson's outcome.

    A resubmission of the same form (same token) returns the stored attempt. Raises
    AttemptLimitReached, EmptySubmission (nothing answered: no attempt is used),
    InvalidAnswer, QuizChanged, EnrolmentNotActive.
    """
    previous = QuizAttempt.objects.filter(submission_token=submission_token).first()
    if previous is not None:
        if previous.enrolment_id != enrolment.pk:
            raise QuizChanged
        return previous
    if enrolment.status not in RECORDING_STATUSES:
        raise EnrolmentNotActive
    # Lock the enrolment so two tabs cannot both use the last attempt.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    quiz = lesson.quiz_block()
    if quiz is None or str(quiz.id) != quiz_block_id:
        raise QuizChanged
    used = QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).count()
    if quiz.value["max_attempts"] and used >= quiz.value["max_attempts"]:
        raise AttemptLimitReached
    result = quiz_score(quiz_value=quiz.value, answers=answers)
    if answers_empty(answers):
        raise EmptySubmission
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, lesson=lesson, quiz_block_id=quiz_block_id, number=used + 1,
        submission_token=submission_token, answers=answers, points=result.points,
        max_points=result.max_points, score_percent=result.percent,
        pass_mark=quiz.value["pass_mark"], passed=result.passed)
    lesson_progress_record(enrolment=enrolment, lesson=lesson, outcome=Outcome(
        viewed=True, answered=True, passed=result.passed, score_percent=result.percent))
    return attempt
