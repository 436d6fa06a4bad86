"""Reads for the coordinators' reports and the AI-Act evidence report.

Every figure is counted in the database with one GROUP BY and rolled up the organisation
tree in Python: the tree is one query, so the number of queries does not grow with the
number of units. A coordinator's scope (accounts: scope units and everything below them)
limits every report; people outside it are never counted.
"""

import datetime
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import OrgUnit, User
from accounts.selectors import person_in_scope_q
from courses.assignments.models import Completion, PersonAssignment
from courses.assignments.selectors import (
    ComplianceRow,
    completion_counts_q,
    compliance_rows,
    compliance_state_expression,
    current_person_assignments,
)
from courses.catalogue.models import CoursePage
from courses.rules import ComplianceState

CS = ComplianceState
STATES = (CS.COMPLETED, CS.IN_PROGRESS, CS.NOT_STARTED, CS.OVERDUE, CS.EXPIRED)
# Missing people first in the evidence report: what the authority has to act on.
STATE_ORDER = {CS.OVERDUE: 0, CS.EXPIRED: 1, CS.NOT_STARTED: 2, CS.IN_PROGRESS: 3,
               CS.COMPLETED: 4}


# --- the organisation tree and the coordinator's part of it ------------------------------


@dataclass(frozen=True)
class UnitNode:
    pk: int
    name: str
    code: str
    parent_id: int | None


@dataclass
class UnitTree:
    """The whole organisation tree, loaded with one query."""

    units: dict[int, UnitNode]
    children: dict[int | None, list[int]]

    def subtree(self, root_id: int) -> list[int]:
        """The unit and every unit below it, depth first (parents before children)."""
        found, stack = [], [root_id]
        while stack:
            unit_id = stack.pop()
            found.append(unit_id)
            stack.extend(reversed(self.children.get(unit_id, [])))
        return found

    def top_of(self, unit_ids: set[int]) -> list[int]:
        """The units of the set that have no ancestor in the set, by name."""
        tops = []
        for unit_id in unit_ids:
            parent = self.units[unit_id].parent_id
            while parent is not None and parent not in unit_ids:
                parent = self.units[parent].parent_id
            if parent is None:
                tops.append(unit_id)
        return sorted(tops, key=lambda pk: self.units[pk].name)


def unit_tree() -> UnitTree:
    """Every organisation unit, children sorted by name (one query)."""
    units = {row["pk"]: UnitNode(**row) for row in OrgUnit.objects.order_by("name", "pk")
             .values("pk", "name", "code", "parent_id")}
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units.values():
        children[unit.parent_id].append(unit.pk)
    return UnitTree(units=units, children=dict(children))


def scope_unit_ids(user: User, tree: UnitTree) -> set[int] | None:
    """The units a coordinator sees (their scope units and all below), worked out on the
    loaded tree; None: no limit (superusers, coordinators without scope units). The same
    answer as accounts.selectors.orgunit_ids_in_scope, in one query for any depth."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    roots = set(user.scope_units.values_list("pk", flat=True))
    if not roots:
        return None
    return {unit_id for root in roots if root in tree.units for unit_id in tree.subtree(root)}


def report_unit_ids(*, user: User | None, tree: UnitTree,
                    unit: OrgUnit | None) -> set[int] | None:
    """The units a report covers: the chosen unit with its sub-units, within the user's
    scope (user None: the command line, no limit); None: every unit, and people without one."""
    allowed = None if user is None else scope_unit_ids(user, tree)
    if unit is None:
        return allowed
    chosen = set(tree.subtree(unit.pk)) if unit.pk in tree.units else set()
    return chosen if allowed is None else chosen & allowed


# --- compliance per unit, rolled up ----------------------------------------------------


@dataclass
class StateCounts:
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    expired: int = 0

    @property
    def total(self) -> int:
        return (self.completed + self.in_progress + self.not_started + self.overdue
                + self.expired)

    @property
    def rate(self) -> float:
        """Completed (and still valid) as a percentage of everyone assigned, one decimal."""
        return round(100 * self.completed / self.total, 1) if self.total else 0.0

    def add(self, other: "StateCounts") -> None:
        for state in STATES:
            setattr(self, state, getattr(self, state) + getattr(other, state))


@dataclass
class UnitCompliance(StateCounts):
    """One unit's figures with everything below it rolled up."""

    unit_id: int | None = None
    name: str = ""
    code: str = ""
    depth: int = 0
    parent_name: str = ""

    @property
    def indented_name(self) -> str:
        return "\u2003" * self.depth + self.name


@dataclass
class ComplianceReport:
    rows: list[UnitCompliance]
    total: StateCounts = field(default_factory=StateCounts)
    without_unit: StateCounts = field(default_factory=StateCounts)


