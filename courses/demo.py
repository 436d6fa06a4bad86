"""Demo courses for `seed_demo`: four real-looking courses, a learner mid-way and one done."""

import json
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import user_ensure
from certificates.models import Certificate
from courses.assignments.models import (
    Assignment,
    AssignmentReach,
    Completion,
    PersonAssignment,
)
from courses.assignments.services import assignment_apply, assignment_create
from courses.demo_content import BF, COURSES, DS, EA, KI, TOPICS, block_id, prose
from courses.h5p.demo import seed_h5p_demo
from courses.models import (
    CompetenceArea,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    Enrolment,
    LessonPage,
    LessonRequirement,
    ModulePage,
)
from courses.quizzes.scoring import quiz_questions
from courses.quizzes.services import quiz_attempt_submit
from courses.rules import completion_valid_until
from courses.services import enrolment_create, lesson_view_record


def _child(parent, model, slug: str, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lesson(parent, slug, title, requirement, body):
    return _child(parent, LessonPage, slug, title=title, requirement=requirement,
                  body=json.dumps(body), duration_minutes=10)


@transaction.atomic
def seed_courses(*, index: CourseIndexPage) -> dict[str, CoursePage]:
    topics = {slug: CourseTopic.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name_en})[0]
        for slug, name, name_en in TOPICS}
    courses = {}
    for data in COURSES:
        data = dict(data)
        lessons, modules = data.pop("lessons", []), data.pop("modules", [])
        areas, topic = data.pop("areas"), data.pop("topic")
        existing = index.get_children().filter(slug=data["slug"]).exists()
        course = _child(index, CoursePage, data.pop("slug"), topic=topics[topic], **data)
        if not existing:
            course.competence_areas.set(CompetenceArea.objects.filter(code__in=areas))
            course.save_revision().publish()
        for slug, title, requirement, body in lessons:
            _lesson(course, slug, title, requirement, body)
        for slug, title, module_lessons in modules:
            module = _child(course, ModulePage, slug, title=title)
            for lesson_slug, lesson_title, requirement, body in module_lessons:
                _lesson(module, lesson_slug, lesson_title, requirement, body)
        courses[course.slug] = course
    return courses


def seed_h5p_lesson(*, courses: dict[str, CoursePage]) -> LessonPage:
    """An interactive H5P exercise in the E-Akte course, answered to count."""
    content = seed_h5p_demo()
    body = [
        prose(EA + "h5p", "Auch im digitalen Posteingang landen verdächtige E-Mails. Die "
              "Übung läuft direkt im Browser; Ihre Antwort zählt, sobald Sie sie abgeschickt "
              "haben."),
        {"type": "h5p", "id": block_id(EA, "h5p"), "value": {
            "content": content.pk, "title": "Übung: verdächtige E-Mails im Posteingang",
            "completion": "answered", "pass_mark": 80}},
    ]
    return _lesson(courses[EA], "uebung-posteingang", "Übung: verdächtige E-Mails",
                   LessonRequirement.ANSWERED, body)


def seed_learner_progress(*, courses: dict[str, CoursePage]) -> None:
    """The demo learner: part-way through the AI course, finished with accessible documents."""
    learner = User.objects.filter(email="lernende@demo.example").first()
    if learner is None or Enrolment.objects.filter(learner=learner).exists():
        return
    ki = enrolment_create(learner=learner, course=courses[KI])
    for lesson in LessonPage.objects.live().descendant_of(courses[KI]).order_by("path")[:2]:
        lesson_view_record(enrolment=ki, lesson=lesson)
    done = enrolment_create(learner=learner, course=courses[BF])
    for lesson in LessonPage.objects.live().descendant_of(courses[BF]).order_by("path"):
        lesson_view_record(enrolment=done, lesson=lesson)
        quiz = lesson.quiz_block()
        if quiz is not None:
            answers = {}
            for question in quiz_questions(quiz.value):
                if question.block_type == "true_false":
                    answers[str(question.id)] = ["true" if question.value["correct"]
                                                 else "false"]
                else:
                    answers[str(question.id)] = [
                        str(bound.id) for bound in question.value["options"].bound_blocks
                        if bound.value["correct"]]
            quiz_attempt_submit(enrolment=done, lesson=lesson, quiz_block_id=str(quiz.id),
                                answers=answers,
                                submission_token=uuid.UUID(block_id("demo-attempt", lesson.slug)))


# --- assignments (issue 11) ------------------------------------------------------------

# The demo supervisor's team at the state statistics office (below the interior ministry):
# (email, first name, last name). The demo logins themselves are not assigned anything, so
# their own pages stay as the other demos describe them.
TEAM = [("mia.becker@demo.example", "Mia", "Becker"),
        ("paul.schmidt@demo.example", "Paul", "Schmidt"),
        ("lena.fischer@demo.example", "Lena", "Fischer"),
        ("tim.hartmann@demo.example", "Tim", "Hartmann")]
TEAM_UNIT = "th-tls"
# Staff of a town in the district, so that the district's assignment reaches someone.
DISTRICT_STAFF = [("jan.wolf@demo.example", "Jan", "Wolf", "gem-arnstadt"),
                  ("sara.koch@demo.example", "Sara", "Koch", "gem-ilmenau")]
