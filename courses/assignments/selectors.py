"""Reads of assignments and compliance.

`compliance_state_expression(today)` is the SQL twin of courses.rules.compliance_state:
annotate PersonAssignment rows with it to count or filter states in the database.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import OrgUnit, User
from accounts.selectors import org_unit_descendant_ids, orgunit_ids_in_scope
from courses.assignments.models import Assignment, AssignmentTarget, Completion, PersonAssignment
from courses.rules import ComplianceState

CS = ComplianceState


def completion_counts_q(today: date) -> Q:
    """PersonAssignment rows whose completion counts today (see rules.completion_counts)."""
    return (Q(completed_at__isnull=False)
            & (Q(required_since__isnull=True) | Q(completed_at__gte=F("required_since")))
            & (Q(valid_until__isnull=True) | Q(valid_until__gte=today)))


def compliance_state_expression(today: date | None = None, prefix: str = "") -> Case:
    """The compliance state of PersonAssignment rows as a SQL CASE, in the order of
    courses.rules.compliance_state. `prefix` (e.g. "person_assignments__") lets other
    models annotate through a relation."""
    today = today or timezone.localdate()

    def q(condition: Q) -> Q:
        if not prefix:
            return condition
        return _prefixed(condition, prefix)

    return Case(
        When(q(completion_counts_q(today)), then=Value(CS.COMPLETED)),
        When(q(Q(due_date__lt=today)), then=Value(CS.OVERDUE)),
        When(q(Q(completed_at__isnull=False)), then=Value(CS.EXPIRED)),
        When(q(Q(started_at__isnull=False)), then=Value(CS.IN_PROGRESS)),
        default=Value(CS.NOT_STARTED),
        output_field=CharField(),
    )


def _prefixed(condition: Q, prefix: str) -> Q:
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            clone.children.append(_prefixed(child, prefix))
        else:
            key, value = child
            if isinstance(value, F):
                value = F(prefix + value.name)
            clone.children.append((prefix + key, value))
    return clone


def current_person_assignments() -> QuerySet:
    """The rows that count: people still assigned (history rows have `ended_at`)."""
    return PersonAssignment.objects.filter(ended_at__isnull=True)


@dataclass(frozen=True)
class ComplianceRow:
    person_id: int
    person_name: str
    person_email: str
    unit_id: int | None
    unit_name: str
    course_id: int | None
    course_title: str
    course_available: bool
    due_date: date | None
    mandatory: bool
    state: str
    started_at: datetime | None
    completed_at: datetime | None
    completed_version: str
    valid_until: date | None


def compliance_rows(*, users=None, courses=None, today: date | None = None,
                    mandatory_only: bool = False) -> list[ComplianceRow]:
    """Compliance of each current person row, overdue first then by due date and name.

    `users`/`courses`: querysets, id lists or None (all). One query.
    """
    today = today or timezone.localdate()
    rows = current_person_assignments()
    if users is not None:
        rows = rows.filter(user__in=users)
    if courses is not None:
        rows = rows.filter(course__in=courses)
    if mandatory_only:
        rows = rows.filter(mandatory=True)
    rows = (rows.annotate(state=compliance_state_expression(today))
            .select_related("user", "user__home_unit", "course")
            .order_by("user__last_name", "user__first_name", "user_id", "due_date", "pk"))
    result = [ComplianceRow(
        person_id=row.user_id, person_name=row.user.get_display_name(),
        person_email=row.user.email, unit_id=row.user.home_unit_id,
        unit_name=row.user.home_unit.name if row.user.home_unit_id else "",
        course_id=row.course_id, course_title=row.course.title if row.course else row.course_title,
        course_available=bool(row.course and row.course.live),
        due_date=row.due_date, mandatory=row.mandatory, state=row.state,
        started_at=row.started_at, completed_at=row.completed_at,
        completed_version=row.completed_version, valid_until=row.valid_until)
        for row in rows]
    order = {CS.OVERDUE: 0, CS.EXPIRED: 1, CS.NOT_STARTED: 2, CS.IN_PROGRESS: 3,
             CS.COMPLETED: 4}
    return sorted(result, key=lambda r: (order[r.state], r.due_date or date.max))


def assignments_for_user(user, today: date | None = None) -> dict[int, ComplianceRow]:
    """The user's current assigned courses by course id (for "Mein Bereich" and the
    catalogue cards). One query; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {row.course_id: row for row in compliance_rows(users=[user.pk], today=today)
            if row.course_id is not None}


def completion_history(*, user) -> list[Completion]:
    """Every completion of the user, newest first (the "earlier completions" list)."""
    return list(Completion.objects.filter(learner=user).order_by("-completed_at", "-pk"))


def assignment_target_users(assignment: Assignment) -> QuerySet:
    """The active users an assignment reaches now, by id."""
    users = User.objects.filter(is_active=True)
    if assignment.target_kind == AssignmentTarget.PERSON:
        return users.filter(pk=assignment.person_id)
    if assignment.target_kind == AssignmentTarget.UNIT:
        if assignment.include_subunits:
            unit = OrgUnit(pk=assignment.unit_id)
            return users.filter(home_unit__in=org_unit_descendant_ids(unit=unit))
        return users.filter(home_unit_id=assignment.unit_id)
    return users.filter(groups=assignment.group_id)


def assignments_reaching(user) -> list[Assignment]:
    """The current assignments that reach `user` (by person, home unit or its ancestors,
    or one of their groups)."""
    direct_unit = user.home_unit_id
    ancestors = [unit.pk for unit in user.home_unit.ancestors()] if direct_unit else []
    query = Q(target_kind=AssignmentTarget.PERSON, person=user)
    if direct_unit:
        query |= Q(target_kind=AssignmentTarget.UNIT, unit_id=direct_unit)
        query |= Q(target_kind=AssignmentTarget.UNIT, unit_id__in=ancestors,
                   include_subunits=True)
    query |= Q(target_kind=AssignmentTarget.ROLE, group__in=user.groups.all())
    return list(Assignment.objects.filter(query, ended_at__isnull=True, course__isnull=False)
                .select_related("course"))


def assignments_visible(*, user) -> QuerySet:
    """Assignments a coordinator may see: those whose target lies in their scope."""
    unit_ids = orgunit_ids_in_scope(user)
    rows = Assignment.objects.select_related("course", "person", "unit", "group",
                                             "created_by")
    if unit_ids is None:
        return rows
    return rows.filter(Q(unit__in=unit_ids) | Q(person__home_unit__in=unit_ids)
                       | Q(created_by=user))
