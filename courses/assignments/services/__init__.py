"""Writes of assignments: create and end assignments, fan them out to people, keep each
person's rows in line when they move or change roles, recertification and new content
versions.

The fan-out (`assignment_apply`) runs as a job in batches with bulk operations; it is
idempotent, so a job killed half-way is simply run again. A person reached by several
assignments has one PersonAssignment with the earliest due date; the AssignmentReach rows
record which assignments reach them, so that ending one keeps the row while another still
reaches the person. Rows nothing reaches any more get `ended_at` and stay as history.

Creating, applying and ending assignments live here; the people an assignment reaches in
`people`, recertification and new content versions in `recertification`. Every public
name is importable from here.
"""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import orgunit_ids_in_scope
from core.jobs import enqueue_on_commit
from courses.assignments.exceptions import AssignmentInvalid, AssignmentOutsideScope
from courses.assignments.models import Assignment, AssignmentReach, AssignmentTarget, JobState
from courses.assignments.selectors import assignment_target_users
from courses.catalogue.models import CoursePage
from courses.rules import DueMode

from .people import BATCH_SIZE, _person_assignments_refresh, _reach_people, person_assignments_sync
from .recertification import (
    DEFAULT_REASSIGN_DUE_DAYS,
    recertification_lead_days,
    recertification_run,
    version_reassign,
)

__all__ = [
    "APPLY_TASK",
    "BATCH_SIZE",
    "DEFAULT_REASSIGN_DUE_DAYS",
    "JOB_GROUP",
    "VERSION_TASK",
    "assignment_apply",
    "assignment_create",
    "assignment_end",
    "assignment_existing",
    "person_assignments_sync",
    "recertification_lead_days",
    "recertification_run",
    "version_reassign",
]

JOB_GROUP = "assignments"
APPLY_TASK = "courses.assignments.tasks.assignment_apply_task"
VERSION_TASK = "courses.assignments.tasks.version_reassign_task"


# --- creating and ending assignments ----------------------------------------------------

def _target_check(*, actor: User, target_kind: str, person, unit, group) -> None:
    if target_kind == AssignmentTarget.PERSON and person is None:
        raise AssignmentInvalid(_("Choose the person to assign the course to."))
    if target_kind == AssignmentTarget.UNIT and unit is None:
        raise AssignmentInvalid(_("Choose the organisation unit to assign the course to."))
    if target_kind == AssignmentTarget.ROLE and group is None:
        raise AssignmentInvalid(_("Choose the role to assign the course to."))
    if target_kind not in AssignmentTarget.values:
        raise AssignmentInvalid(_("Choose whom to assign the course to."))
    unit_ids = orgunit_ids_in_scope(actor)
    if unit_ids is None:
        return
    if target_kind == AssignmentTarget.PERSON and person.home_unit_id not in unit_ids:
        raise AssignmentOutsideScope
    if target_kind == AssignmentTarget.UNIT and unit.pk not in unit_ids:
        raise AssignmentOutsideScope
    if target_kind == AssignmentTarget.ROLE:
        raise AssignmentOutsideScope(_(
            "A role reaches people in every unit, so only coordinators for all units may "
            "assign a course to a role. Assign it to your units instead."))


def _due_check(*, due_mode: str, due_date: date | None, due_days: int | None,
               today: date) -> None:
    if due_mode == DueMode.FIXED:
        if due_date is None:
            raise AssignmentInvalid(_("Enter the due date."))
        if due_date < today:
            raise AssignmentInvalid(_("The due date lies in the past. Choose today or a "
                                      "later date."))
    elif due_mode in (DueMode.AFTER_ASSIGNMENT, DueMode.AFTER_JOINING):
        if not due_days or due_days < 1:
            raise AssignmentInvalid(_("Enter after how many days (at least 1) the course is "
                                      "due."))
    else:
        raise AssignmentInvalid(_("Choose how the due date is set."))


def assignment_existing(*, course: CoursePage, target_kind: str, person=None, unit=None,
                        include_subunits: bool = True, group=None) -> Assignment | None:
    """The current assignment of this course to this very target, if there is one."""
    rows = Assignment.objects.filter(course=course, target_kind=target_kind,
                                     ended_at__isnull=True)
    if target_kind == AssignmentTarget.PERSON:
        return rows.filter(person=person).first()
    if target_kind == AssignmentTarget.UNIT:
        return rows.filter(unit=unit, include_subunits=include_subunits).first()
    return rows.filter(group=group).first()


