"""Pure rules of the courses app: no database writes, no imports of our models.

The bottom of the app: models, selectors, services and views build on these.
"""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
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
    # reopened for recertification or a new content version (the completion stays in history)
    ES.COMPLETED: {ES.ACTIVE: {"system"}},
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
                    progress: dict[int, Progress], attendance_required: bool = False,
                    attended: bool = False) -> bool:
    """The completion rule: a course with lessons is complete when each requirement is met.

    `requirements` are (lesson id, requirement) pairs; `progress` maps lesson ids to rows.
    A course without lessons is never complete — unless it requires attendance at a
    seminar session (issue 12): then `attended` (present on every day of a session) is
    needed as well, and a course without lessons completes on attendance alone.
    """
    requirements = list(requirements)
    if attendance_required and not attended:
        return False
    return (bool(requirements) or attendance_required) and all(
        requirement_met(requirement=requirement, progress=progress.get(lesson_id))
        for lesson_id, requirement in requirements)


def prerequisites_missing(*, required: Iterable, completed_ids: Iterable[int]) -> list:
    """The required courses (in their order) whose id is not among the completed ones."""
    done = set(completed_ids)
    return [course for course in required if course.pk not in done]


def course_achievement_key(*, course_id: int, version: str, cycle: int = 0) -> str:
    """What a course certificate certifies: this course in this content version.

    `cycle` counts earlier completions of the same version (recertification): the first
    completion keeps the plain key, each later one gets a key (and certificate) of its own.
    """
    key = f"course:{course_id}:v{version}"
    return f"{key}:r{cycle}" if cycle else key


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Assignments and compliance (issue 11) ----------------------------------------------


class ComplianceState(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    OVERDUE = "overdue", _("Overdue")
    EXPIRED = "expired", _("Expired")


def completion_counts(*, today: date, completed_at: date | None, valid_until: date | None,
                      required_since: date | None) -> bool:
    """Whether a completion counts today: it exists, was completed on or after
    `required_since` (when a new content version is required) and has not expired
    (`valid_until` None = never expires; the last valid day is `valid_until` itself)."""
    if completed_at is None:
        return False
    if required_since is not None and completed_at < required_since:
        return False
    return valid_until is None or valid_until >= today


def compliance_state(*, today: date, due_date: date | None, started: bool,
                     completed_at: date | None, valid_until: date | None,
                     required_since: date | None) -> str:
    """One person's compliance with one assigned course, decided in this order:

    1. COMPLETED   – a completion that counts (see `completion_counts`: valid on `today`,
                     and completed on or after `required_since`);
    2. OVERDUE     – otherwise, when the due date has passed (`due_date < today`);
    3. EXPIRED     – otherwise, when there was a completion that no longer counts (it
                     lapsed, or it is of a content version no longer accepted);
    4. IN_PROGRESS – otherwise, when the person started the course;
    5. NOT_STARTED – otherwise.

    `completed_at` is the date of the completion that is considered (the latest one).
    The SQL twin is courses.assignments.selectors.compliance_state_expression.
    """
    if completion_counts(today=today, completed_at=completed_at, valid_until=valid_until,
                         required_since=required_since):
        return ComplianceState.COMPLETED
    if due_date is not None and due_date < today:
        return ComplianceState.OVERDUE
    if completed_at is not None:
        return ComplianceState.EXPIRED
    if started:
        return ComplianceState.IN_PROGRESS
    return ComplianceState.NOT_STARTED


class DueMode(models.TextChoices):
    FIXED = "fixed", _("On a fixed date")
    AFTER_ASSIGNMENT = "after_assignment", _("A number of days after the assignment")
    AFTER_JOINING = "after_joining", _("A number of days after joining the unit")


def due_date_for(mode: str, fixed: date | None, days: int | None, assigned_on: date,
                 joined_on: date | None = None) -> date | None:
    """A person's due date under one assignment.

    FIXED: the fixed date. AFTER_ASSIGNMENT: `days` after the day the person was assigned.
    AFTER_JOINING: `days` after the day the person joined the unit (the assignment day when
    unknown, or when they joined before the assignment existed: nobody is overdue at once).
    """
    if mode == DueMode.FIXED:
        return fixed
    if days is None:
        return None
    if mode == DueMode.AFTER_JOINING:
        start = max(joined_on, assigned_on) if joined_on is not None else assigned_on
        return start + timedelta(days=days)
    return assigned_on + timedelta(days=days)


def earliest_due(dates: Iterable[date | None]) -> date | None:
    """A person reached by several assignments: the earliest due date counts."""
    known = [day for day in dates if day is not None]
    return min(known) if known else None


def completion_valid_until(*, completed_on: date, validity_months: int | None) -> date | None:
    """A completion's last valid day; None when the course's completions never expire."""
    return add_months(completed_on, validity_months) if validity_months else None


def recertification_due(*, today: date, valid_until: date | None, lead_days: int) -> bool:
    """Whether a completion expiring on `valid_until` is due for reassignment today."""
    return valid_until is not None and valid_until - timedelta(days=lead_days) <= today
