import uuid

import pytest

from certificates.models import Certificate
from courses.exceptions import (
    AttemptLimitReached,
    EnrolmentNotAllowed,
    InvalidAnswer,
    NotEnrolled,
    PrerequisitesMissing,
    QuizChanged,
)
from courses.models import Enrolment, EnrolmentStatus, LessonProgress, QuizAttempt
from courses.quizzes.services import quiz_attempt_submit
from courses.services import (
    enrolment_create,
    enrolment_evaluate,
    enrolment_for_lesson,
    enrolment_withdraw,
    lesson_view_record,
)
from tests.factories import answers_for

pytestmark = pytest.mark.django_db


def submit(enrolment, lesson, *, correct=True, token=None):
    return quiz_attempt_submit(enrolment=enrolment, lesson=lesson,
                               quiz_block_id=str(lesson.quiz_block().id),
                               answers=answers_for(lesson, correct=correct),
                               submission_token=token or uuid.uuid4())


def test_enrolling_twice_gives_one_enrolment(learner, ki_course):
    first = enrolment_create(learner=learner, course=ki_course)
    second = enrolment_create(learner=learner, course=ki_course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert first.status == EnrolmentStatus.ACTIVE
    assert first.course_title == ki_course.title


def test_course_needing_approval_waits_and_records_nothing(learner, ki_course, ki_lessons):
    ki_course.requires_approval = True
    ki_course.save()
    enrolment = enrolment_create(learner=learner, course=ki_course)
    assert enrolment.status == EnrolmentStatus.PENDING_APPROVAL
    assert lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0]) is None
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()


def test_self_enrolment_can_be_switched_off(learner, ki_course):
    ki_course.self_enrolment = False
    ki_course.save()
    with pytest.raises(EnrolmentNotAllowed):
        enrolment_create(learner=learner, course=ki_course)


def test_prerequisites_must_be_completed_first(learner, ki_course, demo):
    from courses.models import CoursePage

    privacy = CoursePage.objects.get(slug="datenschutz-grundlagen")
    ki_course.prerequisites.add(privacy)
    ki_course.save()
    with pytest.raises(PrerequisitesMissing):
        enrolment_create(learner=learner, course=ki_course)


def test_viewing_all_lessons_without_passing_the_quiz_does_not_complete(
        learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    for lesson in ki_lessons:
        lesson_view_record(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE


def test_failed_quiz_is_answered_but_never_completes_the_course(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    for lesson in ki_lessons[:-1]:
        lesson_view_record(enrolment=enrolment, lesson=lesson)
    attempt = submit(enrolment, ki_lessons[-1], correct=False)
    assert attempt.passed is False
    assert attempt.score_percent == 0
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=ki_lessons[-1])
    assert progress.answered_at is not None
    assert progress.passed_at is None
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert not Certificate.objects.filter(recipient=learner).exists()


def test_passing_the_quiz_completes_with_version_and_requests_one_certificate(
        learner, ki_course, ki_lessons, django_capture_on_commit_callbacks):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    for lesson in ki_lessons[:-1]:
        lesson_view_record(enrolment=enrolment, lesson=lesson)
    submit(enrolment, ki_lessons[-1], correct=False)
    with django_capture_on_commit_callbacks():
        attempt = submit(enrolment, ki_lessons[-1], correct=True)
    assert attempt.number == 2 and attempt.passed and attempt.score_percent == 100
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.completed_version == "2026.1"
    certificate = Certificate.objects.get(recipient=learner)
    assert certificate.title == ki_course.title
    assert certificate.content_version == "2026.1"
    # Re-evaluating (e.g. a late duplicate event) changes nothing and issues nothing more.
    completed_at = enrolment.completed_at
    assert enrolment_evaluate(enrolment=enrolment) is True
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert Certificate.objects.filter(recipient=learner).count() == 1


def test_server_applies_the_pass_mark_not_the_browser(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    quiz_lesson = ki_lessons[-1]
    answers = answers_for(quiz_lesson, correct=True)
    wrong = answers_for(quiz_lesson, correct=False)
    # 3 of 5 right = 60 %, below the pass mark of 80 %.
    keys = list(answers)
    mixed = {k: (answers[k] if i < 3 else wrong[k]) for i, k in enumerate(keys)}
    attempt = quiz_attempt_submit(enrolment=enrolment, lesson=quiz_lesson,
                                  quiz_block_id=str(quiz_lesson.quiz_block().id),
                                  answers=mixed, submission_token=uuid.uuid4())
    assert (attempt.points, attempt.max_points, attempt.score_percent) == (3, 5, 60)
    assert attempt.passed is False


def test_double_submit_of_the_same_form_counts_once(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    same = uuid.uuid4()
    first = submit(enrolment, ki_lessons[-1], correct=False, token=same)
    second = submit(enrolment, ki_lessons[-1], correct=False, token=same)
    assert first.pk == second.pk
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_attempt_limit_is_enforced(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    for _ in range(3):
        submit(enrolment, ki_lessons[-1], correct=False)
    with pytest.raises(AttemptLimitReached):
        submit(enrolment, ki_lessons[-1], correct=True)
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 3


def test_forged_answer_ids_are_refused_and_nothing_is_stored(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    lesson = ki_lessons[-1]
    answers = answers_for(lesson)
    first = next(iter(answers))
    with pytest.raises(InvalidAnswer):
        quiz_attempt_submit(enrolment=enrolment, lesson=lesson,
                            quiz_block_id=str(lesson.quiz_block().id),
                            answers={**answers, first: [str(uuid.uuid4())]},
                            submission_token=uuid.uuid4())
    with pytest.raises(InvalidAnswer):
        quiz_attempt_submit(enrolment=enrolment, lesson=lesson,
                            quiz_block_id=str(lesson.quiz_block().id),
                            answers={**answers, "not-a-question": ["x"]},
                            submission_token=uuid.uuid4())
    with pytest.raises(QuizChanged):
        quiz_attempt_submit(enrolment=enrolment, lesson=lesson, quiz_block_id="old",
                            answers=answers, submission_token=uuid.uuid4())
    assert not QuizAttempt.objects.filter(enrolment=enrolment).exists()


def test_lesson_of_a_course_one_is_not_enrolled_in(learner, ki_lessons):
    with pytest.raises(NotEnrolled):
        enrolment_for_lesson(learner=learner, lesson=ki_lessons[0])


def test_withdrawn_learner_keeps_progress_and_can_return(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0])
    enrolment_withdraw(enrolment=enrolment, actor=learner)
    with pytest.raises(NotEnrolled):
        enrolment_for_lesson(learner=learner, lesson=ki_lessons[0])
    again = enrolment_create(learner=learner, course=ki_course)
    assert again.pk == enrolment.pk and again.status == EnrolmentStatus.ACTIVE
    assert LessonProgress.objects.filter(enrolment=again).count() == 1
    assert list(again.events.values_list("to_status", flat=True)) == [
        "active", "withdrawn", "active"]


def test_deleting_the_course_page_keeps_the_learners_record(learner, ki_course, ki_lessons):
    enrolment = enrolment_create(learner=learner, course=ki_course)
    lesson_view_record(enrolment=enrolment, lesson=ki_lessons[0])
    ki_course.delete()
    enrolment.refresh_from_db()
    assert enrolment.course is None
    assert enrolment.course_title == "Generative KI in der Verwaltung: die Dienstanweisung"
    assert enrolment.progress.count() == 1
