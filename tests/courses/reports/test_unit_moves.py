"""The compliance report counts each assigned course in the unit its person belongs to now.

The report groups the assigned courses by the home unit stored on each row (so that the
whole state is one GROUP BY over one table); these tests fail when that copy goes stale:
a person moved by saving them, by the admin's user form or by the staff roster import is
counted in the new unit, a person without a unit among those without one.
"""

import importlib

import pytest
from django.apps import apps

from accounts.models import User
from accounts.roster.services import roster_apply
from courses.assignments.models import PersonAssignment
from courses.reports.selectors import compliance_by_unit
from tests.courses.reports.conftest import assign

pytestmark = pytest.mark.django_db


def counts(report) -> dict[str, tuple[int, int]]:
    """(completed, assigned) per unit code."""
    return {row.code: (row.completed, row.total) for row in report.rows}


def test_a_new_row_takes_the_persons_home_unit(world):
    anna = world["people"]["anna"]
    assert PersonAssignment.objects.get(user=anna).home_unit == world["ministry"]


def test_a_person_who_moves_is_counted_in_the_new_unit(world):
    anna = User.objects.get(pk=world["people"]["anna"].pk)  # completed, in Ministerium A
    before = counts(compliance_by_unit(user=world["all"]))
    assert before["th-a"] == (1, 4) and before["th-b"] == (0, 2)
    anna.home_unit = world["district"]
    anna.save()
    after = counts(compliance_by_unit(user=world["all"]))
    assert after["th-a"] == (0, 3)
    assert after["th-b"] == (1, 3)
    assert after["th"] == before["th"]  # the Land still counts everyone once
    # the scoped coordinator of Ministerium A no longer counts her
    assert compliance_by_unit(user=world["coordinator"]).total.total == 3


def test_a_person_moved_in_the_admin_user_form_is_counted_in_the_new_unit(client, world):
    admin = User.objects.create_superuser(email="admin-move@example.org", password=None)
    client.force_login(admin)
    clara = world["people"]["clara"]  # in progress, in Referat A1
    response = client.post(f"/admin/users/edit/{clara.pk}/", {
        "email": clara.email, "first_name": clara.first_name, "last_name": clara.last_name,
        "display_name": "", "home_unit": world["district"].pk, "supervisor": "",
        "is_active": "on", "groups": list(clara.groups.values_list("pk", flat=True)),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    report = compliance_by_unit(user=world["all"])
    rows = {row.code: row for row in report.rows}
    assert rows["th-a1"].in_progress == 0 and rows["th-a1"].total == 1
    assert rows["th-b"].in_progress == 1 and rows["th-b"].total == 3


def test_a_person_moved_by_the_roster_import_is_counted_in_the_new_unit(world):
    header = "email,given_name,family_name,unit_code,supervisor_email,employee_id,roles\n"
    line = "emil@example.org,Emil,Muster,th-a1,,,\n"  # not started, from Landratsamt B
    roster_apply((header + line).encode(), actor=world["all"], full=False)
    rows = {row.code: row for row in compliance_by_unit(user=world["all"]).rows}
    assert (rows["th-a1"].not_started, rows["th-a1"].total) == (1, 3)
    assert (rows["th-b"].not_started, rows["th-b"].total) == (1, 1)


def test_a_person_without_a_unit_any_more_is_counted_among_those_without_one(world):
    dora = User.objects.get(pk=world["people"]["dora"].pk)  # expired, in Referat A1
    dora.home_unit = None
    dora.save()
    report = compliance_by_unit(user=world["all"])
    assert (report.without_unit.expired, report.without_unit.total) == (1, 1)
    assert {row.code: row.expired for row in report.rows}["th-a1"] == 0
    assert report.total.total == 6


def test_a_row_created_after_the_move_starts_in_the_new_unit(world, course):
    anna = User.objects.get(pk=world["people"]["anna"].pk)
    anna.home_unit = world["office"]
    anna.save()
    PersonAssignment.objects.filter(user=anna).update(ended_at=anna.date_joined)
    assign(anna, course, state="overdue")
    row = PersonAssignment.objects.get(user=anna, ended_at__isnull=True)
    assert row.home_unit == world["office"]
    assert {r.code: r.overdue for r in compliance_by_unit(user=world["all"]).rows}[
        "th-a1"] == 1


def test_the_migration_fills_the_unit_of_existing_rows(world):
    PersonAssignment.objects.update(home_unit=None)  # rows as they were before the column
    assert compliance_by_unit(user=world["all"]).without_unit.total == 6
    migration = importlib.import_module("courses.migrations.0012_person_assignment_home_unit")
    migration.fill_home_unit(apps, None)  # it needs no schema changes
    report = compliance_by_unit(user=world["all"])
    assert report.without_unit.total == 0
    assert counts(report)["th-a"] == (1, 4) and counts(report)["th-b"] == (0, 2)
