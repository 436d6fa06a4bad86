"""Importing a staff roster: check an upload (preview), then apply it in one transaction.

Applying recomputes the plan from the stored file inside the transaction, so what is
applied is what the file says at that moment; a file that now has errors fails and
changes nothing. Created people have no usable password and identity source
"staff roster"; they log in by single sign-on or set a password through the reset.
People missing from a full roster are deactivated, never deleted. Supervisors are set in
a second pass, after every person of the file exists.
"""

import hashlib
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import ROSTER_IMPORT, audit_log
from accounts.models import IdentitySource, OrgUnit, User
from accounts.roster.models import RosterImport
from accounts.roster.rules import roster_parse
from accounts.roster.selectors import roster_plan
from core.errors import DomainError
from core.jobs import enqueue_on_commit

APPLY_TASK = "accounts.roster.tasks.roster_apply_task"


class RosterHasErrors(DomainError):
    default_message = _("The roster has errors. Fix the file and upload it again.")

    def __init__(self, errors=(), message=None):
        super().__init__(message)
        self.errors = list(errors)


def roster_preview(content: bytes, *, actor, full: bool) -> dict:
    """The plan for a file's content, with file-level errors when it cannot be read."""
    rows, file_errors = roster_parse(content)
    if file_errors:
        return {"errors": file_errors, "create": [], "change": [], "deactivate": [],
                "rows": 0}
    return roster_plan(rows, actor=actor, full=full)


def roster_import_create(*, content: bytes, file_name: str, actor, full: bool) -> RosterImport:
    """Store an uploaded roster with its preview (nothing about people changes yet)."""
    plan = roster_preview(content, actor=actor, full=full)
    roster_import = RosterImport(
        file_name=Path(file_name).name[:200], file_hash=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor, full_roster=full, errors=plan["errors"], preview=plan,
        progress_total=len(plan["create"]) + len(plan["change"]) + len(plan["deactivate"]))
    suffix = ".xlsx" if Path(file_name).suffix.lower() == ".xlsx" else ".csv"
    roster_import.file.save(f"roster{suffix}", ContentFile(content), save=False)
    roster_import.save()
    return roster_import


def roster_import_queue(*, roster_import_id: int, actor) -> RosterImport:
    """Queue a checked, error-free import for the job; a second click changes nothing."""
    with transaction.atomic():
        roster_import = RosterImport.objects.select_for_update().get(pk=roster_import_id)
        if roster_import.state != RosterImport.State.PREVIEWED:
            return roster_import
        if roster_import.errors:
            raise RosterHasErrors()
        roster_import.state = RosterImport.State.QUEUED
        roster_import.save(update_fields=["state"])
        enqueue_on_commit(APPLY_TASK, roster_import.pk, group="roster-import", timeout=600)
    return roster_import


def roster_import_run(*, roster_import_id: int) -> RosterImport:
    """The job: apply a queued import (a rerun of a finished one does nothing)."""
    updated = RosterImport.objects.filter(pk=roster_import_id,
                                          state=RosterImport.State.QUEUED).update(
        state=RosterImport.State.RUNNING)
    roster_import = RosterImport.objects.select_related("uploaded_by").get(pk=roster_import_id)
    if not updated:
        return roster_import
    with roster_import.file.open("rb") as handle:
        content = handle.read()
    try:
        counts = roster_apply(content, actor=roster_import.uploaded_by,
                              full=roster_import.full_roster)
    except RosterHasErrors as failure:
        roster_import.state = RosterImport.State.FAILED
        roster_import.errors = failure.errors
    else:
        roster_import.state = RosterImport.State.DONE
        roster_import.created_count = counts["created"]
        roster_import.changed_count = counts["changed"]
        roster_import.deactivated_count = counts["deactivated"]
        roster_import.progress_done = roster_import.progress_total = sum(counts.values())
    roster_import.finished_at = timezone.now()
    roster_import.save()
    return roster_import


def roster_import_failed(*, roster_import_id: int) -> None:
    RosterImport.objects.filter(
        pk=roster_import_id, state__in=[RosterImport.State.QUEUED, RosterImport.State.RUNNING],
    ).update(state=RosterImport.State.FAILED, finished_at=timezone.now())


def roster_apply(content: bytes, *, actor, full: bool) -> dict[str, int]:
    """Apply a roster atomically; raises RosterHasErrors (changing nothing) on any error."""
    rows, file_errors = roster_parse(content)
    with transaction.atomic():
        plan = ({"errors": file_errors} if file_errors
                else roster_plan(rows, actor=actor, full=full))
        if plan["errors"]:
            raise RosterHasErrors(plan["errors"])
        units = {unit.code: unit for unit in OrgUnit.objects.all()}
        groups = {group.name: group for group in Group.objects.all()}
        by_line = {row.line: row for row in rows}
        people: dict[str, User] = {}
        # Supervisors already known are set in the first pass (one save per person: every
        # save of a person runs the other apps' receivers); the rest in the second.
        known = {person.email.lower(): person for person in User.objects.filter(
            email__in={row.supervisor_email for row in rows if row.supervisor_email})}

        def supervisor_now(row):
            return people.get(row.supervisor_email) or known.get(row.supervisor_email)
        for item in plan["create"]:
            row = by_line[item["line"]]
            person = User.objects.create_user(
                email=row.email, password=None, first_name=row.given_name,
                last_name=row.family_name, home_unit=units[row.unit_code],
                employee_id=row.employee_id, identity_source=IdentitySource.STAFF_ROSTER,
                supervisor=supervisor_now(row))
            person.groups.add(*(groups[role] for role in row.roles if role in groups))
            people[row.email] = person
        for item in plan["change"]:
            row = by_line[item["line"]]
            person = User.objects.get(pk=item["id"])
            person.email = row.email
            person.first_name, person.last_name = row.given_name, row.family_name
            person.home_unit = units[row.unit_code]
            person.employee_id = row.employee_id or person.employee_id
            person.is_active = True
            person.supervisor = supervisor_now(row) or person.supervisor
            if person.identity_source != IdentitySource.STAFF_SSO:
                person.identity_source = IdentitySource.STAFF_ROSTER
            person.save()
            person.groups.add(*(groups[role] for role in row.roles if role in groups))
            people[row.email] = person
        # Second pass: every person of the file exists now.
        for row in rows:
            if not row.supervisor_email:
                continue
            supervisor = (people.get(row.supervisor_email)
                          or User.objects.get(email__iexact=row.supervisor_email))
            person = people.get(row.email) or User.objects.get(email__iexact=row.email)
            if person.supervisor_id != supervisor.pk:
                person.supervisor = supervisor
                person.save(update_fields=["supervisor"])
        deactivate_ids = [item["id"] for item in plan["deactivate"]]
        User.objects.filter(pk__in=deactivate_ids).update(is_active=False)
        counts = {"created": len(plan["create"]), "changed": len(plan["change"]),
                  "deactivated": len(deactivate_ids)}
        if actor is not None and any(counts.values()):
            audit_log(action=ROSTER_IMPORT, user=actor, data={**counts, "full": full})
    return counts
