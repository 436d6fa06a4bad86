"""Pure rules of the courses app: no database writes, no imports of our models.

The bottom of the app: models, selectors, services and views build on these.
"""

import calendar
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine


class LessonRequirement(models.TextChoices):
    OPTIONAL = "optional", _("Optional")
    VIEWED = "viewed", _("Viewed")
    ANSWERED = "answered", _("Quiz answered")
    PASSED = "passed", _("Quiz passed (at its pass mark)")


class AnswersShown(models.TextChoices):
    """When a quiz shows the correct answers after an attempt."""

    AFTER = "after", _("After passing or when no attempts are left")
    ALWAYS = "always", _("Always, after every attempt")
    NEVER = "never", _("Never")


class EnrolmentStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not approved")


ES = EnrolmentStatus
# Who makes each move is checked by the services (learner, coordinator, the completion rule);
# the table names only which moves exist.
ENROLMENT_MACHINE = StateMachine({
    ES.PENDING_APPROVAL: {ES.ACTIVE: None, ES.REJECTED: None, ES.WITHDRAWN: None},
    ES.ACTIVE: {ES.COMPLETED: None, ES.WITHDRAWN: None},
    ES.COMPLETED: {},
    ES.WITHDRAWN: {ES.ACTIVE: None, ES.PENDING_APPROVAL: None},
    ES.REJECTED: {ES.PENDING_APPROVAL: None},
})
# Progress may be recorded only while an enrolment is in one of these states.
RECORDING_STATUSES = (ES.ACTIVE, ES.COMPLETED)


class Progress(Protocol):
    viewed_at: object
    answered_at: object
    passed_at: object


def quiz_passed(*, percent: int, pass_mark: int) -> bool:
    """The pass mark is inclusive: scoring exactly the pass mark passes."""
    return percent >= pass_mark


def answers_empty(answers: dict[str, list[str]]) -> bool:
    """A submission without a single non-blank answer: refused, it costs no attempt."""
    return not any(str(value).strip() for values in answers.values() for value in values)


def answers_revealed(*, policy: str, passed: bool, attempts_left: int | None) -> bool:
    """Whether the quiz may show its correct answers now.

    By default only once the learner passed or has no attempt left (unlimited attempts:
    only after passing), so that a failed attempt does not hand over the next one.
    """
    if policy == AnswersShown.ALWAYS:
        return True
    if policy == AnswersShown.NEVER:
        return False
    return passed or (attempts_left is not None and attempts_left <= 0)


def score_percent(*, points: int, max_points: int) -> int:
    """Points as a whole percentage (0 for an empty quiz)."""
    return round(100 * points / max_points) if max_points else 0


def requirement_met(*, requirement: str, progress: Progress | None) -> bool:
    """Whether one lesson's progress meets the lesson's requirement for completion."""
    if requirement == LessonRequirement.OPTIONAL:
        return True
    if progress is None:
        return False
    if requirement == LessonRequirement.VIEWED:
        return progress.viewed_at is not None
    if requirement == LessonRequirement.ANSWERED:
        return progress.answered_at is not None
    return progress.passed_at is not None


def lesson_done(*, requirement: str, progress: Progress | None) -> bool:
    """Whether a lesson counts as done for the learner: an optional one once it was opened."""
    if requirement == LessonRequirement.OPTIONAL:
        return progress is not None and progress.viewed_at is not None
    return requirement_met(requirement=requirement, progress=progress)


def resume_index(done: Iterable[bool]) -> int | None:
    """Where "Continue learning" leads: the first lesson (in course order) not yet done."""
    return next((index for index, is_done in enumerate(done) if not is_done), None)


def course_complete(*, requirements: Iterable[tuple[int, str]],
                    progress: dict[int, Progress]) -> bool:
    """The completion rule: a course with lessons is complete when each requirement is met.

    `requirements` are (lesson id, requirement) pairs; `progress` maps lesson ids to rows.
    A course without lessons is never complete.
    """
    requirements = list(requirements)
    return bool(requirements) and all(
        requirement_met(requirement=requirement, progress=progress.get(lesson_id))
        for lesson_id, requirement in requirements)


def prerequisites_missing(*, required: Iterable, completed_ids: Iterable[int]) -> list:
    """The required courses (in their order) whose id is not among the completed ones."""
    done = set(completed_ids)
    return [course for course in required if course.pk not in done]


def course_achievement_key(*, course_id: int, version: str) -> str:
    """What a course certificate certifies: this course in this content version."""
    return f"course:{course_id}:v{version}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
