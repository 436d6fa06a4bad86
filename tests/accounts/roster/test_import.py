"""Staff roster import against the database: preview, apply, idempotency, full roster,
scope, the job and its admin screens, the command line."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.audit import ROSTER_IMPORT
from accounts.models import IdentitySource, OrgUnit, User
from accounts.roles import Role
from accounts.roster.models import RosterImport
from accounts.roster.services import (
    RosterHasErrors,
    roster_apply,
    roster_import_create,
    roster_import_queue,
    roster_preview,
)
from tests.factories import role_user

pytestmark = pytest.mark.django_db

DEMO_ROSTER = Path(settings.BASE_DIR) / "accounts" / "demo" / "roster.csv"
COORDINATOR = "koordination@demo.example"
HEADER = "email,given_name,family_name,unit_code,supervisor_email,employee_id,roles\n"


def demo_roster(fixed=True) -> bytes:
    content = DEMO_ROSTER.read_bytes()
    return content.replace(b"th-tls-unbekannt", b"th-tls") if fixed else content


def counts(plan):
    return (len(plan["create"]), len(plan["change"]), len(plan["deactivate"]),
            len(plan["errors"]))


def test_the_demo_roster_has_one_bad_row(demo):
    coordinator = User.objects.get(email=COORDINATOR)
    plan = roster_preview(demo_roster(fixed=False), actor=coordinator, full=False)
    assert [(e["line"], e["code"]) for e in plan["errors"]] == [(7, "unknown_unit")]
    with pytest.raises(RosterHasErrors):
        roster_apply(demo_roster(fixed=False), actor=coordinator, full=False)
    assert not User.objects.filter(email="m.becker@demo.example").exists()


def test_apply_creates_changes_sets_supervisors_and_a_second_run_changes_nothing(demo):
    coordinator = User.objects.get(email=COORDINATOR)
    plan = roster_preview(demo_roster(), actor=coordinator, full=False)
    assert counts(plan) == (4, 2, 0, 0)
    learner_change = next(item for item in plan["change"]
                          if item["email"] == "lernende@demo.example")
    assert "employee_id" in learner_change["fields"]
    assert roster_apply(demo_roster(), actor=coordinator, full=False) == {
        "created": 4, "changed": 2, "deactivated": 0}
    becker = User.objects.get(email="m.becker@demo.example")
    assert becker.supervisor.email == "n.fischer@demo.example"  # a supervisor created later
    assert becker.home_unit.code == "th-tlrz-service" and becker.employee_id == "TLRZ-1003"
    assert becker.identity_source == IdentitySource.STAFF_ROSTER and becker.is_active
    assert not becker.has_usable_password()
    assert becker.has_role(Role.LEARNER)
    assert User.objects.get(email="lernende@demo.example").identity_source == "staff_roster"
    assert ModelLogEntry.objects.filter(action=ROSTER_IMPORT, user=coordinator).count() == 1
    assert counts(roster_preview(demo_roster(), actor=coordinator, full=False)) == (0, 0, 0, 0)
    assert roster_apply(demo_roster(), actor=coordinator, full=False) == {
        "created": 0, "changed": 0, "deactivated": 0}


def test_match_by_employee_id_first_then_email(demo):
    role_user("old.address@demo.example", employee_id="E-1",
              home_unit=OrgUnit.objects.get(code="th-tls"))
    content = (HEADER + "new.address@demo.example,Neu,Name,th-tls,,E-1,\n").encode()
    plan = roster_preview(content, actor=None, full=False)
    assert counts(plan) == (0, 1, 0, 0)
    assert set(plan["change"][0]["fields"]) >= {"email", "given_name", "family_name"}
    roster_apply(content, actor=None, full=False)
    person = User.objects.get(employee_id="E-1")
    assert person.email == "new.address@demo.example"


def test_sso_identity_stays(demo):
    role_user("sso@demo.example", identity_source=IdentitySource.STAFF_SSO,
              first_name="S", last_name="O", home_unit=OrgUnit.objects.get(code="th-tls"))
    content = (HEADER + "sso@demo.example,S,O,th-tls,,,\n").encode()
    assert counts(roster_preview(content, actor=None, full=False)) == (0, 0, 0, 0)


def test_full_roster_deactivates_missing_roster_people_in_scope_only(demo):
    tls, apolda = OrgUnit.objects.get(code="th-tls"), OrgUnit.objects.get(code="gem-apolda")
    coordinator = role_user("scoped@demo.example", Role.COORDINATOR)
    coordinator.scope_units.add(OrgUnit.objects.get(code="th"))
    gone = role_user("gone@demo.example", identity_source=IdentitySource.STAFF_ROSTER,
                     home_unit=tls)
    elsewhere = role_user("elsewhere@demo.example", identity_source=IdentitySource.STAFF_ROSTER,
                          home_unit=apolda)
    by_hand = role_user("by.hand@demo.example", home_unit=tls)
    content = demo_roster()
    plan = roster_preview(content, actor=coordinator, full=True)
    assert [item["email"] for item in plan["deactivate"]] == ["gone@demo.example"]
    roster_apply(content, actor=coordinator, full=True)
    for person, active in ((gone, False), (elsewhere, True), (by_hand, True)):
        person.refresh_from_db()
        assert person.is_active is active
    # history kept: the account still exists; a later roster with them reactivates it
    again = content + b"gone@demo.example,Gone,Again,th-tls,,,\n"
    plan = roster_preview(again, actor=coordinator, full=True)
    assert plan["change"][-1]["fields"][-1] == "active"


def test_scope_and_grantable_roles_of_a_scoped_coordinator(demo):
    coordinator = role_user("scoped@demo.example", Role.COORDINATOR)
    coordinator.scope_units.add(OrgUnit.objects.get(code="th-tlrz"))
    content = (HEADER + "a@demo.example,A,A,th-tlrz-service,,,Lernende\n"
               "b@demo.example,B,B,gem-apolda,,,\n"
               "c@demo.example,C,C,th-tlrz,,,Redaktion\n"
               "admin@demo.example,A,P,th-tlrz,,,\n"
               "redaktion@demo.example,M,G,th-tlrz,,,\n").encode()
    plan = roster_preview(content, actor=coordinator, full=False)
    assert [(e["line"], e["code"]) for e in plan["errors"]] == [
        (3, "unit_out_of_scope"), (4, "unknown_role"), (5, "person_out_of_scope"),
        (6, "person_out_of_scope")]


def test_upload_preview_apply_and_progress_through_the_admin(demo, jobs_inline,
                                                            django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(User.objects.get(email=COORDINATOR))
    upload_url = reverse("roster_admin:upload")
    response = client.get(upload_url)
    assert response.status_code == 200
    response = client.post(upload_url, {"file": SimpleUploadedFile("roster.csv",
                                                                   demo_roster(False))})
    bad = RosterImport.objects.get()
    assert response.status_code == 302 and bad.errors and not bad.can_apply
    page = client.get(response["Location"]).content.decode()
    assert "data-roster-errors" in page and "th-tls-unbekannt" in page
    assert client.post(response["Location"]).status_code == 302
    bad.refresh_from_db()
    assert bad.state == RosterImport.State.PREVIEWED  # never applied
    response = client.post(upload_url, {"file": SimpleUploadedFile(
        "roster.csv", demo_roster()), "full_roster": "on"})
    good = RosterImport.objects.exclude(pk=bad.pk).get()
    assert good.can_apply and good.full_roster and good.preview["create"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
        client.post(response["Location"])  # a double click queues once
    assert jobs_inline == [("accounts.roster.tasks.roster_apply_task", (good.pk,))]
    good.refresh_from_db()
    assert (good.state, good.created_count, good.changed_count) == ("done", 4, 2)
    assert 'data-count="created">4<' in client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_a_roster_is_refused_with_a_message(demo):
    coordinator = User.objects.get(email=COORDINATOR)
    roster_import = roster_import_create(content=b"\x89PNG\r\n\x1a\nxxxx", file_name="a.png",
                                         actor=coordinator, full=False)
    assert [e["code"] for e in roster_import.errors] == ["not_readable"]
    with pytest.raises(RosterHasErrors):
        roster_import_queue(roster_import_id=roster_import.pk, actor=coordinator)


def test_imports_of_others_are_not_found_and_others_may_not_import(demo):
    coordinator = User.objects.get(email=COORDINATOR)
    roster_import = roster_import_create(content=demo_roster(), file_name="r.csv",
                                         actor=coordinator, full=False)
    other = role_user("other.coord@demo.example", Role.COORDINATOR)
    client = Client()
    client.force_login(other)
    assert client.get(reverse("roster_admin:detail", args=[roster_import.pk])).status_code == 404
    client.force_login(User.objects.get(email="redaktion@demo.example"))
    assert client.get(reverse("roster_admin:upload")).status_code in (302, 403)


def test_command_previews_applies_and_fails_on_errors(demo, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(demo_roster(False))
    with pytest.raises(CommandError) as failure:
        call_command("roster_import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert failure.value.returncode == 1
    path.write_bytes(demo_roster())
    out = io.StringIO()
    call_command("roster_import", str(path), stdout=out)
    assert "4 to create" in out.getvalue()
    assert not User.objects.filter(email="m.becker@demo.example").exists()
    out = io.StringIO()
    call_command("roster_import", str(path), "--apply", "--actor", COORDINATOR, stdout=out)
    assert "4 created" in out.getvalue()
    out = io.StringIO()
    call_command("roster_import", str(path), "--apply", stdout=out)
    assert "0 created, 0 changed, 0 deactivated" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("roster_import", str(path), "--actor", "lernende@demo.example",
                     stdout=io.StringIO())


def test_a_scoped_coordinator_grants_no_coordinator_role_and_leaves_admins_alone(demo):
    tlrz = OrgUnit.objects.get(code="th-tlrz")
    coordinator = role_user("scoped@demo.example", Role.COORDINATOR, home_unit=tlrz)
    coordinator.scope_units.add(tlrz)
    colleague = role_user("colleague@demo.example", Role.COORDINATOR, home_unit=tlrz,
                          identity_source=IdentitySource.STAFF_ROSTER)
    content = (HEADER + "new@demo.example,N,N,th-tlrz,,,Koordination\n"
               "colleague@demo.example,C,C,th-tlrz,,,\n"
               "scoped@demo.example,S,S,th-tlrz,,,\n").encode()
    plan = roster_preview(content, actor=coordinator, full=True)
    assert [(e["line"], e["code"]) for e in plan["errors"]] == [
        (2, "unknown_role"), (3, "administrator"), (4, "administrator")]
    plan = roster_preview((HEADER + "new@demo.example,N,N,th-tlrz,,,\n").encode(),
                          actor=coordinator, full=True)
    assert colleague.email not in [item["email"] for item in plan["deactivate"]]


def test_the_job_fails_cleanly_when_the_file_no_longer_fits(demo, jobs_queued):
    coordinator = User.objects.get(email=COORDINATOR)
    roster_import = roster_import_create(content=demo_roster(), file_name="r.csv",
                                         actor=coordinator, full=False)
    roster_import_queue(roster_import_id=roster_import.pk, actor=coordinator)
    roster_import.refresh_from_db()
    assert roster_import.state == RosterImport.State.QUEUED
    # meanwhile someone else holds the employee ID of a new person, and the address too
    role_user("m.becker@demo.example")
    role_user("someone.else@demo.example", employee_id="TLRZ-1003")
    from accounts.roster.tasks import roster_apply_task

    assert roster_apply_task(roster_import.pk) == RosterImport.State.FAILED
    roster_import.refresh_from_db()
    assert [e["code"] for e in roster_import.errors] == ["email_taken"]
    assert not User.objects.filter(email="n.fischer@demo.example").exists()
    assert roster_apply_task(roster_import.pk) == RosterImport.State.FAILED  # rerun: nothing


def test_command_reads_xlsx(demo, tmp_path):
    import tablib

    dataset = tablib.Dataset(headers=["email", "given_name", "family_name", "unit_code",
                                      "employee_id"])
    dataset.append(["x.lsx@demo.example", "Xenia", "Lsx", "th-tls", 4711])
    path = tmp_path / "roster.xlsx"
    path.write_bytes(dataset.export("xlsx"))
    call_command("roster_import", str(path), "--apply", stdout=io.StringIO())
    assert User.objects.get(email="x.lsx@demo.example").employee_id == "4711"
