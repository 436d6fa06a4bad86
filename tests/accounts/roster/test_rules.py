"""Roster files without the database: parsing CSV/XLSX and one error per kind of problem."""


import pytest
import tablib
from django.utils import translation

from accounts.roster.rules import COLUMNS, error_text, roster_parse, rows_check

HEADER = ",".join(COLUMNS)
UNITS = {"a", "b", "outside"}


def parse(text: str, encoding="utf-8"):
    return roster_parse(text.encode(encoding))


def check(text: str, *, scope=None, platform=(), grantable=None):
    rows, file_errors = parse(text)
    assert file_errors == []
    return [item["code"] for item in rows_check(
        rows, unit_codes=UNITS, scope_codes=scope, platform_emails=set(platform),
        grantable_roles=grantable)]


def test_csv_with_comma_and_bom_and_casefolded_email():
    rows, errors = roster_parse(
        ("\ufeff" + HEADER + "\nAnna@X.example,Anna,Alt,a,,17,Lernende;Vorgesetzte\n")
        .encode())
    assert errors == []
    (row,) = rows
    assert (row.line, row.email, row.given_name, row.unit_code, row.employee_id) == (
        2, "anna@x.example", "Anna", "a", "17")
    assert row.roles == ("Lernende", "Vorgesetzte")


def test_csv_with_semicolons_and_columns_in_any_order():
    rows, errors = parse("unit_code;family_name;given_name;email\nb;Berg;Bo;bo@x.example\n")
    assert errors == [] and rows[0].unit_code == "b" and rows[0].supervisor_email == ""


def test_xlsx():
    dataset = tablib.Dataset(headers=list(COLUMNS))
    dataset.append(["c@x.example", "Carl", "Cors", "a", "", 4711, ""])
    rows, errors = roster_parse(dataset.export("xlsx"))
    assert errors == []
    assert rows[0].email == "c@x.example" and rows[0].employee_id == "4711"


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00binary", b"%PDF-1.4 something", b"PK\x03\x04broken zip",
    b"just one line of prose", b"",
])
def test_a_file_that_is_not_a_roster_gets_a_clear_message(content):
    rows, errors = roster_parse(content)
    assert rows == [] and errors
    assert errors[0]["code"] in {"not_readable", "missing_columns", "empty"}
    assert "CSV" in error_text(errors[0]) or errors[0]["code"] != "not_readable"


def test_missing_required_column_is_a_file_error():
    rows, errors = parse("email,given_name,family_name\na@x.example,A,B\n")
    assert rows == [] and [e["code"] for e in errors] == ["missing_columns"]
    assert "unit_code" in error_text(errors[0])


def test_header_only_is_empty():
    assert [e["code"] for e in parse(HEADER + "\n")[1]] == ["empty"]


def test_each_kind_of_row_error_names_its_line():
    text = HEADER + "\n" + "\n".join([
        "ok@x.example,O,K,a,,,",
        "ok@x.example,Dup,Licate,a,,,",                  # 3 duplicate email
        "not-an-email,M,E,a,,,",                         # 4 malformed
        "u@x.example,U,N,nowhere,,,",                    # 5 unknown unit
        "s@x.example,S,O,outside,,,",                    # 6 outside scope
        "v@x.example,V,S,a,boss@elsewhere.example,,",    # 7 supervisor unknown
        "r@x.example,R,O,a,,,Superuser",                 # 8 unknown role
        "e@x.example,,O,a,,,",                           # 9 given name empty
    ]) + "\n"
    rows, _ = parse(text)
    errors = rows_check(rows, unit_codes=UNITS, scope_codes={"a", "b"}, platform_emails=set(),
                        grantable_roles={"Lernende"})
    assert [(e["line"], e["code"]) for e in errors] == [
        (3, "duplicate_email"), (4, "bad_email"), (5, "unknown_unit"),
        (6, "unit_out_of_scope"), (8, "unknown_role"), (9, "required"),
        (7, "unknown_supervisor")]
    with translation.override("en"):
        assert all(f"Line {e['line']}" in error_text(e) for e in errors)
    with translation.override("de"):
        assert all(f"Zeile {e['line']}" in error_text(e) for e in errors)


def test_supervisor_in_the_file_or_on_the_platform_is_fine():
    assert check(HEADER + "\nb@x.example,B,B,a,,,\nc@x.example,C,C,a,b@x.example,,\n"
                 "d@x.example,D,D,a,known@x.example,,\n", platform={"known@x.example"}) == []


def test_own_supervisor_and_duplicate_employee_id():
    assert check(HEADER + "\nb@x.example,B,B,a,b@x.example,1,\nc@x.example,C,C,a,,1,\n") == [
        "duplicate_employee_id", "own_supervisor"]
