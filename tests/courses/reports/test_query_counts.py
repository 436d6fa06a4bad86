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
        counts[units] = {"selector": len(captured), "page": queries_for(client, url)}
        assert report.total.total == assigned
    assert counts[5] == counts[50], counts
    assert counts[5]["selector"] <= 3