@transaction.atomic
def assignment_create(*, actor: User, course: CoursePage, target_kind: str, person=None,
                      unit=None, include_subunits: bool = True, group=None,
                      mandatory: bool = True, due_mode: str = DueMode.FIXED,
                      due_date: date | None = None, due_days: int | None = None,
                      today: date | None = None) -> tuple[Assignment, bool]:
    """Assign `course`; returns (assignment, created).

    Assigning the same course to the same target again changes nothing and returns the
    existing assignment with created=False. Raises AssignmentInvalid (nobody in the unit
    or role, a due date in the past, a course that is not published) or
    AssignmentOutsideScope. The fan-out job starts after commit.
    """
    today = today or timezone.localdate()
    if course is None or not course.live:
        raise AssignmentInvalid(_("Only published courses can be assigned."))
    _target_check(actor=actor, target_kind=target_kind, person=person, unit=unit, group=group)
    if target_kind != AssignmentTarget.UNIT:
        include_subunits = False
    existing = assignment_existing(course=course, target_kind=target_kind, person=person,
                                   unit=unit, include_subunits=include_subunits, group=group)
    if existing is not None:
        return existing, False
    _due_check(due_mode=due_mode, due_date=due_date, due_days=due_days, today=today)
    if due_mode != DueMode.FIXED:
        due_date = None
    else:
        due_days = None
    assignment = Assignment(
        course=course, course_title=course.title, target_kind=target_kind, person=person,
        unit=unit, include_subunits=include_subunits, group=group, mandatory=mandatory,
        due_mode=due_mode, due_date=due_date, due_days=due_days, created_by=actor)
    total = assignment_target_users(assignment).count()
    if not total:
        if target_kind == AssignmentTarget.UNIT:
            raise AssignmentInvalid(_(
                "Nobody belongs to this unit (or the units below it) at the moment, so "
                "nobody would be assigned. Choose another unit."))
        if target_kind == AssignmentTarget.ROLE:
            raise AssignmentInvalid(_("Nobody holds this role at the moment, so nobody "
                                      "would be assigned. Choose another role."))
        raise AssignmentInvalid(_("This person's account is not active."))
    assignment.job_total = total
    assignment.save()
    enqueue_on_commit(APPLY_TASK, assignment.pk, group=JOB_GROUP, timeout=170)
    return assignment, True


def assignment_apply(*, assignment_id: int, today: date | None = None) -> Assignment:
    """The fan-out job: give everyone the assignment reaches a PersonAssignment and an
    active enrolment, in batches, counting progress on the assignment.

    Idempotent: running it twice (or again after it was killed half-way) changes nothing
    more. People the assignment no longer reaches (they moved) lose its reach.
    """
    today = today or timezone.localdate()
    assignment = Assignment.objects.select_related("course").get(pk=assignment_id)
    if assignment.ended_at is not None or assignment.course is None:
        Assignment.objects.filter(pk=assignment_id).update(
            job_state=JobState.DONE, job_finished_at=timezone.now())
        return assignment
    try:
        targets = assignment_target_users(assignment)
        user_ids = list(targets.order_by("pk").values_list("pk", flat=True))
        Assignment.objects.filter(pk=assignment_id).update(
            job_state=JobState.RUNNING, job_total=len(user_ids), job_done=0, job_error="")
        for start in range(0, len(user_ids), BATCH_SIZE):
            batch = user_ids[start:start + BATCH_SIZE]
            with transaction.atomic():
                _reach_people(assignment=assignment, user_ids=batch, today=today)
            Assignment.objects.filter(pk=assignment_id).update(job_done=F("job_done")
                                                               + len(batch))
        with transaction.atomic():
            stale = list(AssignmentReach.objects.filter(assignment=assignment).exclude(
                person_assignment__user__in=targets).values_list("pk", "person_assignment"))
            if stale:
                AssignmentReach.objects.filter(pk__in=[pk for pk, _pa in stale]).delete()
                _person_assignments_refresh([pa for _pk, pa in stale])
    except Exception as error:
        Assignment.objects.filter(pk=assignment_id).update(
            job_state=JobState.FAILED, job_error=str(error)[:2000])
        raise
    Assignment.objects.filter(pk=assignment_id).update(
        job_state=JobState.DONE, job_finished_at=timezone.now())
    assignment.refresh_from_db()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, actor: User | None = None) -> int:
    """Withdraw an assignment. People still reached by another assignment keep their row;
    the others' rows end (kept as history). Returns how many rows ended. Twice: 0."""
    if assignment.ended_at is not None:
        return 0
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now())
    assignment.ended_at = timezone.now()
    reaches = AssignmentReach.objects.filter(assignment=assignment)
    pa_ids = list(reaches.values_list("person_assignment_id", flat=True))
    reaches.delete()
    return _person_assignments_refresh(pa_ids)
