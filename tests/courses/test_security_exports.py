"""Issue 9, finding 9 for enrolments: a learner whose name is a formula cannot plant it in
the coordinator's CSV or XLSX export."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from accounts.roles import Role
from core.exports import FORMULA_PREFIXES
from courses.models import Enrolment
from tests.factories import role_user

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/","Zertifikat")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def poisoned(db):
    learner = role_user("-1+1@example.org", Role.LEARNER, first_name=HYPERLINK)
    return Enrolment.objects.create(learner=learner, course_title=SUM)


@pytest.fixture
def coordinator(db):
    return role_user("koordination@example.org", Role.COORDINATOR)


def cells(rows):
    return [cell for row in rows for cell in row]


def test_enrolment_csv_export_neutralises_formulas(client, coordinator, poisoned):
    client.force_login(coordinator)
    response = client.get("/admin/enrolments/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    values = cells(csv.reader(io.StringIO(text)))
    assert not [v for v in values if v.startswith(FORMULA_PREFIXES)]
    assert "'" + HYPERLINK in values and "'" + SUM in values
    assert "'-1+1@example.org" in values
    assert ModelLogEntry.objects.get(action="dk.export").data["export"] == "courses.enrolment"


def test_enrolment_xlsx_export_neutralises_formulas(client, coordinator, poisoned):
    client.force_login(coordinator)
    response = client.get("/admin/enrolments/", {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = cells(workbook.active.iter_rows(values_only=True))
    assert not [v for v in values if isinstance(v, str) and v.startswith(FORMULA_PREFIXES)]
    assert "'" + HYPERLINK in values and "'" + SUM in values
