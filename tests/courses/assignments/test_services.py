"""Assignments as coordinators and learners notice them: who gets the course, by when,
what happens when people move, and that doing anything twice changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from accounts.models import User
from courses.assignments.exceptions import AssignmentInvalid, AssignmentOutsideScope
from courses.assignments.models import (
    Assignment,
    AssignmentTarget,
    JobState,
    PersonAssignment,
)
from courses.assignments.selectors import assignments_for_user, compliance_rows
from courses.assignments.services import (
    assignment_apply,
    assignment_create,
    assignment_end,
)
from courses.models import Enrolment, EnrolmentSource, EnrolmentStatus
from courses.reports.selectors import compliance_by_unit
from courses.rules import ComplianceState, DueMode

pytestmark = pytest.mark.django_db
T = AssignmentTarget
TODAY = timezone.localdate()


@pytest.fixture
def english():
    """The refusal messages are read in English (the site's first language is German)."""
    with translation.override("en"):
        yield


@pytest.fixture
def assign(coordinator, ki_course, jobs_inline, django_capture_on_commit_callbacks):
    def assign(*, actor=None, course=None, **kwargs):
        kwargs.setdefault("due_mode", DueMode.FIXED)
        if kwargs["due_mode"] == DueMode.FIXED:
            kwargs.setdefault("due_date", TODAY + timedelta(days=30))
        with django_capture_on_commit_callbacks(execute=True):
            assignment, created = assignment_create(actor=actor or coordinator,
                                                    course=course or ki_course, **kwargs)
        assignment.refresh_from_db()
        return assignment, created
    return assign


def current(user, course):
    return PersonAssignment.objects.get(user=user, course=course, ended_at__isnull=True)


def test_assigning_a_unit_reaches_everyone_below_it_with_an_active_enrolment(
        assign, staff, tree, ki_course):
    assignment, created = assign(target_kind=T.UNIT, unit=tree["ministry"])
    assert created
    assert (assignment.job_state, assignment.job_total, assignment.job_done) == \
        (JobState.DONE, 3, 3)
    reached = set(PersonAssignment.objects.filter(
        course=ki_course, user__in=staff.values()).values_list("user__email", flat=True))
    assert reached == {"anna@test.example", "ben@test.example", "cem@test.example"}
    enrolment = Enrolment.objects.get(learner=staff["ben"], course=ki_course)
    assert (enrolment.status, enrolment.source, enrolment.due_date) == \
        (EnrolmentStatus.ACTIVE, EnrolmentSource.ASSIGNED, TODAY + timedelta(days=30))
    assert assignments_for_user(staff["ben"])[ki_course.pk].state == \
        ComplianceState.NOT_STARTED


def test_a_unit_without_its_subunits_reaches_only_its_own_people(assign, staff, tree,
                                                                  ki_course):
    assign(target_kind=T.UNIT, unit=tree["office"], include_subunits=False)
    assert list(PersonAssignment.objects.filter(
        course=ki_course, user__in=staff.values()).values_list(
        "user__email", flat=True)) == ["anna@test.example"]


def test_assigning_twice_changes_nothing_and_the_job_twice_neither(assign, staff, tree,
                                                                   ki_course):
    first, _ = assign(target_kind=T.UNIT, unit=tree["ministry"])
    again, created = assign(target_kind=T.UNIT, unit=tree["ministry"])
    assert not created and again.pk == first.pk
    rows = list(PersonAssignment.objects.order_by("pk").values())
    enrolments = Enrolment.objects.filter(course=ki_course).count()
    assignment_apply(assignment_id=first.pk)
    assert list(PersonAssignment.objects.order_by("pk").values()) == rows
    assert Enrolment.objects.filter(course=ki_course).count() == enrolments


def test_a_job_killed_half_way_completes_when_run_again(assign, staff, tree, ki_course,
                                                        monkeypatch, coordinator):
    from courses.assignments import services

    monkeypatch.setattr(services, "BATCH_SIZE", 1)
    calls = {"n": 0}
    original = services._reach_people

    def dying(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return original(**kwargs)

    monkeypatch.setattr(services, "_reach_people", dying)
    with pytest.raises(RuntimeError):
        assign(target_kind=T.UNIT, unit=tree["ministry"])
    assignment = Assignment.objects.get(unit=tree["ministry"])
    assert assignment.job_state == JobState.FAILED and assignment.job_done == 1
    assert PersonAssignment.objects.filter(user__in=staff.values()).count() == 1
    monkeypatch.setattr(services, "_reach_people", original)
    assignment = assignment_apply(assignment_id=assignment.pk)
    assert (assignment.job_state, assignment.job_done) == (JobState.DONE, 3)
    assert PersonAssignment.objects.filter(course=ki_course,
                                           user__in=staff.values()).count() == 3
    assert Enrolment.objects.filter(course=ki_course, learner__in=staff.values()).count() == 3


def test_a_person_assigned_by_unit_and_by_role_has_one_row_with_the_earlier_due_date(
        assign, staff, tree, ki_course, role_group):
    staff["anna"].groups.add(role_group)
    assign(target_kind=T.UNIT, unit=tree["office"], due_date=TODAY + timedelta(days=60),
           mandatory=False)
    assign(target_kind=T.ROLE, group=role_group, due_date=TODAY + timedelta(days=20))
    row = current(staff["anna"], ki_course)
    assert row.due_date == TODAY + timedelta(days=20)
    assert row.mandatory
    assert row.assignments.count() == 2
    assert PersonAssignment.objects.filter(user=staff["anna"]).count() == 1
    # ending the role assignment keeps the row, due by the unit's date, no longer mandatory
    assignment_end(assignment=Assignment.objects.get(target_kind=T.ROLE))
    row = current(staff["anna"], ki_course)
    assert row.due_date == TODAY + timedelta(days=60) and not row.mandatory
    assert Enrolment.objects.get(learner=staff["anna"], course=ki_course).due_date == \
        TODAY + timedelta(days=60)


def test_ending_the_last_assignment_keeps_the_row_as_history(assign, staff, ki_course):
    assignment, _ = assign(target_kind=T.PERSON, person=staff["dora"])
    assert assignment_end(assignment=assignment) == 1
    assert assignment_end(assignment=assignment) == 0
    row = PersonAssignment.objects.get(user=staff["dora"], course=ki_course)
    assert row.ended_at is not None
    assert assignments_for_user(staff["dora"]) == {}


def test_a_person_moving_units_gets_the_new_units_assignment_and_loses_the_old(
        assign, staff, tree, ki_course, demo):
    from courses.models import CoursePage

    privacy = CoursePage.objects.get(slug="datenschutz-grundlagen")
    assign(target_kind=T.UNIT, unit=tree["ministry"])
    assign(target_kind=T.UNIT, unit=tree["other"], course=privacy,
           due_mode=DueMode.AFTER_JOINING, due_days=14)
    anna = User.objects.get(pk=staff["anna"].pk)
    anna.home_unit = tree["empty"]  # below the other ministry
    anna.save()
    old = PersonAssignment.objects.get(user=anna, course=ki_course)
    assert old.ended_at is not None  # history kept
    new = current(anna, privacy)
    assert new.due_date == TODAY + timedelta(days=14)
    # coming back: a new current row, the old one stays history
    anna.home_unit = tree["office"]
    anna.save()
    assert current(anna, ki_course).pk != old.pk
    assert PersonAssignment.objects.filter(user=anna, course=ki_course).count() == 2
    assert PersonAssignment.objects.get(pk=new.pk).ended_at is not None


def test_a_person_moving_within_the_assigned_units_is_counted_in_the_new_unit(
        assign, staff, tree, ki_course):
    def assigned_per_unit():
        report = compliance_by_unit(user=None, course=ki_course, unit=tree["ministry"])
        return {row.code: row.total for row in report.rows}

    assign(target_kind=T.UNIT, unit=tree["ministry"])
    assert assigned_per_unit() == {"t-min": 3, "t-amt": 2, "t-ref": 1}
    row = current(staff["ben"], ki_course)
    ben = User.objects.get(pk=staff["ben"].pk)
    ben.home_unit = tree["ministry"]  # still reached by the same assignment
    ben.save()
    assert current(ben, ki_course).pk == row.pk
    assert assigned_per_unit() == {"t-min": 3, "t-amt": 1}


def test_someone_joining_later_or_getting_the_role_later_is_assigned_automatically(
        assign, staff, tree, ki_course, role_group):
    assign(target_kind=T.UNIT, unit=tree["office"], due_mode=DueMode.AFTER_JOINING,
           due_days=10)
    newcomer = User.objects.create_user(email="neu@test.example", password="x-Geheim-123",
                                        home_unit=tree["department"])
    assert current(newcomer, ki_course).due_date == TODAY + timedelta(days=10)
    assert Enrolment.objects.filter(learner=newcomer, course=ki_course,
                                    status=EnrolmentStatus.ACTIVE).exists()
    assign(target_kind=T.ROLE, group=role_group, due_date=TODAY + timedelta(days=3))
    staff["dora"].groups.add(role_group)
    assert current(staff["dora"], ki_course).due_date == TODAY + timedelta(days=3)
    role_group.user_set.remove(staff["dora"])
    assert not PersonAssignment.objects.filter(user=staff["dora"],
                                               ended_at__isnull=True).exists()


def test_a_deactivated_account_no_longer_counts(assign, staff, tree, ki_course):
    assign(target_kind=T.UNIT, unit=tree["ministry"])
    staff["cem"].is_active = False
    staff["cem"].save()
    rows = compliance_rows(courses=[ki_course.pk], users=list(staff.values()))
    assert {row.person_email for row in rows} == {"anna@test.example", "ben@test.example"}


def test_an_empty_unit_is_refused_with_a_clear_message(assign, tree, english):
    with pytest.raises(AssignmentInvalid, match="Nobody belongs to this unit"):
        assign(target_kind=T.UNIT, unit=tree["empty"])
    assert not Assignment.objects.filter(unit=tree["empty"]).exists()


def test_a_due_date_in_the_past_is_refused(assign, staff, english):
    with pytest.raises(AssignmentInvalid, match="lies in the past"):
        assign(target_kind=T.PERSON, person=staff["anna"],
               due_date=TODAY - timedelta(days=1))
    with pytest.raises(AssignmentInvalid, match="at least 1"):
        assign(target_kind=T.PERSON, person=staff["anna"],
               due_mode=DueMode.AFTER_ASSIGNMENT, due_days=0)


def test_a_scoped_coordinator_assigns_only_within_the_scope(assign, staff, tree,
                                                            coordinator, role_group, english):
    scoped = User.objects.create_user(email="scoped@test.example", password="x-Geheim-123")
    scoped.scope_units.add(tree["office"])
    with pytest.raises(AssignmentOutsideScope):
        assign(actor=scoped, target_kind=T.UNIT, unit=tree["ministry"])
    with pytest.raises(AssignmentOutsideScope):
        assign(actor=scoped, target_kind=T.PERSON, person=staff["dora"])
    with pytest.raises(AssignmentOutsideScope, match="only coordinators for all units"):
        assign(actor=scoped, target_kind=T.ROLE, group=role_group)
    assignment, created = assign(actor=scoped, target_kind=T.UNIT, unit=tree["department"])
    assert created and assignment.job_done == 1


def test_a_waiting_or_withdrawn_enrolment_becomes_active_when_assigned(assign, staff,
                                                                      ki_course):
    from courses.services import enrolment_create, enrolment_withdraw

    enrolment = enrolment_create(learner=staff["anna"], course=ki_course)
    enrolment_withdraw(enrolment=enrolment, actor=staff["anna"])
    assign(target_kind=T.PERSON, person=staff["anna"])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert current(staff["anna"], ki_course).enrolment_id == enrolment.pk


def test_an_unpublished_course_keeps_its_rows_marked_not_available(assign, staff,
                                                                  ki_course):
    assign(target_kind=T.PERSON, person=staff["anna"], due_date=TODAY)
    ki_course.unpublish()
    row = assignments_for_user(staff["anna"])[ki_course.pk]
    assert not row.course_available
    assert row.state == ComplianceState.NOT_STARTED
    with pytest.raises(AssignmentInvalid, match="Nur veröffentlichte Kurse"):
        assign(target_kind=T.PERSON, person=staff["ben"])


def test_the_day_after_the_due_date_the_course_is_overdue(assign, staff, ki_course):
    assign(target_kind=T.PERSON, person=staff["anna"], due_date=TODAY)
    rows = compliance_rows(users=[staff["anna"].pk], today=TODAY + timedelta(days=1))
    assert rows[0].state == ComplianceState.OVERDUE