# The AI course is mandatory here (a ministry with the units below it, and a district).
KI_UNITS = (("th-tmikl", 60), ("lk-ilm-kreis", 90))


def _complete_course(*, learner: User, course: CoursePage) -> Enrolment:
    """Complete a course as a learner would: every lesson viewed, every quiz passed."""
    enrolment = enrolment_create(learner=learner, course=course)
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        lesson_view_record(enrolment=enrolment, lesson=lesson)
        quiz = lesson.quiz_block()
        if quiz is None:
            continue
        answers = {}
        for question in quiz_questions(quiz.value):
            value = question.value
            if question.block_type == "true_false":
                answers[str(question.id)] = ["true" if value["correct"] else "false"]
            elif question.block_type == "short_text":
                answers[str(question.id)] = [value["accepted_answers"][0]]
            else:
                answers[str(question.id)] = [str(bound.id) for bound in
                                             value["options"].bound_blocks
                                             if bound.value["correct"]]
        quiz_attempt_submit(enrolment=enrolment, lesson=lesson, quiz_block_id=str(quiz.id),
                            answers=answers, submission_token=uuid.UUID(
                                block_id("demo-attempt", learner.email, lesson.slug)))
    enrolment.refresh_from_db()
    return enrolment


def _backdate_completion(*, enrolment: Enrolment, days_ago: int) -> None:
    """Move a fresh completion into the past (a completion close to its expiry)."""
    course = enrolment.course
    completed_at = timezone.now() - timedelta(days=days_ago)
    valid_until = completion_valid_until(completed_on=timezone.localdate(completed_at),
                                         validity_months=course.validity_months)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=completed_at)
    Completion.objects.filter(enrolment=enrolment).update(completed_at=completed_at,
                                                          valid_until=valid_until)
    Certificate.objects.filter(recipient=enrolment.learner, title=course.title,
                               status="queued").update(
        completed_on=timezone.localdate(completed_at), valid_until=valid_until)


@transaction.atomic
def seed_assignments(*, courses: dict[str, CoursePage]) -> None:
    """The AI course is mandatory for the interior ministry (with the statistics office below
    it) and the district Ilm-Kreis; the demo supervisor's team shows one person done, one in
    progress, one overdue and one not started; Mia Becker's data protection certificate
    expires in three weeks. Idempotent: a second run finds the assignments and stops."""
    supervisor = User.objects.filter(email="vorgesetzte@demo.example").first()
    coordinator = User.objects.filter(email="koordination@demo.example").first()
    unit = OrgUnit.objects.filter(code=TEAM_UNIT).first()
    if supervisor is None or coordinator is None or unit is None:
        return
    ki, privacy = courses[KI], courses[DS]
    if Assignment.objects.filter(course=ki, unit__code=KI_UNITS[0][0]).exists():
        return
    team = {}
    for email, first, last in TEAM:
        team[email] = user_ensure(email=email, password=None, first_name=first,
                                  last_name=last, roles=[Role.LEARNER], home_unit=unit,
                                  supervisor=supervisor)
    for email, first, last, code in DISTRICT_STAFF:
        user_ensure(email=email, password=None, first_name=first, last_name=last,
                    roles=[Role.LEARNER], home_unit=OrgUnit.objects.get(code=code))
    mia = team["mia.becker@demo.example"]
    _complete_course(learner=mia, course=ki)
    old = _complete_course(learner=mia, course=privacy)
    # 24 months' validity: expires in three weeks
    _backdate_completion(enrolment=old, days_ago=730 - 21)
    today = timezone.localdate()
    created = []
    for code, due_days in KI_UNITS:
        assignment, _new = assignment_create(
            actor=coordinator, course=ki, target_kind="unit",
            unit=OrgUnit.objects.get(code=code), include_subunits=True, mandatory=True,
            due_date=today + timedelta(days=due_days))
        created.append(assignment)
    assignment, _new = assignment_create(
        actor=coordinator, course=privacy, target_kind="unit", unit=unit, mandatory=True,
        due_date=today + timedelta(days=45))
    created.append(assignment)
    for assignment in created:  # at once, so the demo needs no worker for this
        assignment_apply(assignment_id=assignment.pk)
    # Lena Fischer has started: two lessons read
    lena = Enrolment.objects.get(learner=team["lena.fischer@demo.example"], course=ki)
    for lesson in LessonPage.objects.live().descendant_of(ki).order_by("path")[:2]:
        lesson_view_record(enrolment=lena, lesson=lesson)
    # Paul Schmidt's deadline has passed: as if he had been assigned long ago
    paul = team["paul.schmidt@demo.example"]
    overdue = today - timedelta(days=14)
    rows = PersonAssignment.objects.filter(user=paul, course=ki, ended_at__isnull=True)
    AssignmentReach.objects.filter(person_assignment__in=rows).update(due_date=overdue)
    rows.update(due_date=overdue)
    Enrolment.objects.filter(learner=paul, course=ki).update(due_date=overdue)
