"""Staff roster files: reading CSV/XLSX with tablib and checking rows (no database).

Columns (English header names, any order, case-insensitive): `email`, `given_name`,
`family_name`, `unit_code` (required); `supervisor_email`, `employee_id`, `roles`
(optional; roles are `;`-separated role names from accounts.roles.Role).
CSV files are UTF-8 (with or without BOM), separated by `,` or `;`.

Errors are kept as data — `{"line": n, "code": "...", "params": {...}}` — and turned into
translated text only when shown (`error_text`), so a stored preview reads in either
language. Line numbers count the header as line 1, as a spreadsheet shows them.
"""

import csv
import io
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

REQUIRED_COLUMNS = ("email", "given_name", "family_name", "unit_code")
OPTIONAL_COLUMNS = ("supervisor_email", "employee_id", "roles")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
ROLE_SEPARATOR = ";"
MAX_FILE_BYTES = 5 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"

MESSAGES = {
    "not_readable": _("The file could not be read. Upload a CSV file (UTF-8, separated by "
                      "commas or semicolons) or an Excel file (.xlsx)."),
    "too_large": _("The file is larger than 5 MB."),
    "empty": _("The file contains no people."),
    "missing_columns": _("Required columns are missing: %(columns)s."),
    "required": _("Line %(line)s: “%(column)s” is empty."),
    "bad_email": _("Line %(line)s: “%(value)s” is not a valid email address."),
    "duplicate_email": _("Line %(line)s: %(value)s appears more than once in the file "
                         "(first in line %(first)s)."),
    "duplicate_employee_id": _("Line %(line)s: employee ID %(value)s appears more than once "
                               "in the file (first in line %(first)s)."),
    "unknown_unit": _("Line %(line)s: there is no organisation unit with the code "
                      "“%(value)s”."),
    "unit_out_of_scope": _("Line %(line)s: the organisation unit “%(value)s” is outside "
                           "your coordination scope."),
    "bad_supervisor_email": _("Line %(line)s: supervisor “%(value)s” is not a valid email "
                              "address."),
    "own_supervisor": _("Line %(line)s: a person cannot be their own supervisor."),
    "unknown_supervisor": _("Line %(line)s: the supervisor %(value)s is neither in the file "
                            "nor on the platform."),
    "unknown_role": _("Line %(line)s: “%(value)s” is not a role you may grant."),
    "person_out_of_scope": _("Line %(line)s: %(value)s has an account outside your "
                             "coordination scope."),
    "administrator": _("Line %(line)s: %(value)s works in the administration (or is "
                       "you); the import does not change this account."),
    "email_taken": _("Line %(line)s: employee ID %(employee_id)s belongs to a person whose "
                     "email address differs, and %(value)s belongs to another account."),
}


def error(code: str, line: int | None = None, **params) -> dict:
    return {"line": line, "code": code, "params": {"line": line, **params}}


def error_text(item: dict) -> str:
    params = item.get("params") or {}
    return str(MESSAGES[item["code"]]) % params if params else str(MESSAGES[item["code"]])


@dataclass(frozen=True)
class RosterRow:
    line: int
    email: str
    given_name: str
    family_name: str
    unit_code: str
    supervisor_email: str = ""
    employee_id: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores personnel numbers as numbers
    return str(value).strip()


def _dataset_from_csv(content: bytes) -> tablib.Dataset:
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    dataset = tablib.Dataset()
    dataset.load(text, format="csv", delimiter=delimiter)
    return dataset


def roster_parse(content: bytes) -> tuple[list[RosterRow], list[dict]]:
    """The file's rows, or a file-level error (unreadable, missing columns, empty)."""
    if len(content) > MAX_FILE_BYTES:
        return [], [error("too_large")]
    try:
        if content.startswith(XLSX_MAGIC):
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        else:
            dataset = _dataset_from_csv(content)
    except (UnicodeDecodeError, csv.Error, tablib.InvalidDimensions, tablib.UnsupportedFormat,
            ValueError, KeyError, OSError):
        return [], [error("not_readable")]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken workbook
        return [], [error("not_readable")]
    headers = [_cell(header).lower() for header in (dataset.headers or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        if not any(headers) or len(headers) < 2:
            return [], [error("not_readable")]
        return [], [error("missing_columns", columns=", ".join(missing))]
    index = {name: headers.index(name) for name in COLUMNS if name in headers}
    rows = []
    for number, values in enumerate(dataset, start=2):
        cells = {name: _cell(values[position]) if position < len(values) else ""
                 for name, position in index.items()}
        if not any(cells.values()):
            continue
        rows.append(RosterRow(
            line=number, email=cells["email"].lower(), given_name=cells["given_name"],
            family_name=cells["family_name"], unit_code=cells["unit_code"],
            supervisor_email=cells.get("supervisor_email", "").lower(),
            employee_id=cells.get("employee_id", ""),
            roles=tuple(role.strip() for role in cells.get("roles", "").split(ROLE_SEPARATOR)
                        if role.strip()),
        ))
    if not rows:
        return [], [error("empty")]
    return rows, []


def _valid_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def rows_check(rows: list[RosterRow], *, unit_codes: set[str], scope_codes: set[str] | None,
               platform_emails: set[str], grantable_roles: set[str] | None) -> list[dict]:
    """One error per problem, naming the line. `scope_codes` None: every unit is in scope;
    `grantable_roles` None: every role may be granted."""
    errors: list[dict] = []
    first_email: dict[str, int] = {}
    first_employee_id: dict[str, int] = {}
    for row in rows:
        line = row.line
        for column in REQUIRED_COLUMNS:
            if not getattr(row, column):
                errors.append(error("required", line, column=column))
        if row.email and not _valid_email(row.email):
            errors.append(error("bad_email", line, value=row.email))
        elif row.email in first_email:
            errors.append(error("duplicate_email", line, value=row.email,
                                first=first_email[row.email]))
        elif row.email:
            first_email[row.email] = line
        if row.employee_id:
            if row.employee_id in first_employee_id:
                errors.append(error("duplicate_employee_id", line, value=row.employee_id,
                                    first=first_employee_id[row.employee_id]))
            else:
                first_employee_id[row.employee_id] = line
        if row.unit_code and row.unit_code not in unit_codes:
            errors.append(error("unknown_unit", line, value=row.unit_code))
        elif row.unit_code and scope_codes is not None and row.unit_code not in scope_codes:
            errors.append(error("unit_out_of_scope", line, value=row.unit_code))
        for role in row.roles:
            if grantable_roles is not None and role not in grantable_roles:
                errors.append(error("unknown_role", line, value=role))
    in_file = set(first_email)
    for row in rows:
        supervisor = row.supervisor_email
        if not supervisor:
            continue
        if not _valid_email(supervisor):
            errors.append(error("bad_supervisor_email", row.line, value=supervisor))
        elif supervisor == row.email:
            errors.append(error("own_supervisor", row.line))
        elif supervisor not in in_file and supervisor not in platform_emails:
            errors.append(error("unknown_supervisor", row.line, value=supervisor))
    return errors
