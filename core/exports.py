"""Spreadsheet exports that cannot carry formulas into Excel or LibreOffice, and that
German Excel opens as they are: a "CSV (Excel)" format (UTF-8 with BOM, semicolons),
timestamps in Europe/Berlin, and choice values as their labels in the active language."""

import csv
import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from django.core.exceptions import FieldDoesNotExist
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPORT_TIME_ZONE = ZoneInfo("Europe/Berlin")
FORMAT_CSV_EXCEL = "csv-excel"
BOM = "\ufeff"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_time(value: datetime.datetime) -> datetime.datetime:
    """An aware timestamp as the naive wall-clock time in Berlin (naive ones unchanged)."""
    if timezone.is_aware(value):
        return timezone.make_naive(value, EXPORT_TIME_ZONE)
    return value


class _Echo:
    """A file-like object whose write returns the line (for streaming csv.writer rows)."""

    def write(self, value):
        return value


class NeutralisedSpreadsheetExportMixin:
    """Put before a Wagtail view that has SpreadsheetExportMixin (an index view with
    `list_export`): every CSV and XLSX cell passes through `cell_neutralise`; a third
    format, "CSV (Excel)", is offered beside CSV and XLSX; timestamps are written in
    Europe/Berlin time and the values of fields with choices as their display labels.

    Override point: `export_done(queryset=…, export_format=…)` runs once per export, e.g.
    to record it in an audit log.
    """

    FORMAT_CSV_EXCEL = FORMAT_CSV_EXCEL
    FORMATS = ("xlsx", "csv", FORMAT_CSV_EXCEL)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        model = getattr(self, "model", None)
        for field in row:
            try:
                model_field = model._meta.get_field(field) if model else None
            except FieldDoesNotExist:
                continue
            if model_field is not None and model_field.choices and not model_field.is_relation:
                row[field] = getattr(item, f"get_{field}_display")()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if export_format == FORMAT_CSV_EXCEL:
            export_format = self.FORMAT_CSV
        if isinstance(value, datetime.datetime):
            value = export_time(value)
            if export_format == self.FORMAT_CSV:
                return value.isoformat(sep=" ", timespec="seconds")
        if isinstance(value, bool) and export_format == self.FORMAT_CSV:
            return str(_("Yes") if value else _("No"))
        return cell_neutralise(super().preprocess_field_value(field, value, export_format))

    def stream_csv_excel(self, queryset):
        """CSV as German Excel reads it: a byte-order mark, then semicolon-separated rows."""
        writer = csv.DictWriter(_Echo(), fieldnames=self.list_export, delimiter=";")
        yield BOM + writer.writerow(
            {field: cell_neutralise(self.get_heading(queryset, field))
             for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_excel_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv_excel(queryset),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format == FORMAT_CSV_EXCEL:
            response = self.write_csv_excel_response(queryset)
        else:
            response = super().as_spreadsheet(queryset, spreadsheet_format)
        self.export_done(queryset=queryset, export_format=spreadsheet_format)
        return response

    @property
    def csv_excel_export_url(self):
        return self.get_export_url(FORMAT_CSV_EXCEL)

    @cached_property
    def header_more_buttons(self):
        # late import: Wagtail's admin widgets need the ready app registry
        from wagtail.admin.widgets import Button

        buttons = super().header_more_buttons.copy()
        if self.show_export_buttons:
            buttons.append(Button(_("Download CSV (Excel)"), url=self.csv_excel_export_url,
                                  icon_name="download", priority=101))
        return buttons

    def export_done(self, *, queryset, export_format: str) -> None:
        """Called after each export's response is built; does nothing here."""


def spreadsheet_exports_neutralise() -> None:
    """Make every Wagtail spreadsheet export neutralise its cells, Wagtail's own report
    exports included (site history, which is our audit log, and the page reports); their
    views cannot take our mixin. Called once from CoreConfig.ready; safe to call again."""
    # late import: Wagtail's admin views need the ready app registry (called from ready())
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_cells", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return cell_neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises_cells = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
