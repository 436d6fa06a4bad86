"""Builders of test data shared by the tests of several apps (plain functions).

Fixtures stay in the conftest files; what a test module imports lives here (or, for
request helpers, in tests/utils.py), so no test imports a conftest.
"""

import datetime
import io
import json
import uuid
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site

from accounts.models import User
from certificates.services import AchievementSnapshot
from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonRequirement
from courses.quizzes.scoring import quiz_questions
from volunteers.models import Placement
from volunteers.services import (
    application_consent_record,
    application_draft_get_or_create,
    application_step_save,
    document_add,
    preferences_set,
)

# --- accounts -------------------------------------------------------------------------


def role_user(email, role=None, **extra):
    user = User.objects.create_user(email=email, password="Geheim-12345", **extra)
    if role:
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
    return user


# --- files ----------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def pdf_upload(name="lebenslauf.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_image(title: str, colour: str = "navy", size=(240, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    buffer.seek(0)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


# --- volunteers -----------------------------------------------------------------------


def make_placement(year, host, slug, *, title=None, seats=1, focus="social-media",
                   published=True):
    placement = Placement.objects.create(
        host=host, programme_year=year, title=title or slug.replace("-", " ").title(),
        slug=slug, focus=focus, tasks="Aufgaben", seats=seats, published=published)
    placement.start_dates.set(year.start_dates.all())
    return placement


def complete_draft(applicant, year, placements, *, born=datetime.date(2006, 5, 4)):
    """A draft with every step filled in, ready to submit."""
    application = application_draft_get_or_create(applicant=applicant, programme_year=year)
    application_step_save(application=application, actor=applicant, data={
        "first_name": applicant.first_name, "last_name": applicant.last_name,
        "date_of_birth": born, "street": "Bahnhofstraße 3", "postcode": "99510",
        "town": "Apolda", "contact_email": applicant.email,
        "school_obligation_completed": True, "school_situation": "left",
        "start_date": year.start_dates.first(), "motivation": "Ich möchte Social Media machen.",
    })
    document_add(application=application, actor=applicant, kind="cv", upload=pdf_upload())
    preferences_set(application=application, actor=applicant, placements=placements)
    application_consent_record(application=application, actor=applicant)
    return application


# --- courses --------------------------------------------------------------------------


def answers_for(lesson: LessonPage, *, correct: bool = True) -> dict[str, list[str]]:
    """Answers to every question of the lesson's quiz, all right or all wrong."""
    answers = {}
    for question in quiz_questions(lesson.quiz_block().value):
        value, qid = question.value, str(question.id)
        if question.block_type == "true_false":
            answers[qid] = ["true" if bool(value["correct"]) == correct else "false"]
        elif question.block_type == "short_text":
            answers[qid] = [value["accepted_answers"][0] if correct else "keine Ahnung"]
        else:
            options = value["options"].bound_blocks
            chosen = [str(o.id) for o in options if bool(o.value["correct"]) == correct]
            answers[qid] = chosen[:1] if question.block_type == "single_choice" else chosen
    return answers


def h5p_body(content, *, completion: str = "passed", pass_mark: int = 80) -> str:
    return json.dumps([
        {"type": "paragraph", "id": str(uuid.uuid4()), "value": "<p>Spielen Sie die Übung.</p>"},
        {"type": "h5p", "id": str(uuid.uuid4()), "value": {
            "content": content.pk, "title": "", "completion": completion,
            "pass_mark": pass_mark}},
    ])


def make_course(*, content, slug: str = "h5p-kurs", completion: str = "passed",
                pass_mark: int = 80, requirement: str = LessonRequirement.PASSED):
    """A published course with one lesson that holds the H5P block."""
    index = CourseIndexPage.objects.get()
    course = CoursePage(title="H5P-Kurs", slug=slug, teaser="Interaktive Übungen.")
    index.add_child(instance=course)
    course.save_revision().publish()
    lesson = LessonPage(title="Übung", slug="uebung", requirement=requirement,
                        body=h5p_body(content, completion=completion, pass_mark=pass_mark))
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return course, LessonPage.objects.get(pk=lesson.pk)


def statement(*, verb: str = "answered", raw=None, max_=None, scaled=None, success=None,
              parent: bool = False, statement_id: str | None = None) -> dict:
    """An xAPI statement as the H5P player sends it."""
    result = {"completion": True, "duration": "PT3.2S"}
    score = {key: value for key, value in (("raw", raw), ("max", max_), ("scaled", scaled))
             if value is not None}
    if score:
        result["score"] = {"min": 0, **score}
    if success is not None:
        result["success"] = success
    context = {"contextActivities": {"category": [{"id": "http://h5p.org/libraries/"
                                                         "H5P.TestQuestion-1.0"}]}}
    if parent:
        context["contextActivities"]["parent"] = [{"id": "http://example/parent"}]
    return {
        "id": statement_id or str(uuid.uuid4()),
        "actor": {"name": "Max Muster", "mbox": "mailto:max@example.org",
                  "objectType": "Agent"},
        "authority": {"mbox": "mailto:admin@example.org"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}",
                 "display": {"en-US": verb}},
        "object": {"id": "http://testserver/h5p/x", "objectType": "Activity"},
        "context": {**context, "instructor": {"mbox": "mailto:t@example.org"}},
        "result": result,
    }


# --- certificates ---------------------------------------------------------------------


def snapshot(name="Ayşe Öztürk", **overrides) -> AchievementSnapshot:
    values = {"recipient_name": name, "title": "Datenschutz im Büro",
              "completed_on": datetime.date(2026, 3, 2), "content_version": "2026.1",
              "hours": Decimal("4.5"), "result": "bestanden"}
    values.update(overrides)
    return AchievementSnapshot(**values)


def catalogue_site() -> CourseIndexPage:
    """A default site (localhost) whose home page holds an empty catalogue at /kurse/."""
    home = HomePage(title="Start", slug="start")
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "root_page": home, "site_name": "Test"})
    index = CourseIndexPage(title="Kurse", slug="kurse")
    home.add_child(instance=index)
    return index
