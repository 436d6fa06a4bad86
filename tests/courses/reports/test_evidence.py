"""The AI-Act evidence report per authority: who completed which content version when,
who is missing, in progress or overdue — on the admin page, as CSV, XLSX and PDF, and from
`manage.py compliance_report` with the same content."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from courses.reports.evidence import evidence_csv
from courses.reports.selectors import evidence_report

pytestmark = pytest.mark.django_db
URL = "/admin/reports/training/evidence/"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_evidence_lists_versions_and_missing_people_first(world):
    report = evidence_report(course=world["course"], unit=world["ministry"])
    states = [row.state for row in report.rows]
    assert states == ["overdue", "expired", "in_progress", "completed"]
    assert report.versions == ["1", "2"]
    assert report.counts.completed == 1 and report.counts.total == 4
    anna = report.rows[-1]
    assert anna.person_email == "anna@example.org" and anna.completed_version == "2"


def test_scope_limits_the_evidence(world):
    report = evidence_report(course=world["course"], unit=None, user=world["coordinator"])
    assert {row.person_email for row in report.rows} == {
        "anna@example.org", "bernd@example.org", "clara@example.org", "dora@example.org"}
    outside = evidence_report(course=world["course"], unit=world["district"],
                              user=world["coordinator"])
    assert outside.rows == []


def test_admin_page_shows_the_report_and_offers_three_files(client, world):
    client.force_login(world["coordinator"])
    assert client.get(URL).status_code == 200  # nothing chosen yet: a hint
    response = client.get(URL, {"course": world["course"].pk, "unit": world["ministry"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "anna@example.org" not in html  # the page shows names; the files add emails
    assert "Anna Muster" in html and "Bernd Muster" in html and "Emil" not in html
    for export_format in ("pdf", "xlsx", "csv"):
        assert f"export={export_format}" in html


def test_downloads_csv_xlsx_and_pdf(client, world):
    client.force_login(world["all"])
    params = {"course": world["course"].pk, "unit": world["land"].pk}
    csv_response = client.get(URL, {**params, "export": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert 'filename="nachweis-ki-dienstanweisung-test-th-' in csv_response[
        "Content-Disposition"]
    text = csv_response.content.decode("utf-8-sig")
    assert "anna@example.org" in text and ";2;" in text
    assert "'=Cmd" in text  # a name that looks like a formula stays text
    xlsx = client.get(URL, {**params, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    emails = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "emil@example.org" in emails
    pdf = client.get(URL, {**params, "export": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "Schulungsnachweis: KI-Dienstanweisung" in text
    assert "Erfasste Fassungen: 1, 2" in text and "Seite 1" in text
    assert "überfällig" in text and "Freistaat Thüringen" in text


def test_pdf_of_many_people_has_numbered_pages(world):
    from tests.courses.reports.conftest import assign
    from tests.factories import role_user

    for number in range(80):
        person = role_user(f"person{number}@example.org", None, first_name="Person",
                           last_name=f"{number:03}", home_unit=world["district"])
        assign(person, world["course"], state="not_started")
    from courses.reports.evidence import evidence_pdf

    content = evidence_pdf(evidence_report(course=world["course"], unit=world["land"]))
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 3
    assert "Seite 3" in reader.pages[2].extract_text()
    # the table's heading repeats on every page
    assert "Organisationseinheit" in reader.pages[2].extract_text()


def test_command_writes_the_same_report(world, tmp_path):
    target = tmp_path / "nachweis.csv"
    call_command("compliance_report", "--course", world["course"].slug, "--unit", "th-a",
                 "--format", "csv", "--output", str(target))
    expected = evidence_csv(evidence_report(course=world["course"], unit=world["ministry"]))
    assert target.read_bytes() == expected
    pdf = tmp_path / "nachweis.pdf"
    call_command("compliance_report", "--course", world["course"].slug, "--format", "pdf",
                 "--output", str(pdf))
    assert "Schulungsnachweis" in pdf_text(pdf.read_bytes())
    xlsx = tmp_path / "nachweis.xlsx"
    call_command("compliance_report", "--course", world["course"].slug, "--format", "xlsx",
                 "--output", str(xlsx))
    assert load_workbook(xlsx).active.max_row > 6


def test_command_refuses_unknown_course_or_unit(world, tmp_path):
    target = tmp_path / "x.csv"
    translation.activate("en")
    with pytest.raises(CommandError, match="slug"):
        call_command("compliance_report", "--course", "gibt-es-nicht", "--format", "csv",
                     "--output", str(target))
    with pytest.raises(CommandError, match="code"):
        call_command("compliance_report", "--course", world["course"].slug, "--unit",
                     "xx-unbekannt", "--format", "csv", "--output", str(target))
    assert not target.exists()
