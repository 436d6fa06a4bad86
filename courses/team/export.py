"""The team overview as a spreadsheet: CSV (German Excel: BOM, semicolons) or XLSX.

Every text cell passes `core.exports.cell_neutralise`, so a name like "=HYPERLINK(…)"
stays text in Excel and LibreOffice.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.exports import BOM, cell_neutralise
from courses.assignments.selectors import ComplianceRow
from courses.rules import ComplianceState

FORMATS = ("csv", "xlsx")


def _headings() -> list[str]:
    return [_("Person"), _("Email address"), _("Organisation unit"), _("Course"),
            _("Mandatory"), _("Due date"), _("State"), _("Completed on"),
            _("Content version"), _("Valid until")]


def _cells(row: ComplianceRow, *, as_text: bool) -> list:
    def day(value):
        if value is None:
            return ""
        return formats.date_format(value, "SHORT_DATE_FORMAT") if as_text else value

    completed = timezone.localdate(row.completed_at) if row.completed_at else None
    return [cell_neutralise(value) for value in (
        row.person_name, row.person_email, row.unit_name, row.course_title,
        _("Yes") if row.mandatory else _("No"), day(row.due_date),
        str(ComplianceState(row.state).label), day(completed), row.completed_version,
        day(row.valid_until))]


def team_export_response(*, rows: list[ComplianceRow], export_format: str,
                         filename: str) -> HttpResponse:
    """An attachment with one line per person and course, in the order shown."""
    if export_format == "xlsx":
        from openpyxl import Workbook  # late import: only exports need the spreadsheet library

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Team")[:31])
        sheet.append(_headings())
        for row in rows:
            sheet.append(_cells(row, as_text=False))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_headings())
    for row in rows:
        writer.writerow(_cells(row, as_text=True))
    response = HttpResponse(BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
