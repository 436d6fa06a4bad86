"""The compliance report needs the same number of SQL queries for 5 and for 50
organisation units: one GROUP BY on the person's unit, the tree in one query, and the
roll-up in Python."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from bench.compliance_data import build_compliance_data
from courses.reports.selectors import compliance_by_unit
from tests.factories import role_user

pytestmark = pytest.mark.django_db


def reads(captured) -> list[str]:
    """The queries that read data (PostgreSQL adds a savepoint and `SET LOCAL` planner settings
    around the aggregate)."""
    return [query["sql"] for query in captured.captured_queries
            if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL"))]


def queries_for(client, url: str) -> int:
    client.get(url)  # warm caches (site root, content types) like a running server
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_report_queries_do_not_grow_with_the_number_of_units(client):
    coordinator = role_user("koordination@example.org", Role.COORDINATOR)
    client.force_login(coordinator)
    url = "/admin/reports/training/compliance/"
    counts, assigned = {}, 0
    for units in (5, 50):
        assigned += 4 * units * 2  # four people per unit, two courses each
        build_compliance_data(units=units, staff=4 * units, courses=2, prefix=f"q{units}")
        with CaptureQueriesContext(connection) as captured:
            report = compliance_by_unit(user=coordinator)
        counts[units] = {"selector": len(reads(captured)), "page": queries_for(client, url)}
        assert report.total.total == assigned
    assert counts[5] == counts[50], counts
    assert counts[5]["selector"] <= 3


def test_state_counts_agree_with_the_compliance_rule():
    """The report counts states with FILTER aggregates; they must agree with the SQL twin
    of the rule (courses.assignments.selectors.compliance_state_expression) on every row."""
    import datetime
    from collections import Counter

    from django.utils import timezone

    from courses.assignments.models import PersonAssignment
    from courses.assignments.selectors import compliance_state_expression
    from courses.reports.selectors import state_counts

    build_compliance_data(units=5, staff=300, courses=3, prefix="agree")
    today = timezone.localdate()
    rows = list(PersonAssignment.objects.order_by("pk")[:40])
    for number, row in enumerate(rows):  # a new content version required of some of them
        if row.completed_at and number % 2:
            row.required_since = row.completed_at + datetime.timedelta(days=1)
        if number % 5 == 0:
            row.due_date = None
        row.save()
    expected = Counter(PersonAssignment.objects.annotate(
        state=compliance_state_expression(today)).values_list("state", flat=True))
    counted = PersonAssignment.objects.aggregate(**state_counts(today))
    assert counted == {state: expected.get(state, 0) for state in counted}
    assert sum(counted.values()) == PersonAssignment.objects.count()
