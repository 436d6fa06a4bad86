"""Reads of "Mein Team": who belongs to a supervisor's team, and their training state.

A supervisor's team is their direct reports (User.supervisor) and, when asked for, every
active person whose home unit is the supervisor's home unit or a unit below it. Nobody
else, whatever the request's parameters say.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import org_unit_descendant_ids
from courses.assignments.selectors import ComplianceRow, compliance_rows
from courses.rules import ComplianceState

CS = ComplianceState
STATE_ORDER = {CS.OVERDUE: 0, CS.EXPIRED: 1, CS.NOT_STARTED: 2, CS.IN_PROGRESS: 3,
               CS.COMPLETED: 4}


def is_supervisor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.has_role(Role.SUPERVISOR))


def team_members(*, supervisor: User, whole_unit: bool = False) -> QuerySet:
    """The active people of the supervisor's team, never the supervisor themself."""
    query = Q(supervisor=supervisor)
    if whole_unit and supervisor.home_unit_id:
        query |= Q(home_unit__in=org_unit_descendant_ids(unit=supervisor.home_unit))
    return (User.objects.filter(query, is_active=True).exclude(pk=supervisor.pk)
            .select_related("home_unit").order_by("last_name", "first_name", "email"))


@dataclass
class TeamOverview:
    people: list[User]
    rows: list[ComplianceRow]  # overdue first, then expired, not started, in progress, done
    without_training: list[User]
    counts: dict[str, int] = field(default_factory=dict)


def team_overview(*, supervisor: User, whole_unit: bool = False, person_id: int | None = None,
                  mandatory_only: bool = False, today: date | None = None) -> TeamOverview:
    """The team's assigned training, one row per person and course, overdue first.

    `person_id` narrows it to one member (None when that person is not in the team: the
    caller answers 404). A constant number of queries.
    """
    today = today or timezone.localdate()
    people = list(team_members(supervisor=supervisor, whole_unit=whole_unit))
    if person_id is not None:
        people = [person for person in people if person.pk == person_id]
    rows = compliance_rows(users=[person.pk for person in people], today=today,
                           mandatory_only=mandatory_only) if people else []
    rows.sort(key=lambda row: (STATE_ORDER[row.state], row.due_date or date.max,
                               row.person_name.lower(), row.course_title.lower()))
    with_rows = {row.person_id for row in rows}
    return TeamOverview(people=people, rows=rows,
                        without_training=[p for p in people if p.pk not in with_rows],
                        counts=dict(Counter(row.state for row in rows)))


def team_member_ids(*, supervisor: User, whole_unit: bool = True) -> set[int]:
    return set(team_members(supervisor=supervisor, whole_unit=whole_unit)
               .values_list("pk", flat=True))
