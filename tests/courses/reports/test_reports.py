"""Coordinators' training reports: compliance per unit rolled up the tree, the overdue
list, completions per month, certificates issued — each with a chart and the same numbers
in a table, filters and CSV/XLSX export, and only within the coordinator's scope."""

import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from certificates.models import Certificate
from courses.reports.selectors import compliance_by_unit, overdue_assignments
from tests.factories import role_user

pytestmark = pytest.mark.django_db
BASE = "/admin/reports/training/"


def listing(html: str) -> str:
    """The report's table (not the admin's keyboard-shortcut table)."""
    start = html.index('<table class="listing')
    return html[start:html.index("</table>", start)]


def rows_by_code(report):
    return {row.code: row for row in report.rows}


def test_compliance_rolls_sub_units_up_into_their_parents(world):
    report = compliance_by_unit(user=world["all"])
    rows = rows_by_code(report)
    office, ministry, land = rows["th-a1"], rows["th-a"], rows["th"]
    assert (office.in_progress, office.expired, office.total) == (1, 1, 2)
    assert (ministry.completed, ministry.overdue, ministry.in_progress, ministry.expired,
            ministry.total) == (1, 1, 1, 1, 4)
    assert (land.total, land.completed, land.not_started) == (6, 1, 2)
    assert ministry.rate == 25.0
    assert report.total.total == 6
    # the tree order: parents before their children, children by name
    assert [row.code for row in report.rows] == ["th", "th-b", "th-a", "th-a1"]


def test_a_scoped_coordinator_sees_only_their_units(world):
    report = compliance_by_unit(user=world["coordinator"])
    assert [row.code for row in report.rows] == ["th-a", "th-a1"]
    assert report.total.total == 4
    # a unit outside the scope chosen by URL tampering counts nobody
    outside = compliance_by_unit(user=world["coordinator"], unit=world["district"])
    assert outside.rows == [] and outside.total.total == 0


def test_unit_filter_limits_to_the_subtree(world):
    report = compliance_by_unit(user=world["all"], unit=world["ministry"])
    assert [row.code for row in report.rows] == ["th-a", "th-a1"]
    assert report.rows[0].depth == 0 and report.rows[1].depth == 1


def test_overdue_list_holds_only_overdue_people_in_scope(world):
    rows = list(overdue_assignments(user=world["coordinator"]))
    assert [row.user for row in rows] == [world["people"]["bernd"]]
    assert list(overdue_assignments(user=world["coordinator"], unit=world["district"])) == []


def test_compliance_page_has_a_chart_and_the_table(client, world):
    client.force_login(world["all"])
    html = client.get(BASE + "compliance/").content.decode()
    assert 'role="img"' in html and 'aria-labelledby="compliance-chart-title' in html
    assert "<table" in html and "Referat A1" in html and "Ministerium A" in html


def test_compliance_page_filters_by_course_unit_and_mandatory(client, world):
    client.force_login(world["all"])
    response = client.get(BASE + "compliance/", {
        "course": world["course"].pk, "unit": world["ministry"].pk, "mandatory": "mandatory"})
    html = response.content.decode()
    assert response.status_code == 200
    table = listing(html)
    assert "Referat A1" in table and "Landratsamt B" not in table


def test_compliance_export_neutralises_formulas(client, world):
    world["district"].name = "=HYPERLINK(\"http://x\")"
    world["district"].save()
    client.force_login(world["all"])
    response = client.get(BASE + "compliance/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert "Ministerium A" in text
    response = client.get(BASE + "compliance/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in values


def test_overdue_page_lists_days_overdue(client, world):
    client.force_login(world["coordinator"])
    html = client.get(BASE + "overdue/").content.decode()
    table = listing(html)
    assert "Bernd Muster" in table and ">12<" in table.replace(" ", "").replace("\n", "")
    assert "Emil" not in table
    response = client.get(BASE + "overdue/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "bernd@example.org" in text and "12" in text


def test_completions_per_month(client, world):
    client.force_login(world["all"])
    html = client.get(BASE + "completions/").content.decode()
    assert 'id="completions-chart"' in html and "<table" in html
    client.force_login(world["coordinator"])
    response = client.get(BASE + "completions/", {"export": "csv"})
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    # anna and dora completed in scope (two different months at most)
    assert sum(int(line.split(",")[1]) for line in lines[1:]) == 2


def test_certificates_issued_per_month_within_scope(client, world):
    from django.utils import timezone

    for key, code in (("anna", "INSIDE000001"), ("emil", "OUTSIDE00001")):
        person = world["people"][key]
        Certificate.objects.create(
            recipient=person, kind="course", achievement_key=f"course:{code}",
            recipient_name=person.get_full_name(), title="KI-Dienstanweisung",
            completed_on="2026-03-02", language="de", code=code, status="issued",
            issued_at=timezone.now(), pdf_sha256="0" * 64)
    client.force_login(world["coordinator"])
    html = client.get(BASE + "certificates/").content.decode()
    assert 'id="certificates-chart"' in html
    response = client.get(BASE + "certificates/", {"export": "csv"})
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 2 and lines[1].endswith(",1")


def test_reports_menu_lists_the_training_reports_for_coordinators(client, world):
    client.force_login(world["coordinator"])
    html = client.get("/admin/").content.decode()
    assert BASE + "compliance/" in html and BASE + "evidence/" in html


@pytest.mark.parametrize("report", ["compliance", "overdue", "completions", "certificates",
                                    "evidence"])
def test_learners_and_editors_are_refused(client, world, report):
    for user in (world["people"]["anna"], role_user("redaktion@example.org", Role.EDITOR)):
        client.force_login(user)
        response = client.get(BASE + report + "/")
        assert response.status_code in (302, 403)
        user.delete() if user.email.startswith("redaktion") else None



def test_admin_home_counts_overdue_mandatory_training_in_scope(client, world):
    client.force_login(world["coordinator"])
    html = client.get("/admin/").content.decode()
    start = html.index('id="panel-training-section"')
    panel = html[start:start + 3000]
    assert ">1</strong>" in panel  # bernd; nobody outside the ministry counts
    assert BASE + "overdue/?mandatory=mandatory" in panel


def test_editors_see_no_training_panel(client, world):
    client.force_login(role_user("redaktion@example.org", Role.EDITOR))
    assert 'id="panel-training-section"' not in client.get("/admin/").content.decode()
