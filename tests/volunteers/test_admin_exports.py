"""Exports German Excel opens as they are: "CSV (Excel)" beside CSV and XLSX, with a
byte-order mark and semicolons; timestamps in Berlin time; status values as labels."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from core.exports import FORMAT_CSV_EXCEL
from volunteers.models import Application, ApplicationStatus
from volunteers.services import application_submit

pytestmark = pytest.mark.django_db
# 23:30 UTC on 31 January is already 1 February in Berlin (UTC+1 in winter).
SUBMITTED_AT = datetime.datetime(2026, 1, 31, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def submitted(draft, applicant):
    application_submit(application=draft, actor=applicant)
    Application.objects.filter(pk=draft.pk).update(submitted_at=SUBMITTED_AT,
                                                   town="Weißensee =1")
    return Application.objects.get(pk=draft.pk)


def _export(client, export_format):
    response = client.get(reverse("wagtailsnippets_volunteers_application:list"),
                          {"export": export_format})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def _column(rows, heading_field):
    with translation.override("de"):
        heading = str(Application._meta.get_field(heading_field).verbose_name)
    index = [cell.lower() for cell in rows[0]].index(heading.lower())
    return rows[1][index]


def test_csv_excel_has_bom_semicolons_umlauts_and_neutralised_cells(client, coordinator,
                                                                    submitted):
    client.force_login(coordinator)
    response, body = _export(client, FORMAT_CSV_EXCEL)
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) > 5 and all(len(row) == len(rows[0]) for row in rows)
    assert _column(rows, "town") == "Weißensee =1"
    assert "lea@example.org" in rows[1]
    # still one audit entry per export, with the format
    entry = ModelLogEntry.objects.filter(action="dk.export").latest("pk")
    assert entry.data["format"] == FORMAT_CSV_EXCEL


def test_plain_csv_stays_comma_separated_without_bom(client, coordinator, submitted):
    client.force_login(coordinator)
    _response, body = _export(client, "csv")
    assert not body.startswith(b"\xef\xbb\xbf")
    assert len(next(csv.reader(io.StringIO(body.decode())))) > 5


def test_exports_write_berlin_time_and_status_labels(client, coordinator, submitted):
    client.force_login(coordinator)
    with translation.override("de"):
        label = str(ApplicationStatus.SUBMITTED.label)
    assert label != ApplicationStatus.SUBMITTED.value
    for export_format, delimiter in (("csv", ","), (FORMAT_CSV_EXCEL, ";")):
        _response, body = _export(client, export_format)
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))
        assert _column(rows, "submitted_at") == "2026-02-01 00:30:00"
        assert _column(rows, "status") == label
    _response, body = _export(client, "xlsx")
    rows = [list(row) for row in load_workbook(io.BytesIO(body)).active.iter_rows(
        values_only=True)]
    rows[0] = [str(cell) for cell in rows[0]]
    assert _column(rows, "submitted_at") == SUBMITTED_AT.astimezone(
        ZoneInfo("Europe/Berlin")).replace(tzinfo=None)
    assert _column(rows, "status") == label


def test_listing_offers_the_csv_excel_download(client, coordinator, submitted):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailsnippets_volunteers_application:list")).content.decode()
    assert f"export={FORMAT_CSV_EXCEL}" in html
