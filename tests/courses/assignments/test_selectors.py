"""The SQL compliance expression gives the same state as the Python rule on every branch,
and the compliance rows cost a constant number of queries."""

from datetime import datetime, timedelta
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from courses.assignments.models import PersonAssignment
from courses.assignments.selectors import compliance_rows, compliance_state_expression
from courses.rules import ComplianceState, compliance_state

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def moment(days: int) -> datetime:
    return timezone.now() + timedelta(days=days)


def test_sql_and_python_agree_on_every_branch(demo):
    user = User.objects.get(email="lernende@demo.example")
    due_dates = [None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)]
    started = [None, moment(-20)]
    completed = [None, moment(-10)]
    valid = [None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=100)]
    required = [None, moment(-30), moment(-5)]
    rows = [PersonAssignment(user=user, course=None, course_title="x", due_date=due,
                             started_at=start, completed_at=done, valid_until=until,
                             required_since=since)
            for due, start, done, until, since in product(due_dates, started, completed,
                                                          valid, required)]
    PersonAssignment.objects.bulk_create(rows)
    seen = set()
    for row in PersonAssignment.objects.filter(user=user, course=None).annotate(
            state=compliance_state_expression(TODAY)):
        expected = compliance_state(
            today=TODAY, due_date=row.due_date, started=row.started_at is not None,
            completed_at=row.completed_at, valid_until=row.valid_until,
            required_since=row.required_since)
        assert row.state == expected, (row.due_date, row.started_at, row.completed_at,
                                       row.valid_until, row.required_since)
        seen.add(row.state)
    assert seen == set(ComplianceState.values)


def test_the_expression_works_through_a_relation(demo):
    from django.db.models import Count, Q

    user = User.objects.get(email="lernende@demo.example")
    PersonAssignment.objects.create(user=user, course=None, course_title="x",
                                    due_date=TODAY - timedelta(days=3))
    counted = User.objects.filter(pk=user.pk).annotate(
        state=compliance_state_expression(TODAY, prefix="person_assignments__")).aggregate(
        overdue=Count("pk", filter=Q(state=ComplianceState.OVERDUE)))
    assert counted["overdue"] == 1


def test_compliance_rows_cost_one_query_however_many_people(demo):
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="ki-dienstanweisung")

    def build(count, prefix):
        users = [User.objects.create_user(email=f"{prefix}{n}@test.example") for n in
                 range(count)]
        PersonAssignment.objects.bulk_create([
            PersonAssignment(user=user, course=course, course_title=course.title,
                             due_date=TODAY) for user in users])
        return users

    small = build(2, "s")
    with CaptureQueriesContext(connection) as few:
        assert len(compliance_rows(users=[u.pk for u in small])) == 2
    large = build(30, "l")
    with CaptureQueriesContext(connection) as many:
        assert len(compliance_rows(users=[u.pk for u in large])) == 30
    assert len(few) == len(many) == 1
