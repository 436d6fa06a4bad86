"""Demo content of approvals for `manage.py seed_demo`: a seminar-like course that needs
the supervisor's approval, and the demo learner's request waiting for the demo supervisor.
Idempotent: a second run finds the course and the request."""

import json
import uuid

from django.db import transaction

from accounts.models import User
from courses.approvals.models import ApprovalRequest
from courses.approvals.services import course_enrolment_request
from courses.catalogue.models import CourseFormat, CourseIndexPage, CoursePage, LessonPage
from courses.rules import LessonRequirement

SLUG = "projektmanagement-verwaltung"


def _course(index: CourseIndexPage) -> CoursePage:
    existing = index.get_children().filter(slug=SLUG).first()
    if existing is not None:
        return existing.specific
    course = CoursePage(
        slug=SLUG, title="Projektmanagement in der Verwaltung",
        teaser="Projekte planen, steuern und abschließen – mit Freigabe durch Ihre "
               "Vorgesetzte oder Ihren Vorgesetzten.",
        description="<p>Ein kompakter Kurs für alle, die Projekte in der Verwaltung "
                    "verantworten. Die Teilnahme findet in der Arbeitszeit statt und muss "
                    "deshalb genehmigt werden.</p>",
        target_group="Beschäftigte mit Projektverantwortung.", duration_minutes=90,
        format=CourseFormat.ONLINE, requires_approval=True, content_version="2026.1")
    index.add_child(instance=course)
    course.save_revision().publish()
    lesson = LessonPage(
        slug="projektauftrag", title="Der Projektauftrag", requirement=LessonRequirement.VIEWED,
        duration_minutes=20, body=json.dumps([{
            "type": "paragraph", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, SLUG + "-1")),
            "value": "<p>Ein Projektauftrag nennt Ziel, Umfang, Termine und Verantwortliche. "
                     "Ohne ihn beginnt kein Projekt.</p>"}]))
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return course


@transaction.atomic
def seed_approvals() -> ApprovalRequest | None:
    """The approval course and the demo learner's pending request to the demo supervisor."""
    index = CourseIndexPage.objects.first()
    learner = User.objects.filter(email="lernende@demo.example").first()
    if index is None or learner is None:
        return None
    course = _course(index)
    enrolment = course_enrolment_request(learner=learner, course=course)
    return ApprovalRequest.objects.filter(enrolment=enrolment).order_by("-pk").first()
