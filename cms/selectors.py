"""Reads for "Mein Bereich": which of its sections have anything for the person."""

from django.db.models import Exists, OuterRef

from accounts.models import User
from certificates.models import Certificate
from core.prepared import PreparedQuery
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
    rows = _sections(user.pk)
    row = rows[0] if rows else None
    return {name: bool(row and row[index]) for index, name in enumerate(SECTIONS)}


def _sections_query(user_id: int):
    annotations = {f"has_{name}": Exists(rows()) for name, rows in SECTIONS.items()}
    return (User.objects.filter(pk=user_id).annotate(**annotations)
            .values_list(*annotations).order_by())


# Building nine subqueries costs more than running them: the query is prepared once.
_sections = PreparedQuery(_sections_query)