def state_counts(today: datetime.date) -> dict[str, Count]:
    """How many rows are in each compliance state, as aggregates grouped by anything.

    The states in the order of courses.rules.compliance_state (the first that applies):
    completed, overdue, expired, in progress, not started. Counting with FILTER per state
    instead of grouping by the CASE of compliance_state_expression keeps one group per
    unit: measured 2.4 times faster on 1,000,000 rows. tests/courses/reports compare both.
    "Not completed" negates the completion rule whole (it is never NULL): fewer tests per
    row than negating each part (10-15 % faster). COUNT(1), not the id: every column read
    is in the index person_assignment_compliance, so PostgreSQL reads the index alone.
    """
    completed = completion_counts_q(today)
    not_completed = ~Q(ExpressionWrapper(completed, output_field=BooleanField()))
    overdue = Q(due_date__lt=today)
    on_time = Q(due_date__isnull=True) | Q(due_date__gte=today)
    never_completed = Q(completed_at__isnull=True)
    started = Q(started_at__isnull=False)
    row = Value(1)
    return {
        "completed": Count(row, filter=completed),
        "overdue": Count(row, filter=not_completed & overdue),
        "expired": Count(row, filter=on_time & ~never_completed & not_completed),
        "in_progress": Count(row, filter=on_time & never_completed & started),
        "not_started": Count(row, filter=on_time & never_completed & ~started),
    }


def _assignments(*, course: CoursePage | None, mandatory_only: bool) -> QuerySet:
    rows = current_person_assignments()
    if course is not None:
        rows = rows.filter(course=course)
    if mandatory_only:
        rows = rows.filter(mandatory=True)
    return rows


def compliance_by_unit(*, user: User | None, course: CoursePage | None = None,
                       unit: OrgUnit | None = None, mandatory_only: bool = False,
                       today: datetime.date | None = None) -> ComplianceReport:
    """Per organisation unit: how many assigned courses are completed, in progress, not
    started, overdue or expired, each unit's figures including all its sub-units.

    Three queries whatever the number of units: the tree, the scope, and one GROUP BY on
    the home unit stored on each assigned course (no join: PersonAssignment.home_unit is
    kept equal to the person's home unit). Units without anyone assigned are left out.
    """
    today = today or timezone.localdate()
    tree = unit_tree()
    unit_ids = report_unit_ids(user=user, tree=tree, unit=unit)
    rows = _assignments(course=course, mandatory_only=mandatory_only)
    if unit_ids is not None:
        rows = rows.filter(home_unit__in=unit_ids)
    own: dict[int | None, StateCounts] = defaultdict(StateCounts)
    with _counting_settings():
        for row in rows.values("home_unit_id").annotate(**state_counts(today)).order_by():
            unit_id = row.pop("home_unit_id")
            own[unit_id] = StateCounts(**row)

    report = ComplianceReport(rows=[])
    report.without_unit = own.pop(None, StateCounts())
    tops = tree.top_of(unit_ids) if unit_ids is not None else tree.children.get(None, [])
    for top in tops:
        report.rows.extend(_rolled_up(tree, top, own))
    for row in report.rows:
        if row.depth == 0:
            report.total.add(row)
    report.total.add(report.without_unit)
    report.rows = [row for row in report.rows if row.total]
    return report


@contextmanager
def _counting_settings():
    """PostgreSQL settings for the one count over every assigned course, for it alone.

    JIT costs more than it saves here (about 170 ms of a whole-state report). The default
    random_page_cost (4, for spinning disks) makes the planner read the table (215 MB for
    1,000,000 rows) rather than the index holding every column the count needs (63 MB, in
    unit order): 1.1, usual for SSDs and cached data, picks the index (30-40 % faster)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def _rolled_up(tree: UnitTree, top: int, own: dict) -> list[UnitCompliance]:
    """The subtree below `top` in display order, each row with its descendants' counts."""
    order = tree.subtree(top)
    depth = {top: 0}
    rows: dict[int, UnitCompliance] = {}
    for unit_id in order:
        node = tree.units[unit_id]
        if unit_id != top:
            depth[unit_id] = depth[node.parent_id] + 1
        parent = tree.units.get(node.parent_id) if node.parent_id else None
        rows[unit_id] = UnitCompliance(unit_id=unit_id, name=node.name, code=node.code,
                                       depth=depth[unit_id],
                                       parent_name=parent.name if parent else "")
        rows[unit_id].add(own.get(unit_id, StateCounts()))
    for unit_id in reversed(order):  # children before their parents
        parent_id = tree.units[unit_id].parent_id
        if unit_id != top and parent_id in rows:
            rows[parent_id].add(rows[unit_id])
    return [rows[unit_id] for unit_id in order]


# --- overdue list ----------------------------------------------------------------------


