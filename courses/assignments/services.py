"""Writes of assignments: create and end assignments, fan them out to people, keep each
person's rows in line when they move or change roles, recertification and new content
versions.

The fan-out (`assignment_apply`) runs as a job in batches with bulk operations; it is
idempotent, so a job killed half-way is simply run again. A person reached by several
assignments has one PersonAssignment with the earliest due date; the AssignmentReach rows
record which assignments reach them, so that ending one keeps the row while another still
reaches the person. Rows nothing reaches any more get `ended_at` and stay as history.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import orgunit_ids_in_scope
from core.jobs import enqueue_on_commit
from courses.assignments.exceptions import AssignmentInvalid, AssignmentOutsideScope
from courses.assignments.models import (
    Assignment,
    AssignmentReach,
    AssignmentTarget,
    Completion,
    JobState,
    PersonAssignment,
)
from courses.assignments.selectors import assignment_target_users, assignments_reaching
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment, EnrolmentEvent, EnrolmentSource, LessonProgress
from courses.learning.services import enrolment_transition
from courses.quizzes.models import QuizAttempt
from courses.reminders.services import dashboard_path, mail_record
from courses.rules import (
    DueMode,
    EnrolmentStatus,
    due_date_for,
    earliest_due,
    recertification_due,
)

ES = EnrolmentStatus
BATCH_SIZE = 500
JOB_GROUP = "assignments"
APPLY_TASK = "courses.assignments.tasks.assignment_apply_task"
VERSION_TASK = "courses.assignments.tasks.version_reassign_task"
DEFAULT_REASSIGN_DUE_DAYS = 30


def recertification_lead_days(course: CoursePage) -> int:
    """How many days before expiry a completion of `course` is reassigned."""
    if course.recertify_days_before is not None:
        return course.recertify_days_before
    return getattr(settings, "RECERTIFICATION_LEAD_DAYS", 30)


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


# --- the people an assignment reaches ---------------------------------------------------

def _reach_people(*, assignment: Assignment, user_ids: list[int], today: date,
                  joined_on: date | None = None) -> None:
    """Make `assignment` reach these users (one batch, inside a transaction)."""
    course = assignment.course
    due = due_date_for(assignment.due_mode, assignment.due_date, assignment.due_days,
                       assigned_on=today, joined_on=joined_on)
    current = _current_rows(course=course, user_ids=user_ids)
    missing = [uid for uid in user_ids if uid not in current]
    if missing:
        facts = _completion_facts(course=course, user_ids=missing)
        enrolments = _enrolments_for(course=course, due_by_user=dict.fromkeys(missing, due),
                                     actor=assignment.created_by)
        PersonAssignment.objects.bulk_create([
            PersonAssignment(user_id=uid, course=course, course_title=course.title,
                             mandatory=assignment.mandatory, due_date=due,
                             enrolment_id=enrolments[uid].pk, **facts.get(uid, {}))
            for uid in missing], ignore_conflicts=True)
        current = _current_rows(course=course, user_ids=user_ids)
    reached = set(AssignmentReach.objects.filter(
        assignment=assignment, person_assignment__in=current.values())
        .values_list("person_assignment_id", flat=True))
    new_reaches, changed = [], []
    for row in current.values():
        if row.pk in reached:
            continue
        new_reaches.append(AssignmentReach(assignment=assignment, person_assignment=row,
                                           due_date=due))
        new_due = earliest_due([row.due_date, due])
        if new_due != row.due_date or (assignment.mandatory and not row.mandatory):
            row.due_date = new_due
            row.mandatory = row.mandatory or assignment.mandatory
            changed.append(row)
    AssignmentReach.objects.bulk_create(new_reaches, ignore_conflicts=True)
    if changed:
        PersonAssignment.objects.bulk_update(changed, ["due_date", "mandatory"])
    _enrolments_sync(course=course, rows=list(current.values()), actor=assignment.created_by)


def _current_rows(*, course: CoursePage, user_ids: Iterable[int]) -> dict[int, PersonAssignment]:
    return {row.user_id: row for row in PersonAssignment.objects.filter(
        course=course, ended_at__isnull=True, user_id__in=list(user_ids))}


def _completion_facts(*, course: CoursePage, user_ids: list[int]) -> dict[int, dict]:
    """The latest completion and the start of the current enrolment, per user (two queries)."""
    facts: dict[int, dict] = {}
    for completion in (Completion.objects.filter(course=course, learner_id__in=user_ids)
                       .order_by("learner_id", "-completed_at", "-pk")):
        facts.setdefault(completion.learner_id, {
            "completed_at": completion.completed_at,
            "completed_version": completion.content_version,
            "valid_until": completion.valid_until})
    started = (LessonProgress.objects.filter(enrolment__course=course,
                                             enrolment__learner_id__in=user_ids)
               .values("enrolment__learner_id").annotate(first=Max("viewed_at")))
    for row in started:
        if row["first"] is not None:
            facts.setdefault(row["enrolment__learner_id"], {})["started_at"] = row["first"]
    return facts


def _enrolments_for(*, course: CoursePage, due_by_user: dict[int, date | None],
                    actor: User | None) -> dict[int, Enrolment]:
    """The users' enrolments in the course by user id; missing ones are created (active,
    source "assigned", with the given due date) with their events. Three queries at most."""
    existing = {e.learner_id: e for e in Enrolment.objects.filter(course=course,
                                                                  learner_id__in=due_by_user)}
    missing = [uid for uid in due_by_user if uid not in existing]
    if missing:
        Enrolment.objects.bulk_create([
            Enrolment(learner_id=uid, course=course, course_title=course.title,
                      status=ES.ACTIVE, source=EnrolmentSource.ASSIGNED,
                      due_date=due_by_user[uid]) for uid in missing],
            ignore_conflicts=True)
        created = list(Enrolment.objects.filter(course=course, learner_id__in=missing))
        EnrolmentEvent.objects.bulk_create([
            EnrolmentEvent(enrolment=enrolment, to_status=ES.ACTIVE, actor=actor,
                           reason="assigned") for enrolment in created])
        existing.update({e.learner_id: e for e in created})
    return existing


def _enrolments_sync(*, course: CoursePage, rows: list[PersonAssignment],
                     actor: User | None) -> None:
    """Every current row has an active (or completed) enrolment with the row's due date;
    an assignment is the approval, so waiting, withdrawn or refused enrolments become
    active. Bulk operations; events for new enrolments."""
    if not rows:
        return
    by_user = {row.user_id: row for row in rows}
    existing = _enrolments_for(course=course, actor=actor, due_by_user={
        uid: row.due_date for uid, row in by_user.items()})
    due_changed, linked = [], []
    for uid, enrolment in existing.items():
        row = by_user[uid]
        if enrolment.status in (ES.PENDING_APPROVAL, ES.WITHDRAWN, ES.REJECTED):
            enrolment_transition(enrolment=enrolment, to_status=ES.ACTIVE, actor=actor,
                                 reason="assigned")
        if enrolment.status == ES.ACTIVE and enrolment.due_date != row.due_date:
            enrolment.due_date = row.due_date
            due_changed.append(enrolment)
        if row.enrolment_id != enrolment.pk:
            row.enrolment_id = enrolment.pk
            linked.append(row)
    if due_changed:
        Enrolment.objects.bulk_update(due_changed, ["due_date"])
    if linked:
        PersonAssignment.objects.bulk_update(linked, ["enrolment"])


def _person_assignments_refresh(pa_ids: Iterable[int]) -> int:
    """Recompute rows after reaches went away: earliest remaining due date and mandatory;
    rows nothing reaches any more end (history). Returns how many rows ended."""
    pa_ids = list(set(pa_ids))
    ended = 0
    now = timezone.now()
    for start in range(0, len(pa_ids), BATCH_SIZE):
        batch = pa_ids[start:start + BATCH_SIZE]
        remaining: dict[int, list[AssignmentReach]] = {}
        for reach in AssignmentReach.objects.filter(person_assignment__in=batch,
                                                    assignment__ended_at__isnull=True) \
                .select_related("assignment"):
            remaining.setdefault(reach.person_assignment_id, []).append(reach)
        rows = list(PersonAssignment.objects.filter(pk__in=batch, ended_at__isnull=True))
        changed, due_changed = [], []
        for row in rows:
            reaches = remaining.get(row.pk)
            if not reaches:
                row.ended_at = now
                ended += 1
            else:
                row.due_date = earliest_due(reach.due_date for reach in reaches)
                row.mandatory = any(reach.assignment.mandatory for reach in reaches)
                due_changed.append(row)
            changed.append(row)
        PersonAssignment.objects.bulk_update(changed, ["ended_at", "due_date", "mandatory"])
        Enrolment.objects.bulk_update(
            [Enrolment(pk=row.enrolment_id, due_date=row.due_date)
             for row in due_changed if row.enrolment_id], ["due_date"])
    return ended


@transaction.atomic
def person_assignments_sync(*, user: User, joined_on: date | None = None,
                            today: date | None = None) -> None:
    """Bring one person's rows in line with the assignments that reach them now: after
    they joined, moved to another unit, got or lost a role, or were (de)activated.

    New reaches get their due date relative to `joined_on` where the assignment says so;
    reaches that no longer apply go, and rows nothing reaches any more end (history kept).
    """
    today = today or timezone.localdate()
    reaching = {a.pk: a for a in assignments_reaching(user)} if user.is_active else {}
    current = list(AssignmentReach.objects.filter(person_assignment__user=user,
                                                  person_assignment__ended_at__isnull=True))
    have = {reach.assignment_id for reach in current}
    lost = [reach for reach in current if reach.assignment_id not in reaching]
    if lost:
        AssignmentReach.objects.filter(pk__in=[reach.pk for reach in lost]).delete()
        _person_assignments_refresh(reach.person_assignment_id for reach in lost)
    for assignment_id, assignment in reaching.items():
        if assignment_id not in have:
            _reach_people(assignment=assignment, user_ids=[user.pk], today=today,
                          joined_on=joined_on)


# --- completions, recertification, new content versions ---------------------------------

def _enrolment_reopen(*, enrolment: Enrolment, reason: str) -> None:
    """A completed enrolment opens again for a new cycle: progress and quiz attempts of the
    earlier cycle go (the Completion row keeps what was achieved)."""
    if enrolment.status != ES.COMPLETED:
        return
    LessonProgress.objects.filter(enrolment=enrolment).delete()
    QuizAttempt.objects.filter(enrolment=enrolment).delete()
    enrolment_transition(enrolment=enrolment, to_status=ES.ACTIVE, reason=reason)
    enrolment.completed_at = None
    enrolment.completed_version = ""
    enrolment.last_lesson = None
    enrolment.save(update_fields=["completed_at", "completed_version", "last_lesson"])


def _reassign(*, row: PersonAssignment, due: date, reason: str) -> None:
    """Ask the person to complete the course again by `due` (new cycle)."""
    row.due_date = due
    row.started_at = None
    row.save(update_fields=["due_date", "started_at", "recertified_for", "required_since"])
    AssignmentReach.objects.filter(person_assignment=row).update(due_date=due)
    enrolment = row.enrolment
    if enrolment is None:
        enrolment = Enrolment.objects.filter(learner_id=row.user_id, course_id=row.course_id
                                             ).first()
    if enrolment is not None:
        _enrolment_reopen(enrolment=enrolment, reason=reason)
        if enrolment.status == ES.ACTIVE:
            Enrolment.objects.filter(pk=enrolment.pk).update(due_date=due)


def recertification_run(*, today: date | None = None) -> list[int]:
    """The daily recertification job: everyone whose counting completion expires within the
    course's lead days is reassigned (due on the expiry date) and told. Returns the ids of
    the rows reassigned; running it twice reassigns (and mails) nobody twice."""
    today = today or timezone.localdate()
    default_lead = getattr(settings, "RECERTIFICATION_LEAD_DAYS", 30)
    longest = max([default_lead, *CoursePage.objects.exclude(recertify_days_before=None)
                   .values_list("recertify_days_before", flat=True)])
    candidates = (PersonAssignment.objects.filter(
        ended_at__isnull=True, valid_until__isnull=False, completed_at__isnull=False,
        course__isnull=False, valid_until__lte=today + timedelta(days=longest))
        .exclude(recertified_for=F("valid_until")).select_related("course", "user")
        .order_by("pk"))
    done = []
    for candidate in candidates:
        if not recertification_due(today=today, valid_until=candidate.valid_until,
                                   lead_days=recertification_lead_days(candidate.course)):
            continue
        with transaction.atomic():
            row = (PersonAssignment.objects.select_for_update(of=("self",))
                   .select_related("enrolment", "course", "user").get(pk=candidate.pk))
            if row.ended_at is not None or row.recertified_for == row.valid_until:
                continue
            row.recertified_for = row.valid_until
            _reassign(row=row, due=row.valid_until, reason="recertification")
            _recertification_mail(row=row)
            done.append(row.pk)
    return done


def _recertification_mail(*, row: PersonAssignment) -> None:
    mail_record(key=f"recertification_due:{row.pk}:{row.valid_until.isoformat()}",
                kind="recertification_due", recipient=row.user, mandatory=row.mandatory,
                values={"name": row.user.get_display_name(), "course": row.course_title,
                        "due_date": row.due_date.isoformat(), "link": dashboard_path()})


@transaction.atomic
def version_reassign(*, course: CoursePage, due_days: int | None = None,
                     today: date | None = None) -> int:
    """A raised content version: everyone currently assigned whose completion is of an
    older version must complete the course again, due `due_days` after today. Returns how
    many were reassigned; a second call with the same version reassigns nobody."""
    today = today or timezone.localdate()
    due = today + timedelta(days=due_days or course.reassign_due_days
                            or DEFAULT_REASSIGN_DUE_DAYS)
    now = timezone.now()
    # people already asked for a newer version (required_since after their completion)
    # are not asked again
    rows = list(PersonAssignment.objects.select_for_update(of=("self",)).filter(
        course=course, ended_at__isnull=True, completed_at__isnull=False)
        .exclude(completed_version=course.content_version)
        .exclude(required_since__gt=F("completed_at")).select_related("enrolment"))
    for row in rows:
        row.required_since = now
        _reassign(row=row, due=due, reason="new content version")
    return len(rows)
