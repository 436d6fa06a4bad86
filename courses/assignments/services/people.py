"""The people an assignment reaches: their PersonAssignment rows, reaches and enrolments,
created and kept in line in bulk, and one person's rows brought in line after they
joined, moved or changed roles."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from courses.assignments.models import Assignment, AssignmentReach, Completion, PersonAssignment
from courses.assignments.selectors import assignments_reaching
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment, EnrolmentEvent, EnrolmentSource, LessonProgress
from courses.learning.services import enrolment_transition
from courses.rules import EnrolmentStatus, due_date_for, earliest_due

ES = EnrolmentStatus
BATCH_SIZE = 500


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
        units = dict(User.objects.filter(pk__in=missing).values_list("pk", "home_unit_id"))
        enrolments = _enrolments_for(course=course, due_by_user=dict.fromkeys(missing, due),
                                     actor=assignment.created_by)
        PersonAssignment.objects.bulk_create([
            PersonAssignment(user_id=uid, course=course, course_title=course.title,
                             mandatory=assignment.mandatory, due_date=due,
                             home_unit_id=units.get(uid), enrolment_id=enrolments[uid].pk,
                             **facts.get(uid, {}))
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

    The rows (history too) take the person's home unit: the compliance report counts them
    there. New reaches get their due date relative to `joined_on` where the assignment says so;
    reaches that no longer apply go, and rows nothing reaches any more end (history kept).
    """
    today = today or timezone.localdate()
    person_assignments_home_unit_sync(user=user)
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


def person_assignments_home_unit_sync(*, user: User) -> int:
    """Copy the person's home unit onto their rows where it differs (one UPDATE); returns
    how many rows changed."""
    rows = PersonAssignment.objects.filter(user=user)
    if user.home_unit_id is None:
        rows = rows.filter(home_unit__isnull=False)
    else:
        rows = rows.exclude(home_unit_id=user.home_unit_id)
    return rows.update(home_unit_id=user.home_unit_id)
