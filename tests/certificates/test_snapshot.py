"""What a certificate says is frozen when the course is completed, whatever changes later."""

import hashlib
import io
import uuid

import pypdf
import pytest

from accounts.models import User
from certificates.models import Certificate, CertificateStatus
from certificates.tasks import certificate_render_task
from courses.models import CoursePage, LessonPage
from courses.quizzes.services import quiz_attempt_submit
from courses.services import (
    enrolment_create,
    enrolment_evaluate,
    lesson_view_record,
)
from tests.factories import answers_for

S = CertificateStatus


@pytest.fixture
def completed(demo, enqueued, django_capture_on_commit_callbacks) -> Certificate:
    """A learner completes a demo course through the courses services; the job issues."""
    learner = User.objects.get(email="vorgesetzte@demo.example")
    course = CoursePage.objects.get(slug="ki-dienstanweisung")
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    enrolment = enrolment_create(learner=learner, course=course)
    for lesson in lessons[:-1]:
        lesson_view_record(enrolment=enrolment, lesson=lesson)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_attempt_submit(enrolment=enrolment, lesson=lessons[-1],
                            quiz_block_id=str(lessons[-1].quiz_block().id),
                            answers=answers_for(lessons[-1], correct=True),
                            submission_token=uuid.uuid4())
    certificate = Certificate.objects.get(recipient=learner)
    assert enqueued == [("certificates.tasks.certificate_render_task", (certificate.pk,))]
    certificate_render_task(certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == S.ISSUED
    return certificate


def frozen(certificate: Certificate) -> dict:
    return {field: getattr(certificate, field) for field in (
        "recipient_name", "title", "content_version", "completed_on", "hours", "result",
        "issuer_name", "valid_until", "code", "status", "issued_at", "pdf_sha256", "pdf_size",
        "version")}


@pytest.mark.django_db
def test_renaming_the_person_and_editing_the_course_change_nothing_already_issued(
        completed, client, enqueued):
    before = frozen(completed)
    with completed.pdf.open("rb") as handle:
        pdf_before = handle.read()
    page_before = client.get(f"/nachweis/{completed.code_display}/").content.decode()
    old_name, old_title = completed.recipient_name, completed.title
    assert old_name in page_before and old_title in page_before

    learner = completed.recipient
    learner.first_name, learner.last_name = "Friederike", "Umbenannt"
    learner.save()
    course = CoursePage.objects.get(slug="ki-dienstanweisung")
    course.title, course.content_version, course.duration_minutes = (
        "KI-Leitlinie, völlig neu", "2027.1", 600)
    course.save_revision().publish()
    # A late re-evaluation of the completion asks for nothing new.
    assert enrolment_evaluate(enrolment=learner.enrolments.get(course=course)) is True
    certificate_render_task(completed.pk)  # a late duplicate job

    completed.refresh_from_db()
    assert frozen(completed) == before
    assert Certificate.objects.filter(recipient=learner).count() == 1
    assert len(enqueued) == 1
    with completed.pdf.open("rb") as handle:
        pdf_after = handle.read()
    assert pdf_after == pdf_before
    assert hashlib.sha256(pdf_after).hexdigest() == before["pdf_sha256"]
    text = pypdf.PdfReader(io.BytesIO(pdf_after)).pages[0].extract_text()
    assert old_name in text and "Umbenannt" not in text and "völlig neu" not in text

    page_after = client.get(f"/nachweis/{completed.code_display}/").content.decode()
    assert old_name in page_after and old_title in page_after
    assert "Umbenannt" not in page_after and "völlig neu" not in page_after
    assert "2027.1" not in page_after
