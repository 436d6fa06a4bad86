"""Reads for "Mein Bereich": which of its sections have anything for the person."""

from functools import cache

from django.db import connection
from django.db.models import Exists, OuterRef

from accounts.models import User
from certificates.models import Certificate
from courses.assignments.models import Completion, PersonAssignment
from volunteers.applications.models import Application
from volunteers.placements.models import HostOrganisation
from volunteers.seminar_days.models import Seminar
from volunteers.service.models import Service

# Each section of "Mein Bereich" whose rows may be missing, and the rows that make it show.
SECTIONS = {
    "groups": lambda: User.groups.through.objects.filter(user_id=OuterRef("pk")),
    "permissions": lambda: User.user_permissions.through.objects.filter(
        user_id=OuterRef("pk")),
    "applications": lambda: Application.objects.filter(applicant_id=OuterRef("pk")),
    "services": lambda: Service.objects.filter(volunteer_id=OuterRef("pk")),
    "leads_seminars": lambda: Seminar.objects.filter(responsible_id=OuterRef("pk")),
    "host_contact": lambda: HostOrganisation.contacts.through.objects.filter(
        user_id=OuterRef("pk")),
    "assignments": lambda: PersonAssignment.objects.filter(user_id=OuterRef("pk"),
                                                            ended_at__isnull=True),
    "completions": lambda: Completion.objects.filter(learner_id=OuterRef("pk")),
    "certificates": lambda: Certificate.objects.filter(recipient_id=OuterRef("pk")),
}


def dashboard_sections(*, user: User) -> dict[str, bool]:
    """{section: whether the person has any row for it}, from one query, so that "Mein
    Bereich" reads only the sections that can show something."""
    sql, params = _sections_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, user.pk])
        row = cursor.fetchone()
    return {name: bool(row and row[index]) for index, name in enumerate(SECTIONS)}


@cache
def _sections_sql(vendor: str) -> tuple[str, tuple]:
    """The query's SQL and its parameters but the person's id (which comes last).

    Building nine subqueries costs more than running them: they are built once.
    """
    annotations = {f"has_{name}": Exists(rows()) for name, rows in SECTIONS.items()}
    query = User.objects.annotate(**annotations).values(*annotations).order_by().query
    sql, params = query.sql_with_params()
    quote = connection.ops.quote_name
    return (f"{sql} WHERE {quote(User._meta.db_table)}.{quote(User._meta.pk.column)} = %s",
            params)
