"""The pure rules of courses at their boundaries: pass mark, completion rule, prerequisites."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from courses.blocks import QuizBlock
from courses.quizzes.scoring import quiz_score
from courses.rules import (
    ENROLMENT_MACHINE,
    EnrolmentStatus,
    LessonRequirement,
    add_months,
    course_complete,
    prerequisites_missing,
    quiz_passed,
    requirement_met,
)

NOW = datetime(2026, 1, 1, 12, 0)
R = LessonRequirement


def progress(*, viewed=False, answered=False, passed=False):
    return SimpleNamespace(viewed_at=NOW if viewed else None,
                           answered_at=NOW if answered else None,
                           passed_at=NOW if passed else None)


def five_question_quiz(pass_mark: int):
    """A quiz of five true/false statements, all true (20 % per right answer)."""
    return QuizBlock().to_python({
        "title": "Quiz", "pass_mark": pass_mark, "max_attempts": 0,
        "shuffle_questions": False, "shuffle_answers": False, "show_feedback": True,
        "questions": [{"type": "true_false", "id": f"q{i}",
                       "value": {"question": f"Statement {i}", "correct": True,
                                 "feedback": ""}} for i in range(5)]})


def answers(quiz_value, right: int) -> dict[str, list[str]]:
    ids = [str(bound.id) for bound in quiz_value["questions"]]
    return {qid: ["true" if i < right else "false"] for i, qid in enumerate(ids)}


# --- quiz pass mark -------------------------------------------------------------------

def test_pass_mark_is_inclusive_exactly_the_mark_passes_one_below_fails():
    assert quiz_passed(percent=80, pass_mark=80)
    assert not quiz_passed(percent=79, pass_mark=80)
    assert quiz_passed(percent=0, pass_mark=0)
    assert quiz_passed(percent=100, pass_mark=100)


def test_scoring_exactly_the_pass_mark_passes_the_quiz_one_answer_below_fails():
    quiz = five_question_quiz(pass_mark=80)
    at_mark = quiz_score(quiz_value=quiz, answers=answers(quiz, right=4))
    assert (at_mark.points, at_mark.percent, at_mark.passed) == (4, 80, True)
    below = quiz_score(quiz_value=quiz, answers=answers(quiz, right=3))
    assert (below.percent, below.passed) == (60, False)


def test_full_marks_pass_a_pass_mark_of_100_and_one_wrong_answer_fails_it():
    quiz = five_question_quiz(pass_mark=100)
    assert quiz_score(quiz_value=quiz, answers=answers(quiz, right=5)).passed
    assert not quiz_score(quiz_value=quiz, answers=answers(quiz, right=4)).passed


# --- one lesson's requirement, each kind at its edge ------------------------------------

def test_optional_lesson_is_met_without_any_progress():
    assert requirement_met(requirement=R.OPTIONAL, progress=None)


@pytest.mark.parametrize("requirement", [R.VIEWED, R.ANSWERED, R.PASSED])
def test_required_lesson_without_progress_is_not_met(requirement):
    assert not requirement_met(requirement=requirement, progress=None)
    assert not requirement_met(requirement=requirement, progress=progress())


def test_viewed_requirement_is_met_by_a_view_alone():
    assert requirement_met(requirement=R.VIEWED, progress=progress(viewed=True))


def test_answered_requirement_needs_an_answer_a_view_is_not_enough():
    assert not requirement_met(requirement=R.ANSWERED, progress=progress(viewed=True))
    assert requirement_met(requirement=R.ANSWERED,
                           progress=progress(viewed=True, answered=True))


def test_passed_requirement_needs_a_pass_answering_is_not_passing():
    assert not requirement_met(requirement=R.PASSED,
                               progress=progress(viewed=True, answered=True))
    assert requirement_met(requirement=R.PASSED,
                           progress=progress(viewed=True, answered=True, passed=True))


# --- the course's completion rule ---------------------------------------------------------

def test_course_is_complete_only_when_every_required_lesson_is_met():
    requirements = [(1, R.VIEWED), (2, R.PASSED), (3, R.OPTIONAL)]
    done = {1: progress(viewed=True), 2: progress(viewed=True, answered=True, passed=True)}
    assert course_complete(requirements=requirements, progress=done)
    one_short = {1: progress(viewed=True), 2: progress(viewed=True, answered=True)}
    assert not course_complete(requirements=requirements, progress=one_short)


def test_course_with_only_optional_lessons_is_complete_without_progress():
    assert course_complete(requirements=[(1, R.OPTIONAL)], progress={})


def test_course_without_lessons_is_never_complete():
    assert not course_complete(requirements=[], progress={})


def test_progress_of_another_lesson_does_not_count():
    assert not course_complete(requirements=[(1, R.VIEWED)], progress={2: progress(viewed=True)})


# --- prerequisites --------------------------------------------------------------------

def test_prerequisites_missing_lists_the_uncompleted_ones_in_order():
    first, second, third = (SimpleNamespace(pk=pk) for pk in (1, 2, 3))
    assert prerequisites_missing(required=[first, second, third], completed_ids=[2]) == [
        first, third]
    assert prerequisites_missing(required=[first, second], completed_ids=[1, 2]) == []
    assert prerequisites_missing(required=[], completed_ids=[]) == []


# --- enrolment transitions, validity ----------------------------------------------------

def test_completed_enrolment_is_reopened_only_by_the_system_and_active_may_complete():
    # recertification or a new content version reopens it; no person moves it back
    assert ENROLMENT_MACHINE.targets(EnrolmentStatus.COMPLETED) == [EnrolmentStatus.ACTIVE]
    assert ENROLMENT_MACHINE.targets(EnrolmentStatus.COMPLETED, actor_kind="learner") == []
    assert ENROLMENT_MACHINE.targets(EnrolmentStatus.COMPLETED,
                                     actor_kind="coordinator") == []
    assert ENROLMENT_MACHINE.allowed(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
    assert not ENROLMENT_MACHINE.allowed(EnrolmentStatus.PENDING_APPROVAL,
                                         EnrolmentStatus.COMPLETED)


def test_validity_months_clamp_to_the_last_day_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
