"""What a roster would do: the plan (create, change, deactivate, errors), read-only.

People are matched by employee ID first (when the row has one and a person holds it),
then by email address (case-insensitive). Roles in the file are added, never taken away.
"""

from django.db.models import Q

from accounts.models import IdentitySource, OrgUnit, User
from accounts.roles import ADMIN_ROLES, ROLES_GRANTED_WITHIN_SCOPE, Role, roles_grantable_by
from accounts.roster.models import RosterImport
from accounts.roster.rules import RosterRow, error, rows_check
from accounts.selectors import orgunit_ids_in_scope


def roster_imports_for(user):
    """The imports a person may open: their own; a superuser's: all."""
    imports = RosterImport.objects.select_related("uploaded_by")
    return imports if user.is_superuser else imports.filter(uploaded_by=user)


def _grantable(actor) -> set[str] | None:
    """Roles the roster may add. A person created by the import has no coordination scope
    (that is: all units), so a coordinator limited to a scope grants no coordinator role."""
    if actor is None:
        return {role.value for role in Role}
    grantable = roles_grantable_by(actor)
    if grantable is None:
        return {role.value for role in Role}
    if orgunit_ids_in_scope(actor) is not None:
        grantable = grantable - ROLES_GRANTED_WITHIN_SCOPE
    return set(grantable)


def _protected(person: User, actor) -> bool:
    """Accounts the import leaves alone: administrators always; for a coordinator also
    people who work in the admin (coordination, editorial team) and the coordinator."""
    if person.is_superuser or person.is_staff:
        return True
    if actor is None or actor.is_superuser:
        return False
    return person.pk == actor.pk or any(group.name in ADMIN_ROLES
                                        for group in person.groups.all())


def _unit_ids_in_scope(actor) -> set[int] | None:
    return None if actor is None else orgunit_ids_in_scope(actor)


def roster_plan(rows: list[RosterRow], *, actor, full: bool) -> dict:
    """The preview of importing `rows` as `actor` (None: the command line, unlimited)."""
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    scope_ids = _unit_ids_in_scope(actor)
    scope_codes = (None if scope_ids is None
                   else {code for code, unit in units.items() if unit.pk in scope_ids})
    emails = {row.email for row in rows} | {row.supervisor_email for row in rows}
    employee_ids = {row.employee_id for row in rows if row.employee_id}
    people = list(User.objects.filter(Q(email__in=emails) | Q(employee_id__in=employee_ids))
                  .select_related("home_unit", "supervisor").prefetch_related("groups"))
    by_email = {person.email.lower(): person for person in people}
    by_employee_id = {person.employee_id: person for person in people if person.employee_id}
    errors = rows_check(rows, unit_codes=set(units), scope_codes=scope_codes,
                        platform_emails=set(by_email), grantable_roles=_grantable(actor))
    create, change, matched_ids = [], [], set()
    for row in rows:
        person = by_employee_id.get(row.employee_id) if row.employee_id else None
        if person is not None and person.email.lower() != row.email:
            other = by_email.get(row.email)
            if other is not None and other.pk != person.pk:
                errors.append(error("email_taken", row.line, value=row.email,
                                    employee_id=row.employee_id))
                continue
        person = person or by_email.get(row.email)
        if person is None:
            create.append({"line": row.line, "email": row.email,
                           "name": f"{row.given_name} {row.family_name}".strip(),
                           "unit": row.unit_code})
            continue
        matched_ids.add(person.pk)
        if scope_ids is not None and person.home_unit_id not in scope_ids:
            errors.append(error("person_out_of_scope", row.line, value=row.email))
            continue
        if _protected(person, actor):
            errors.append(error("administrator", row.line, value=row.email))
            continue
        fields = _changed_fields(person, row)
        if fields:
            change.append({"line": row.line, "email": row.email, "id": person.pk,
                           "name": f"{row.given_name} {row.family_name}".strip(),
                           "fields": fields})
    deactivate = []
    if full:
        missing = User.objects.filter(identity_source=IdentitySource.STAFF_ROSTER,
                                      is_active=True).exclude(pk__in=matched_ids)
        if scope_ids is not None:
            missing = missing.filter(home_unit__in=scope_ids)
        deactivate = [{"email": person.email, "id": person.pk,
                       "name": person.get_full_name()}
                      for person in missing.prefetch_related("groups").order_by("email")
                      if not _protected(person, actor)]
    errors.sort(key=lambda item: (item["line"] or 0))
    return {"errors": errors, "create": create, "change": change, "deactivate": deactivate,
            "rows": len(rows)}


def _changed_fields(person: User, row: RosterRow) -> list[str]:
    fields = []
    if person.email.lower() != row.email:
        fields.append("email")
    if person.first_name != row.given_name:
        fields.append("given_name")
    if person.last_name != row.family_name:
        fields.append("family_name")
    if (person.home_unit.code if person.home_unit_id else "") != row.unit_code:
        fields.append("unit_code")
    current_supervisor = person.supervisor.email.lower() if person.supervisor_id else ""
    if row.supervisor_email and current_supervisor != row.supervisor_email:
        fields.append("supervisor_email")
    if row.employee_id and person.employee_id != row.employee_id:
        fields.append("employee_id")
    held = {group.name for group in person.groups.all()}
    if set(row.roles) - held:
        fields.append("roles")
    if not person.is_active:
        fields.append("active")
    if person.identity_source not in (IdentitySource.STAFF_ROSTER, IdentitySource.STAFF_SSO):
        fields.append("identity_source")
    return fields