def overdue_assignments(*, user: User | None, course: CoursePage | None = None,
                        unit: OrgUnit | None = None, mandatory_only: bool = False,
                        today: datetime.date | None = None) -> QuerySet[PersonAssignment]:
    """Current assigned courses past their due date without a valid completion, the
    longest overdue first, with person, unit and course loaded."""
    today = today or timezone.localdate()
    rows = _assignments(course=course, mandatory_only=mandatory_only)
    if user is not None:
        rows = rows.filter(person_in_scope_q(user=user, field="user"))
    if unit is not None:
        rows = rows.filter(user__home_unit__in=unit_tree().subtree(unit.pk))
    return (rows.annotate(state=compliance_state_expression(today))
            .filter(state=CS.OVERDUE)
            .select_related("user", "user__home_unit", "course")
            .order_by("due_date", "user__last_name", "user__first_name", "pk"))


def overdue_count(*, user: User, today: datetime.date | None = None) -> int:
    """How many current mandatory courses are overdue within the user's scope."""
    return overdue_assignments(user=user, mandatory_only=True, today=today).count()


# --- completions per month -------------------------------------------------------------


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date
    count: int
    people: int = 0


def completions_per_month(*, user: User | None, course: CoursePage | None = None,
                          unit: OrgUnit | None = None,
                          since: datetime.date | None = None,
                          until: datetime.date | None = None) -> list[MonthCount]:
    """Completions recorded per month (every completion counts, re-completions too) and
    how many different people they were, within the user's scope. One query."""
    completions = Completion.objects.all()
    if user is not None:
        completions = completions.filter(person_in_scope_q(user=user, field="learner"))
    if course is not None:
        completions = completions.filter(course=course)
    if unit is not None:
        completions = completions.filter(learner__home_unit__in=unit_tree().subtree(unit.pk))
    if since:
        completions = completions.filter(completed_at__date__gte=since)
    if until:
        completions = completions.filter(completed_at__date__lte=until)
    rows = (completions.annotate(month=TruncMonth("completed_at")).values("month")
            .annotate(count=Count("pk"), people=Count("learner", distinct=True))
            .order_by("month"))
    return [MonthCount(month=_as_date(row["month"]), count=row["count"], people=row["people"])
            for row in rows]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# --- AI-Act evidence -------------------------------------------------------------------


@dataclass
class EvidenceReport:
    """Who of an authority (a unit with its sub-units) completed which content version of
    a course when, and who is missing, in progress or overdue."""

    course_title: str
    course_slug: str
    course_version: str  # the course's current content version
    unit_name: str
    unit_code: str
    created_at: datetime.datetime
    today: datetime.date
    rows: list[ComplianceRow]
    counts: StateCounts
    versions: list[str]  # the content versions the listed completions cover


def evidence_report(*, course: CoursePage, unit: OrgUnit | None, user: User | None = None,
                    today: datetime.date | None = None,
                    now: datetime.datetime | None = None) -> EvidenceReport:
    """The evidence report for one course and one unit with its sub-units (None: every
    unit), limited to the user's scope (None: the command line, no limit). A constant
    number of queries."""
    today = today or timezone.localdate()
    tree = unit_tree()
    unit_ids = report_unit_ids(user=user, tree=tree, unit=unit)
    people = User.objects.all()
    if unit_ids is not None:
        people = people.filter(home_unit__in=unit_ids)
    rows = compliance_rows(users=people.values("pk"), courses=[course.pk], today=today)
    rows.sort(key=lambda row: (STATE_ORDER[row.state], row.unit_name, row.person_name))
    counts = StateCounts()
    for row in rows:
        setattr(counts, row.state, getattr(counts, row.state) + 1)
    versions = sorted({row.completed_version for row in rows
                       if row.completed_at and row.completed_version})
    return EvidenceReport(course_title=course.title, course_slug=course.slug,
                          course_version=course.content_version,
                          unit_name=unit.name if unit else "", unit_code=unit.code if unit else "",
                          created_at=now or timezone.now(), today=today, rows=rows,
                          counts=counts, versions=versions)


def orgunits_for_reports(*, user: User) -> QuerySet[OrgUnit]:
    """The units a coordinator may choose in a report filter."""
    tree = unit_tree()
    unit_ids = scope_unit_ids(user, tree)
    units = OrgUnit.objects.order_by("name")
    return units if unit_ids is None else units.filter(pk__in=unit_ids)


def evidence_courses() -> QuerySet[CoursePage]:
    """The courses an evidence report can be made for (also unpublished ones: the evidence
    of an earlier obligation stays)."""
    return CoursePage.objects.order_by("title")


def course_by_slug(slug: str) -> CoursePage | None:
    return CoursePage.objects.filter(slug=slug).order_by("-live", "pk").first()


def unit_by_code(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code).first()

