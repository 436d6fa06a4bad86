"""Bulk course data: many courses, learners and progress rows, for load measurements.

Used by the benchmarks (bench/pages.py) and the query-count tests; it lives here, with the
models it fills, so that neither of them imports the other. Pages go through Wagtail's
tree API (as editors create them); learners, enrolments and progress rows are
bulk-inserted.
"""

import json
import random
import uuid

from django.utils import timezone

from accounts.models import User
from courses.models import (
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    LessonRequirement,
)

BATCH = 5000


def _lesson_body(key: str) -> str:
    return json.dumps([{"type": "paragraph", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
                        "value": "<p>Ein Absatz Lerninhalt für die Messung.</p>"}])


def build_courses(*, index: CourseIndexPage, courses: int, lessons_per_course: int,
                  prefix: str = "bench") -> list[CoursePage]:
    created = []
    for number in range(courses):
        course = CoursePage(title=f"Messkurs {prefix} {number}", slug=f"{prefix}-{number}",
                            teaser="Ein Kurs für die Lastmessung.", duration_minutes=30 + number,
                            format=CourseFormat.ONLINE, is_mandatory=number % 10 == 0)
        index.add_child(instance=course)
        for lesson_number in range(lessons_per_course):
            course.add_child(instance=LessonPage(
                title=f"Lektion {lesson_number + 1}", slug=f"lektion-{lesson_number + 1}",
                body=_lesson_body(f"{prefix}-{number}-{lesson_number}"),
                requirement=LessonRequirement.VIEWED))
        created.append(course)
    return created


def build_learners(*, count: int, prefix: str = "bench") -> list[User]:
    users = [User(email=f"{prefix}-{n}@bench.example", first_name="Test",
                  last_name=f"Person {n}", password="!") for n in range(count)]  # noqa: S106 - unusable password marker
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))


def build_progress(*, learners: list[User], courses: list[CoursePage],
                   enrolments_per_learner: int, seed: int = 1) -> int:
    """Enrol each learner in some courses and record progress; returns progress rows made."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable data set, not a secret
    lessons_by_course = {c.pk: list(LessonPage.objects.child_of(c).values_list("pk", flat=True))
                         for c in courses}
    enrolments = []
    for learner in learners:
        for course in rng.sample(courses, min(enrolments_per_learner, len(courses))):
            enrolments.append(Enrolment(learner=learner, course=course, course_title=course.title,
                                        status=EnrolmentStatus.ACTIVE))
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    now = timezone.now()
    rows, made = [], 0
    for enrolment in Enrolment.objects.filter(learner__in=learners).values_list(
            "pk", "course_id").iterator(chunk_size=BATCH):
        for lesson_id in lessons_by_course[enrolment[1]]:
            rows.append(LessonProgress(enrolment_id=enrolment[0], lesson_id=lesson_id,
                                       viewed_at=now))
        if len(rows) >= BATCH:
            LessonProgress.objects.bulk_create(rows, batch_size=BATCH)
            made += len(rows)
            rows = []
    LessonProgress.objects.bulk_create(rows, batch_size=BATCH)
    return made + len(rows)
