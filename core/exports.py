"""Spreadsheet exports that cannot carry formulas into Excel or LibreOffice."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class NeutralisedSpreadsheetExportMixin:
    """Put before a Wagtail view that has SpreadsheetExportMixin (an index view with
    `list_export`): every CSV and XLSX cell passes through `cell_neutralise`.

    Override point: `export_done(queryset=…, export_format=…)` runs once per export, e.g.
    to record it in an audit log.
    """

    def preprocess_field_value(self, field, value, export_format):
        return cell_neutralise(super().preprocess_field_value(field, value, export_format))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        self.export_done(queryset=queryset, export_format=spreadsheet_format)
        return response

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
